"""``luutru bundle propose``: a folder of real PDFs captured as ``luutru import``
does, grouped, and the JSON read back; then the body's loose documents."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from luutru.capture.tests import files
from luutru.registry.models import Document
from luutru.registry.tests.files import make_pdf


def letter(number: str, date_line: str, type_name: str, subject: str, body: list[str]) -> bytes:
    """Capture's born-digital Party document of the test province, with its own body."""
    saved = files.BODY
    files.BODY = body  # the helper prints its module's body lines
    try:
        return files.make_party_letter(
            number=number, date_line=date_line, type_name=type_name, subject=subject
        )
    finally:
        files.BODY = saved


PLAN_CITED = "Thực hiện Kế hoạch số 30-KH/TU, ngày 05/01/2025 của Tỉnh ủy Thử nghiệm về tổng kết,"


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "bo-goi-2025"
    (root / "thang-2").mkdir(parents=True)
    (root / "ke-hoach.pdf").write_bytes(
        letter(
            "30-KH/TU",
            "Hạ Long, ngày 05 tháng 01 năm 2025",
            "KẾ HOẠCH",
            "tổng kết công tác văn thư, lưu trữ năm 2024",
            [
                "Thực hiện Chỉ thị số 35-CT/TW, ngày 14/6/2024 của Bộ Chính trị về đại hội",
                "đảng bộ các cấp, Ban Thường vụ Tỉnh ủy xây dựng kế hoạch tổng kết công tác",
                "văn thư, lưu trữ năm 2024 như sau.",
            ],
        )  # fmt: skip
    )
    (root / "thang-2" / "thong-bao.pdf").write_bytes(
        letter(
            "12-TB/TU",
            "Hạ Long, ngày 20 tháng 01 năm 2025",
            "THÔNG BÁO",
            "triệu tập hội nghị tổng kết công tác văn thư, lưu trữ",
            [PLAN_CITED, "Ban Thường vụ Tỉnh ủy triệu tập hội nghị tổng kết công tác lưu trữ."],
        )  # fmt: skip
    )
    (root / "thang-2" / "bao-cao.pdf").write_bytes(
        letter(
            "15-BC/TU",
            "Hạ Long, ngày 10 tháng 02 năm 2025",
            "BÁO CÁO",
            "kết quả tổng kết công tác văn thư, lưu trữ năm 2024",
            [PLAN_CITED, "Ban Thường vụ Tỉnh ủy báo cáo kết quả hội nghị tổng kết như sau."],
        )  # fmt: skip
    )
    (root / "lac.pdf").write_bytes(
        letter(
            "13-TB/TU",
            "Hạ Long, ngày 03 tháng 02 năm 2025",
            "THÔNG BÁO",
            "lịch trực Tết Nguyên đán của cơ quan",
            ["Văn phòng thông báo lịch trực Tết Nguyên đán đến các phòng."],
        )  # fmt: skip
    )
    (root / "ghi-chu.pdf").write_bytes(make_pdf(["Ghi chép không có phần đầu"]))
    return root


def propose(*args: str) -> str:
    out = io.StringIO()
    call_command("bundle", "propose", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_propose_a_folder_writes_the_groups_and_the_files_that_fit_none(world, folder, tmp_path):
    out = tmp_path / "de-xuat.json"
    said = propose(str(folder), "--org", "TU", "--json", str(out), "--jobs", "1")
    assert "Đề xuất 1 hồ sơ gồm 3 văn bản" in said
    data = json.loads(out.read_text(encoding="utf-8"))
    assert list(data) == ["groups", "unassigned"]
    [group] = data["groups"]
    assert group["files"] == ["ke-hoach.pdf", "thang-2/thong-bao.pdf", "thang-2/bao-cao.pdf"]
    assert group["title"].startswith("Hồ sơ về việc ")
    assert "văn thư, lưu trữ" in group["title"]
    assert group["period"] == "2025"
    assert group["plan_item"] is None
    assert [(m["number_symbol"], m["date"], m["issuer"]) for m in group["missing"]] == [
        ("35-CT/TW", "2024-06-14", "Bộ Chính trị")
    ]
    assert 0 < group["confidence"] <= 1
    assert sorted(data["unassigned"]) == ["ghi-chu.pdf", "lac.pdf"]

    # A rerun finishes the same batch: no document twice, the same proposal.
    count = Document.objects.count()
    propose(str(folder), "--org", "TU", "--json", str(out), "--jobs", "1")
    assert Document.objects.count() == count
    assert json.loads(out.read_text(encoding="utf-8"))["groups"][0]["files"] == group["files"]


def test_propose_the_bodys_loose_documents_by_id(world, folder, tmp_path):
    propose(str(folder), "--org", "TU", "--json", str(tmp_path / "a.json"), "--jobs", "1")
    ids = {
        d.original_filename: d.pk for d in Document.objects.filter(org=world.province)
    }  # registered ones
    assert {"ke-hoach.pdf", "thong-bao.pdf", "bao-cao.pdf"} <= set(ids)
    out = tmp_path / "roi.json"
    propose("--loose", "--org", "TU", "--year", "2025", "--json", str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [g["files"] for g in data["groups"]] == [
        [ids["ke-hoach.pdf"], ids["thong-bao.pdf"], ids["bao-cao.pdf"]]
    ]
    assert data["groups"][0]["missing"][0]["number_symbol"] == "35-CT/TW"
    assert ids["lac.pdf"] in data["unassigned"]

    propose("--loose", "--org", "TU", "--year", "2023", "--json", str(out))
    assert json.loads(out.read_text(encoding="utf-8")) == {"groups": [], "unassigned": []}


def test_bad_invocations_are_refused_in_vietnamese(world, folder, tmp_path):
    out = str(tmp_path / "x.json")
    with pytest.raises(CommandError, match="--loose"):
        propose("--org", "TU", "--json", out)
    with pytest.raises(CommandError, match="không dùng cả hai"):
        propose(str(folder), "--loose", "--org", "TU", "--json", out)
    with pytest.raises(CommandError, match="Không tìm thấy thư mục"):
        propose(str(tmp_path / "khong-co"), "--org", "TU", "--json", out)
    with pytest.raises(CommandError, match="Không có cơ quan mã"):
        propose("--loose", "--org", "KHONG", "--json", out)
    with pytest.raises(CommandError, match="để ghi kết quả"):
        propose("--loose", "--org", "TU", "--json", str(tmp_path / "khong-co" / "x.json"))
    assert not Document.objects.exists()
