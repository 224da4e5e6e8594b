"""What the search index holds for a catalogued paper dossier (``luutru.search.kinds``):
its title, number and code, fonds and inventory, where it is shelved. The
import enqueues the rows it writes (bulk writes send no signals); a single
save or delete enqueues itself."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from django.urls import reverse

from luutru.core.vn import short_date
from luutru.holdings.models import PaperDossier
from luutru.search import kinds
from luutru.search.backends.base import IndexDoc
from luutru.search.services import enqueue

LABEL = "Hồ sơ giấy"

# Text a higher layer knows of a paper dossier (its digitized pages, read by
# OCR), registered from that app's ready(): it goes into the dossier's own
# index row, so it is found under the dossier's own access facts.
_texts: list[Callable[[list[int]], dict[int, str]]] = []


def register_text(source: Callable[[list[int]], dict[int, str]]) -> None:
    if source not in _texts:
        _texts.append(source)


def _text_of(ids: list[int]) -> dict[int, str]:
    out: dict[int, str] = {}
    for source in _texts:
        for k, v in source(ids).items():
            out[k] = "\n".join(filter(None, [out.get(k, ""), v]))
    return out


def _rows(ids: Iterable[int] | None = None) -> QuerySet[PaperDossier]:
    qs = PaperDossier.objects.select_related(
        "org", "inventory__fonds", "box__location__parent__parent__parent"
    ).order_by("pk")
    return qs if ids is None else qs.filter(pk__in=ids)


def shelf_text(d: PaperDossier) -> str:
    parts = [f"Mục lục số {d.inventory.number}"]
    if d.box is not None:
        parts.append(f"Hộp số {d.box.number}")
        if d.box.location is not None:
            parts.append(d.box.location.label)
    return ", ".join(parts)


def _build(dossiers: list[PaperDossier]) -> list[IndexDoc]:
    texts = _text_of([d.pk for d in dossiers])
    return [
        IndexDoc(
            kind="paperdossier",
            obj_id=d.pk,
            title=d.title,
            ident=" ".join(filter(None, [d.file_code, d.inventory.fonds.code])),
            issuer=d.org.name,
            body="\n".join(
                filter(None, [shelf_text(d), d.notes, d.physical_state, texts.get(d.pk)])
            ),
            day=d.end_date or d.start_date,
            year=d.year,
            type=LABEL,
            status="paper",
        )
        for d in dossiers
    ]


def _show(d: PaperDossier) -> kinds.Shown:
    return kinds.Shown(
        url=reverse("holdings:dossier", args=[d.pk]),
        title=d.title,
        text="\n".join(filter(None, [shelf_text(d), d.notes, _text_of([d.pk]).get(d.pk)])),
        symbol=d.file_code or f"Hồ sơ số {d.number}",
        date=short_date(d.end_date) or (str(d.year) if d.year else ""),
        org_name=d.org.name,
        type=LABEL,
        secrecy=d.secrecy,
        secrecy_label=d.get_secrecy_display() if d.secrecy else "",
        status_label="Tài liệu giấy",
    )


def _changed(sender: Any, instance: PaperDossier, **kwargs: Any) -> None:
    enqueue("paperdossier", [instance.pk])


def register() -> None:
    kinds.register(
        kinds.Indexed(
            name="paperdossier",
            label=LABEL,
            rows=_rows,
            build=_build,
            show=_show,
            statuses={"paper": "Tài liệu giấy"},
        )
    )
    post_save.connect(_changed, sender=PaperDossier, dispatch_uid="search-holdings-save")
    post_delete.connect(_changed, sender=PaperDossier, dispatch_uid="search-holdings-delete")
