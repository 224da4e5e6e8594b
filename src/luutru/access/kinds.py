"""The facts each kind of object exposes to the access policy, described once.

A stage registers its kinds (in its ``access_kinds.py``, from ``ready()``): the
model, and where each fact lives as a lookup path from that model — the
organization(s) it belongs to, its secrecy (and levels on related rows that
also bind), its owner, and which rows are archive holdings. From that one
description the policy derives all three of its faces:

* ``facts(obj)``: the facts of one object, read from the instance (``can_view``);
* ``q`` lookups: the same facts as a filter inside a query (``visible_q``);
* ``facts_many(objs)``: the facts of many objects at once, as the search index
  stores them (``luutru.search`` fills its rows' access fields from here).

A fact may be contributed by another app than the one that owns the model:
whether a document is an archive holding is known by filing (a document is
held while a dossier holding it is held); registry does not know dossiers.
A new object kind costs one ``register`` call. Access imports no stage.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Q

if TYPE_CHECKING:
    from luutru.access.policy import Facts


@dataclass(frozen=True)
class Archived:
    """Which rows of a kind are archive holdings (readers see only those).

    ``q()`` says it inside a query; ``read(obj)``, when given, says it from an
    instance without a query (e.g. from a status field); otherwise one query
    answers for one object or for many."""

    q: Callable[[], Q]
    read: Callable[[Any], bool] | None = None


@dataclass(frozen=True)
class Kind:
    name: str  # the object type grants and audit events name ("document")
    model: Any
    org: tuple[str, ...] = ("org",)  # lookups of the organization(s) it belongs to
    secrecy: str | None = "secrecy"  # lookup of its level; None: never secret
    # Levels on related rows that also bind where the row exists (a capture item
    # is as secret as the document it was registered as).
    also_secrecy: tuple[str, ...] = ()
    owner: str | None = None  # lookup of the user who owns it
    archived: Archived | None = None  # None: never an archive holding
    # A relation: while it is empty, the owner reads the object whatever its
    # secrecy (the uploader of a capture item, until it is registered).
    owner_sees_any_level: str | None = None

    def facts(self, obj: Any) -> Facts:
        """The facts of one instance (see ``luutru.access.policy.Facts``)."""
        from luutru.access.policy import Facts  # noqa: F811 (policy imports this module)

        orgs = [v for v in (_read(obj, f) for f in self.org) if v is not None]
        levels = [_read(obj, f) for f in (self.secrecy, *self.also_secrecy) if f]
        archived = False
        if self.archived is not None:
            if self.archived.read is not None:
                archived = bool(self.archived.read(obj))
            else:
                archived = self.model.objects.filter(self.archived.q(), pk=obj.pk).exists()
        return Facts(
            org_id=orgs[0] if orgs else 0,
            secrecy=max([int(v) for v in levels if v is not None], default=0),
            owner_user_id=_read(obj, self.owner) if self.owner else None,
            archived=archived,
            extra_org_ids=tuple(orgs[1:]),
        )

    def facts_many(self, objs: Iterable[Any]) -> dict[int, Facts]:
        """``facts`` of each of ``objs`` by pk, the archived fact in one query."""
        objs = list(objs)
        held: set[int] | None = None
        if self.archived is not None and self.archived.read is None:
            held = set(
                self.model.objects.filter(self.archived.q(), pk__in=[o.pk for o in objs])
                .values_list("pk", flat=True)
                .distinct()
            )
        plain = dataclasses.replace(self, archived=None)
        out = {}
        for obj in objs:
            facts = plain.facts(obj)
            if held is not None:
                facts = dataclasses.replace(facts, archived=obj.pk in held)
            elif self.archived is not None and self.archived.read is not None:
                facts = dataclasses.replace(facts, archived=bool(self.archived.read(obj)))
            out[obj.pk] = facts
        return out

    def owner_sees(self, obj: Any) -> bool:
        """Is the ``owner_sees_any_level`` relation of ``obj`` still empty?"""
        until = self.owner_sees_any_level
        return until is not None and _read(obj, until) is None

    def archived_q(self) -> Q | None:
        return self.archived.q() if self.archived is not None else None


def _read(obj: Any, lookup: str) -> Any:
    """Follow ``a__b__c`` on an instance; a foreign key's last step is its id."""
    *path, last = lookup.split("__")
    for step in path:
        obj = getattr(obj, step, None)
        if obj is None:
            return None
    attname = f"{last}_id"
    field_names = {f.attname for f in obj._meta.concrete_fields} if hasattr(obj, "_meta") else ()
    if attname in field_names:
        return getattr(obj, attname)
    return getattr(obj, last, None)


_kinds: dict[str, Kind] = {}
_pending: dict[str, dict[str, Any]] = {}


def register(name: str, model: Any, **facts: Any) -> Kind:
    """Describe the kind ``name`` (once, from its app's ``ready()``)."""
    kind = Kind(name=name, model=model, **{**facts, **_pending.pop(name, {})})
    _kinds[name] = kind
    return kind


def contribute(name: str, **facts: Any) -> None:
    """Another app adds a fact it knows to the kind ``name`` (before or after
    the kind's own registration, whichever app is ready first)."""
    if name in _kinds:
        _kinds[name] = dataclasses.replace(_kinds[name], **facts)
    else:
        _pending.setdefault(name, {}).update(facts)


def get(name: str) -> Kind | None:
    return _kinds.get(name)


def for_model(model: Any) -> Kind | None:
    for kind in _kinds.values():
        if kind.model is model:
            return kind
    return None


def names() -> list[str]:
    return list(_kinds)
