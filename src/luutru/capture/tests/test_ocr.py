"""Scans through real OCRmyPDF + Tesseract (vie): upside down, image-only PDF, no Tesseract."""

from __future__ import annotations

import logging

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
    assert not any(r.startswith("Ký hiệu văn bản") for r in low), low
    assert not any("23-NQ/TU" in r for r in low), low
    # A doubted word holding the number and symbol sends both to a person, named.
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


def _idat(png: bytes) -> bytes:
    """A PNG's compressed pixels: its IDAT chunks joined."""
    import struct

    out, at = b"", 8
    while at < len(png):
        (size,) = struct.unpack(">I", png[at : at + 4])
        if png[at + 4 : at + 8] == b"IDAT":
            out += png[at + 8 : at + 8 + size]
        at += 12 + size
    return out


def _pages_and_text(pdf: bytes) -> tuple[list[tuple[float, float]], list[bytes], str]:
    import io

    import pypdfium2 as pdfium

    with pikepdf.open(io.BytesIO(pdf)) as doc:
        sizes = [(float(p.mediabox[2]), float(p.mediabox[3])) for p in doc.pages]
        images = [
            image.read_raw_bytes() for page in doc.pages for image in page.get_images().values()
        ]
    text_doc = pdfium.PdfDocument(pdf)
    try:
        text = "".join(text_doc[i].get_textpage().get_text_range() for i in range(len(text_doc)))
    finally:
        text_doc.close()
    return sizes, images, text


@needs_tesseract
def test_a_png_scan_goes_into_the_pdfa_as_its_own_bytes_under_the_words():
    # Tesseract writes the words alone; the page is the scan's own compressed
    # pixels, not compressed again (what Tesseract's renderer spent its time on).
    png = scan_of(make_party_letter(number="24-NQ/TU", subject="về công tác dân vận"), dpi=200)
    result = ocr.run_ocr(png, "png")
    assert _is_pdfa(result.pdf)
    sizes, images, text = _pages_and_text(result.pdf)
    assert images == [_idat(png)]
    # The page is the image's size at its resolution: 1654 x 2339 px at 200 dpi is A4.
    assert sizes == [pytest.approx((1654 * 72 / 200, 2339 * 72 / 200), abs=0.5)]
    assert "24-NQ/TU" in text and "24-NQ/TU" in result.text


@needs_tesseract
def test_a_png_a_pdf_cannot_take_as_it_is_goes_through_tesseracts_own_renderer(tmp_path, caplog):
    import io

    from PIL import Image

    grey = Image.open(io.BytesIO(scan_of(make_party_letter(number="25-NQ/TU"))))
    buf = io.BytesIO()
    grey.convert("LA").save(buf, "PNG", dpi=(200, 200))  # an alpha channel
    png = buf.getvalue()
    result = ocr.run_ocr(png, "png")
    assert _is_pdfa(result.pdf)
    sizes, images, text = _pages_and_text(result.pdf)
    assert len(images) == 1 and images[0] != _idat(png)
    assert "25-NQ/TU" in text
    # Even asked to, a page img2pdf refuses (16-bit colour with alpha) falls back
    # to Tesseract's own PDF.
    path = tmp_path / "trang-1.png"
    path.write_bytes(_png_16_bit_with_alpha(grey.crop((0, 0, grey.width, grey.height * 2 // 5))))
    with caplog.at_level(logging.INFO, logger="luutru.capture.ocr"):
        words, pdf, _ = ocr._tesseract([ocr._Page(path, 200)], tmp_path / "t", own_images=True)
    assert "Tesseract's PDF instead" in caplog.text
    assert "25-NQ/TU" in words
    assert "25-NQ/TU" in _pages_and_text(pdf)[2]


def _png_16_bit_with_alpha(grey) -> bytes:
    """``grey`` as a 16-bit RGBA PNG (PIL writes none), written chunk by chunk."""
    import struct
    import zlib

    import numpy as np

    value = np.asarray(grey, dtype=">u2") * 257
    pixels = np.stack([value, value, value, np.full_like(value, 65535)], axis=-1)
    rows = b"".join(b"\0" + row.tobytes() for row in pixels)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    head = struct.pack(">IIBBBBB", grey.width, grey.height, 16, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", head)
        + chunk(b"IDAT", zlib.compress(rows, 1))
        + chunk(b"IEND", b"")
    )
