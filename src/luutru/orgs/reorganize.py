"""Reorganizations as one dated operation each (issue 13, item 2).

A province reorganizes by decision: two bodies merge into a new one, one body
splits into several, a whole level is dissolved and its bodies re-attached
(2025: the district level). Each is composed here of the dated primitives of
``orgs.services`` (create, move, dissolve, merge), in one transaction, so the
tree of every past date stays as it was and compliance figures for the past do
not move. Before anything changes, ``preview`` says what will move: the
subordinate bodies, the people with a current role, the fonds and who keeps it,
and what the stages above count (open dossiers, pending documents…), which they
register with ``register_count`` (orgs sits below them).

The custody of a closed fonds passes to the successor's archive: a
``FondsCustody`` row (the handover: who keeps it from when, by which decision).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q

from luutru.audit.services import record
from luutru.core.errors import RuleViolation
from luutru.orgs.authority import manage_failures
from luutru.orgs.models import FondsCustody, Membership, Organization, OrgEvent
from luutru.orgs.services import create_org, dissolve_org, merge_org

# What the stages above count for a set of bodies: (label, count of the bodies' ids).
_COUNTS: list[tuple[str, Callable[[list[int]], int]]] = []


def register_count(label: str, count: Callable[[list[int]], int]) -> None:
    """A stage tells the preview what it holds for bodies ("Hồ sơ đang lập", …)."""
    if all(existing != label for existing, _ in _COUNTS):
        _COUNTS.append((label, count))


@dataclass
class NewBody:
    code: str
    name: str
    kind: str = ""
    level: str = ""
    fonds_code: str | None = None
    extra: dict = field(default_factory=dict)


@dataclass
class Preview:
    """What an operation will move, said before it is done."""

    ending: list[Organization]
    children: list[tuple[Organization, str]]  # (body, where it goes)
    people: list[Membership]
    counts: list[tuple[str, int]]
    custody: list[tuple[str, str]]  # (fonds, kept by)
    failures: list[str]


def _current_children(orgs: Sequence[Organization], last_day: dt.date) -> list[Organization]:
    return list(
        Organization.objects.filter(parent__in=orgs)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=last_day))
        .order_by("path")
    )


def preview(
    ending: Sequence[Organization], heir: Organization | str | None, last_day: dt.date
) -> Preview:
    """What moves when ``ending`` end on ``last_day`` with ``heir`` as successor (a body,
    the name of one yet to be made, or None: the body above each)."""
    ids = [o.pk for o in ending]
    day_after = last_day + dt.timedelta(days=1)
    children = []
    for child in _current_children(ending, last_day):
        if child.pk in ids:
            continue
        target = heir if heir is not None else child.parent.parent if child.parent else None
        name = target if isinstance(target, str) else target.name if target else "(không có)"
        children.append((child, name))
    people = list(
        Membership.objects.filter(org_id__in=ids, valid_from__lte=day_after)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=last_day))
        .select_related("person", "org")
        .order_by("org__path", "person__full_name")
    )
    custody = []
    for org in ending:
        keeper = heir if heir is not None else org.parent
        keeper_name = (
            keeper
            if isinstance(keeper, str)
            else keeper.receiving_archive.name
            if keeper is not None
            else org.receiving_archive.name
        )
        custody.append((f"{org.fonds.code} – {org.fonds.name}", keeper_name))
    failures = []
    for org in ending:
        if org.valid_to is not None:
            failures.append(f"“{org.name}” đã kết thúc hoạt động từ trước.")
        elif last_day < org.valid_from:
            failures.append(
                f"Ngày kết thúc ({last_day:%d/%m/%Y}) trước ngày thành lập của “{org.name}”."
            )
    return Preview(
        ending=list(ending),
        children=children,
        people=people,
        counts=[(label, count(ids)) for label, count in _COUNTS],
        custody=custody,
        failures=failures,
    )


def _hand_over(actor, org: Organization, keeper: Organization, since: dt.date, decision: str):
    custody = FondsCustody.objects.create(
        fonds=org.fonds, keeper=keeper, since=since, decision=decision
    )
    record(
        actor,
        "fonds.custody",
        custody,
        org_id=keeper.pk,
        after={"fonds": org.fonds.code, "keeper": keeper.pk, "since": since, "decision": decision},
    )


def _new_body(actor, body: NewBody, parent: Organization | None, day: dt.date) -> Organization:
    return create_org(
        actor,
        code=body.code,
        name=body.name,
        kind=body.kind,
        level=body.level,
        parent=parent,
        valid_from=day,
        fonds_code=body.fonds_code,
        **body.extra,
    )


@transaction.atomic
def merge_into_new(
    actor,
    parts: Sequence[Organization],
    new: NewBody,
    *,
    effective: dt.date,
    decision: str = "",
    parent: Organization | None = None,
) -> Organization:
    """A + B → C: C is made on ``effective`` (under ``parent``, by default the first
    part's), the parts end the day before with C as successor; their subordinate
    bodies move to C and their closed fonds are kept by C's archive."""
    if len(parts) < 2 or len({p.pk for p in parts}) != len(parts):
        raise RuleViolation("Hợp nhất cần ít nhất hai cơ quan khác nhau.")
    last_day = effective - dt.timedelta(days=1)
    failures = manage_failures(actor, *parts) + preview(parts, new.name, last_day).failures
    RuleViolation.check(list(dict.fromkeys(failures)))
    first = parts[0]
    new.kind = new.kind or first.kind
    new.level = new.level or first.level
    body = _new_body(actor, new, parent if parent is not None else first.parent, effective)
    for part in parts:
        merge_org(actor, part, body, last_day, decision=decision)
        _hand_over(actor, part, body.receiving_archive, effective, decision)
    record(
        actor,
        "org.merge_into_new",
        body,
        org_id=body.pk,
        after={"parts": [p.pk for p in parts], "effective": effective, "decision": decision},
    )
    return body


@transaction.atomic
def split_body(
    actor,
    org: Organization,
    parts: Sequence[NewBody],
    *,
    effective: dt.date,
    decision: str = "",
) -> list[Organization]:
    """A → B + C: the parts are made on ``effective`` under A's parent; A ends the day
    before; the first part is its successor (takes its subordinate bodies and keeps
    its closed fonds); the others are recorded as split from it."""
    if len(parts) < 2:
        raise RuleViolation("Chia tách cần ít nhất hai cơ quan mới.")
    last_day = effective - dt.timedelta(days=1)
    failures = (
        manage_failures(actor, org, org.parent) + preview([org], parts[0].name, last_day).failures
    )
    RuleViolation.check(list(dict.fromkeys(failures)))
    made = []
    for part in parts:
        part.kind = part.kind or org.kind
        part.level = part.level or org.level
        made.append(_new_body(actor, part, org.parent, effective))
    dissolve_org(
        actor,
        org,
        last_day,
        successor=made[0],
        decision=decision,
        event_type=OrgEvent.Type.SPLIT,
    )
    for body in made[1:]:
        OrgEvent.objects.create(
            org=body,
            type=OrgEvent.Type.SPLIT,
            effective_date=effective,
            decision=decision,
            related=org,
            note=f"Chia tách từ “{org.name}”",
        )
    _hand_over(actor, org, made[0].receiving_archive, effective, decision)
    record(
        actor,
        "org.split",
        org,
        org_id=org.pk,
        after={"parts": [b.pk for b in made], "effective": effective, "decision": decision},
    )
    return made


@transaction.atomic
def merge_into_existing(
    actor, org: Organization, into: Organization, last_day: dt.date, *, decision: str = ""
) -> Organization:
    """A → B: A ends on ``last_day`` merged into the existing body B; its subordinate
    bodies move to B and its closed fonds is kept by B's archive from the next day."""
    merge_org(actor, org, into, last_day, decision=decision)
    _hand_over(actor, org, into.receiving_archive, last_day + dt.timedelta(days=1), decision)
    return into


@transaction.atomic
def dissolve(
    actor,
    org: Organization,
    last_day: dt.date,
    *,
    successor: Organization | None = None,
    decision: str = "",
) -> Organization:
    """A ends on ``last_day``, with or without a successor; its closed fonds is kept
    from the next day by the successor's archive, or else by the archive of the body
    above it (a fonds never stays without a keeper)."""
    dissolve_org(actor, org, last_day, successor=successor, decision=decision)
    keeper = (successor or org.parent or org).receiving_archive
    _hand_over(actor, org, keeper, last_day + dt.timedelta(days=1), decision)
    return org


@transaction.atomic
def dissolve_level(
    actor, root: Organization, level: str, last_day: dt.date, *, decision: str = ""
) -> list[Organization]:
    """End every active body of ``level`` under ``root`` on ``last_day`` (the 2025
    pattern: the district level dissolved); the bodies below each move to the body
    above it from the next day, and its closed fonds is kept by that body's archive."""
    ending = list(
        Organization.objects.filter(path__startswith=root.path, level=level, valid_to__isnull=True)
        .exclude(pk=root.pk)
        .select_related("parent")
        .order_by("path")
    )
    if not ending:
        raise RuleViolation("Không có cơ quan nào ở cấp này đang hoạt động để giải thể.")
    failures = manage_failures(actor, *ending) + preview(ending, None, last_day).failures
    RuleViolation.check(list(dict.fromkeys(failures)))
    day_after = last_day + dt.timedelta(days=1)
    for org in ending:
        keeper = (org.parent or org).receiving_archive
        dissolve_org(actor, org, last_day, decision=decision)
        _hand_over(actor, org, keeper, day_after, decision)
    return ending
