"""Reads of the organization tree.

Organizations, their fonds, units, terms and members are not secret: any
logged-in user may browse them (the login middleware guarantees a user). What
is personal — a member's secrecy clearance — is shown only to the heads and
administrators of the body or of a body above it (``may_see_clearances``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from luutru.orgs.authority import may_manage_org
from luutru.orgs.models import (
    Membership,
    Organization,
    OrgEvent,
    OrgParentPeriod,
    Role,
    Term,
    Unit,
)

SEARCH_LIMIT = 200
INCOMING_EVENTS_LIMIT = 50


def _nodes() -> QuerySet[Organization]:
    return (
        Organization.objects.select_related("fonds", "successor")
        .annotate(child_count=Count("children", distinct=True))
        .order_by("path")
    )


def root_orgs() -> list[Organization]:
    """The tops of the tree (bodies with no parent), each with ``child_count``."""
    return list(_nodes().filter(parent__isnull=True))


def children_of(org_id: int) -> tuple[Organization, list[Organization]]:
    """The body ``org_id`` and its direct children (active first, then dissolved,
    each by name), each with ``child_count``. Unknown id → 404."""
    parent = _get_org(org_id)
    children = list(_nodes().filter(parent_id=parent.pk))
    children.sort(key=lambda o: (o.valid_to is not None, o.path))
    return parent, children


def search_orgs(text: str) -> tuple[list[Organization], int]:
    """Bodies whose name, short name or code contains ``text`` (case-insensitive),
    with their ancestors loaded as ``trail``; returns (first SEARCH_LIMIT, total)."""
    text = (text or "").strip()
    if not text:
        return [], 0
    qs = _nodes().filter(
        Q(name__icontains=text) | Q(short_name__icontains=text) | Q(code__iexact=text)
    )
    total = qs.count()
    found = list(qs[:SEARCH_LIMIT])
    ancestor_ids = {int(p) for o in found for p in o.path.split(".") if p} - {o.pk for o in found}
    names = dict(Organization.objects.filter(pk__in=ancestor_ids).values_list("pk", "name"))
    names.update({o.pk: o.name for o in found})
    for o in found:
        ids = [int(p) for p in o.path.split(".") if p][:-1]
        o.trail = [names[i] for i in ids if i in names]  # type: ignore[attr-defined]  # for the template
    return found, total


@dataclass
class MemberRow:
    full_name: str
    position: str
    role: str
    unit: str
    valid_from: dt.date
    valid_to: dt.date | None
    clearance: str
    username: str


@dataclass
class OrgDetail:
    org: Organization
    ancestors: list[Organization]
    receiving_archive: Organization
    children: list[Organization]
    units: list[Unit]
    terms: list[Term]
    events: list[OrgEvent]
    incoming_events: list[OrgEvent]
    incoming_total: int
    parent_periods: list[OrgParentPeriod]
    members: list[MemberRow]
    former_members: list[MemberRow]
    show_clearance: bool
    predecessors: list[Organization] = field(default_factory=list)
    former_children: list[OrgParentPeriod] = field(default_factory=list)
    can_manage: bool = False


def holds_role(
    user: object, roles: Iterable[str], org: Organization, today: dt.date | None = None
) -> bool:
    """Does ``user`` hold one of ``roles`` at ``org`` or at a body above it, by a
    membership valid ``today``? (Memberships are ours: access builds its policy
    subject from the same rows.)"""
    if not getattr(user, "is_authenticated", False):
        return False
    person = getattr(user, "person", None)
    if person is None:
        return False
    today = today or timezone.localdate()
    ids = {org.pk} | {int(p) for p in org.path.split(".") if p}
    return (
        Membership.objects.filter(person=person, role__in=list(roles), org_id__in=ids)
        .filter(valid_from__lte=today)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .exists()
    )


def may_see_clearances(user: object, org: Organization) -> bool:
    """Heads and administrators of ``org`` or a body above it see clearances."""
    if getattr(user, "is_superuser", False):
        return True
    return holds_role(user, (Role.HEAD, Role.ADMIN), org)


def _get_org(org_id: int) -> Organization:
    org = (
        Organization.objects.select_related("fonds", "parent", "successor", "archive_org")
        .filter(pk=org_id)
        .first()
    )
    if org is None:
        raise Http404("Không tìm thấy cơ quan, tổ chức này.")
    return org


def org_detail(user, org_id: int, today: dt.date | None = None) -> OrgDetail:
    """Everything the organization page shows. Unknown id → 404."""
    today = today or timezone.localdate()
    org = _get_org(org_id)
    show_clearance = may_see_clearances(user, org)
    members: list[MemberRow] = []
    former: list[MemberRow] = []
    memberships = Membership.objects.filter(org=org).select_related("person__user", "unit")
    for m in memberships.order_by("role", "person__full_name"):
        row = MemberRow(
            full_name=m.person.full_name,
            position=m.person.position,
            role=m.get_role_display(),
            unit=m.unit.name if m.unit else "",
            valid_from=m.valid_from,
            valid_to=m.valid_to,
            clearance=m.person.get_clearance_display() if show_clearance else "",
            username=m.person.user.username if m.person.user else "",
        )
        current = m.valid_from <= today and (m.valid_to is None or m.valid_to >= today)
        (members if current else former).append(row)
    incoming = OrgEvent.objects.filter(related=org).exclude(org=org).select_related("org")
    return OrgDetail(
        org=org,
        ancestors=org.ancestors(),
        receiving_archive=org.receiving_archive,
        children=children_of(org.pk)[1],
        units=list(org.units.all()),
        terms=list(org.terms.all()),
        events=list(org.events.select_related("related")),
        incoming_events=list(incoming.order_by("-effective_date", "id")[:INCOMING_EVENTS_LIMIT]),
        incoming_total=incoming.count(),
        parent_periods=list(org.parent_periods.select_related("parent")),
        members=members,
        former_members=former,
        show_clearance=show_clearance,
        can_manage=may_manage_org(user, org),
        predecessors=list(org.predecessors.order_by("name")),
        former_children=list(
            OrgParentPeriod.objects.filter(parent=org, valid_to__isnull=False)
            .exclude(org__parent=org)
            .select_related("org", "org__parent")
            .order_by("org__name", "valid_from")
        ),
    )
