"""Scans through real OCRmyPDF + Tesseract (vie): upside down, image-only PDF, no Tesseract."""

from __future__ import annotations

import pikepdf
import pytest

from luutru.capture import ocr
from luutru.capture.models import ItemState, TextMethod
from luutru.capture.tests.conftest import capture
from luutru.capture.tests.files import make_party_letter, scan_of, scanned_pdf
from luutru.storage.services import open_blob

needs_tesseract = pytest.mark.skipif(not ocr.available(), reason="Tesseract (vie) not installed")


def _is_pdfa(data: bytes) -> bool:
    import io

    with pikepdf.open(io.BytesIO(data)) as pdf:
        meta = pdf.open_metadata()
        return bool(meta.pdfa_status)


@needs_tesseract
def test_upside_down_scan_is_turned_read_and_kept_as_searchable_pdfa(world, items):
    letter = make_party_letter(number="21-NQ/TU", subject="về đại hội đảng bộ các cấp")
    batch = capture(world.province, {"quet-nguoc.png": scan_of(letter, rotate=180)})
    item = items(batch)["quet-nguoc.png"]
    assert item.text_method == TextMethod.OCR
    assert item.state in (ItemState.DONE, ItemState.REVIEW), item.reason
    doc = item.document
    assert doc is not None, item.reason
    assert doc.text.method == TextMethod.OCR
    assert "Chỉ thị số 35-CT/TW" in doc.text.text
    assert doc.code_number == "21"
    with open_blob(doc.text.ocr_blob) as f:
        pdfa = f.read()
    assert _is_pdfa(pdfa)
    assert doc.blob.mime == "image/png"  # the original is kept beside the PDF/A


@needs_tesseract
def test_scanned_pdf_without_text_layer_goes_through_ocr(world, items):
    pdf = scanned_pdf(make_party_letter(number="22-NQ/TU"))
    batch = capture(world.province, {"quet.pdf": pdf})
    item = items(batch)["quet.pdf"]
    assert item.text_method == TextMethod.OCR
    text = item.document.text.text if item.document_id else item.text
    assert "NGHỊ QUYẾT" in text
    # Read from a scan, the subject is never confident: a person checks it against the page.
    assert item.state == ItemState.REVIEW and "ảnh quét" in item.reason, item.reason


def test_without_tesseract_the_scan_is_marked_needs_ocr(world, items, monkeypatch):
    monkeypatch.setenv("LUUTRU_NO_OCR", "1")
    batch = capture(world.province, {"quet.png": scan_of(make_party_letter())})
    item = items(batch)["quet.png"]
    assert item.state == ItemState.REVIEW
    assert item.text_method == TextMethod.NEEDS_OCR
    assert any("Tesseract" in n for n in item.notes)
    assert item.blob_id is not None  # kept: OCR can run later


def test_a_grey_low_resolution_scan_comes_in_with_a_note_on_the_standard(world, items, monkeypatch):
    monkeypatch.setenv("LUUTRU_NO_OCR", "1")  # the note, not the OCR, is under test
    batch = capture(world.province, {"xam.png": scan_of(make_party_letter(), dpi=150)})
    notes = " ".join(items(batch)["xam.png"].notes)
    assert "150 dpi, dưới chuẩn số hóa 200 dpi" in notes
    assert "thang xám" in notes
