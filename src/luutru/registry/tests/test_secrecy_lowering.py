"""Lowering a document's secrecy (issue 8 item 3): decided by the head of the body,
with clearance for the current level and a reason, audited, and signalled; the edit
form never offers a level the user may not set."""

from __future__ import annotations

import pytest

from luutru.audit.models import Event
from luutru.core.errors import RuleViolation
from luutru.orgs.models import Role, Secrecy
from luutru.registry.models import Document
from luutru.registry.services import update_document_metadata
from luutru.registry.signals import document_secrecy_changed
from luutru.testing import make_user


@pytest.fixture
def secret_doc(upload, world):
    world.cleared_clerk = make_user("vanthu_mat", world.office, Role.CLERK, clearance=Secrecy.MAT)
    doc, _ = upload(actor=world.cleared_clerk, secrecy=Secrecy.MAT)
    assert doc.secrecy == Secrecy.MAT
    return doc


@pytest.fixture
def signals():
    seen = []

    def listener(sender, document, before, after, actor, **kw):
        seen.append((document.pk, before, after, getattr(actor, "pk", None)))

    document_secrecy_changed.connect(listener)
    yield seen
    document_secrecy_changed.disconnect(listener)


def test_a_cleared_clerk_may_not_declassify(world, secret_doc, signals):
    with pytest.raises(RuleViolation) as refused:
        update_document_metadata(
            world.cleared_clerk, secret_doc, {"secrecy": 0}, reason="hết hạn bảo vệ"
        )
    assert any("người đứng đầu" in m for m in refused.value.messages)
    assert Document.objects.get(pk=secret_doc.pk).secrecy == Secrecy.MAT
    assert signals == []


@pytest.mark.parametrize("reason", ["", "   ", "\x00", "\x00\x1b\u200b\u202e"])
def test_the_head_needs_a_printable_reason(world, secret_doc, reason):
    with pytest.raises(RuleViolation) as refused:
        update_document_metadata(world.head, secret_doc, {"secrecy": 0}, reason=reason)
    assert any("lý do" in m.lower() for m in refused.value.messages)
    assert Document.objects.get(pk=secret_doc.pk).secrecy == Secrecy.MAT


def test_the_head_declassifies_with_a_reason_audited_and_signalled(world, secret_doc, signals):
    doc = update_document_metadata(
        world.head, secret_doc, {"secrecy": 0}, reason=" Quyết định số 5-QĐ/VPTU\x00 "
    )
    assert doc.secrecy == Secrecy.NONE
    event = Event.objects.get(action="document.secrecy_lowered", object_id=str(doc.pk))
    assert event.before == {"secrecy": 1}
    assert event.after == {"secrecy": 0, "reason": "Quyết định số 5-QĐ/VPTU"}
    assert signals == [(doc.pk, 1, 0, world.head.pk)]


def test_raising_needs_no_reason_and_is_signalled(world, upload, signals):
    doc, _ = upload(actor=world.head)
    doc = update_document_metadata(world.head, doc, {"secrecy": Secrecy.TOI_MAT})
    assert doc.secrecy == Secrecy.TOI_MAT
    assert signals == [(doc.pk, 0, 2, world.head.pk)]


def test_the_edit_form_offers_no_lower_level_and_a_post_cannot_force_one(client, world, secret_doc):
    client.force_login(world.cleared_clerk)
    page = client.get(f"/van-ban/{secret_doc.pk}/sua/")
    assert page.status_code == 200
    select = page.content.decode().split('name="secrecy"')[1].split("</select>")[0]
    assert 'value="0"' not in select and 'value="1"' in select
    assert "Lý do giảm độ mật" not in page.content.decode()
    form = {
        "doc_type": secret_doc.doc_type_id,
        "symbol": secret_doc.symbol_display,
        "issued_date": secret_doc.issued_date.strftime("%d/%m/%Y"),
        "subject": secret_doc.subject,
        "secrecy": 0,
        "urgency": 0,
    }
    client.post(f"/van-ban/{secret_doc.pk}/sua/", form)
    assert Document.objects.get(pk=secret_doc.pk).secrecy == Secrecy.MAT
    client.force_login(world.head)
    page = client.get(f"/van-ban/{secret_doc.pk}/sua/").content.decode()
    assert 'value="0"' in page.split('name="secrecy"')[1].split("</select>")[0]
    assert "Lý do giảm độ mật" in page
    done = client.post(
        f"/van-ban/{secret_doc.pk}/sua/", {**form, "secrecy_reason": "Quyết định 5-QĐ/VPTU"}
    )
    assert done.status_code == 302
    assert Document.objects.get(pk=secret_doc.pk).secrecy == Secrecy.NONE
