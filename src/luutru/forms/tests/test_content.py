"""Each form opened with python-docx and openpyxl: headers, column order, rows, totals."""

from __future__ import annotations

import datetime as dt

import pytest

from luutru.archive.documents import DEPOSIT_LIST_COLUMNS
from luutru.archive.services import accept_deposit, submit_deposit
from luutru.forms import builders, render
from luutru.forms.layout import PARTY

from .conftest import docx_paragraphs, docx_tables, docx_text, register_documents, sheet_rows

pytestmark = pytest.mark.django_db

PLAN_HEADERS = [
    "(1) Số và ký hiệu hồ sơ",
    "(2) Tên đề mục và tiêu đề hồ sơ",
    "(3) Thời hạn bảo quản",
    "(4) Người lập hồ sơ",
    "(5) Ghi chú",
]


def _numbered(columns):
    return [f"({i}) {c}" for i, c in enumerate(columns, start=1)]


def test_file_plan_docx_has_header_decision_line_columns_rows_and_totals(world, issued_plan):
    content = render.to_docx(builders.file_plan(issued_plan))
    head, table = docx_tables(content)[:2]
    assert head[0][0].split("\n")[-2:] == ["VĂN PHÒNG TỈNH ỦY", "*"]
    assert head[0][1] == f"{PARTY}\nHạ Long, ngày 10 tháng 01 năm 2025"
    paragraphs = docx_paragraphs(content)
    assert "DANH MỤC HỒ SƠ NĂM 2025" in paragraphs
    assert "(Ban hành kèm theo Quyết định số 15-QĐ/VPTU ngày 10 tháng 01 năm 2025)" in paragraphs
    assert table[0] == PLAN_HEADERS
    assert table[1:] == [
        ["I", "Công tác tổng hợp", "", "", "Ký hiệu đề mục: VP"],
        ["01.VP", "Kế hoạch, báo cáo công tác năm 2025", "Vĩnh viễn", "Nguyễn Văn An", ""],
        ["1", "Văn thư, lưu trữ", "", "", ""],
        [
            "02.VP",
            "Công văn trao đổi về công tác văn thư năm 2025",
            "10 năm",
            "Nguyễn Văn An",
            "Bản chính",
        ],
        ["II", "Công tác tổ chức", "", "", "Ký hiệu đề mục: TC"],
        ["03.TC", "Hồ sơ nhân sự", "20 năm", "", ""],
    ]
    assert "Tổng số: 3 (ba) hồ sơ" in paragraphs
    assert (
        "Trong đó: hồ sơ bảo quản vĩnh viễn: 1 (một) hồ sơ; hồ sơ bảo quản có thời hạn: 2 (hai) hồ sơ"
        in paragraphs
    )
    assert not any("DỰ THẢO" in p for p in paragraphs)


def test_file_plan_xlsx_is_the_same_table_and_reads_back(world, issued_plan):
    from luutru.filing.xlsx import _parse, _read_rows

    content = render.to_xlsx(builders.file_plan(issued_plan))
    rows = sheet_rows(content)
    assert rows[1][0] == "DANH MỤC HỒ SƠ NĂM 2025"
    header = next(i for i, r in enumerate(rows) if r[0] == "Số và ký hiệu hồ sơ")
    assert rows[header + 1] == ("(1)", "(2)", "(3)", "(4)", "(5)")
    assert [r[0] for r in rows[header + 2 : header + 8]] == [
        "I",
        "01.VP",
        "1",
        "02.VP",
        "II",
        "03.TC",
    ]
    majors, _ = _parse(_read_rows(content), world.office, 2026)
    assert [h.abbrev for h in majors] == ["VP", "TC"]


def test_document_index_docx_and_xlsx_list_every_document_in_order(world, closed_dossier):
    from luutru.filing.dossiers import INDEX_COLUMNS

    form = builders.dossier_index(world.official, closed_dossier)
    table = docx_tables(render.to_docx(form))[1]
    assert table[0] == _numbered([t for _, t in INDEX_COLUMNS])
    assert [r[0] for r in table[1:]] == ["1", "2", "3"]
    assert table[1][1].endswith("-CV/VPTU") and table[1][2] == "11/09/2024"
    assert table[1][3] == "Công văn Kế hoạch công tác năm 2024 của Văn phòng Tỉnh ủy – văn bản 1"
    assert [r[5] for r in table[1:]] == ["1", "2–3", "4–6"]
    text = docx_text(render.to_docx(form))
    assert "MỤC LỤC VĂN BẢN" in text and "Mục lục này gồm 3 (ba) văn bản." in text
    rows = sheet_rows(render.to_xlsx(form))
    header = rows.index(tuple(t for _, t in INDEX_COLUMNS))
    assert [r[0] for r in rows[header + 2 : header + 5]] == [1, 2, 3]


