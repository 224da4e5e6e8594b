"""What a user may see of the paper holdings, and their figures (boxes, shelf
metres, dossiers), always through the access policy."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Count, QuerySet, Sum

from luutru.access.policy import visible_q
from luutru.holdings.models import Box, Inventory, PaperDossier
from luutru.orgs.models import Fonds


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
