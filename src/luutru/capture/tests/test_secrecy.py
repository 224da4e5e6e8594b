"""Secret files in capture (issue 8, items 2 and 3): every read of a capture item goes
through the access policy with the secrecy the parser saw or suspects, and lowering a
level needs clearance, the head's role, a reason and an audit event."""

from __future__ import annotations

import json

import pytest

from luutru.access.api_auth import issue_token
from luutru.audit.models import Event
from luutru.capture import services
from luutru.capture.models import ImportItem, ItemState
from luutru.capture.runner import run_batch
from luutru.capture.tests.conftest import incoming
from luutru.capture.tests.files import make_party_letter
from luutru.core.errors import RuleViolation
from luutru.orgs.models import Role, Secrecy
from luutru.registry.signals import document_secrecy_changed
from luutru.testing import make_user

NAME = "bao-cao-QZ7731.pdf"
SUBJECT = "về công tác bảo vệ QZ7731 trong cơ quan"


def _capture(world, uploader, data: bytes, name: str = NAME):
    # The upload screen labels a one-file batch with the file's name.
    batch = services.start_batch(uploader, world.office, label=name)
    services.add_files(batch, incoming({name: data}))
    services.seal(batch)
    run_batch(batch, jobs=1)
    batch.refresh_from_db()
    return batch, batch.items.get()


@pytest.fixture
def secret(world):
    """A MẬT letter taken in by a clerk cleared for MẬT."""
    world.cleared_clerk = make_user("vanthu_mat", world.office, Role.CLERK, clearance=Secrecy.MAT)
    batch, item = _capture(
        world, world.cleared_clerk, make_party_letter(mark="MẬT", subject=SUBJECT)
    )
    return batch, item


def _client(client, user):
    client.logout()
    client.force_login(user)
    return client


def test_the_parser_sets_the_item_secrecy(secret):
    _, item = secret
    assert item.secrecy == Secrecy.MAT
    assert item.document is not None and item.document.secrecy == Secrecy.MAT


