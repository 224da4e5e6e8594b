"""Headers as most offices make them: a Word document whose header is a borderless
table, printed to PDF. The text comes cell by cell (the left cell's lines, then the
right one's), and a cell wraps a line too long for it: the motto, the date, a long
name. These were read wrong, most of them confidently (issue 10: the bench drew its
PDFs line by line and never wrapped)."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from luutru.capture import office, steps
from luutru.capture.header import parse_header

pytestmark = pytest.mark.django_db


def _fields(text: str) -> dict:
    parsed = parse_header(text)
    return {
        "issuer": parsed.value("issuer"),
        "issuer_parent": parsed.value("issuer_parent"),
        "date": parsed.value("issued_date"),
        "subject": parsed.value("subject"),
        "signer": parsed.value("signer_full_name"),
        "parsed": parsed,
    }


def test_a_wrapped_motto_is_no_issuer_and_no_part_of_the_subject():
    # The left cell (issuer, number, V/v), then the right one (the motto wrapped).
    text = (
        "ỦY BAN MẶT TRẬN TỔ QUỐC\nVIỆT NAM\nTỈNH BẠC LIÊU\nBAN THƯỜNG TRỰC\n"
        "Số: 750/MTTQ-BTT-NC\nV/v công tác phòng,\nchống dịch bệnh\nở gia súc\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT\nNAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Bạc Liêu, ngày 22 tháng 12 năm 2018\nKính gửi: Các cơ quan, đơn vị trực thuộc\n"
    )
    got = _fields(text)
    assert got["issuer"] == "BAN THƯỜNG TRỰC"
    assert got["subject"] == "V/v công tác phòng, chống dịch bệnh ở gia súc"
    assert got["parsed"].value("motto") == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


@pytest.mark.parametrize(
    ("date_lines", "date"),
    [
        ("Phan Rang - Tháp Chàm, ngày 15 tháng 12\nnăm 2022", dt.date(2022, 12, 15)),
        ("Phan Rang - Tháp Chàm, ngày 21 tháng\n2 năm 2023", dt.date(2023, 2, 21)),
        ("Sóc Trăng, ngày 19 tháng 12 năm\n2021", dt.date(2021, 12, 19)),
    ],
)
def test_a_wrapped_date_is_read_whole(date_lines, date):
    text = (
        f"TỈNH ỦY NINH THUẬN\n*\nSố 8-NQ/TU\nĐẢNG CỘNG SẢN VIỆT NAM\n{date_lines}\n"
        "NGHỊ QUYẾT\nvề tăng cường lãnh đạo tuyên truyền về biển, đảo\n-----\n"
    )
    got = _fields(text)
    assert got["date"] == date
    assert got["parsed"].value("place") == "Phan Rang - Tháp Chàm" or date.year == 2021


@pytest.mark.parametrize(
    ("left", "issuer", "parent"),
    [
        ("BAN CHẤP HÀNH TRUNG\nƯƠNG", "BAN CHẤP HÀNH TRUNG ƯƠNG", None),
        ("ỦY BAN NHÂN DÂN TỈNH PHÚ\nYÊN", "ỦY BAN NHÂN DÂN TỈNH PHÚ YÊN", None),
        ("ỦY BAN NHÂN DÂN XÃ\nTHẠCH BÀN", "ỦY BAN NHÂN DÂN XÃ THẠCH BÀN", None),
        ("BỘ NÔNG NGHIỆP VÀ MÔI\nTRƯỜNG", "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", None),
        (
            "HỘI NÔNG DÂN VIỆT NAM\nBCH HỘI NÔNG DÂN TỈNH\nKON TUM",
            "BCH HỘI NÔNG DÂN TỈNH KON TUM",
            "HỘI NÔNG DÂN VIỆT NAM",
        ),
        (
            "ĐẢNG BỘ XÃ TÂN THÀNH\nCHI BỘ BỆNH VIỆN ĐA\nKHOA HUYỆN",
            "CHI BỘ BỆNH VIỆN ĐA KHOA HUYỆN",
            "ĐẢNG BỘ XÃ TÂN THÀNH",
        ),
        # Narrower cells still.
        ("BỘ NÔNG NGHIỆP\nVÀ MÔI TRƯỜNG", "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", None),
        (
            "UBND TỈNH BẮC GIANG\nSỞ VĂN HÓA, THỂ\nTHAO VÀ DU LỊCH",
            "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
            "UBND TỈNH BẮC GIANG",
        ),
        ("HUYỆN ỦY CHƯ PĂH\nĐẢNG BỘ HUYỆN CHƯ\nPĂH", "ĐẢNG BỘ HUYỆN CHƯ PĂH", "HUYỆN ỦY CHƯ PĂH"),
        (
            "ĐẢNG BỘ TỈNH YÊN\nBÁI\nĐẢNG ỦY CÔNG\nAN\nTỈNH",
            "ĐẢNG ỦY CÔNG AN TỈNH",
            "ĐẢNG BỘ TỈNH YÊN BÁI",
        ),
        (
            "ĐẢNG BỘ XÃ AN\nNHƠN\nCHI BỘ TRƯỜNG\nTIỂU HỌC KIM\nĐỒNG",
            "CHI BỘ TRƯỜNG TIỂU HỌC KIM ĐỒNG",
            "ĐẢNG BỘ XÃ AN NHƠN",
        ),
        (
            "ĐẢNG BỘ XÃ YÊN LẠC\nCHI BỘ TRƯỜNG TIỂU HỌC\nKIM ĐỒNG",
            "CHI BỘ TRƯỜNG TIỂU HỌC KIM ĐỒNG",
            "ĐẢNG BỘ XÃ YÊN LẠC",
        ),
        # Lines that are names of their own stay apart: a body's word opens them.
        ("TỈNH ỦY GIA LAI\nBAN TỔ CHỨC", "BAN TỔ CHỨC", "TỈNH ỦY GIA LAI"),
        (
            "ĐẢNG BỘ TỈNH BÌNH ĐỊNH\nĐẢNG ỦY QUÂN SỰ TỈNH",
            "ĐẢNG ỦY QUÂN SỰ TỈNH",
            "ĐẢNG BỘ TỈNH BÌNH ĐỊNH",
        ),
    ],
)
def test_a_name_wrapped_at_the_cells_edge_is_joined_again(left, issuer, parent):
    text = (
        f"{left}\nSố: 12/QĐ-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nHà Nội, ngày 05 tháng 4 năm 2024\n"
        "QUYẾT ĐỊNH\nVề việc thành lập Ban Chỉ đạo\n"
    )
    got = _fields(text)
    assert got["issuer"] == issuer
    assert got["issuer_parent"] == parent


def test_the_youth_unions_name_over_its_motto_in_table_order():
    text = (
        "BAN CHẤP HÀNH TRUNG\nƯƠNG\nĐOÀN TNCS HỒ CHÍ MINH\n***\nSố: 06-KH/TWĐTN-VP\n"
        "ĐOÀN TNCS HỒ CHÍ MINH\nHà Nội, ngày 30 tháng 9 năm 2024\nKẾ HOẠCH\n"
        "kiểm tra an toàn vệ sinh thực phẩm\n-----\n"
    )
    got = _fields(text)
    assert (got["issuer"], got["issuer_parent"]) == (
        "ĐOÀN TNCS HỒ CHÍ MINH",
        "BAN CHẤP HÀNH TRUNG ƯƠNG",
    )


def test_a_signers_name_beside_the_last_recipient():
    text = (
        "TỈNH ỦY GIA LAI\nỦY BAN KIỂM TRA\n*\nĐẢNG CỘNG SẢN VIỆT NAM\n"
        "Số 70-ĐA/UBKTTU Pleiku, ngày 20 tháng 12 năm 2024\nĐỀ ÁN\n"
        "về ứng dụng công nghệ thông tin trong quản lý văn bản\n-----\n"
        "Văn bản này được phổ biến đến toàn thể cán bộ, đảng viên.\n"
        "Nơi nhận:\n- Như trên,\n- Lưu Văn phòng. Phạm Hữu Khải\n"
    )
    got = _fields(text)
    assert got["signer"] == "Phạm Hữu Khải"
    assert got["parsed"].fields["signer_full_name"].confidence < 0.9  # no position printed
    # A recipient's own name is no signer: none follows a recipient without a family name.
    other = text.replace("- Lưu Văn phòng. Phạm Hữu Khải", "- UBND tỉnh Gia Lai")
    assert _fields(other)["signer"] != "Gia Lai"


def _header_table(d, left, right):
    """A borderless one-row, two-cell table of these widths, as a header's."""
    table = d.add_table(rows=1, cols=2)
    table.autofit = False
    for col, width in zip(table.columns, (left, right), strict=True):
        col.width = width
        for cell in col.cells:
            cell.width = width
    return table


