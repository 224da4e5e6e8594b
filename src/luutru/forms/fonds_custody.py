"""Biên bản bàn giao phông lưu trữ (issue 13 item 2): when a body closes in a
reorganization, the custody of its fonds passes to the successor's archive
(``orgs.models.FondsCustody``, written by ``orgs.reorganize``). This record says
what passes: the fonds (code, name, the body's dates), who hands over (the closed
body and the archive that kept its fonds until then), who receives (the new
keeper), the date and the decision, and the fonds' holdings counted from the
records — the dossiers formed on the system by state and medium (filing,
archive) and the paper holdings (inventories, boxes, catalogued paper dossiers,
shelf metres; holdings). Both sides sign.

The counts are figures of the whole fonds (no title, no content), the same for
whoever prints: the record is one document both sides sign. Who may print it is
``may_print``: an administrator of either body, or an archivist or head of either
body (or of a body above it); for anyone else the record does not exist (404).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from luutru.access.policy import has_role
from luutru.core.vn import count_words, long_date, short_date
from luutru.filing.models import Dossier, DossierStatus, Medium
from luutru.forms.layout import Form, Para, Row, Signature, Signatures, Table
from luutru.forms.parts import DOTS, issuer_lines, safe_name
from luutru.holdings.models import Box, Inventory, PaperDossier
from luutru.orgs.authority import may_manage_org
from luutru.orgs.models import FondsCustody, Organization, Role

STATE_COLUMNS = ["Số TT", "Trạng thái hồ sơ", "Điện tử", "Giấy", "Hỗn hợp", "Cộng"]
STATE_WIDTHS = [8, 44, 12, 12, 12, 12]
PAPER_COLUMNS = ["Số TT", "Tài liệu giấy trong kho", "Số lượng"]
PAPER_WIDTHS = [8, 62, 30]
# A destroyed dossier no longer exists: it does not pass.
NOT_PASSING = (DossierStatus.DESTROYED,)


def previous_keeper(custody: FondsCustody) -> Organization:
    """Who kept the fonds until this handover: the keeper of the handover before
    it, else the archive the closed body delivered to (its own, or its archive_org)."""
    earlier = (
        FondsCustody.objects.filter(fonds_id=custody.fonds_id)
        .filter(Q(since__lt=custody.since) | Q(since=custody.since, pk__lt=custody.pk))
        .select_related("keeper")
        .order_by("-since", "-pk")
        .first()
    )
    if earlier is not None:
        return earlier.keeper
    return custody.fonds.org.receiving_archive


def _sides(custody: FondsCustody) -> list[Organization]:
    return [custody.fonds.org, previous_keeper(custody), custody.keeper]


def may_print(user: Any, custody: FondsCustody) -> bool:
    """An administrator of either side, or an archivist or a head of either side
    (held at that body or at one above it)."""
    sides = _sides(custody)
    return any(may_manage_org(user, org) for org in sides) or any(
        has_role(user, role, org) for org in sides for role in (Role.ARCHIVIST, Role.HEAD)
    )


def custody_visible_to(user: Any, custody_id: int) -> FondsCustody | None:
    """The handover ``user`` may print, or None (unknown, or not theirs to see)."""
    custody = (
        FondsCustody.objects.filter(pk=custody_id)
        .select_related("fonds__org__parent", "fonds__org__archive_org", "keeper__parent")
        .first()
    )
    if custody is None or not user.is_authenticated or not may_print(user, custody):
        return None
    return custody


def electronic_counts(org: Organization) -> dict[str, dict[str, int]]:
    """The body's dossiers on the system: state → medium → count (destroyed left out)."""
    rows: QuerySet = (
        Dossier.objects.filter(org=org)
        .exclude(status__in=NOT_PASSING)
        .values_list("status", "medium")
        .annotate(n=Count("pk"))
    )
    counts: dict[str, dict[str, int]] = {}
    for status, medium, n in rows:
        cell = counts.setdefault(status, dict.fromkeys(Medium.values, 0))
        cell[medium if medium in Medium.values else Medium.ELECTRONIC] += n
    return counts


def paper_counts(custody: FondsCustody) -> dict[str, Any]:
    """The fonds' paper holdings: inventories, boxes, shelf metres, catalogued dossiers."""
    boxes = Box.objects.filter(inventory__fonds_id=custody.fonds_id)
    width = boxes.aggregate(w=Sum("width_cm"))["w"] or Decimal(0)
    return {
        "inventories": Inventory.objects.filter(fonds_id=custody.fonds_id).count(),
        "boxes": boxes.count(),
        "metres": (width / 100).quantize(Decimal("0.01")),
        "dossiers": PaperDossier.objects.filter(inventory__fonds_id=custody.fonds_id).count(),
    }


def _metres(value: Decimal) -> str:
    return f"{value:.2f}".replace(".", ",") + " m"


