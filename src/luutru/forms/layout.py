"""What every official form is made of, independent of the file format.

A builder turns records into a ``Form``; the DOCX, PDF and XLSX renderers
turn a ``Form`` into bytes. Blocks come in reading order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from luutru.orgs.models import Secrecy

PARTY = "ĐẢNG CỘNG SẢN VIỆT NAM"


@dataclass
class Para:
    kind: ClassVar[str] = "para"
    text: str
    bold: bool = False
    italic: bool = False
    align: str = "left"  # left | center | right | justify
    size: int = 0  # points; 0 = the body size


@dataclass
class Row:
    cells: list
    kind: str = "item"  # item | heading | subheading | note


@dataclass
class Table:
    kind: ClassVar[str] = "table"
    columns: list[str]
    widths: Sequence[float]  # relative widths, one per column
    rows: list[Row]
    # Official tables number their columns (1), (2), … under the titles.
    numbered: bool = True
    empty_note: str = ""

    @property
    def numbered_columns(self) -> list[str]:
        """ "(1) Số TT": how DOMAIN.md writes the headers, used in DOCX and PDF."""
        if not self.numbered:
            return list(self.columns)
        return [f"({i}) {c}" for i, c in enumerate(self.columns, start=1)]

    @property
    def percent_widths(self) -> list[float]:
        total = sum(self.widths) or 1
        return [round(100 * w / total, 2) for w in self.widths]


@dataclass
class Signature:
    title: str
    name: str = ""
    hint: str = "(Ký, ghi rõ họ tên)"


@dataclass
class Signatures:
    kind: ClassVar[str] = "signatures"
    blocks: list[Signature]
    place_date: str = ""


@dataclass
class PageBreak:
    kind: ClassVar[str] = "pagebreak"


Block = Para | Table | Signatures | PageBreak


@dataclass
class Form:
    """One official form: the two-column administrative header, a title, then blocks."""

    slug: str  # the file name without extension, ASCII
    title: str
    issuer: list[str]  # top left: superior body (may be empty), issuing body
    place_date: str = ""  # top right under "ĐẢNG CỘNG SẢN VIỆT NAM", italic
    number: str = ""  # "Số 12-BB/VPTU" under the issuer, when the form has one
    subtitle: list[str] = field(default_factory=list)
    marks: list[str] = field(default_factory=list)  # secrecy, draft, closed fonds
    blocks: list[Block] = field(default_factory=list)
    secrecy: int = 0
    landscape: bool = False
    title_size: int = 15
    # A table form is also offered as XLSX (the file plan XLSX is re-importable).
    tabular: bool = False

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    @property
    def secrecy_label(self) -> str:
        return Secrecy(self.secrecy).label.upper() if self.secrecy else ""

    @property
    def formats(self) -> tuple[str, ...]:
        return ("docx", "pdf", "xlsx") if self.tabular else ("docx", "pdf")
