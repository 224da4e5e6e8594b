import io

import docx
import pytest
from django.core.management import CommandError, call_command

from luutru.audit.models import Event
from luutru.core.errors import RuleViolation
from luutru.holdings import importer, sample
from luutru.holdings.models import Box, ImportLayout, Location, PaperDossier


def _load(data: bytes, name: str = "muc-luc.xlsx"):
    rows = importer.read_table(data, name)
    return rows, importer.preview(rows)


def test_import_makes_dossiers_in_boxes_at_locations(world):
    fonds = world.office.fonds
    data = sample.xlsx(sample.rows(130, per_box=20))
    rows, pv = _load(data)
    assert pv.header_row == 2 and pv.total == 130
    assert set(importer.REQUIRED) <= set(pv.mapping)
    plan = importer.apply(world.archivist, data, rows, pv, pv.mapping, fonds, None)
    assert (plan.new, plan.changed, plan.same, plan.boxes_new) == (130, 0, 0, 7)
    d = PaperDossier.objects.get(inventory__fonds=fonds, number=45)
    assert d.box is not None and d.box.number == 3
    assert (
        d.box.location is not None and d.box.location.label == "Kho 1 – Giá 1 – Khoang 1 – Tầng 1"
    )
    assert d.start_date is not None and d.end_date is not None and d.sheets
    assert Location.objects.filter(kind=Location.Kind.TIER).count() == 2  # 7 boxes, 6 a tier
    event = Event.objects.get(action="holdings.catalogue_imported")
    assert event.after["new"] == 130 and len(event.after["sha256"]) == 64
    assert ImportLayout.objects.filter(fingerprint=pv.fingerprint).exists()


def test_reimport_updates_rather_than_duplicates(world):
    fonds = world.office.fonds
    data = sample.rows(40)
    rows, pv = _load(sample.xlsx(data))
    importer.apply(world.archivist, b"1", rows, pv, pv.mapping, fonds, None)
    data[4][4] = "Tiêu đề đã sửa"
    data[5][1] = 3  # moved to another box
    rows, pv = _load(sample.xlsx(data))
    plan = importer.apply(world.archivist, b"2", rows, pv, pv.mapping, fonds, None)
    assert (plan.new, plan.changed, plan.same) == (0, 2, 38)
    assert PaperDossier.objects.count() == 40
    assert PaperDossier.objects.get(number=5).title == "Tiêu đề đã sửa"
    assert PaperDossier.objects.get(number=6).box.number == 3


def test_bad_rows_are_named_and_nothing_changes(world):
    fonds = world.office.fonds
    data = sample.rows(30)
    data[2][2] = "ba"  # line 5: number not a number
    data[6][4] = ""  # line 9: no title
    data[9][5] = "31/02/1990"  # line 12: no such day
    data[11][8] = "Bí mật"  # line 14: unknown secrecy
    data[12][2] = 12  # line 15: same number as line 14
    rows, pv = _load(sample.xlsx(data))
    plan = importer.dry_run(rows, pv, pv.mapping, fonds, None)
    text = "\n".join(plan.problems)
    assert plan.problems[0].startswith("Dòng 5: hồ sơ số “ba” không phải là số")
    assert "Dòng 9: thiếu tiêu đề hồ sơ" in text
    assert "Dòng 12: thời gian “31/02/1990” không đọc được" in text
    assert "Dòng 14: độ mật “Bí mật” không rõ" in text
    assert "Dòng 15: trùng hồ sơ số 12 của mục lục số 1 ở dòng 14" in text
    with pytest.raises(RuleViolation):
        importer.apply(world.archivist, b"x", rows, pv, pv.mapping, fonds, None)
    assert not PaperDossier.objects.exists() and not Box.objects.exists()
    assert not Event.objects.filter(action="holdings.catalogue_imported").exists()


def test_mapping_is_remembered_per_layout(world):
    fonds = world.office.fonds
    data = sample.rows(5)
    rows, pv = _load(sample.xlsx(data))
    mapping = dict(pv.mapping)
    mapping["notes"] = mapping.pop("physical_state")  # this archive keeps the state in notes
    importer.apply(world.archivist, b"1", rows, pv, mapping, fonds, None)
    _, again = _load(sample.xlsx(sample.rows(8)))
    assert again.remembered and again.mapping == mapping


def test_docx_table_and_cli(world, tmp_path):
    document = docx.Document()
    document.add_paragraph("MỤC LỤC HỒ SƠ SỐ 2")
    table = document.add_table(rows=1, cols=5)
    for cell, text in zip(
        table.rows[0].cells,
        ["Hồ sơ số", "Hộp số", "Tiêu đề hồ sơ", "Thời gian", "Số tờ"],
        strict=True,
    ):
        cell.text = text
    for i in range(1, 6):
        cells = table.add_row().cells
        for cell, text in zip(
            cells, [str(i), "1", f"Hồ sơ thứ {i}", "1990 - 1991", "12"], strict=True
        ):
            cell.text = text
    buf = io.BytesIO()
    document.save(buf)
    path = tmp_path / "muc-luc.docx"
    path.write_bytes(buf.getvalue())
    out = io.StringIO()
    call_command(
        "holdings",
        "import",
        str(path),
        "--fonds",
        world.office.fonds.code,
        "--inventory",
        "2",
        "--dry-run",
        stdout=out,
    )
    assert "Sẽ thêm 5 hồ sơ" in out.getvalue() and not PaperDossier.objects.exists()
    call_command(
        "holdings",
        "import",
        str(path),
        "--fonds",
        world.office.fonds.code,
        "--inventory",
        "2",
        stdout=out,
    )
    assert PaperDossier.objects.filter(inventory__number=2, box__number=1).count() == 5
    assert PaperDossier.objects.get(number=3).year == 1991
    with pytest.raises(CommandError, match="Không có phông mã"):
        call_command("holdings", "import", str(path), "--fonds", "KHONGCO", stdout=out)
    bad = tmp_path / "hong.xlsx"
    bad.write_bytes(b"not a workbook")
    with pytest.raises(CommandError, match="tệp hỏng"):
        call_command("holdings", "import", str(bad), "--fonds", world.office.fonds.code, stdout=out)
