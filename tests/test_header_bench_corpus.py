"""The issue-10 header bench corpus draws valid ground truth for every family
of its open part (born-digital PDFs only, no OCR, no parser). It never reads
the held-apart part (``bench/extraction/layouts/split.py``)."""

from __future__ import annotations

import datetime as dt
import random
import re
import unicodedata
from pathlib import Path

import pytest
from bench.extraction.layouts import TRUTH_FIELDS, documents, family_names, split
from bench.extraction.layouts.render import render_pdf

PER_FAMILY = 2
LAYOUTS = Path(__file__).resolve().parents[1] / "bench" / "extraction" / "layouts"


def _flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _page_text(pdf: bytes) -> str:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        return _flat(doc[0].get_textpage().get_text_range())
    finally:
        doc.close()


def test_forty_families_and_a_held_apart_part():
    names = family_names()
    assert len(names) >= 40
    assert split.HELD_FAMILIES <= set(names)
    open_families = split.families_of("open", names)
    assert len(open_families) >= 40
    assert not set(open_families) & split.HELD_FAMILIES
    with pytest.raises(ValueError):
        split.seed_of("open", split.HELD_SEED)
    kinds = {n.split("-")[0] for n in open_families}
    assert kinds == {"party", "state", "front", "youth", "women", "farmers", "veterans"}


def test_the_generator_shares_no_code_with_the_parser():
    for path in LAYOUTS.glob("*.py"):
        if path.name == "run.py":  # the runner calls the pipeline, as `luutru import` does
            continue
        source = path.read_text("utf-8")
        assert not re.search(r"^\s*(from|import)\s+luutru", source, re.M), path.name


def test_open_part_ground_truth_is_printed_on_the_page():
    names = split.families_of("open", family_names())
    docs = documents("open", PER_FAMILY * len(names))
    assert {d.family for d in docs} == set(names)
    for doc in docs:
        assert not split.is_held(doc.family, doc.seed)
        truth = doc.truth
        assert set(truth) == set(TRUTH_FIELDS), doc.id
        dt.date.fromisoformat(truth["date"])
        for key in ("number_symbol", "doc_type", "issuer", "title", "signer"):
            assert truth[key].strip(), (doc.id, key)
        text = _page_text(render_pdf(doc, random.Random(f"pdf/{doc.id}")))
        squeezed = text.replace(" ", "")
        assert truth["number_symbol"].replace(" ", "") in squeezed, doc.id
        for key in ("issuer", "issuer_parent", "title", "signer", "place"):
            if truth[key]:
                assert _flat(truth[key]).replace(" ", "") in squeezed, (doc.id, key, truth[key])
        d = dt.date.fromisoformat(truth["date"])
        assert re.search(rf"ngày 0?{d.day} tháng 0?{d.month} năm {d.year}", text), doc.id
        if truth["place"]:
            assert f"{truth['place']}, ngày" in text, doc.id
        for key in ("secrecy", "urgency"):
            if truth[key]:
                assert truth[key].upper() in text, (doc.id, key)
        assert truth["doc_type"].upper() in text or truth["title"].startswith("V/v"), doc.id


def test_open_part_drawn_past_page_one_keeps_its_header_and_signs_before_the_attachment():
    # ``ID.long.pdf``: page 1 is the same header; the signer is printed on the last
    # page of the document's own text, before what is attached (if anything).
    import pypdfium2 as pdfium
    from bench.extraction.layouts.families import long_plan

    names = split.families_of("open", family_names())
    kinds = set()
    for doc in documents("open", len(names)):
        plan = long_plan(doc)
        kinds.add(plan["appendix"]["kind"])
        pdf = pdfium.PdfDocument(render_pdf(doc, random.Random(f"pdf/{doc.id}"), long=plan))
        pages = [_flat(page.get_textpage().get_text_range()) for page in pdf]
        assert len(pages) >= 2, doc.id
        assert doc.truth["number_symbol"].replace(" ", "") in pages[0].replace(" ", ""), doc.id
        whole = "\f".join(pages)
        signed = whole.find(_flat(doc.truth["signer"]))
        assert signed > len(pages[0]), doc.id  # past page 1
        if plan["appendix"]["kind"] != "none":
            assert "\f" in whole[signed:], doc.id  # the attachment opens a page of its own
            assert doc.truth["signer"] not in pages[-1], doc.id
        for k, page in enumerate(pages[1:], 2):
            assert page.startswith(str(k)), (doc.id, k)  # pages after the first numbered
    assert kinds == {"none", "list", "form"}


