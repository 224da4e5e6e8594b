"""What the index holds, as the stages register it: search imports no stage.

A stage registers each kind it indexes (in its ``indexing.py``, from
``ready()``): how to load its rows by id and in keyset chunks, how to turn them
into ``IndexDoc`` content (title, identifiers, issuer, body, facets), and how a
hit is shown. The access fields of each row (organizations, secrecy, owner,
archived) are not the stage's to write here: they are the facts the same kind
registered with the access policy (``luutru.access.kinds``), so the search
filter judges exactly what ``can_view`` and ``visible_q`` judge.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from luutru.access import kinds as access_kinds
from luutru.search.backends.base import IndexDoc


@dataclass
class Shown:
    """What a result row prints for one hit (highlighting is search's)."""

    url: str
    title: str
    text: str  # where the snippet is cut from
    symbol: str
    date: str
    org_name: str
    type: str
    secrecy: int
    secrecy_label: str
    status_label: str = ""


@dataclass(frozen=True)
class Indexed:
    name: str  # the kind, as the access policy knows it ("document")
    label: str  # "Văn bản"
    # Rows ordered by pk: all of them, or those of ``ids``, with what ``build`` reads.
    rows: Callable[..., Any]  # rows(ids: list[int] | None = None) -> QuerySet
    build: Callable[[list], list[IndexDoc]]  # content of the rows (access fields left out)
    show: Callable[[Any], Shown]  # how one hit is printed
    shown_rows: Callable[[list[int]], Any] | None = None  # rows for ``show`` (default ``rows``)
    statuses: dict[str, str] = field(default_factory=dict)  # status facet value → label

    def access(self) -> access_kinds.Kind:
        kind = access_kinds.get(self.name)
        if kind is None:
            raise LookupError(f"{self.name}: indexed but not registered with the access policy")
        return kind

    def docs(self, objs: list) -> list[IndexDoc]:
        """Index rows of ``objs``: their content and their access facts."""
        facts = self.access().facts_many(objs)
        out = []
        for doc in self.build(objs):
            f = facts[doc.obj_id]
            out.append(
                dataclasses.replace(
                    doc,
                    kind=self.name,
                    org_ids=(f.org_id, *f.extra_org_ids),
                    secrecy=int(f.secrecy),
                    owner_id=f.owner_user_id,
                    archived=bool(f.archived),
                )
            )
        return out

    def load(self, ids: list[int]) -> tuple[list[IndexDoc], list[int]]:
        """Index rows for ``ids`` that still exist, and the ids that are gone."""
        docs = self.docs(list(self.rows(ids)))
        found = {d.obj_id for d in docs}
        return docs, [i for i in ids if i not in found]

    def chunks(self, after: int, size: int) -> Iterator[list[IndexDoc]]:
        """Every row with pk > ``after``, ``size`` at a time (keyset pagination:
        memory stays bounded however large the table)."""
        while True:
            batch = self.docs(list(self.rows().filter(pk__gt=after)[:size]))
            if not batch:
                return
            yield batch
            after = batch[-1].obj_id

    def count(self, *, upto: int | None = None) -> int:
        qs = self.access().model.objects.all()
        return qs.filter(pk__lte=upto).count() if upto is not None else qs.count()

    def for_hits(self, ids: list[int]):
        return (self.shown_rows or self.rows)(ids)


_indexed: dict[str, Indexed] = {}


def register(indexed: Indexed) -> None:
    _indexed[indexed.name] = indexed


def get(name: str) -> Indexed:
    return _indexed[name]


def names() -> tuple[str, ...]:
    """The indexed kinds, in the order the apps registered them."""
    return tuple(_indexed)


def all_statuses() -> dict[str, str]:
    out: dict[str, str] = {}
    for indexed in _indexed.values():
        out.update(indexed.statuses)
    return out
