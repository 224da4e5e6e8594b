"""Danh mục hồ sơ (the file plan, DOMAIN.md §4): the issuing decision line,
headings and items, the totals footer. Its XLSX is read back by
``filing.xlsx.import_plan_xlsx``: both use filing's columns."""

from __future__ import annotations

from luutru.core.errors import RuleViolation
from luutru.core.vn import count_words, long_date
from luutru.filing.models import FilePlan
from luutru.filing.xlsx import PLAN_COLUMNS, plan_rows, plan_totals
from luutru.forms.layout import Form, Para, Row, Table
from luutru.forms.parts import BLANK_DATE, DOTS, fonds_mark, issuer_lines, marks, today

# Widths are relative (the renderers scale them to the page).
PLAN_WIDTHS = [16, 70, 18, 26, 30]


def file_plan(plan) -> Form:
    """Danh mục hồ sơ: the issuing decision line, headings and items, the totals footer."""
    org = plan.org
    closed = fonds_mark(org)
    if closed and plan.state != FilePlan.State.ISSUED:
        raise RuleViolation(
            f"Phông của “{org.name}” đã đóng: không lập danh mục hồ sơ mới. Danh mục năm "
            f"{plan.year} chưa ban hành nên không in được; chỉ in lại danh mục đã ban hành."
        )
    rows = []
    for r in plan_rows(plan):
        if r["kind"] == "heading":
            note = f"Ký hiệu đề mục: {r['abbrev']}" if r["abbrev"] else ""
            kind = "heading" if r["level"] == 0 else "subheading"
            rows.append(Row([r["numeral"], r["title"], "", "", note], kind))
        else:
            rows.append(Row([r["code"], r["title"], r["retention"], r["creator"], r["note"]]))
    totals = plan_totals(plan.items.select_related("retention"))
    issued = plan.state == FilePlan.State.ISSUED and plan.decision_number
    if issued:
        decision = (
            f"(Ban hành kèm theo Quyết định số {plan.decision_number} "
            f"{long_date(plan.decision_date)})"
        )
    else:
        decision = f"(Ban hành kèm theo Quyết định số {DOTS} {BLANK_DATE} của {org.name})"
    footer = [
        Para(f"Tổng số: {count_words(totals['total'], 'hồ sơ')}", italic=True),
        Para(
            f"Trong đó: hồ sơ bảo quản vĩnh viễn: {count_words(totals['permanent'], 'hồ sơ')}; "
            f"hồ sơ bảo quản có thời hạn: {count_words(totals['fixed_term'], 'hồ sơ')}",
            italic=True,
        ),
    ]
    empty = ""
    if not totals["total"]:
        # Still printable: the empty plan is the template officials fill in.
        empty = "Bản danh mục này chưa có hồ sơ nào: thêm đề mục và hồ sơ trước khi trình duyệt."
    return Form(
        slug=f"danh-muc-ho-so-{org.code}-{plan.year}",
        title=f"DANH MỤC HỒ SƠ NĂM {plan.year}",
        tabular=True,
        issuer=issuer_lines(org),
        place_date=long_date(plan.decision_date if issued else today(), org.place),
        subtitle=[decision],
        marks=marks(
            closed,
            "" if issued else f"DỰ THẢO – danh mục chưa ban hành ({plan.get_state_display()})",
        ),
        blocks=[
            Table(PLAN_COLUMNS, PLAN_WIDTHS, rows, empty_note=empty),
            *footer,
        ],
    )
