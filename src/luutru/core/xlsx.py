"""Writing cells of the spreadsheets the system makes (openpyxl).

Text is always written as text: openpyxl turns a string that starts with ``=``
into a formula, and a title, note or organization name typed by a user must
never run as one in the reader's spreadsheet program (formula injection).
Numbers and dates keep their own types. Every XLSX writer goes through these.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def as_text(cell: Any) -> Any:
    """Mark ``cell`` as a string cell when it holds text; return it."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
    return cell


def put(ws: Any, row: int, column: int, value: Any = None) -> Any:
    """``ws.cell(row, column, value)`` with text kept as text."""
    return as_text(ws.cell(row=row, column=column, value=value))


def append(ws: Any, values: Iterable[Any]) -> None:
    """``ws.append(values)`` with text kept as text."""
    values = list(values)
    ws.append(values)
    # The row just written, by its number: ``ws[ws.max_row]`` scans every cell of the
    # sheet to find the last row, so a sheet of n rows cost n² (5,700 rows: 80 s).
    row = ws._current_row
    for column, value in enumerate(values, start=1):
        if isinstance(value, str):
            as_text(ws.cell(row=row, column=column))
