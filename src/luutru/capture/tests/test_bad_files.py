"""Bad files (issue 8 item 12): a DOCX bomb is refused from its ZIP directory before
anything is decompressed; a DOCX of a million empty paragraphs is read in bounded
time; a PDF that carries JavaScript is flagged and goes to review saying why."""

from __future__ import annotations

import io
import time
import zipfile

import pikepdf
import pytest

from luutru.capture import steps
from luutru.capture.models import ItemState
from luutru.capture.tests.conftest import capture
from luutru.capture.tests.files import make_party_letter
from luutru.registry.content import inspect_upload
from luutru.registry.tests.files import make_docx

MB = 1024 * 1024


def docx_bomb(inner_mb: int = 160) -> bytes:
    """A real DOCX with a media part that deflates to ``inner_mb`` MB of zeros."""
    src = zipfile.ZipFile(io.BytesIO(make_docx(["Công văn có bom nén bên trong"])))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            out.writestr(info, src.read(info))
        with out.open("word/media/image1.bin", "w", force_zip64=True) as f:
            chunk = b"\0" * MB
            for _ in range(inner_mb):
                f.write(chunk)
    return buf.getvalue()


def docx_of_empty_paragraphs(n: int = 1_000_000) -> bytes:
    """A DOCX whose body is ``n`` empty paragraphs (a few KB compressed)."""
    src = zipfile.ZipFile(io.BytesIO(make_docx(["Đầu văn bản"])))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + b"<w:p/>" * n, 1)
            out.writestr(info, data)
    return buf.getvalue()


def pdf_with_javascript(where: str = "openaction") -> bytes:
    pdf = pikepdf.open(io.BytesIO(make_party_letter()))
    js = pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.Action, S=pikepdf.Name.JavaScript, JS="app.alert(1)")
    )
    if where == "openaction":
        pdf.Root.OpenAction = js
    elif where == "names":
        pdf.Root.Names = pikepdf.Dictionary(
            JavaScript=pikepdf.Dictionary(Names=pikepdf.Array([pikepdf.String("x"), js]))
        )
    else:  # an additional action on the first page
        pdf.pages[0].obj.AA = pikepdf.Dictionary(O=js)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_a_docx_bomb_is_refused_as_too_large_before_decompressing():
    data = docx_bomb()
    assert len(data) < 2 * MB
    started = time.perf_counter()
    facts = inspect_upload(data, "bom.docx", 50 * MB)
    took = time.perf_counter() - started
    assert not facts.ok
    assert any("tệp nén bên trong quá lớn" in f for f in facts.failures), facts.failures
    assert not any("bị hỏng" in f for f in facts.failures)
    # Inflating 160 MB takes longer than reading the ZIP directory.
    assert took < 0.3, took


def test_an_ordinary_docx_still_passes():
    assert inspect_upload(make_docx(["Công văn"]), "cv.docx", 50 * MB).ok


def test_a_million_empty_paragraphs_are_read_in_bounded_time():
    data = docx_of_empty_paragraphs()
    started = time.perf_counter()
    facts = inspect_upload(data, "rong.docx", 50 * MB)
    checked = time.perf_counter()
    extracted = steps.docx_text(data)
    done = time.perf_counter()
    assert facts.ok, facts.failures
    # Unbounded, extraction took 48 s here; bounded, about half a second each.
    assert checked - started < 2, checked - started
    assert done - checked < 2, done - checked
    assert any("đoạn đầu" in n for n in extracted.notes), extracted.notes


@pytest.mark.parametrize("where", ["openaction", "names", "page"])
def test_javascript_in_a_pdf_is_found(where):
    found = steps.pdf_active_content(pdf_with_javascript(where))
    assert found, where
    assert steps.pdf_active_content(make_party_letter()) == []


def test_a_pdf_with_javascript_goes_to_review_saying_why(world, items):
    batch = capture(world.province, {"co-ma.pdf": pdf_with_javascript()})
    item = items(batch)["co-ma.pdf"]
    assert item.state == ItemState.REVIEW
    assert "JavaScript" in item.reason
    assert any("JavaScript" in n for n in item.notes)
