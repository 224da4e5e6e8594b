"""Office files (.doc, .odt, .rtf, .xls, .xlsx) through LibreOffice headless: each
real format reaches a registered document with its text and a PDF/A copy."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pikepdf
import pytest

from luutru.capture import office
from luutru.capture.models import ItemState
from luutru.capture.tests.conftest import capture
from luutru.registry.content import inspect_upload, sniff
from luutru.registry.tests.files import make_docx
from luutru.storage.services import open_blob

pytestmark = pytest.mark.skipif(not office.available(), reason="LibreOffice is not installed")

LETTER = [
    "TỈNH ỦY THỬ NGHIỆM",
    "Số 7-CV/TU",
    "Hạ Long, ngày 10 tháng 03 năm 2025",
    "CÔNG VĂN",
    "về việc chỉnh lý tài liệu tồn đọng",
    "Kính gửi: các cơ quan tham mưu, giúp việc Tỉnh ủy",
]


def _xlsx() -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "DANH MỤC HỒ SƠ NĂM 2025"
    ws["A2"] = "Hồ sơ chỉnh lý tài liệu tồn đọng"
    ws["B2"] = 12
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _lo_convert(data: bytes, suffix: str, target: str) -> bytes:
    """Convert with LibreOffice itself (its own profile, not the code under test)."""
    soffice = office.soffice()
    assert soffice is not None  # the module is skipped without LibreOffice
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / f"in{suffix}"
        src.write_bytes(data)
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={(Path(tmp) / 'profile').as_uri()}",
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                str(Path(tmp) / "out"),
                str(src),
            ],
            check=True,
            capture_output=True,
            timeout=120,
            env={**os.environ, "HOME": tmp},
        )
        (out,) = (Path(tmp) / "out").iterdir()
        return out.read_bytes()


@pytest.fixture(scope="module")
def office_files() -> dict[str, bytes]:
    docx = make_docx(LETTER)
    xlsx = _xlsx()
    return {
        "cv7.doc": _lo_convert(docx, ".docx", "doc:MS Word 97"),
        "cv7.odt": _lo_convert(docx, ".docx", "odt"),
        "cv7.rtf": _lo_convert(docx, ".docx", "rtf"),
        "dm.xls": _lo_convert(xlsx, ".xlsx", "xls:MS Excel 97"),
        "dm.xlsx": xlsx,
    }


def test_each_format_is_named_by_its_bytes(office_files):
    for name, data in office_files.items():
        assert sniff(data) == name.rsplit(".", 1)[1], name
        facts = inspect_upload(data, name, 10_000_000)
        assert facts.ok, facts.failures
        assert facts.kind == name.rsplit(".", 1)[1]


def test_the_bytes_decide_within_a_family_but_not_across(office_files):
    # Word saves RTF under a .doc name: taken as the RTF it is.
    facts = inspect_upload(office_files["cv7.rtf"], "cv7.doc", 10_000_000)
    assert facts.ok and facts.kind == "rtf"
    # A spreadsheet under a Word name is refused, in Vietnamese.
    facts = inspect_upload(office_files["dm.xlsx"], "cv7.doc", 10_000_000)
    assert not facts.ok
    assert "bảng tính Excel (XLSX)" in facts.failures[0]


def test_every_format_reaches_a_document_with_its_text_and_a_pdfa_copy(world, items, office_files):
    batch = capture(world.province, office_files)
    got = items(batch)
    for name in office_files:
        item = got[name]
        assert item.state in (ItemState.DONE, ItemState.REVIEW), (name, item.reason)
        assert item.ocr_blob_id, name
        with open_blob(item.ocr_blob) as f:
            with pikepdf.open(io.BytesIO(f.read())) as pdf:
                assert pdf.open_metadata().pdfa_status == "2B", name
        if name.startswith("cv7"):
            doc = item.document
            assert doc is not None, (name, item.reason)
            assert doc.text.ocr_blob_id == item.ocr_blob_id
            text = doc.text.text
            assert "chỉnh lý tài liệu tồn đọng" in text, name
            # Document order: the issuer before the type line, the type before the subject.
            assert (
                text.index("TỈNH ỦY THỬ NGHIỆM") < text.index("CÔNG VĂN") < text.index("chỉnh lý")
            )
            assert doc.symbol_display == "7-CV/TU", name
        else:
            text = item.document.text.text if item.document_id else item.text
            assert "Hồ sơ chỉnh lý tài liệu tồn đọng" in text, name


def test_a_broken_doc_fails_with_a_reason_in_vietnamese(world, items, office_files):
    # A Word 97 file whose streams were overwritten (its header and directory, at the
    # end of LibreOffice's files, kept): named a DOC by its bytes, unreadable.
    whole = office_files["cv7.doc"]
    data = whole[:512] + os.urandom(len(whole) - 512 - 2048) + whole[-2048:]
    assert sniff(data) == "doc"
    batch = capture(world.province, {"hong.doc": data})
    item = items(batch)["hong.doc"]
    assert item.state == ItemState.FAILED
    assert item.document_id is None
    assert "tệp" in item.reason and "nhập lại" in item.reason, item.reason


def test_a_conversion_past_its_time_limit_is_stopped(office_files):
    with pytest.raises(office.OfficeError) as err:
        office.to_pdfa(office_files["cv7.odt"], "odt", seconds=0.01)
    assert "quá 0.01 giây" in str(err.value) or "giây nên đã dừng" in str(err.value)


CONVERT_IN_A_WORKER = """
import sys
from luutru.capture import office
data = open(sys.argv[1], "rb").read()
pdf = office.to_pdfa(data, "odt")
print(office.profile_dir(), len(pdf))
"""


def test_two_workers_converting_at_once_each_use_their_own_profile(office_files, tmp_path):
    src = tmp_path / "cv7.odt"
    src.write_bytes(office_files["cv7.odt"])
    env = {**os.environ, "LUUTRU_LO_PROFILES": str(tmp_path)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", CONVERT_IN_A_WORKER, str(src)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=180) for p in procs]
    for p, (_out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
    profiles = {out.split()[0] for out, _ in outs}
    assert len(profiles) == 2
    assert all(Path(p).name.startswith("lo-profile-") for p in profiles)
    # each worker removes its own profile when it ends: none is left behind
    assert not any(Path(p).exists() for p in profiles)
    assert all(int(out.split()[1]) > 1000 for out, _ in outs)


def _legacy_docx(lines: list[tuple[str, str]]) -> bytes:
    """A Word document typed in a legacy charset: (text as typed, font) a paragraph."""
    import docx

    d = docx.Document()
    for text, font in lines:
        d.add_paragraph().add_run(text).font.name = font
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


# The decision of test_legacy_text, typed with .VnTime; its capitals with .VnTimeH as
# small letters (TCVN3 has no capitals with tone marks), "ư" typed as the byte a
# soft hyphen has in Latin-1.
TCVN3_DECISION = [
    ("tØnh ñy qu¶ng ninh", ".VnTimeH"),
    ("®¶ng céng s¶n viÖt nam", ".VnTimeH"),
    ("Sè 127-Q§/TU", ".VnTime"),
    ("H¹ Long, ngµy 04 th¸ng 02 n¨m 2025", ".VnTime"),
    ("quyÕt ®Þnh", ".VnTimeH"),
    ("vÒ viÖc thµnh lËp Ban ChØ ®¹o c«ng t¸c v¨n th\u00ad, l\u00adu tr÷", ".VnTime"),
    ("C¸c c¬ quan, ®¬n vÞ c¨n cø quyÕt ®Þnh thi hµnh.", ".VnTime"),
    ("t/m ban th\u00adêng vô", ".VnTimeH"),
    ("bÝ th\u00ad", ".VnTimeH"),
    ("NguyÔn V¨n An", ".VnTime"),
]
VNI_DECISION = [
    ("TÆNH UÛY QUAÛNG NINH", "VNI-Times"),
    ("ÑAÛNG COÄNG SAÛN VIEÄT NAM", "VNI-Times"),
    ("Soá 127-QÑ/TU", "VNI-Times"),
    ("Haï Long, ngaøy 04 thaùng 02 naêm 2025", "VNI-Times"),
    ("QUYEÁT ÑÒNH", "VNI-Times"),
    ("veà vieäc thaønh laäp Ban Chæ ñaïo coâng taùc vaên thö, löu tröõ", "VNI-Times"),
    ("Caùc cô quan, ñôn vò caên cöù quyeát ñònh thi haønh.", "VNI-Times"),
    ("T/M BAN THÖÔØNG VUÏ", "VNI-Times"),
    ("BÍ THÖ", "VNI-Times"),
    ("Nguyeãn Vaên An", "VNI-Times"),
]


def test_documents_typed_in_tcvn3_or_vni_reach_unicode_text_and_a_readable_pdfa(world, items):
    files = {
        "qd127-tcvn3.doc": _lo_convert(_legacy_docx(TCVN3_DECISION), ".docx", "doc:MS Word 97"),
        "qd127-vni.odt": _lo_convert(_legacy_docx(VNI_DECISION), ".docx", "odt"),
    }
    got = items(capture(world.province, files))
    for name in files:
        item = got[name]
        doc = item.document
        assert doc is not None, (name, item.reason)
        text = doc.text.text
        for line in (
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "về việc thành lập Ban Chỉ đạo công tác văn thư, lưu trữ",
            "T/M BAN THƯỜNG VỤ",
            "BÍ THƯ",
        ):
            assert line in text, (name, line)
        assert doc.symbol_display == "127-QĐ/TU", name
        assert doc.subject == "về việc thành lập Ban Chỉ đạo công tác văn thư, lưu trữ", name
        assert any("không phải Unicode" in n for n in item.notes), item.notes
        # The PDF/A kept beside it reads (and prints) in Unicode, not "§¶ng céng s¶n".
        with open_blob(item.ocr_blob) as f:
            copy = f.read()
        with pikepdf.open(io.BytesIO(copy)) as pdf:
            assert pdf.open_metadata().pdfa_status == "2B", name
        from luutru.capture.steps import pdf_text

        printed = pdf_text(copy)
        assert "ĐẢNG CỘNG SẢN VIỆT NAM" in printed.text and not printed.charset, name
