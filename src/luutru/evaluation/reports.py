"""The year-end review report: criteria with weights and the ranking, as XLSX and DOCX."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from docx import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from luutru.core import xlsx
from luutru.core.vn import long_date
from luutru.evaluation.queries import Ranked
from luutru.evaluation.services import figure_label
from luutru.orgs.models import Organization

CRITERIA_COLUMNS = ["STT", "Tiêu chí", "Cách tính", "Trọng số (điểm)", "Căn cứ"]
RANKING_COLUMNS = ["Xếp hạng", "Cơ quan, tổ chức", "Điểm (trên 100)"]
PERSON_COLUMNS = ["Xếp hạng", "Cán bộ", "Cơ quan, tổ chức", "Điểm (trên 100)"]


@dataclass
class Report:
    root: Organization
    year: int
    on: dt.date
    criteria: list[dict]
    units: list[Ranked]
    people: list[Ranked]

    @property
    def title(self) -> str:
        return f"BÁO CÁO KẾT QUẢ ĐÁNH GIÁ CÔNG TÁC LẬP HỒ SƠ, NỘP LƯU NĂM {self.year}"


def method(c: dict) -> str:
    text = figure_label(c["numerator"])
    if c["denominator"]:
        text += " / " + figure_label(c["denominator"])
    return text + (" (càng thấp càng tốt)" if c["direction"] == "lower" else "")


def criteria_rows(report: Report) -> list[list]:
    return [
        [i, c["name"], method(c), c["weight"], c["legal_basis"]]
        for i, c in enumerate(report.criteria, start=1)
    ]


def _points(r: Ranked) -> str | float:
    return r.score.total if r.score.total is not None else "Chưa có dữ liệu"


def unit_rows(report: Report) -> list[list]:
    return [[r.rank or "–", r.subject.name, _points(r)] for r in report.units]


def person_rows(report: Report) -> list[list]:
    return [
        [r.rank or "–", r.subject.full_name, r.org.name if r.org else "", _points(r)]
        for r in report.people
    ]


def _note(report: Report) -> str:
    return (
        # Whether the criteria are verified is for the administrator's screens, not for
        # a signed report (issue 8, item 17).
        f"Số liệu tính từ dữ liệu của hệ thống đến {long_date(report.on)}. Tiêu chí không có "
        "gì để đo thì không tính, điểm quy về thang 100 trên các tiêu chí còn lại."
    )


def report_xlsx(report: Report) -> bytes:
    wb = Workbook()
    bold, box = Font(bold=True), Border(*(Side(style="thin"),) * 4)
    wrap = Alignment(wrap_text=True, vertical="top")

    def sheet(ws, headers, rows, widths):
        xlsx.append(ws, [report.title])
        xlsx.append(ws, [f"{report.root.name} – năm {report.year}"])
        xlsx.append(ws, [])
        xlsx.append(ws, headers)
        for c in ws[4]:
            c.font, c.border, c.alignment = bold, box, wrap
        for row in rows:
            xlsx.append(ws, row)
            for c in ws[ws.max_row]:
                c.border, c.alignment = box, wrap
        ws.cell(1, 1).font = bold
        for i, w in enumerate(widths):
            ws.column_dimensions[chr(65 + i)].width = w

    ws = wb.active
    ws.title = "Tiêu chí"
    sheet(ws, CRITERIA_COLUMNS, criteria_rows(report), [6, 40, 50, 14, 60])
    xlsx.append(ws, ["", "Tổng", "", sum(c["weight"] for c in report.criteria), ""])
    ws.cell(ws.max_row, 2).font = bold
    xlsx.append(ws, [])
    xlsx.append(ws, [_note(report)])
    sheet(wb.create_sheet("Xếp hạng cơ quan"), RANKING_COLUMNS, unit_rows(report), [10, 60, 16])
    sheet(wb.create_sheet("Xếp hạng cán bộ"), PERSON_COLUMNS, person_rows(report), [10, 30, 50, 16])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def report_docx(report: Report) -> bytes:
    doc = DocxDocument()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)

    def para(text, *, bold=False, center=False, italic=False, size=None):
        p = doc.add_paragraph()
        run = p.add_run(text)
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        return p

    def table(headers, rows):
        t = doc.add_table(rows=1, cols=len(headers))
        t.style = "Table Grid"
        for cell, h in zip(t.rows[0].cells, headers, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(h).bold = True
        for row in rows:
            cells = t.add_row().cells
            for cell, v in zip(cells, row, strict=True):
                cell.text = str(v)
        return t

    para(report.root.name.upper(), bold=True, center=True)
    para(long_date(report.on, report.root.place), italic=True, center=True)
    para(report.title, bold=True, center=True, size=14)
    para(f"Năm đánh giá: {report.year}", center=True)
    para("I. TIÊU CHÍ VÀ TRỌNG SỐ", bold=True)
    table(CRITERIA_COLUMNS, criteria_rows(report))
    para(f"Tổng trọng số: {sum(c['weight'] for c in report.criteria)} điểm.")
    para("II. XẾP HẠNG CƠ QUAN, TỔ CHỨC", bold=True)
    table(RANKING_COLUMNS, unit_rows(report))
    para("III. XẾP HẠNG CÁN BỘ", bold=True)
    table(PERSON_COLUMNS, person_rows(report))
    para(_note(report), italic=True)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
