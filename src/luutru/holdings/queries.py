"""What a user may see of the paper holdings, and their figures (boxes, shelf
metres, dossiers), always through the access policy."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Count, QuerySet, Sum

from luutru.access.policy import visible_q
from luutru.holdings.models import Box, Inventory, Location, PaperDossier
from luutru.orgs.models import Fonds, Organization


def dossiers(user: Any) -> QuerySet[PaperDossier]:
    return PaperDossier.objects.filter(visible_q(user, object_type="paperdossier"))


def inventories(user: Any) -> QuerySet[Inventory]:
    return Inventory.objects.filter(visible_q(user, object_type="inventory"))


def boxes(user: Any) -> QuerySet[Box]:
    return Box.objects.filter(visible_q(user, object_type="box"))


def fonds_rows(user: Any) -> list[dict[str, Any]]:
    """Each fonds the user may see paper holdings of, with its figures."""
    invs = inventories(user)
    ids = invs.values_list("fonds_id", flat=True).distinct()
    out = []
    for fonds in Fonds.objects.filter(pk__in=ids).order_by("code"):
        out.append({"fonds": fonds, **figures(user, fonds)})
    return out


def figures(user: Any, fonds: Fonds) -> dict[str, Any]:
    bx = boxes(user).filter(inventory__fonds=fonds)
    width = bx.aggregate(w=Sum("width_cm"))["w"] or Decimal(0)
    return {
        "inventories": inventories(user).filter(fonds=fonds).count(),
        "boxes": bx.count(),
        "metres": (width / 100).quantize(Decimal("0.01")),
        "dossiers": dossiers(user).filter(inventory__fonds=fonds).count(),
    }


def box_rows(user: Any, inventory: Inventory) -> list[tuple[Box, int]]:
    """The inventory's boxes, each with how many of its dossiers the user may see."""
    counts = dict(
        dossiers(user)
        .filter(inventory=inventory, box__isnull=False)
        .values("box")
        .annotate(n=Count("pk"))
        .values_list("box", "n")
    )
    rows = (
        boxes(user)
        .filter(inventory=inventory)
        .select_related("location__parent__parent__parent")
        .order_by("number")
    )
    return [(b, counts.get(b.pk, 0)) for b in rows]


def occupancy(user: Any, keeper: Organization) -> list[dict[str, Any]]:
    """The repository of ``keeper`` in tree order (kho → giá → khoang → tầng), each
    place with the boxes standing at or under it (those the user may see), their
    shelf metres, its capacity and what is free; ``over`` when more stands there
    than it holds."""
    locations = list(Location.objects.filter(keeper=keeper).order_by("name", "pk"))
    children: dict[int | None, list[Location]] = {}
    for loc in locations:
        children.setdefault(loc.parent_id, []).append(loc)
    for kids in children.values():
        kids.sort(key=lambda x: (len(x.name), x.name, x.pk))  # "Giá 2" before "Giá 10"
    own = {
        row["location"]: (row["n"], row["w"] or Decimal(0))
        for row in boxes(user)
        .filter(location__keeper=keeper)
        .values("location")
        .annotate(n=Count("pk"), w=Sum("width_cm"))
    }
    rows: list[dict[str, Any]] = []

    def walk(loc: Location, depth: int) -> tuple[int, Decimal]:
        row: dict[str, Any] = {"location": loc, "depth": depth}
        rows.append(row)
        n, width = own.get(loc.pk, (0, Decimal(0)))
        for kid in children.get(loc.pk, []):
            kn, kw = walk(kid, depth + 1)
            n, width = n + kn, width + kw
        metres = (width / 100).quantize(Decimal("0.01"))
        row.update(boxes=n, metres=metres)
        row["free_boxes"] = None if loc.capacity_boxes is None else loc.capacity_boxes - n
        row["free_metres"] = None if loc.capacity_metres is None else loc.capacity_metres - metres
        row["over"] = (row["free_boxes"] is not None and row["free_boxes"] < 0) or (
            row["free_metres"] is not None and row["free_metres"] < 0
        )
        return n, width

    for root in children.get(None, []):
        walk(root, 0)
    return rows
