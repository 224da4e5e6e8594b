"""A scan that another program already made searchable (a scanner's own OCR, an OCR
program's PDF: invisible text over the page's image) is no born-digital document:
its text is OCR text and is judged as such, never as confidently as printed text;
a text layer that is no Vietnamese is read again by our OCR."""

from __future__ import annotations

import io

import pytest

from luutru.capture import formats, ocr, steps
from luutru.capture.models import TextMethod
from luutru.capture.tests.conftest import capture
from luutru.capture.tests.files import make_party_letter, scan_of

pytestmark = pytest.mark.django_db

needs_tesseract = pytest.mark.skipif(not ocr.available(), reason="Tesseract is not installed")

LETTER = dict(
    issuer="TỈNH ỦY QUẢNG NINH",
    number="127-QĐ/TU",
    type_name="QUYẾT ĐỊNH",
    subject="về việc thành lập Ban Chỉ đạo công tác văn thư",
)


def _image_with_text(image: bytes, lines: list[str]) -> bytes:
    """A page that is the image, with ``lines`` under it as invisible text (render
    mode 3), as scanners write their searchable PDFs."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    from luutru.registry.tests.files import _font_name

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.drawImage(ImageReader(io.BytesIO(image)), 0, 0, width=A4[0], height=A4[1])
    text = c.beginText(60, 800)
    text.setTextRenderMode(3)
    text.setFont(_font_name(), 12)
    for line in lines:
        text.textLine(line)
    c.drawText(text)
    c.save()
    return buf.getvalue()


@needs_tesseract
def test_a_searchable_scan_is_read_as_ocr_text(world, items):
    # Our own OCR's PDF/A is such a file: the scan's image, Tesseract's text hidden under it.
    searchable = ocr.run_ocr(scan_of(make_party_letter(**LETTER)), "png").pdf
    fmt, extracted = formats.read("pdf", searchable)
    assert extracted.ocr_layer and not extracted.needs_ocr
    assert formats.method_of(fmt, extracted) == TextMethod.OCR
    assert any("phần mềm khác nhận dạng" in n for n in extracted.notes)
    item = items(capture(world.province, {"quet-co-chu.pdf": searchable}))["quet-co-chu.pdf"]
    assert item.text_method == TextMethod.OCR
    assert item.document is not None, item.reason
    assert item.document.symbol_display == "127-QĐ/TU"
    assert item.document.text.method == TextMethod.OCR
    # Read as a scan is: the subject and the signer stay with a person.
    assert "Trích yếu nội dung" in item.reason


@needs_tesseract
def test_a_text_layer_that_is_no_vietnamese_is_read_again(world, items):
    image = scan_of(make_party_letter(**LETTER))
    garbled = ["T?NH ?Y QU?NG NINH", "Ð?NG C?NG S?N VI?T NAM", "S? 127-QÐ/TU",
               "QUY?T Ð?NH", "v? vi?c th?nh l?p Ban Ch? ð?o c?ng t?c v?n th?"]  # fmt: skip
    pdf = _image_with_text(image, garbled)
    _, extracted = formats.read("pdf", pdf)
    assert extracted.ocr_layer and extracted.needs_ocr
    item = items(capture(world.province, {"quet-sai-chu.pdf": pdf}))["quet-sai-chu.pdf"]
    assert item.text_method == TextMethod.OCR
    assert item.document is not None, item.reason
    assert "TỈNH ỦY QUẢNG NINH" in item.document.text.text  # our reading, not the layer's


def test_printed_text_over_a_picture_is_born_digital():
    # A letterhead printed as a full-page picture, the text over it visible: born-digital.
    from PIL import Image
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    from luutru.registry.tests.files import _font_name

    paper = io.BytesIO()
    Image.new("L", (400, 560), 250).save(paper, "PNG")
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.drawImage(ImageReader(io.BytesIO(paper.getvalue())), 0, 0, width=A4[0], height=A4[1])
    c.setFont(_font_name(), 12)
    c.drawString(60, 800, "TỈNH ỦY QUẢNG NINH")
    c.drawString(60, 780, "Số 127-QĐ/TU")
    c.save()
    fmt, extracted = formats.read("pdf", buf.getvalue())
    assert not extracted.ocr_layer
    assert formats.method_of(fmt, extracted) == TextMethod.PDF_TEXT
    # And a PDF drawn as text only.
    assert not steps.pdf_text(make_party_letter(**LETTER)).ocr_layer