def test_closing_certificate_states_counts_in_figures_and_words(world, closed_dossier):
    form = builders.closing_certificate(world.official, closed_dossier)
    assert form.formats == ("docx", "pdf")
    text = docx_text(render.to_docx(form))
    assert "CHỨNG TỪ KẾT THÚC" in text
    assert "Hồ sơ số 01.VP – năm 2024" in text
    assert "Hồ sơ này gồm có: 3 (ba) văn bản, 6 (sáu) trang." in text
    assert "Thời gian tài liệu: từ 03/06/2024 đến 20/12/2024." in text
    assert "NGƯỜI LẬP HỒ SƠ" in text and "Nguyễn Văn An" in text


def test_dossier_cover_names_fonds_code_title_dates_and_retention(world, closed_dossier):
    text = docx_text(render.to_docx(builders.dossier_cover(world.official, closed_dossier)))
    assert "Tên phông: Phông Văn phòng Tỉnh ủy" in text
    assert "Mã hồ sơ: 000.00.01.T01.2024.01.VP" in text
    assert "Kế hoạch công tác năm 2024 của Văn phòng Tỉnh ủy" in text
    assert "Từ ngày 03 tháng 6 năm 2024 đến ngày 20 tháng 12 năm 2024" in text
    assert "Gồm 3 (ba) văn bản; 6 (sáu) trang" in text
    assert "Thời hạn bảo quản: Vĩnh viễn" in text


def test_deposit_list_counts_in_figures_and_words_in_every_format(world, deposit):
    form = builders.deposit_list(world.official, deposit)
    table = docx_tables(render.to_docx(form))[1]
    assert table[0] == _numbered(DEPOSIT_LIST_COLUMNS)
    assert [r[:3] for r in table[1:]] == [
        ["1", "01.VP", "Kế hoạch công tác năm 2024 của Văn phòng Tỉnh ủy"],
        ["2", "02.VP", "Công văn trao đổi về công tác văn thư năm 2024"],
    ]
    assert [r[4:6] for r in table[1:]] == [["Vĩnh viễn", "6"], ["10 năm", "3"]]
    assert "Mục lục này gồm 2 (hai) hồ sơ." in docx_text(render.to_docx(form))
    rows = sheet_rows(render.to_xlsx(form))
    header = rows.index(tuple(DEPOSIT_LIST_COLUMNS))
    assert [r[0] for r in rows[header + 2 : header + 4]] == [1, 2]
    assert any("Mục lục này gồm 2 (hai) hồ sơ." in r for r in rows)


def test_fonds_list_shows_archived_dossiers_of_a_year(world, deposit):
    submit_deposit(world.official, deposit)
    accept_deposit(world.archivist, deposit)
    form = builders.fonds_dossier_list(world.archivist, world.office, 2024)
    table = docx_tables(render.to_docx(form))[1]
    assert table[0] == _numbered(DEPOSIT_LIST_COLUMNS)
    assert [r[1] for r in table[1:]] == ["01.VP", "02.VP"]
    assert "Mục lục này gồm 2 (hai) hồ sơ." in docx_text(render.to_docx(form))
    assert "Phông: Phông Văn phòng Tỉnh ủy" in docx_text(render.to_docx(form))
    other_year = builders.fonds_dossier_list(world.archivist, world.office, 2023)
    assert "Mục lục này gồm 0 (không) hồ sơ." in docx_text(render.to_docx(other_year))


