"""What the search index holds for a dossier, and when it changes
(``luutru.search.kinds``). A document's index row carries whether it is an
archive holding, a fact filing gives the access policy (``access_kinds.py``):
when a dossier moves between states its documents are queued again."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from django.urls import reverse

from luutru.core.vn import short_date
from luutru.filing.models import Dossier, DossierItem, DossierStatus
from luutru.filing.signals import dossier_status_changed
from luutru.orgs.models import Secrecy
from luutru.registry.models import Document
from luutru.search import kinds
from luutru.search.backends.base import IndexDoc
from luutru.search.services import enqueue


def readable_items(dossier_ids: Iterable[int]) -> QuerySet[DossierItem]:
    """The items whose subjects a dossier's text holds: those of its documents
    that are not secret. A dossier is read by whoever may read it (its body, a
    grant, its owner) and a grant on, or ownership of, a dossier does not open
    its secret documents (as its index exports say); so a secret document's
    subject is never the dossier's text — the document is found as itself, by
    those who may open it. Used by the index and by the result's snippet alike,
    so a hit, its snippet, counts and facets all come from the same text."""
    return DossierItem.objects.filter(
        dossier_id__in=dossier_ids, removed_at__isnull=True, document__secrecy__lte=Secrecy.NONE
    )


def _subjects(dossier_ids: list[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = defaultdict(list)
    rows = (
        readable_items(dossier_ids)
        .order_by("dossier_id", "position")
        .values_list("dossier_id", "document__subject")
    )
    for dossier_id, subject in rows:
        out[dossier_id].append(subject)
    return out


def _rows(ids: Iterable[int] | None = None) -> QuerySet[Dossier]:
    qs = Dossier.objects.select_related("org", "creator").order_by("pk")
    return qs if ids is None else qs.filter(pk__in=ids)


def _build(dossiers: list[Dossier]) -> list[IndexDoc]:
    subjects = _subjects([d.pk for d in dossiers])
    return [
        IndexDoc(
            kind="dossier",
            obj_id=d.pk,
            title=d.title,
            ident=" ".join(filter(None, [d.file_notation, d.file_code])),
            issuer=" ".join(filter(None, [d.org.name, d.creator.full_name])),
            body="\n".join(filter(None, [d.description, *subjects.get(d.pk, [])])),
            day=d.end_date or d.start_date,
            year=d.file_catalog,
            type="Hồ sơ",
            status=d.status,
        )
        for d in dossiers
    ]


def _shown_rows(ids: Iterable[int]) -> QuerySet[Dossier]:
    return Dossier.objects.select_related("org").filter(pk__in=ids)


def _show(d: Dossier) -> kinds.Shown:
    # The same text the index holds for the dossier: no secret document's subject.
    subjects = list(
        readable_items([d.pk]).order_by("position").values_list("document__subject", flat=True)
    )
    day: dt.date | None = d.end_date or d.start_date
    return kinds.Shown(
        url=reverse("filing:dossier_detail", args=[d.pk]),
        title=d.title,
        text="\n".join(filter(None, [d.description, *subjects])),
        symbol=d.file_notation,
        date=short_date(day) or str(d.file_catalog),
        org_name=d.org.name,
        type="Hồ sơ",
        secrecy=d.secrecy,
        secrecy_label=d.get_secrecy_display() if d.secrecy else "",
        status_label=d.get_status_display(),
    )


def _documents_of(dossier_ids: Iterable[int]) -> QuerySet[DossierItem, int]:
    return DossierItem.objects.filter(dossier_id__in=dossier_ids).values_list(
        "document_id", flat=True
    )


def _document_changed(sender: Any, instance: Document, **kwargs: Any) -> None:
    # Dossiers are found by their documents' subjects.
    if kwargs.get("signal") is post_save and instance.pk:
        enqueue(
            "dossier",
            DossierItem.objects.filter(document_id=instance.pk).values_list(
                "dossier_id", flat=True
            ),
        )


def _dossier_changed(sender: Any, instance: Dossier, **kwargs: Any) -> None:
    enqueue("dossier", [instance.pk])
    if kwargs.get("signal") is post_save:
        # Its documents are holdings while it is held: their rows say so.
        enqueue("document", _documents_of([instance.pk]))


def _status_changed(sender: Any, dossier_ids: list[int], **kwargs: Any) -> None:
    """A state change (``filing.lifecycle``), however many dossiers moved at once."""
    enqueue("dossier", dossier_ids)
    enqueue("document", _documents_of(dossier_ids))


def _item_changed(sender: Any, instance: DossierItem, **kwargs: Any) -> None:
    enqueue("dossier", [instance.dossier_id])
    enqueue("document", [instance.document_id])


def register() -> None:
    kinds.register(
        kinds.Indexed(
            name="dossier",
            label="Hồ sơ",
            rows=_rows,
            build=_build,
            show=_show,
            shown_rows=_shown_rows,
            statuses=dict(DossierStatus.choices),
        )
    )
    for model, handler in (
        (Document, _document_changed),
        (Dossier, _dossier_changed),
        (DossierItem, _item_changed),
    ):
        uid = f"search-filing-{model.__name__}"
        post_save.connect(handler, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(handler, sender=model, dispatch_uid=f"{uid}-delete")
    dossier_status_changed.connect(_status_changed, dispatch_uid="search-filing-status")
