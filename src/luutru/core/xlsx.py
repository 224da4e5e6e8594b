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
    ws.append(list(values))
    for cell in ws[ws.max_row]:
        as_text(cell)
