"""The import report: ``luutru import DIR --report FILE.jsonl`` writes one JSON
object per file, and the batch page gives the same report as XLSX with only
the files the reader may see. Both are read back from a real import of a
folder of generated PDFs."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import load_workbook

from luutru.capture import queries
from luutru.capture.models import ImportBatch, ItemState
from luutru.capture.report import FIELDS, HEADINGS
from luutru.capture.tests.conftest import capture
from luutru.capture.tests.files import make_party_letter
from luutru.registry.tests.files import make_pdf


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "bo-ho-so"
    (root / "thang-2").mkdir(parents=True)
    (root / "nq12.pdf").write_bytes(make_party_letter())
    (root / "thang-2" / "ct07.pdf").write_bytes(
        make_party_letter(
            number="07-CT/TU",
            type_name="CHỈ THỊ",
            subject="về tăng cường công tác lưu trữ",
            date_line="Hạ Long, ngày 10 tháng 02 năm 2025",
            mark="KHẨN",
        )
    )
    (root / "thang-2" / "ghi-chu.pdf").write_bytes(make_pdf(["Ghi chép không có phần đầu"]))
    return root


def run_import(folder, report, **options) -> str:
    out = io.StringIO()
    call_command("import", str(folder), org="TU", report=str(report), jobs=1, stdout=out, **options)
    return out.getvalue()


def test_import_report_has_one_json_object_per_file(world, folder, tmp_path):
    report = tmp_path / "bao-cao.jsonl"
    said = run_import(folder, report)
    assert f"Đã ghi báo cáo 3 tệp vào {report}" in said

    lines = report.read_text(encoding="utf-8").splitlines()
    rows = {r["file"]: r for r in map(json.loads, lines)}
    assert set(rows) == {"nq12.pdf", "thang-2/ct07.pdf", "thang-2/ghi-chu.pdf"}
    for r in rows.values():
        assert list(r) == list(FIELDS)
        assert all(0 <= c <= 1 for c in r["confidence"].values())

    nq = rows["nq12.pdf"]
    assert nq["state"] == "done"
    assert nq["number_symbol"] == "12-NQ/TU"
    assert nq["doc_type"] == "Nghị quyết"
    assert nq["issuer"] == "TỈNH ỦY THỬ NGHIỆM"
    assert nq["place"] == "Hạ Long"
    assert nq["date"] == "2025-02-04"
    assert "văn thư, lưu trữ" in nq["title"]
    assert nq["signer"] == "Hoàng Văn Em"
    assert nq["secrecy"] == ""
    assert nq["cites"] == ["35-CT/TW"]
    assert nq["confidence"]["number_symbol"] >= 0.9
    assert set(nq["confidence"]) >= {"number_symbol", "date", "title", "issuer"}

    ct = rows["thang-2/ct07.pdf"]
    assert (ct["number_symbol"], ct["doc_type"], ct["date"]) == (
        "07-CT/TU",
        "Chỉ thị",
        "2025-02-10",
    )
    assert ct["urgency"] == "Khẩn"

    none = rows["thang-2/ghi-chu.pdf"]
    assert none["state"] == "review"
    assert none["number_symbol"] == "" and none["date"] is None and none["cites"] == []


def test_importing_the_folder_again_reports_the_registered_files_as_duplicates(
    world, folder, tmp_path
):
    first, second = tmp_path / "1.jsonl", tmp_path / "2.jsonl"
    run_import(folder, first)
    run_import(folder, second)
    before = {r["file"]: r for r in map(json.loads, first.read_text("utf-8").splitlines())}
    after = {r["file"]: r for r in map(json.loads, second.read_text("utf-8").splitlines())}
    assert set(before) == set(after)
    for name, r in after.items():
        expected_state = "duplicate" if before[name]["state"] == "done" else before[name]["state"]
        assert r["state"] == expected_state
        assert {**r, "state": ""} == {**before[name], "state": ""}


def test_report_into_a_missing_folder_is_refused_before_anything_is_taken_in(
    world, folder, tmp_path
):
    with pytest.raises(CommandError, match="Không có thư mục"):
        run_import(folder, tmp_path / "khong-co" / "bao-cao.jsonl")
    assert not ImportBatch.objects.exists()


def _sheet_rows(content: bytes) -> list[tuple]:
    ws = load_workbook(io.BytesIO(content)).active
    return [tuple(c.value for c in row) for row in ws.iter_rows()]


def test_batch_page_gives_the_same_report_as_xlsx(world, client, folder, tmp_path):
    report = tmp_path / "bao-cao.jsonl"
    run_import(folder, report)
    expected = {r["file"]: r for r in map(json.loads, report.read_text("utf-8").splitlines())}
    batch = ImportBatch.objects.get()
    client.force_login(world.archivist)
    assert queries.can_see_batch(world.archivist, batch)

    page = client.get(reverse("capture:batch", args=[batch.pk])).content.decode()
    url = reverse("capture:batch_report", args=[batch.pk])
    assert url in page
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = _sheet_rows(response.content)
    heading = list(rows[1])
    assert heading[:3] == [HEADINGS["file"], HEADINGS["state"], HEADINGS["number_symbol"]]
    body = {r[0]: dict(zip(heading, r, strict=True)) for r in rows[2:]}
    assert set(body) == set(expected)
    nq = body["nq12.pdf"]
    assert nq[HEADINGS["number_symbol"]] == "12-NQ/TU"
    assert nq[HEADINGS["issuer"]] == "TỈNH ỦY THỬ NGHIỆM"
    assert nq[HEADINGS["date"]].date().isoformat() == expected["nq12.pdf"]["date"]
    assert nq[HEADINGS["cites"]] == "35-CT/TW"
    assert nq[HEADINGS["state"]] == ItemState.DONE.label
    # Text stays text in the spreadsheet (never a formula).
    ws = load_workbook(io.BytesIO(response.content)).active
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)


def test_xlsx_report_names_only_the_files_the_reader_may_see(world, client):
    batch = capture(
        world.office,
        {
            "thuong.pdf": make_party_letter(issuer="VĂN PHÒNG TỈNH ỦY", number="12-NQ/VPTU"),
            "mat.pdf": make_party_letter(
                issuer="VĂN PHÒNG TỈNH ỦY", number="13-NQ/VPTU", mark="MẬT"
            ),
        },
        actor=world.clerk,
    )
    items = {i.name: i for i in batch.items.all()}
    reader = next(
        u
        for u in (world.official, world.official2, world.clerk, world.inspector, world.head)
        if queries.can_see_batch(u, batch)
        and queries.can_see_item(u, items["thuong.pdf"])
        and not queries.can_see_item(u, items["mat.pdf"])
    )
    client.force_login(reader)
    rows = _sheet_rows(client.get(reverse("capture:batch_report", args=[batch.pk])).content)
    names = [r[0] for r in rows[2:]]
    assert names == ["thuong.pdf"]
    assert not any("13-NQ/VPTU" in str(v) for r in rows for v in r)


def test_xlsx_report_of_a_batch_the_user_may_not_follow_is_not_found(
    world, client, folder, tmp_path
):
    run_import(folder, tmp_path / "r.jsonl")
    batch = ImportBatch.objects.get()
    outsider = world.district_official
    assert not queries.can_see_batch(outsider, batch)
    client.force_login(outsider)
    assert client.get(reverse("capture:batch_report", args=[batch.pk])).status_code == 404