def test_handover_record_has_bases_parties_quantities_and_the_list(world, deposit):
    content = render.to_docx(builders.handover_record(world.official, deposit))
    text = docx_text(content)
    assert "BIÊN BẢN" in text and "DỰ THẢO – chưa được lưu trữ tiếp nhận" in text
    assert "BÊN GIAO: Văn phòng Tỉnh ủy" in text and "BÊN NHẬN: Tỉnh ủy Thử nghiệm" in text
    assert "Tổng số hồ sơ: 2 (hai) hồ sơ" in text and "Tổng số trang: 9 (chín) trang" in text
    assert "ĐẠI DIỆN BÊN GIAO" in text and "ĐẠI DIỆN BÊN NHẬN" in text
    list_table = docx_tables(content)[-1]
    assert list_table[0] == _numbered(DEPOSIT_LIST_COLUMNS) and len(list_table) == 3


def test_outgoing_register_has_the_ten_official_columns_in_order(world):
    register_documents(world, direction="outgoing", count=3)
    form = builders.register(
        world.clerk, world.office, "di", dt.date(2024, 3, 1), dt.date(2024, 3, 2)
    )
    table = docx_tables(render.to_docx(form))[1]
    assert table[0] == _numbered(builders.REGISTER_OUT_COLUMNS)
    # NĐ 30 App. IV, in order (DOMAIN.md §2).
    assert builders.REGISTER_OUT_COLUMNS == [
        "Số, ký hiệu VB",
        "Ngày tháng VB",
        "Tên loại và trích yếu",
        "Người ký",
        "Nơi nhận",
        "Đơn vị, người nhận bản lưu",
        "Số lượng bản",
        "Ngày chuyển",
        "Ký nhận",
        "Ghi chú",
    ]
    assert [r[:3] for r in table[1:]] == [
        ["1-CV/VPTU", "01/03/2024", "Công văn Về việc tổ chức hội nghị số 1"],
        ["2-CV/VPTU", "02/03/2024", "Công văn Về việc tổ chức hội nghị số 2"],
    ]
    assert table[1][3] == "Hoàng Văn Em, Bí thư"
    rows = sheet_rows(render.to_xlsx(form))
    header = rows.index(tuple(builders.REGISTER_OUT_COLUMNS))
    assert rows[header + 1] == tuple(f"({i})" for i in range(1, 11))
    assert any("Sổ gồm 2 (hai) văn bản đi." in r for r in rows)


def test_incoming_register_orders_by_arrival_with_its_own_columns(world):
    from luutru.registry.models import Document

    docs = register_documents(world, direction="incoming", count=2)
    Document.objects.filter(pk=docs[0].pk).update(
        arrival_date=dt.date(2024, 3, 5), arrival_number="7"
    )
    Document.objects.filter(pk=docs[1].pk).update(
        arrival_date=dt.date(2024, 3, 4), arrival_number="6"
    )
    form = builders.register(
        world.clerk, world.office, "den", dt.date(2024, 3, 1), dt.date(2024, 3, 31)
    )
    table = docx_tables(render.to_docx(form))[1]
    assert table[0] == _numbered(builders.REGISTER_IN_COLUMNS)
    assert builders.REGISTER_IN_COLUMNS == [
        "Ngày đến",
        "Số đến",
        "Tác giả",
        "Số, ký hiệu",
        "Ngày tháng VB",
        "Tên loại và trích yếu",
        "Đơn vị hoặc người nhận",
        "Ngày chuyển",
        "Ký nhận",
        "Ghi chú",
    ]
    assert [r[:5] for r in table[1:]] == [
        ["04/03/2024", "6", "Ban Tổ chức Tỉnh ủy", "2-CV/VPTU", "02/03/2024"],
        ["05/03/2024", "7", "Ban Tổ chức Tỉnh ủy", "1-CV/VPTU", "01/03/2024"],
    ]
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN" in docx_text(render.to_docx(form))


def test_register_never_prints_a_document_the_reader_may_not_open(world):
    register_documents(world, direction="outgoing", count=2, secrecy_last=1)
    start, end = dt.date(2024, 3, 1), dt.date(2024, 3, 31)
    clerk = docx_text(
        render.to_docx(builders.register(world.clerk, world.office, "di", start, end))
    )
    assert "hội nghị số 1" in clerk and "hội nghị số 2" not in clerk
    assert "Còn 1 (một) văn bản trong khoảng thời gian này không in ra" in clerk
    head_form = builders.register(world.head, world.office, "di", start, end)
    assert "hội nghị số 2" in docx_text(render.to_docx(head_form))
    assert head_form.secrecy == 1 and "MẬT" in head_form.marks
