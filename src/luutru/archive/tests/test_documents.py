"""The deposit list (XLSX) and the handover record (DOCX)."""

from __future__ import annotations

import io

import pytest
from docx import Document as Docx
from openpyxl import load_workbook

from luutru.archive.documents import DEPOSIT_LIST_COLUMNS, HIDDEN_TITLE
from luutru.archive.services import accept_deposit, create_deposit, submit_deposit
from luutru.archive.tests.conftest import make_dossier
from luutru.filing.models import Dossier
from luutru.forms.services import deposit_list_xlsx, handover_docx
from luutru.orgs.models import Secrecy

pytestmark = pytest.mark.django_db


def _sheet_rows(content: bytes) -> list[tuple]:
    ws = load_workbook(io.BytesIO(content)).active
    return [tuple(c for c in row) for row in ws.iter_rows(values_only=True)]


def _docx_text(content: bytes) -> str:
    doc = Docx(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def _twelve(world):
    dossiers = [
        make_dossier(
            world.office,
            world.official,
            notation=f"{n:02d}.VP",
            title=f"Hồ sơ số {n}",
            years=None if n % 2 else 10,
            documents=1,
        )
        for n in range(1, 13)
    ]
    return create_deposit(world.official, world.office, dossiers)


def test_xlsx_has_the_official_columns_in_order_and_the_count_in_words(world):
    deposit = _twelve(world)
    rows = _sheet_rows(deposit_list_xlsx(world.official, deposit))
    header = rows.index(tuple(DEPOSIT_LIST_COLUMNS))
    assert DEPOSIT_LIST_COLUMNS == [
        "Số TT",
        "Số, ký hiệu hồ sơ",
        "Tiêu đề hồ sơ",
        "Thời gian tài liệu",
        "Thời hạn bảo quản",
        "Số tờ / Số trang",
        "Ghi chú",
    ]
    assert rows[header + 1] == ("(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)")
    body = rows[header + 2 : header + 14]
    assert [r[0] for r in body] == list(range(1, 13))
    assert [r[1] for r in body] == [f"{n:02d}.VP" for n in range(1, 13)]
    first = body[0]
    assert first[2] == "Hồ sơ số 1" and first[3] == "03/06/2024 – 20/12/2024"
    assert first[4] == "Vĩnh viễn" and body[1][4] == "10 năm" and first[5] == 1
    flat = [c for r in rows for c in r if isinstance(c, str)]
    assert "Mục lục này gồm 12 (mười hai) hồ sơ." in flat
    assert "MỤC LỤC HỒ SƠ, TÀI LIỆU NỘP LƯU" in flat


def test_a_title_the_viewer_may_not_see_is_never_printed(world):
    secret = make_dossier(
        world.office,
        world.head,
        notation="01.VP",
        title="Nhân sự khóa mới",
        years=None,
        secrecy=Secrecy.MAT,
    )
    plain = make_dossier(
        world.office, world.official, notation="02.VP", title="Báo cáo năm", years=None
    )
    deposit = create_deposit(world.head, world.office, [secret, plain])
    assert Dossier.objects.get(pk=secret.pk).secrecy == Secrecy.MAT
    for content, read in (
        (deposit_list_xlsx(world.official, deposit), lambda c: str(_sheet_rows(c))),
        (handover_docx(world.official, deposit), _docx_text),
    ):
        text = read(content)
        assert "Nhân sự khóa mới" not in text
        assert HIDDEN_TITLE in text and "Báo cáo năm" in text
    assert "Nhân sự khóa mới" in _docx_text(handover_docx(world.head, deposit))


def test_docx_handover_record_states_bases_parties_and_counts(world):
    a = make_dossier(
        world.office,
        world.official,
        notation="01.VP",
        title="Kế hoạch năm",
        years=None,
        documents=2,
    )
    b = make_dossier(
        world.office, world.official, notation="02.VP", title="Báo cáo năm", years=10, documents=3
    )
    deposit = create_deposit(world.official, world.office, [a, b])
    draft = _docx_text(handover_docx(world.official, deposit))
    assert "DỰ THẢO" in draft
    submit_deposit(world.official, deposit)
    accept_deposit(world.archivist, deposit)
    deposit.refresh_from_db()
    text = _docx_text(handover_docx(world.archivist, deposit))
    assert "DỰ THẢO" not in text
    assert "BIÊN BẢN" in text and "Căn cứ" in text
    assert "BÊN GIAO: Văn phòng Tỉnh ủy" in text and "BÊN NHẬN: Tỉnh ủy Thử nghiệm" in text
    assert "Đại diện: Nguyễn Văn An" in text and "Đại diện: Vũ Thị Giang" in text
    assert "1. Tên khối tài liệu giao nộp: Hồ sơ, tài liệu năm 2024 của Văn phòng Tỉnh ủy." in text
    assert "2. Thời gian của tài liệu: Từ 03/06/2024 đến 20/12/2024." in text
    assert "Tổng số hồ sơ: 2 (hai) hồ sơ" in text
    assert "Tổng số văn bản: 5 (năm) văn bản" in text
    assert "Tổng số tệp tin (tệp máy tính): 5 (năm) tệp tin" in text
    # PDFs of 1+2 pages and 1+2+3 pages
    assert "Tổng số trang: 9 (chín) trang" in text
    assert "4. Tình trạng tài liệu giao nộp:" in text
    assert "5. Mục lục hồ sơ, tài liệu nộp lưu kèm theo: 2 (hai) hồ sơ" in text
    assert "(1) Số TT" in text and "Kế hoạch năm" in text
