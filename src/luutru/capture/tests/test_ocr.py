"""Scans through real OCRmyPDF + Tesseract (vie): upside down, image-only PDF, no Tesseract."""

from __future__ import annotations

import pikepdf
import pytest

from luutru.capture import ocr, registering
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


@needs_tesseract
def test_the_import_keeps_the_words_ocr_doubts_and_a_field_holding_one_goes_to_a_person(
    world, items
):
    # What bench/extraction measures is what the import does: the words Tesseract
    # read with low confidence (its TSV, from the same run) are kept with the item.
    letter = make_party_letter(number="23-NQ/TU", subject="về công tác dân vận")
    image = scan_of(letter, dpi=120)  # a poor scan: Tesseract doubts a word or more
    batch = capture(world.province, {"quet-mo.png": image})
    item = items(batch)["quet-mo.png"]
    assert item.text_method == TextMethod.OCR
    assert item.ocr_unsure, "a 120-dpi scan has words Tesseract doubts"
    assert item.ocr_unsure == ocr.run_ocr(image, "png").unsure
    text = item.document.text.text if item.document_id else item.text
    assert "23-NQ/TU" in text
    _, _, low = registering.parse(text, world.province, ocr=True, unsure=[])
    assert not any(r.startswith("Số văn bản") for r in low), low
    # A doubted word holding the number and symbol sends both to a person.
    _, _, low = registering.parse(text, world.province, ocr=True, unsure=["23-NQ/TU"])
    assert any(r.startswith("Số văn bản") and "“23-NQ/TU”" in r for r in low), low
    assert any(r.startswith("Ký hiệu văn bản") for r in low), low


def test_tesseracts_doubted_words_are_read_from_its_tsv():
    tsv = (
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
        "4\t1\t1\t1\t1\t0\t10\t10\t500\t30\t-1\t\n"
        "5\t1\t1\t1\t1\t1\t10\t10\t90\t30\t96.5\tSố\n"
        "5\t1\t1\t1\t1\t2\t110\t10\t190\t30\t40.2\t505/KH-SVHTTDIL\n"
        "5\t1\t1\t1\t1\t3\t310\t10\t90\t30\t12.0\t505/KH-SVHTTDIL\n"
        "5\t1\t1\t1\t1\t4\t410\t10\t90\t30\t30.0\t \n"
    )
    assert ocr.unsure_words(tsv) == ["505/KH-SVHTTDIL"]


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
