"""Preservation (issue 14, item 5) with real files and real tools: fido's PRONOM
signatures, pikepdf's PDF/A writer and validator, the worker's tasks, the
scheduled fixity check in chunks, the notice to the archivists, the history page."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from luutru.archive.tests.conftest import make_dossier
from luutru.audit.models import Event
from luutru.capture.models import DocumentText
from luutru.capture.tests.files import make_party_letter, scan_of
from luutru.deadlines.models import Kind, Notification
from luutru.filing.models import Dossier, DossierStatus
from luutru.filing.services import upload_to_dossier
from luutru.filing.signals import dossier_status_changed
from luutru.preservation import formats, pdfa, services
from luutru.preservation.models import (
    FixityRun,
    FormatIdentification,
    PreservationCopy,
    PreservationEvent,
)
from luutru.preservation.tasks import fixity_task, preserve_task
from luutru.registry.models import Document
from luutru.registry.tests.files import _font_name, make_docx, metadata_for
from luutru.storage.models import Blob
from luutru.storage.services import put_blob_bytes, store

pytestmark = pytest.mark.django_db
D = PreservationCopy.Decision


def embedded_pdf(line: str) -> bytes:
    """A born-digital PDF whose only font is an embedded TrueType one (ReportLab
    otherwise names Helvetica, which it never embeds)."""
    from reportlab.pdfgen import canvas

    font = _font_name()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1, initialFontName=font, initialFontSize=12)
    c.drawString(60, 700, line)
    c.showPage()
    c.save()
    return buf.getvalue()


def add(world, dossier, data: bytes, filename: str, n: int) -> Document:
    document, _ = upload_to_dossier(
        world.official,
        dossier,
        content=io.BytesIO(data),
        filename=filename,
        metadata=metadata_for(
            world.office,
            type_abbrev="CV",
            symbol=f"{n}-CV/VPTU",
            subject=f"Văn bản bảo quản {n}",
            organ_name=world.office.name,
        ),
    )
    return document


@pytest.fixture
def holdings(world):
    """One archived dossier with a PDF/A-convertible PDF, a PDF naming an
    unembedded font, a PNG scan, a DOCX and a PDF with capture's PDF/A copy;
    one open dossier whose document waits."""
    d = make_dossier(
        world.office,
        world.official,
        notation="01.BQ",
        title="Hồ sơ bảo quản",
        documents=0,
        status=DossierStatus.OPEN,
    )
    letter = make_party_letter(subject="về bảo quản tài liệu điện tử")
    docs = {
        "convertible": add(world, d, embedded_pdf("Nghị quyết về công tác lưu trữ"), "a.pdf", 1),
        "helvetica": add(world, d, letter, "b.pdf", 2),
        "scan": add(world, d, scan_of(letter, dpi=60), "c.png", 3),
        "docx": add(world, d, make_docx(), "d.docx", 4),
        "ocr": add(world, d, embedded_pdf("Báo cáo có bản OCR"), "e.pdf", 5),
    }
    ocr_copy = put_blob_bytes(pdfa.pdf_to_pdfa(embedded_pdf("Bản OCR")), "application/pdf")
    DocumentText.objects.update_or_create(document=docs["ocr"], defaults={"ocr_blob": ocr_copy})
    Dossier.objects.filter(pk=d.pk).update(status=DossierStatus.ARCHIVED)
    other = make_dossier(
        world.office,
        world.official,
        notation="02.BQ",
        title="Hồ sơ đang lập",
        documents=0,
        status=DossierStatus.OPEN,
    )
    docs["open"] = add(world, other, embedded_pdf("Chưa nộp lưu"), "f.pdf", 6)
    return docs


def test_fido_identifies_by_pronom_signature_with_its_version(world, holdings):
    pdf = services.identify_blob(holdings["helvetica"].blob_id)
    assert pdf.puid.startswith("fmt/") and "Portable Document Format" in pdf.format_name
    assert pdf.mime == "application/pdf" and pdf.basis == "signature"
    assert pdf.tool.startswith("fido 1.") and "PRONOM formats-v" in pdf.tool
    png = services.identify_blob(holdings["scan"].blob_id)
    assert (png.puid, png.mime) == ("fmt/11", "image/png")
    docx = services.identify_blob(holdings["docx"].blob_id)
    assert docx.basis == "container" and docx.puid == "fmt/412"
    unknown = put_blob_bytes(b"\x00\x01 khong phai dinh dang nao", "application/octet-stream")
    none = services.identify_blob(unknown.sha256)
    assert none.puid == "" and none.basis == "none"
    events = PreservationEvent.objects.filter(event_type="format identification")
    assert events.count() == 4
    assert events.get(sha256=unknown.sha256).outcome == "failure"
    assert events.get(sha256=png.sha256).agent == formats.tool()


def test_each_accepted_record_gets_a_pdfa_copy_or_a_kept_original(world, holdings):
    assert set(services.pending_documents()) == {
        holdings[k] for k in ("convertible", "helvetica", "scan", "docx", "ocr")
    }
    audit_before = Event.objects.count()
    done, more, last = services.preserve_pending(limit=3)
    assert (done, more) == (3, True)
    done, more, _ = services.preserve_pending(limit=3, after=last)
    assert (done, more) == (2, False)
    got = {k: PreservationCopy.objects.filter(document=d).first() for k, d in holdings.items()}
    assert got["open"] is None  # not accepted: waits

    made = got["convertible"]
    assert made.decision == D.MADE and made.pdfa == "2B" and made.agent.startswith("pikepdf ")
    with store().open(made.copy_id) as f:
        assert pdfa.pdfa_level(f.read()) == "2B"
    assert got["helvetica"].decision == D.KEPT
    assert "Không chuyển được sang PDF/A-2b" in got["helvetica"].reason
    assert "not embedded" in got["helvetica"].reason
    assert got["scan"].decision == D.KEPT and "Ảnh PNG" in got["scan"].reason
    assert got["docx"].decision == D.KEPT and "fmt/412" in got["docx"].reason
    ocr = got["ocr"]
    assert ocr.decision == D.REUSED and ocr.copy_id == holdings["ocr"].text.ocr_blob_id

    events = {e.sha256: e for e in PreservationEvent.objects.filter(event_type="normalization")}
    assert len(events) == 5
    e = events[holdings["convertible"].blob_id]
    assert (e.outcome, e.result_sha256) == ("success", made.copy_id)
    assert events[holdings["helvetica"].blob_id].outcome == "failure"
    assert events[holdings["scan"].blob_id].outcome == "not applicable"
    assert FormatIdentification.objects.count() == 5
    assert Event.objects.filter(action="preservation.copy").count() == 5
    assert Event.objects.count() == audit_before + 5

    # Again: nothing pending, nothing changes.
    assert services.preserve_pending()[:2] == (0, False)
    assert PreservationCopy.objects.count() == 5

    # Destruction releases the document's bytes: the copy made here goes too.
    doc = holdings["convertible"]
    doc.blob = None
    doc.save(update_fields=["blob", "updated_at"])
    assert not PreservationCopy.objects.filter(document=doc).exists()
    assert not Blob.objects.filter(pk=made.copy_id).exists()
    assert Event.objects.filter(action="storage.remove").count() == 1


def test_acceptance_queues_the_worker_which_works_in_chunks(
    world, holdings, django_capture_on_commit_callbacks
):
    DBTaskResult.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        dossier_status_changed.send(
            sender=Dossier, dossier_ids=[1], old="submitted", new=DossierStatus.ARCHIVED, actor=None
        )
        dossier_status_changed.send(
            sender=Dossier, dossier_ids=[2], old="submitted", new=DossierStatus.ARCHIVED, actor=None
        )
    rows = DBTaskResult.objects.order_by("task_path")
    assert [r.task_path for r in rows] == [fixity_task.module_path, preserve_task.module_path]
    assert all(r.status == "READY" for r in rows)
    # The task run by the worker: a chunk, then its next chunk queued while work
    # remains; a document whose bytes are gone is passed over (fixity names it).
    first, second = sorted(services.pending_documents(), key=lambda d: d.pk)[:2]
    store().path(first.blob_id).unlink()
    DBTaskResult.objects.all().delete()
    services_chunk, services.PRESERVE_CHUNK = services.PRESERVE_CHUNK, 2
    try:
        with django_capture_on_commit_callbacks(execute=True):
            assert preserve_task.call() == 1
    finally:
        services.PRESERVE_CHUNK = services_chunk
    assert list(PreservationCopy.objects.values_list("document", flat=True)) == [second.pk]
    queued = DBTaskResult.objects.get()
    assert queued.task_path == preserve_task.module_path
    assert queued.args_kwargs["args"] == [second.pk]


def test_scheduled_fixity_resumes_in_chunks_and_tells_the_archivists(world, client):
    shas = [put_blob_bytes(f"tệp số {i}".encode() * 100, "text/plain").sha256 for i in range(5)]
    first = services.fixity_chunk(max_blobs=2)
    assert (first.checked, first.finished) == (2, False)
    assert services.fixity_chunk(max_blobs=2).checked == 2
    last = services.fixity_chunk(max_blobs=2)
    assert (last.checked, last.finished) == (1, True)
    run = FixityRun.objects.get()
    assert (run.checked, run.ok, run.failed, run.chunks) == (5, 5, 0, 3)
    assert run.finished_at is not None and run.cursor == max(shas)
    assert Event.objects.filter(action="preservation.fixity", object_id=str(run.pk)).exists()

    # One byte changed, one file gone: named, recorded as PREMIS events, noticed.
    s = store()
    changed, missing = sorted(shas)[1], sorted(shas)[3]
    data = bytearray(s.path(changed).read_bytes())
    data[0] ^= 1
    s.path(changed).write_bytes(bytes(data))
    s.path(missing).unlink()
    world.admin.is_staff = True
    world.admin.save()
    while not services.fixity_chunk(max_blobs=2).finished:
        pass
    second = FixityRun.objects.order_by("-pk").first()
    assert (second.checked, second.ok, second.failed) == (5, 3, 2)
    assert {(f["sha256"], f["problem"]) for f in second.failures} == {
        (changed, "changed"),
        (missing, "missing"),
    }
    failed = PreservationEvent.objects.filter(event_type="fixity check", outcome="failure")
    assert set(failed.values_list("sha256", flat=True)) == {changed, missing}
    notices = Notification.objects.filter(kind=Kind.FIXITY)
    assert {n.recipient_id for n in notices} == {
        world.archivist.pk,
        world.archivist2.pk,
        world.admin.pk,
    }
    assert "2 tệp lưu trữ bị thay đổi hoặc bị mất" in notices.first().message

    # The history page: staff only; names the runs and the failed files.
    client.force_login(world.archivist)
    assert client.get("/bao-quan/toan-ven/").status_code == 404
    client.force_login(world.admin)
    page = client.get("/bao-quan/toan-ven/").content.decode()
    assert changed in page and missing in page and "Bị mất" in page
    assert "Chưa đặt lịch" in page


def test_a_finished_pass_queues_the_next_one_after_the_interval(world):
    DBTaskResult.objects.all().delete()
    put_blob_bytes(b"mot tep", "text/plain")
    assert fixity_task.call() == 1
    queued = DBTaskResult.objects.get(task_path=fixity_task.module_path, status="READY")
    run = FixityRun.objects.get()
    assert queued.run_after == run.started_at + dt.timedelta(hours=24)
    assert queued.run_after > timezone.now()
