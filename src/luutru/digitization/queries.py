"""What a user may see of the digitization work, always through the access
policy: a scan, a page and its text are seen exactly when their paper dossier is
(``holdings.queries.dossiers``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Count, QuerySet, Sum

from luutru.digitization.models import Batch, Digitized, Page, Scan
from luutru.holdings import queries as holdings
from luutru.holdings.models import PaperDossier
from luutru.orgs.models import Fonds

MAX_TEXT = 500_000  # characters of a dossier's text put in the search index


def progress(user: Any) -> list[dict[str, Any]]:
    """Per fonds the user may see: dossiers digitized / total, being scanned, pages."""
    out = []
    for row in holdings.fonds_rows(user):
        fonds: Fonds = row["fonds"]
        visible = holdings.dossiers(user).filter(inventory__fonds=fonds)
        total = row["dossiers"]
        done = Digitized.objects.filter(dossier__in=visible)
        started = visible.filter(scans__isnull=False).distinct().count()
        digitized = done.count()
        out.append(
            {
                "fonds": fonds,
                "total": total,
                "digitized": digitized,
                "in_progress": started - digitized,
                "pages": Page.objects.filter(scan__dossier__in=visible).count(),
                "digitized_pages": done.aggregate(p=Sum("pages"))["p"] or 0,
                "percent": round(100 * digitized / total, 1) if total else 0,
            }
        )
    return out


def batches(user: Any) -> list[Batch]:
    """Batches of the inventories the user may see."""
    invs = holdings.inventories(user)
    return list(
        Batch.objects.filter(inventory__in=invs)
        .select_related("inventory__fonds", "box", "opened_by")
        .annotate(n_scans=Count("scans"))[:200]
    )


def dossier_rows(user: Any, qs: QuerySet[PaperDossier]) -> list[dict[str, Any]]:
    """Each visible dossier of ``qs`` with its scans, pages and confirmation."""
    rows = list(
        holdings.dossiers(user)
        .filter(pk__in=qs.values("pk"))
        .select_related("box")
        .annotate(n_scans=Count("scans", distinct=True), n_pages=Count("scans__pages"))
        .order_by("number")[:500]
    )
    done = set(
        Digitized.objects.filter(dossier__in=[d.pk for d in rows]).values_list(
            "dossier_id", flat=True
        )
    )
    return [{"d": d, "digitized": d.pk in done} for d in rows]


def scans_of(dossier: PaperDossier) -> list[Scan]:
    return list(
        Scan.objects.filter(dossier=dossier)
        .select_related("batch", "uploaded_by")
        .prefetch_related("pages")
        .order_by("position")
    )


def texts(dossier_ids: Iterable[int]) -> dict[int, str]:
    """The recognised text of each dossier's pages, in page order (for the index:
    the index stores the access facts of the paper dossier itself)."""
    out: dict[int, list[str]] = {}
    rows = (
        Page.objects.filter(scan__dossier_id__in=list(dossier_ids))
        .exclude(text="")
        .order_by("scan__dossier_id", "scan__position", "number")
        .values_list("scan__dossier_id", "text")
    )
    for dossier_id, text in rows:
        out.setdefault(dossier_id, []).append(text)
    return {k: "\n".join(v)[:MAX_TEXT] for k, v in out.items()}
