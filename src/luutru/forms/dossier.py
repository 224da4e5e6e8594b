"""The forms of one dossier: its document index (mục lục văn bản), its closing
certificate (chứng từ kết thúc) and its cover (bìa hồ sơ)."""

from __future__ import annotations

from django.utils import timezone

from luutru.core.errors import RuleViolation
from luutru.core.vn import count_words, long_date, short_date
from luutru.filing.dossiers import INDEX_COLUMNS, current_certificate
from luutru.filing.queries import dossier_items_in_order, index_rows_for
from luutru.forms.layout import Form, Para, Row, Signature, Signatures, Table
from luutru.forms.parts import (
    BLANK_DATE,
    DOTS,
    fonds_mark,
    issuer_lines,
    marks,
    safe_name,
    secrecy_mark,
)

INDEX_WIDTHS = [7, 18, 14, 60, 30, 12, 20]


def _dossier_heading(dossier) -> list[str]:
    return [f"Hồ sơ số {dossier.file_notation} – năm {dossier.file_catalog}", dossier.title]


def dossier_index(user, dossier) -> Form:
    """Mục lục văn bản: the index frozen at closing; a marked draft while the dossier is open.
    Documents ``user`` may not open keep their row, without their data."""
    data, is_draft = index_rows_for(user, dossier)
    draft = ""
    if is_draft:
        draft = "DỰ THẢO – hồ sơ chưa kết thúc; mục lục chính thức được lập khi kết thúc hồ sơ."
    rows = [Row([r.get(key, "") for key, _ in INDEX_COLUMNS]) for r in data]
    return Form(
        slug=f"muc-luc-van-ban-{dossier.file_catalog}-{safe_name(dossier.file_notation)}",
        title="MỤC LỤC VĂN BẢN",
        tabular=True,
        issuer=issuer_lines(dossier.org),
        subtitle=_dossier_heading(dossier),
        marks=marks(secrecy_mark(dossier.secrecy), fonds_mark(dossier.org), draft),
        secrecy=dossier.secrecy,
        blocks=[
            Table(
                [t for _, t in INDEX_COLUMNS],
                INDEX_WIDTHS,
                rows,
                empty_note="Hồ sơ chưa có văn bản nào.",
            ),
            Para(f"Mục lục này gồm {count_words(len(rows), 'văn bản')}.", bold=True),
        ],
        landscape=True,
    )


def closing_certificate(user, dossier) -> Form:
    """Chứng từ kết thúc (layout: default, configurable — verify): counts in figures and words."""
    cert = current_certificate(dossier)
    if cert is None:
        raise RuleViolation(
            f"Hồ sơ “{dossier.file_notation}” chưa kết thúc nên chưa có chứng từ kết thúc. "
            "Hãy kết thúc hồ sơ trên trang hồ sơ: hệ thống sẽ lập chứng từ."
        )
    made = timezone.localdate(cert.created_at)
    person = getattr(cert.created_by, "person", None)
    return Form(
        slug=f"chung-tu-ket-thuc-{dossier.file_catalog}-{safe_name(dossier.file_notation)}",
        title="CHỨNG TỪ KẾT THÚC",
        issuer=issuer_lines(dossier.org),
        subtitle=_dossier_heading(dossier),
        marks=marks(secrecy_mark(dossier.secrecy), fonds_mark(dossier.org)),
        secrecy=dossier.secrecy,
        blocks=[
            Para(
                f"Hồ sơ này gồm có: {count_words(cert.doc_total, 'văn bản')}, "
                f"{count_words(cert.page_total, 'trang')}."
            ),
            Para(f"Mục lục văn bản: {count_words(cert.index_pages, 'tờ')}."),
            Para(f"Thời gian tài liệu: {_span(dossier)}."),
            Para(f"Thời hạn bảo quản: {dossier.retention.label}."),
            Para(f"Đặc điểm: {cert.note or 'Không có'}."),
            Signatures(
                [Signature("NGƯỜI LẬP HỒ SƠ", person.full_name if person else "")],
                place_date=long_date(made, dossier.org.place),
            ),
        ],
    )


def dossier_cover(user, dossier) -> Form:
    """Bìa hồ sơ (layout: default, configurable — verify): fonds, codes, title, dates, counts."""
    org = dossier.org
    fonds = getattr(org, "fonds", None)
    cert = current_certificate(dossier)
    if cert is not None:
        docs, pages = cert.doc_total, cert.page_total
    else:
        items = dossier_items_in_order(dossier)
        docs, pages = len(items), sum(it.document.page_amount or 0 for it in items)
    no_dates = ""
    if not (dossier.start_date and dossier.end_date):
        no_dates = (
            "Hồ sơ chưa có đủ ngày bắt đầu và ngày kết thúc: điền tay vào bìa, "
            "hoặc ghi ngày cho văn bản rồi kết thúc hồ sơ để hệ thống tự ghi."
        )
    return Form(
        slug=f"bia-ho-so-{dossier.file_catalog}-{safe_name(dossier.file_notation)}",
        title="HỒ SƠ",
        title_size=20,
        issuer=issuer_lines(org),
        subtitle=[],
        marks=marks(
            secrecy_mark(dossier.secrecy),
            fonds_mark(org),
            "" if cert else "DỰ THẢO – hồ sơ chưa kết thúc.",
            no_dates,
        ),
        secrecy=dossier.secrecy,
        blocks=[
            Para(f"Tên phông: {fonds.name if fonds else org.name}", align="center"),
            Para(f"Mã hồ sơ: {dossier.file_code}", align="center"),
            Para(dossier.title, bold=True, align="center", size=16),
            Para(_span(dossier, long=True), italic=True, align="center"),
            Para(
                f"Gồm {count_words(docs, 'văn bản')}; {count_words(pages, 'trang')}",
                align="center",
            ),
            Para(f"Thời hạn bảo quản: {dossier.retention.label}", bold=True, align="center"),
            Para(
                f"Phông số: {fonds.code if fonds else DOTS}    Mục lục số: {DOTS}    "
                f"Hộp số: {DOTS}    Hồ sơ số: {dossier.file_notation}",
                align="center",
            ),
        ],
    )


def _span(dossier, *, long: bool = False) -> str:
    if long:
        start = long_date(dossier.start_date) or BLANK_DATE
        end = long_date(dossier.end_date) or BLANK_DATE
        return f"Từ {start} đến {end}"
    if dossier.start_date or dossier.end_date:
        return f"từ {short_date(dossier.start_date) or DOTS} đến {short_date(dossier.end_date) or DOTS}"
    return "chưa xác định"
