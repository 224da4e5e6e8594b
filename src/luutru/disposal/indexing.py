"""What the search index holds for an appraisal: its decision and, once done,
its destruction minutes — found by the archivist by the decision's number, the
fonds, and the numbers and titles of the dossiers it decided (not secret ones:
those are found as themselves, by those who may open them)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.db.models.signals import post_save
from django.urls import reverse

from luutru.core.vn import short_date
from luutru.disposal.models import Appraisal, AppraisalItem, Destruction
from luutru.orgs.models import Secrecy
from luutru.search import kinds
from luutru.search.backends.base import IndexDoc
from luutru.search.services import enqueue

STATUSES = dict(Appraisal.Status.choices)


def _rows(ids: Iterable[int] | None = None) -> QuerySet[Appraisal]:
    qs = Appraisal.objects.select_related("fonds", "org").order_by("pk")
    return qs if ids is None else qs.filter(pk__in=ids)


def _title(a: Appraisal) -> str:
    done = Destruction.objects.filter(appraisal=a, status=Destruction.Status.DONE).exists()
    head = (
        "Quyết định và biên bản hủy tài liệu hết giá trị" if done else "Xác định giá trị tài liệu"
    )
    return f"{head}, đợt {a.number}/{a.year} — {a.fonds.name}"


def _lines(ids: list[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    rows = (
        AppraisalItem.objects.filter(appraisal_id__in=ids, dossier__secrecy__lte=Secrecy.NONE)
        .order_by("appraisal_id", "pk")
        .values_list("appraisal_id", "dossier__file_notation", "dossier__title", "decision")
    )
    for appraisal_id, notation, title, decision in rows:
        out.setdefault(appraisal_id, []).append(f"{notation} {title} {decision}".strip())
    return out


def _build(appraisals: list[Appraisal]) -> list[IndexDoc]:
    lines = _lines([a.pk for a in appraisals])
    return [
        IndexDoc(
            kind="appraisal",
            obj_id=a.pk,
            title=_title(a),
            ident=" ".join(filter(None, [a.decision_number, f"{a.number}/{a.year}", a.fonds.code])),
            issuer=a.org.name,
            body="\n".join([a.note, *lines.get(a.pk, [])]),
            day=a.decided_at.date() if a.decided_at else a.created_at.date(),
            year=a.year,
            type="Xác định giá trị, tiêu hủy",
            status=a.status,
        )
        for a in appraisals
    ]


def _show(a: Appraisal) -> kinds.Shown:
    lines = _lines([a.pk]).get(a.pk, [])
    return kinds.Shown(
        url=reverse("disposal:detail", args=[a.pk]),
        title=_title(a),
        text="\n".join([a.note, *lines]),
        symbol=a.decision_number,
        date=short_date(a.decided_at.date() if a.decided_at else a.created_at.date()),
        org_name=a.org.name,
        type="Xác định giá trị, tiêu hủy",
        secrecy=0,
        secrecy_label="",
        status_label=a.get_status_display(),
    )


def _changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    appraisal_id = instance.pk if isinstance(instance, Appraisal) else instance.appraisal_id
    enqueue("appraisal", [appraisal_id])


def register() -> None:
    kinds.register(
        kinds.Indexed(
            name="appraisal",
            label="Xác định giá trị, tiêu hủy",
            rows=_rows,
            build=_build,
            show=_show,
            statuses=STATUSES,
        )
    )
    for model in (Appraisal, AppraisalItem, Destruction):
        post_save.connect(_changed, sender=model, dispatch_uid=f"search-disposal-{model.__name__}")