def test_a_header_typed_from_a_document_is_drawn_as_it_says():
    """``bench.extraction.real`` lays out a header typed from a published document: what
    the record says is printed, the decision's authority under its trích yếu, and only
    the fields the record holds are scored (a record written here, not a real one)."""
    from bench.extraction.real import doc_of, symbol

    rec = {
        "kind": "state", "parent": "", "issuer": "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG",
        "number": "Số: 15/2024/QĐ-UBND", "date": "2024-05-03",
        "date_line": "Đà Lạt, ngày 03 tháng 5 năm 2024", "place": "Đà Lạt",
        "type": "QUYẾT ĐỊNH", "subject": "Ban hành Quy chế làm việc", "signer": "",
    }  # fmt: skip
    doc, truth, scored = doc_of(rec, "t-1")
    text = _page_text(render_pdf(doc, random.Random(1)))
    for printed in ("ỦY BAN NHÂN DÂN", "Số: 15/2024/QĐ-UBND", rec["date_line"],
                    "QUYẾT ĐỊNH Ban hành Quy chế làm việc CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"):  # fmt: skip
        assert printed in text
    assert truth["number_symbol"] == "15/2024/QĐ-UBND" == symbol("Luật số: 15/2024/QĐ-UBND")
    assert (truth["doc_type"], truth["issuer"]) == ("Quyết định", "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG")
    assert "signer" not in scored and {"title", "date", "place", "issuer"} <= scored


def test_a_record_without_a_place_and_a_type_line_that_goes_on():
    """The place is the date line's own, and words after the type's name on its line
    ("QUY CHẾ LÀM VIỆC") open the trích yếu the record is scored on."""
    from bench.extraction.real import doc_of

    rec = {
        "kind": "state", "issuer": "ỦY BAN NHÂN DÂN\nXÃ XUÂN PHÚ", "number": "Số: 12/QC-UBND",
        "date": "2021-07-05", "date_line": "Xuân Phú, ngày 05 tháng 7 năm 2021",
        "type": "QUY CHẾ LÀM VIỆC", "subject": "CỦA ỦY BAN NHÂN DÂN XÃ NHIỆM KỲ 2021 - 2026",
    }  # fmt: skip
    doc, truth, scored = doc_of(rec, "t-2")
    assert truth["place"] == "Xuân Phú" and "place" in scored
    assert (truth["doc_type"], truth["title"]) == (
        "Quy chế",
        "LÀM VIỆC CỦA ỦY BAN NHÂN DÂN XÃ NHIỆM KỲ 2021 - 2026",
    )
    assert doc.signers[0]["roles"] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]  # none typed


@pytest.mark.django_db
def test_an_offices_own_file_is_read_as_the_import_reads_it(tmp_path):
    """A record naming the office's own file: a PDF's text layer is read as text, a
    scan through OCR (Tesseract, as capture runs it), each kept for the next run."""
    from bench.extraction.layouts.render import render_scan
    from bench.extraction.real import doc_of, read_file

    rec = {
        "kind": "state", "issuer": "SỞ NỘI VỤ", "number": "Số: 303/TTr-SNV",
        "date": "2024-05-03", "date_line": "Đà Lạt, ngày 03 tháng 5 năm 2024",
        "type": "TỜ TRÌNH", "subject": "Về việc thành lập Ban Vì sự tiến bộ của phụ nữ",
    }  # fmt: skip
    doc, _, _ = doc_of(rec, "t-3")
    pdf = render_pdf(doc, random.Random(3))
    (tmp_path / "born.pdf").write_bytes(pdf)
    (tmp_path / "scan.jpg").write_bytes(render_scan(pdf, random.Random(3), 300)[0])
    born = read_file(tmp_path / "born.pdf", tmp_path / "born.json")
    assert not born["ocr"] and "303/TTr-SNV" in born["text"]
    scan = read_file(tmp_path / "scan.jpg", tmp_path / "scan.json")
    assert scan["ocr"] and "TỜ TRÌNH" in scan["text"]
    assert (tmp_path / "scan.json").exists()