def _body(org: Organization) -> str:
    until = f" đến hết ngày {short_date(org.valid_to)}" if org.valid_to else " (đang hoạt động)"
    return f"{org.name} (hoạt động từ ngày {short_date(org.valid_from)}{until})"


def fonds_custody_record(user: Any, custody: FondsCustody) -> Form:
    """Biên bản bàn giao phông lưu trữ of one ``FondsCustody`` row."""
    c = custody
    fonds, closed, keeper = c.fonds, c.fonds.org, c.keeper
    before = previous_keeper(c)
    electronic = electronic_counts(closed)
    state_rows: list[Row] = []
    totals = dict.fromkeys(Medium.values, 0)
    for status in DossierStatus:
        if status not in electronic:
            continue
        cell = electronic[status]
        for m in Medium.values:
            totals[m] += cell[m]
        state_rows.append(
            Row(
                [
                    str(len(state_rows) + 1),
                    status.label,
                    *[str(cell[m]) for m in Medium.values],
                    str(sum(cell.values())),
                ]
            )
        )
    if state_rows:
        state_rows.append(
            Row(
                ["", "Cộng", *[str(totals[m]) for m in Medium.values], str(sum(totals.values()))],
                kind="heading",
            )
        )
    paper = paper_counts(c)
    paper_rows = [
        Row(["1", "Mục lục hồ sơ", str(paper["inventories"])]),
        Row(["2", "Hộp, cặp", str(paper["boxes"])]),
        Row(["3", "Hồ sơ giấy trong mục lục", str(paper["dossiers"])]),
        Row(["4", "Mét giá tài liệu", _metres(paper["metres"])]),
    ]
    hands_over = closed.name if before.pk == closed.pk else f"{closed.name}; {before.name}"
    electronic_total = sum(totals.values())
    blocks: list[Any] = [
        Para(
            f"Căn cứ {c.decision or 'quyết định sắp xếp lại tổ chức'}; "
            f"hôm nay, {long_date(c.since)}, chúng tôi gồm:"
        ),
        Para(f"BÊN GIAO: {hands_over}", bold=True),
        Para(f"- Cơ quan hình thành phông: {_body(closed)}."),
        Para(f"- Lưu trữ quản lý phông đến ngày bàn giao: {before.name}."),
        Para(f"BÊN NHẬN: {keeper.name}", bold=True),
        Para(f"- Lưu trữ quản lý phông từ ngày {short_date(c.since)}."),
        Para("Thống nhất bàn giao phông lưu trữ sau:", bold=True),
        Para(f"- Mã phông: {fonds.code}. Tên phông: {fonds.name}."),
        Para(
            f"- Thời gian hoạt động của cơ quan: từ ngày {short_date(closed.valid_from)}"
            + (f" đến hết ngày {short_date(closed.valid_to)}" if closed.valid_to else "")
            + (f"; phông đóng ngày {short_date(fonds.closed_on)}" if fonds.closed_on else "")
            + "."
        ),
        Para(
            f"1. Hồ sơ lập trên hệ thống: {count_words(electronic_total, 'hồ sơ')} "
            "(theo trạng thái và loại hồ sơ; không tính hồ sơ đã tiêu hủy).",
            bold=True,
        ),
        Table(
            STATE_COLUMNS,
            STATE_WIDTHS,
            state_rows,
            numbered=False,
            empty_note="Không có hồ sơ nào lập trên hệ thống.",
        ),
        Para(
            f"2. Tài liệu giấy trong kho: {count_words(paper['dossiers'], 'hồ sơ')} trong "
            f"{count_words(paper['boxes'], 'hộp, cặp')}, {_metres(paper['metres'])} giá.",
            bold=True,
        ),
        Table(PAPER_COLUMNS, PAPER_WIDTHS, paper_rows, numbered=False),
        Para(f"Ghi chú: {c.note or DOTS}"),
        Para(
            f"Kể từ ngày {short_date(c.since)}, {keeper.name} quản lý phông {fonds.code}, "
            "tổ chức bảo quản và phục vụ khai thác theo quy định.",
        ),
        Para("Biên bản này được lập thành hai bản; mỗi bên giữ một bản.", italic=True),
        Signatures(
            [
                Signature("ĐẠI DIỆN BÊN GIAO", ""),
                Signature("ĐẠI DIỆN BÊN NHẬN", ""),
            ]
        ),
    ]
    return Form(
        slug=f"bien-ban-ban-giao-phong-{safe_name(fonds.code)}-{c.pk}",
        title="BIÊN BẢN",
        issuer=issuer_lines(keeper),
        place_date=long_date(c.since, keeper.place),
        subtitle=["Về việc bàn giao phông lưu trữ", f"Phông {fonds.code} – {fonds.name}"],
        blocks=blocks,
    )
