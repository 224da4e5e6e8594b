"""A table form as XLSX (openpyxl): header cells, title, the official columns numbered
(1), (2), … on the row below their titles, rows, footer lines in column B. Every cell
is written through ``luutru.core.xlsx.put``: text stays text, never a formula.

The file plan written here is read back by ``luutru.filing.xlsx.import_plan_xlsx``:
the column titles, the numbering row and the footer in column B are what it expects.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from luutru.core.xlsx import put
from luutru.forms.layout import PARTY, Form, Para, Signatures, Table

_thin = Side(style="thin", color="000000")
_BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
_WRAP = Alignment(wrap_text=True, vertical="top")
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_BOLD = Font(bold=True)
_HEADING = Font(bold=True)
_SUBHEADING = Font(bold=True, italic=True)


def _merged(ws, row: int, first: int, last: int, value, *, font=None, height=None) -> None:
    cell = put(ws, row, first, value)
    cell.alignment = _CENTER
    if font is not None:
        cell.font = font
    if last > first:
        ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
    if height:
        ws.row_dimensions[row].height = height


def to_xlsx(form: Form) -> bytes:
    table = form.tables[0]
    n = len(table.columns)
    wb = Workbook()
    ws = wb.active
    ws.title = form.title[:31].replace("/", "-").replace(",", "")
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if form.landscape else "portrait"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True

    split = max(1, n // 2)
    issuer = "\n".join([*form.issuer, "*"] + ([form.number] if form.number else []))
    party = PARTY + (f"\n{form.place_date}" if form.place_date else "")
    _merged(ws, 1, 1, split, issuer, font=_BOLD, height=15 * (len(form.issuer) + 2))
    _merged(ws, 1, split + 1, n, party, font=_BOLD)
    _merged(ws, 2, 1, n, form.title, font=Font(bold=True, size=13))
    row = 3
    for line in [*form.subtitle, *form.marks]:
        _merged(ws, row, 1, n, line, font=Font(italic=True))
        row += 1
    row += 1
    text_col = 2 if n > 1 else 1
    for block in form.blocks:
        if isinstance(block, Para):
            c = put(ws, row, text_col, block.text)
            c.font = Font(bold=block.bold, italic=block.italic)
            row += 1
        elif isinstance(block, Table):
            row = _table(ws, block, row)
        elif isinstance(block, Signatures):
            row = _signatures(ws, block, row + 1, n)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _table(ws, t: Table, row: int) -> int:
    header = row
    for col, (title, width) in enumerate(zip(t.columns, t.widths, strict=True), start=1):
        c = put(ws, row, col, title)
        c.font, c.alignment, c.border = _BOLD, _CENTER, _BORDER
        if t.numbered:
            m = put(ws, row + 1, col, f"({col})")
            m.alignment, m.border = _CENTER, _BORDER
        ws.column_dimensions[get_column_letter(col)].width = width
    row += 2 if t.numbered else 1
    ws.print_title_rows = f"{header}:{row - 1}"
    ws.freeze_panes = ws.cell(row=row, column=1)
    for r in t.rows:
        font = _HEADING if r.kind == "heading" else _SUBHEADING if r.kind == "subheading" else None
        for col, value in enumerate(r.cells, start=1):
            c = put(ws, row, col, value)
            c.border, c.alignment = _BORDER, _WRAP
            if font is not None and col <= 2:
                c.font = font
        row += 1
    row += 1
    if not t.rows and t.empty_note:
        put(ws, row, 2 if len(t.columns) > 1 else 1, t.empty_note).font = Font(italic=True)
        row += 1
    return row


def _signatures(ws, block: Signatures, row: int, n: int) -> int:
    # Signatures sit in the last columns: column B is the footer the plan import reads.
    count = len(block.blocks)
    columns = [max(1, n - (count - 1 - i) * max(1, n // count)) for i in range(count)]
    if count > 1:
        columns[0] = 1
    start = row
    for col, sig in zip(columns, block.blocks, strict=True):
        r = start
        if block.place_date and sig is block.blocks[-1]:
            put(ws, r, col, block.place_date).font = Font(italic=True)
            r += 1
        put(ws, r, col, sig.title).font = _BOLD
        put(ws, r + 1, col, sig.hint).font = Font(italic=True)
        put(ws, r + 4, col, sig.name).font = _BOLD
        row = max(row, r + 5)
    return row