def _word_decision() -> bytes:
    """A decision as a Word user makes it: the header a borderless two-cell table
    (its left cell 6 cm, too narrow for the issuer's line), printed by LibreOffice."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    d = docx.Document()
    table = _header_table(d, Cm(6), Cm(10))

    def put(where, text, bold=False, italic=False, first=False):
        p = where.paragraphs[0] if first else where.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(text)
        run.bold, run.italic, run.font.size = bold, italic, Pt(13)
        run.font.name = "Times New Roman"

    left, right = table.cell(0, 0), table.cell(0, 1)
    put(left, "ỦY BAN NHÂN DÂN", bold=True, first=True)
    put(left, "TỈNH BÀ RỊA - VŨNG TÀU", bold=True)
    put(left, "Số: 1234/QĐ-UBND")
    put(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, first=True)
    put(right, "Độc lập - Tự do - Hạnh phúc", bold=True)
    put(right, "Bà Rịa - Vũng Tàu, ngày 05 tháng 4 năm 2024", italic=True)
    put(d, "QUYẾT ĐỊNH", bold=True)
    put(d, "Về việc thành lập Ban Chỉ đạo chuyển đổi số tỉnh", bold=True)
    put(d, "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


@pytest.mark.skipif(not office.available(), reason="LibreOffice is not installed")
def test_a_word_decision_printed_to_pdf_is_read_right():
    pdf = office.to_pdfa(_word_decision(), "docx")
    got = _fields(steps.pdf_text(pdf).text)
    assert got["issuer"] == "ỦY BAN NHÂN DÂN TỈNH BÀ RỊA - VŨNG TÀU"
    assert got["date"] == dt.date(2024, 4, 5)
    assert got["subject"] == "Về việc thành lập Ban Chỉ đạo chuyển đổi số tỉnh"
    parsed = got["parsed"]
    assert parsed.metadata()["symbol"] == "1234/QĐ-UBND"
    assert parsed.value("place") == "Bà Rịa - Vũng Tàu"


def test_a_number_wrapped_in_a_narrow_cell():
    # "Số:" alone at the cell's end; and the symbol broken at its dash, which pdfium
    # marks as a word's hyphen and joins.
    text = (
        "QUỐC HỘI CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Luật số:\n05/2020/QH14\nLUẬT\nPHÒNG, CHỐNG MUA BÁN NGƯỜI\n"
    )
    parsed = parse_header(text)
    assert parsed.metadata()["symbol"] == "05/2020/QH14"
    assert parsed.value("type_name") == "Luật"
    assert parsed.value("issuer") == "QUỐC HỘI"


@pytest.mark.skipif(not office.available(), reason="LibreOffice is not installed")
def test_a_symbol_broken_at_its_dash_keeps_it():
    import docx
    from docx.shared import Cm

    d = docx.Document()
    table = _header_table(d, Cm(3.2), Cm(12))
    table.cell(0, 0).paragraphs[0].add_run("Số: 3187/MTTQ-BTT-TH")
    buf = io.BytesIO()
    d.save(buf)
    text = steps.pdf_text(office.to_pdfa(buf.getvalue(), "docx")).text
    assert "MTTQ-BTT-TH" in text.replace("\n", ""), text
    assert "\ufffe" not in text


def test_a_motto_wrapped_beside_a_one_line_issuer():
    # A one-line left cell printed on the motto's first line: pdfium reads them as one.
    text = (
        "QUỐC HỘI CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT\nNAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Luật số: 43/2022/QH15\nLUẬT\nTIẾP CẬN THÔNG TIN\n"
    )
    parsed = parse_header(text)
    assert parsed.value("issuer") == "QUỐC HỘI"
    assert parsed.value("subject") == "TIẾP CẬN THÔNG TIN"


def test_a_subject_in_capitals_ending_on_the_partys_name_is_no_wrapped_motto():
    from luutru.capture.header.text import _rejoin_wrapped

    subject = ["VỀ CÔNG TÁC VĂN THƯ CỦA ĐẢNG CỘNG SẢN", "VIỆT NAM"]
    assert _rejoin_wrapped(subject) == subject
    anniversary = ["KỶ NIỆM 95 NĂM NGÀY THÀNH LẬP ĐẢNG CỘNG SẢN", "VIỆT NAM"]
    assert _rejoin_wrapped(anniversary) == anniversary
    # Beside an issuer's name, the motto's first words are joined to the rest.
    assert _rejoin_wrapped(["TỈNH ỦY NINH THUẬN ĐẢNG CỘNG SẢN VIỆT", "NAM"]) == [
        "TỈNH ỦY NINH THUẬN ĐẢNG CỘNG SẢN VIỆT NAM"
    ]
