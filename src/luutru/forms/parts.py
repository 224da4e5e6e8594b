"""What every official form shares: the issuer cell, the marks above the title
(secrecy, a closed fonds, a draft), the blanks a form leaves to fill by hand."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from luutru.core.vn import short_date
from luutru.orgs.models import Organization, Secrecy

BLANK_DATE = "ngày …… tháng …… năm ……"
DOTS = "……………"


def issuer_lines(org: Organization) -> list[str]:
    """Top-left cell: the superior body, then the issuing body (36-HD/VPTW cell 2)."""
    parent = org.parent if org.parent_id else None
    lines = [parent.name.upper()] if parent is not None else []
    return [*lines, org.name.upper()]


def fonds_mark(org: Organization) -> str:
    fonds = getattr(org, "fonds", None)
    if fonds is None or fonds.status != fonds.Status.CLOSED:
        return ""
    closed = f" từ ngày {short_date(fonds.closed_on)}" if fonds.closed_on else ""
    return (
        f"Phông “{fonds.name}” đã đóng{closed}: bản in lại từ hồ sơ đã có, "
        "không dùng để lập hồ sơ mới."
    )


def secrecy_mark(level: int) -> str:
    return Secrecy(level).label.upper() if level else ""


def marks(*marks: str) -> list[str]:
    return [m for m in marks if m]


def today() -> dt.date:
    return timezone.localdate()


def safe_name(notation: str) -> str:
    """A notation as it may stand in a file name (ASCII letters and digits, dashes)."""
    return "".join(c if c.isalnum() and c.isascii() else "-" for c in notation)
