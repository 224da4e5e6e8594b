"""A dossier's secrecy is derived from its documents at every change (issue 8, item 4),
and its exports list only what the reader may see."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.test import Client

from luutru.access.models import Grant
from luutru.audit.models import Event
from luutru.filing import services
from luutru.filing.models import Dossier
from luutru.filing.tests.conftest import make_document, retention
from luutru.orgs.models import Secrecy
from luutru.registry.services import update_document_metadata
from luutru.testing import PASSWORD

SECRET_SUBJECT = "Về phương án bảo vệ mục tiêu QZSECRETZ"
PLAIN_SUBJECT = "Về công tác văn thư năm 2025"


def _open(world, actor=None):
    import datetime as dt

    return services.open_dossier(
        actor or world.head,
        world.office,
        title="Hồ sơ thử độ mật",
        file_notation="09.VP",
        retention=retention(),
        creator=world.head.person,
        start_date=dt.date(2025, 1, 2),
        year=2025,
    )


def _set_secrecy(actor, doc, level, reason=""):
    """Through the registry service, as the issue's repro does."""
    return update_document_metadata(actor, doc, {"secrecy": level}, reason=reason)


def _level(dossier) -> int:
    return Dossier.objects.get(pk=dossier.pk).secrecy


def _export_text(content: bytes) -> str:
    if content.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(content)) as z:
            return "\n".join(
                z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml")
            )
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(content)
    try:
        return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()


def test_raising_a_document_raises_its_open_dossier_and_hides_its_exports(world):
    dossier = _open(world)
    doc = make_document(world.head, world.office, subject=SECRET_SUBJECT)
    services.add_document_to_dossier(world.head, dossier, doc)
    assert _level(dossier) == Secrecy.NONE

    _set_secrecy(world.head, doc, Secrecy.MAT)

    assert _level(dossier) == Secrecy.MAT
    colleague = Client()
    colleague.login(username=world.official2.username, password=PASSWORD)
    for fmt in ("pdf", "docx", "xlsx"):
        r = colleague.get(f"/bieu-mau/ho-so/{dossier.pk}/muc-luc.{fmt}")
        assert r.status_code == 404, fmt
        assert b"QZSECRETZ" not in r.content
    event = Event.objects.filter(action="dossier.secrecy", object_id=str(dossier.pk)).last()
    assert event is not None
    assert event.before["secrecy"] == Secrecy.NONE and event.after["secrecy"] == Secrecy.MAT


def test_lowering_a_document_lowers_the_dossier_but_not_below_the_declared_level(world):
    dossier = _open(world)
    Dossier.objects.filter(pk=dossier.pk).update(declared_secrecy=Secrecy.MAT, secrecy=Secrecy.MAT)
    doc = make_document(world.head, world.office, subject=SECRET_SUBJECT, secrecy=Secrecy.TOI_MAT)
    services.add_document_to_dossier(world.head, dossier, doc)
    assert _level(dossier) == Secrecy.TOI_MAT

    _set_secrecy(world.head, doc, Secrecy.NONE, reason="Đã giải mật theo quyết định số 12-QĐ/TU")

    assert _level(dossier) == Secrecy.MAT  # the declared floor stays


def test_removing_the_secret_document_lowers_the_dossier_to_what_remains(world):
    dossier = _open(world)
    secret = make_document(world.head, world.office, subject=SECRET_SUBJECT, secrecy=Secrecy.MAT)
    plain = make_document(world.head, world.office, subject=PLAIN_SUBJECT, number="13")
    services.add_document_to_dossier(world.head, dossier, secret)
    services.add_document_to_dossier(world.head, dossier, plain)
    assert _level(dossier) == Secrecy.MAT

    services.remove_document(world.head, dossier, secret, "Đưa nhầm vào hồ sơ")

    assert _level(dossier) == Secrecy.NONE
    assert Event.objects.filter(action="dossier.secrecy", object_id=str(dossier.pk)).count() == 2


def test_closing_keeps_the_declared_level(world):
    dossier = _open(world)
    Dossier.objects.filter(pk=dossier.pk).update(declared_secrecy=Secrecy.MAT, secrecy=Secrecy.MAT)
    doc = make_document(world.head, world.office, subject=PLAIN_SUBJECT)
    services.add_document_to_dossier(world.head, dossier, doc)

    services.close_dossier(world.head, dossier, confirm_retention=True)

    assert _level(dossier) == Secrecy.MAT