def test_an_uncleared_colleague_never_reads_a_secret_capture(client, world, secret):
    batch, item = secret
    c = _client(client, world.official)  # same body, clearance 0
    page = c.get(f"/nhap-tai-lieu/dot/{batch.pk}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert NAME not in text and "QZ7731" not in text
    assert "1 tệp" in text and "không được xem" in text  # counted, never named
    assert c.get(f"/nhap-tai-lieu/tep/{item.pk}/").status_code == 404
    assert c.get(f"/nhap-tai-lieu/tep/{item.pk}/trang-1.png").status_code == 404
    listing = c.get("/nhap-tai-lieu/").content.decode()
    assert NAME not in listing and "QZ7731" not in listing

    token = issue_token(world.official, "thử")
    api = c.get(f"/api/capture/batches/{batch.pk}", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert api.status_code == 200
    data = json.loads(api.content)
    assert data["items"] == [] and data["counts"]["hidden"] == 1
    assert "QZ7731" not in api.content.decode() and NAME not in api.content.decode()


def test_a_cleared_head_and_the_uploader_read_it(client, world, secret):
    batch, item = secret
    for user in (world.head, world.cleared_clerk):
        c = _client(client, user)
        assert NAME in c.get(f"/nhap-tai-lieu/dot/{batch.pk}/").content.decode()
        assert c.get(f"/nhap-tai-lieu/tep/{item.pk}/").status_code == 200
        assert c.get(f"/nhap-tai-lieu/tep/{item.pk}/trang-1.png").status_code == 200


def test_a_suspected_stamp_hides_the_file_until_confirmed(client, world):
    """An OCR-garbled "MẬT" (a box read as letters) is a suspicion: the item takes the
    level, goes to review saying why, and an uncleared colleague cannot read it."""
    uploader = make_user("vanthu_mat2", world.office, Role.CLERK, clearance=Secrecy.TOI_MAT)
    batch, item = _capture(world, uploader, make_party_letter(mark="IMẬTI", subject=SUBJECT))
    assert item.secrecy == Secrecy.MAT and not item.secrecy_confirmed
    assert item.state == ItemState.REVIEW and "độ mật" in item.reason.lower()
    assert item.document is None or item.document.secrecy >= Secrecy.MAT
    c = _client(client, world.official)
    assert c.get(f"/nhap-tai-lieu/tep/{item.pk}/").status_code == 404
    assert NAME not in c.get(f"/nhap-tai-lieu/dot/{batch.pk}/").content.decode()


def test_a_secret_in_the_body_is_no_suspicion(world):
    uploader = make_user("vanthu_0", world.office, Role.CLERK)
    _, item = _capture(world, uploader, make_party_letter(subject="về bảo vệ bí mật nhà nước"))
    assert item.secrecy == Secrecy.NONE


# ---------------------------------------------------------------- item 3: lowering


def _form(item, **over):
    from luutru.rules.queries import document_types

    nq = document_types(item.batch.org).filter(abbrev="NQ").first()
    return {
        "doc_type": nq.pk,
        "symbol": "12-NQ/TU",
        "issued_date": "04/02/2025",
        "organ_name": "",
        "subject": SUBJECT,
        "signer_full_name": "",
        "signer_position": "",
        "page_amount": "",
        "secrecy": 0,
        "urgency": 0,
        "description": "",
        **over,
    }


def _to_review(item):
    ImportItem.objects.filter(pk=item.pk).update(state=ItemState.REVIEW)
    item.refresh_from_db()
    return item


def test_an_uncleared_colleague_cannot_post_secrecy_0(client, world, secret):
    item = _to_review(secret[1])
    c = _client(client, world.official)
    r = c.post(f"/nhap-tai-lieu/tep/{item.pk}/", _form(item))
    assert r.status_code == 404
    item.refresh_from_db()
    assert item.document.secrecy == Secrecy.MAT and item.state == ItemState.REVIEW


def test_a_cleared_clerk_cannot_lower_it_and_is_not_offered_lower_levels(client, world, secret):
    item = _to_review(secret[1])
    c = _client(client, world.cleared_clerk)
    page = c.get(f"/nhap-tai-lieu/tep/{item.pk}/").content.decode()
    assert 'value="0"' not in page.split('name="secrecy"')[1].split("</select>")[0]
    r = c.post(f"/nhap-tai-lieu/tep/{item.pk}/", _form(item, secrecy_reason="nhầm"))
    assert r.status_code == 200
    item.refresh_from_db()
    assert item.document.secrecy == Secrecy.MAT and item.state == ItemState.REVIEW
    with pytest.raises(RuleViolation) as refused:
        services.confirm_item(
            world.cleared_clerk, item, {**_form(item), "secrecy": 0}, reason="nhầm"
        )
    assert any("người đứng đầu" in m for m in refused.value.messages)


def test_the_head_lowers_it_only_with_a_reason_and_it_is_audited(world, secret):
    item = _to_review(secret[1])
    meta = {**_form(item), "secrecy": 0}
    for bad in ("", "\x00\x00", " \x1b\u202e "):
        with pytest.raises(RuleViolation) as refused:
            services.confirm_item(world.head, item, meta, reason=bad)
        assert any("lý do" in m.lower() for m in refused.value.messages)
    seen = []

    def listener(sender, document, before, after, actor, **kw):
        seen.append((document.pk, before, after, actor.pk))

    document_secrecy_changed.connect(listener)
    try:
        doc = services.confirm_item(world.head, item, meta, reason="Đã hết thời hạn bảo vệ")
    finally:
        document_secrecy_changed.disconnect(listener)
    assert doc.secrecy == Secrecy.NONE
    item.refresh_from_db()
    assert item.secrecy == Secrecy.NONE and item.secrecy_confirmed
    assert seen == [(doc.pk, Secrecy.MAT, Secrecy.NONE, world.head.pk)]
    event = Event.objects.get(action="document.secrecy_lowered", object_id=str(doc.pk))
    assert event.after["reason"] == "Đã hết thời hạn bảo vệ"
    assert (event.before["secrecy"], event.after["secrecy"]) == (1, 0)