def test_every_export_of_a_granted_dossier_hides_the_documents_the_reader_may_not_see(world):
    """A grant opens the dossier, not the secret documents inside it."""
    dossier = _open(world)
    secret = make_document(world.head, world.office, subject=SECRET_SUBJECT, secrecy=Secrecy.MAT)
    services.add_document_to_dossier(world.head, dossier, secret)
    Grant.objects.create(
        person=world.official2.person, object_type="dossier", object_id=dossier.pk, reason="thử"
    )
    client = Client()
    client.login(username=world.official2.username, password=PASSWORD)
    urls = [f"/bieu-mau/ho-so/{dossier.pk}/muc-luc.{fmt}" for fmt in ("pdf", "docx", "xlsx")]
    urls.append(f"/bieu-mau/ho-so/{dossier.pk}/bia.docx")
    for url in urls:
        r = client.get(url)
        assert r.status_code == 200, url
        text = _export_text(r.content)
        assert "QZSECRETZ" not in text, url
    r = client.get(f"/bieu-mau/ho-so/{dossier.pk}/muc-luc.docx")
    assert "không có quyền xem" in _export_text(r.content)

    services.close_dossier(world.head, dossier, confirm_retention=True)
    for url in [*urls, f"/ho-so/{dossier.pk}/muc-luc/", f"/ho-so/{dossier.pk}/muc-luc.xlsx"]:
        r = client.get(url)
        assert r.status_code == 200, url
        text = r.content.decode() if url.endswith("/") else _export_text(r.content)
        assert "QZSECRETZ" not in text, url


def test_a_declared_level_is_a_floor_raised_by_the_cleared_and_lowered_only_by_the_head(world):
    from luutru.core.errors import RuleViolation

    dossier = _open(world, world.head)
    doc = make_document(world.head, world.office, subject=PLAIN_SUBJECT)
    services.add_document_to_dossier(world.head, dossier, doc)

    with pytest.raises(RuleViolation, match="tiếp cận"):
        services.declare_dossier_secrecy(world.official, dossier, Secrecy.MAT)
    services.declare_dossier_secrecy(world.head, dossier, Secrecy.MAT)
    assert _level(dossier) == Secrecy.MAT
    assert Dossier.objects.get(pk=dossier.pk).declared_secrecy == Secrecy.MAT
    assert Event.objects.filter(action="dossier.declare_secrecy").count() == 1

    with pytest.raises(RuleViolation, match="lý do"):
        services.declare_dossier_secrecy(world.head, dossier, Secrecy.NONE)
    assert _level(dossier) == Secrecy.MAT
    services.declare_dossier_secrecy(
        world.head, dossier, Secrecy.NONE, reason="Giải mật theo quyết định số 7-QĐ/VPTU"
    )
    assert _level(dossier) == Secrecy.NONE


def test_the_dossier_page_declares_a_level_and_says_why_a_refusal(world):
    dossier = _open(world, world.head)
    head = Client()
    head.login(username=world.head.username, password=PASSWORD)
    page = head.get(f"/ho-so/{dossier.pk}/").content.decode()
    assert f"/ho-so/{dossier.pk}/do-mat/" in page

    r = head.post(f"/ho-so/{dossier.pk}/do-mat/", {"muc": "1"}, follow=True)
    assert r.status_code == 200
    assert _level(dossier) == Secrecy.MAT
    assert "Mật" in r.content.decode()

    r = head.post(f"/ho-so/{dossier.pk}/do-mat/", {"muc": "0"}, follow=True)
    assert "Hãy ghi lý do giảm độ mật" in r.content.decode()
    assert _level(dossier) == Secrecy.MAT
    for bad in ("x", "²", "10" * 20):
        r = head.post(f"/ho-so/{dossier.pk}/do-mat/", {"muc": bad}, follow=True)
        assert r.status_code == 200 and "Độ mật không hợp lệ" in r.content.decode()
    assert _level(dossier) == Secrecy.MAT


def test_the_migration_raises_stale_dossiers_and_keeps_a_higher_level_as_declared(world):
    """Dossiers formed before the level was derived: one left below a raised document,
    one set above its documents by hand (that level was declared)."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("luutru.filing.migrations.0002_dossier_declared_secrecy")
    stale = _open(world)
    doc = make_document(world.head, world.office, subject=SECRET_SUBJECT, secrecy=Secrecy.MAT)
    services.add_document_to_dossier(world.head, stale, doc)
    declared = services.open_dossier(
        world.head,
        world.office,
        title="Hồ sơ xác định mật",
        file_notation="10.VP",
        retention=retention(),
        creator=world.head.person,
        start_date=stale.start_date,
        year=2025,
    )
    plain = make_document(world.head, world.office, subject=PLAIN_SUBJECT, number="14")
    services.add_document_to_dossier(world.head, declared, plain)
    Dossier.objects.filter(pk=stale.pk).update(secrecy=0, declared_secrecy=0)
    Dossier.objects.filter(pk=declared.pk).update(secrecy=Secrecy.TOI_MAT, declared_secrecy=0)

    migration.derive_levels(apps, None)

    stale.refresh_from_db()
    declared.refresh_from_db()
    assert (stale.secrecy, stale.declared_secrecy) == (Secrecy.MAT, 0)
    assert (declared.secrecy, declared.declared_secrecy) == (Secrecy.TOI_MAT, Secrecy.TOI_MAT)
