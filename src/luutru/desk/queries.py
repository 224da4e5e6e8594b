"""Registry desk reads: who may do what at a body's desk, and the lists each role
works from. Every list goes through the access policy (``visible_q``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from luutru.access.policy import visible_q
from luutru.desk.models import Arrival, ArrivalState, Handling
from luutru.filing.models import Dossier, DossierItem
from luutru.filing.queries import dossiers_visible_to
from luutru.orgs.models import Membership, Organization, Role, Unit

WORKING_ROLES = (Role.OFFICIAL, Role.CLERK, Role.HEAD)


def _memberships(user: Any, org: Organization | None = None, today: dt.date | None = None):
    person = getattr(user, "person", None) if user is not None else None
    if person is None:
        return Membership.objects.none()
    today = today or timezone.localdate()
    qs = Membership.objects.filter(person=person, valid_from__lte=today).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=today)
    )
    return qs.filter(org=org) if org is not None else qs


def may_register(user: Any, org: Organization) -> bool:
    """The body's registry clerk, or one of its heads (a small body has no clerk)."""
    return _memberships(user, org).filter(role__in=(Role.CLERK, Role.HEAD)).exists()


def works_in(user: Any, org: Organization) -> bool:
    """Does ``user`` work in ``org`` today (official, clerk or head)?"""
    return _memberships(user, org).filter(role__in=WORKING_ROLES).exists()


def unit_of(user: Any, org: Organization) -> Unit | None:
    m = _memberships(user, org).filter(role__in=WORKING_ROLES, unit__isnull=False).first()
    return m.unit if m is not None else None


def desk_orgs(user: Any) -> QuerySet[Organization]:
    """The bodies whose registry desk ``user`` keeps."""
    ids = _memberships(user).filter(role__in=(Role.CLERK, Role.HEAD)).values("org_id")
    return Organization.objects.filter(pk__in=ids).order_by("path")


def head_orgs(user: Any) -> QuerySet[Organization]:
    ids = _memberships(user).filter(role=Role.HEAD).values("org_id")
    return Organization.objects.filter(pk__in=ids).order_by("path")


def heads_of(org: Organization) -> QuerySet[Any]:
    users = get_user_model().objects
    ids = _members_of(org).filter(role=Role.HEAD).values("person__user")
    return users.filter(pk__in=ids).select_related("person").order_by("person__full_name")


def _members_of(org: Organization):
    today = timezone.localdate()
    return Membership.objects.filter(org=org, valid_from__lte=today).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=today)
    )


def handlers_of(org: Organization) -> QuerySet[Any]:
    """People a head may assign: those working in the body today."""
    ids = _members_of(org).filter(role__in=WORKING_ROLES).values("person__user")
    return (
        get_user_model()
        .objects.filter(pk__in=ids)
        .select_related("person")
        .order_by("person__full_name")
    )


def arrivals_visible_to(user: Any) -> QuerySet[Arrival]:
    return (
        Arrival.objects.filter(visible_q(user, object_type="arrival"))
        .select_related("org", "document", "routed_to__person", "routed_unit")
        .order_by("-received_at", "-id")
    )


def desk_arrivals(user: Any, org: Organization) -> QuerySet[Arrival]:
    return arrivals_visible_to(user).filter(org=org)


def to_route(user: Any, org: Organization) -> QuerySet[Arrival]:
    return (
        desk_arrivals(user, org)
        .filter(state=ArrivalState.REGISTERED)
        .order_by("-urgency", "received_at", "id")
    )


def for_head(user: Any) -> QuerySet[Arrival]:
    """Arrivals waiting for ``user`` (a head) to assign: sent to them by name, sent
    to a unit they head, or sent to a unit of a body they head with no unit head."""
    mine = _memberships(user).filter(role=Role.HEAD)
    orgs = list(mine.values_list("org_id", flat=True))
    units = list(mine.exclude(unit__isnull=True).values_list("unit_id", flat=True))
    unit_heads = Membership.objects.filter(unit=OuterRef("routed_unit"), role=Role.HEAD)
    waiting = arrivals_visible_to(user).filter(
        state__in=(ArrivalState.PRESENTED, ArrivalState.REGISTERED), org_id__in=orgs
    )
    return waiting.filter(
        Q(routed_to=user)
        | Q(routed_unit_id__in=units)
        | (Q(routed_unit__isnull=False) & ~Exists(unit_heads))
        | Q(state=ArrivalState.REGISTERED)
    ).order_by("-urgency", "received_at", "id")


def assigned_by_head(user: Any) -> QuerySet[Arrival]:
    """What ``user`` (a head) gave out and is not finished yet: to follow it."""
    return (
        arrivals_visible_to(user)
        .filter(assigned_by=user, state__in=(ArrivalState.ASSIGNED, ArrivalState.IN_PROGRESS))
        .order_by("deadline", "id")
    )


def queue_of(user: Any) -> QuerySet[Arrival]:
    """ "Văn bản cần xử lý": arrivals ``user`` handles now, soonest deadline first."""
    handling = Handling.objects.filter(arrival=OuterRef("pk"), handler=user, ended_at__isnull=True)
    return (
        arrivals_visible_to(user)
        .filter(state__in=(ArrivalState.ASSIGNED, ArrivalState.IN_PROGRESS))
        .filter(Exists(handling))
        .order_by("deadline", "-urgency", "id")
    )


def is_overdue(arrival: Arrival, today: dt.date | None = None) -> bool:
    """Still open past its deadline."""
    today = today or timezone.localdate()
    return arrival.is_open and arrival.deadline is not None and arrival.deadline < today


def finished_late(arrival: Arrival) -> bool:
    if arrival.deadline is None or arrival.finished_at is None:
        return False
    return timezone.localtime(arrival.finished_at).date() > arrival.deadline


def lead_of(arrival: Arrival) -> Handling | None:
    return (
        arrival.handlings.filter(part=Handling.Part.LEAD)
        .select_related("handler__person", "unit")
        .order_by("-given_at", "-id")
        .first()
    )


def today_counts(user: Any, org: Organization) -> dict[str, int]:
    today = timezone.localdate()
    qs = desk_arrivals(user, org)
    return {
        "received": qs.filter(received_at__date=today).count(),
        "to_route": qs.filter(state=ArrivalState.REGISTERED).count(),
        "being_handled": qs.filter(
            state__in=(ArrivalState.PRESENTED, ArrivalState.ASSIGNED, ArrivalState.IN_PROGRESS)
        ).count(),
        "overdue": qs.filter(
            state__in=(ArrivalState.ASSIGNED, ArrivalState.IN_PROGRESS), deadline__lt=today
        ).count(),
    }


def _filed() -> Exists:
    return Exists(
        DossierItem.objects.filter(document=OuterRef("document"), removed_at__isnull=True)
    )


def handled_unfiled_q() -> Q:
    """Finished arrivals whose document sits in no dossier (handled but never filed)."""
    return Q(state=ArrivalState.DONE) & ~Q(_filed())


def handled_unfiled(user: Any) -> QuerySet[Arrival]:
    """What ``user`` finished and never filed: the notice to the handler."""
    return (
        arrivals_visible_to(user)
        .filter(handled_unfiled_q(), finished_by=user)
        .order_by("finished_at", "id")
    )


def dossiers_holding(user: Any, document: Any) -> list[Dossier]:
    """The dossiers holding ``document`` that ``user`` may open."""
    items = DossierItem.objects.filter(document=document, removed_at__isnull=True)
    return list(
        dossiers_visible_to(user).filter(pk__in=items.values("dossier")).order_by("file_notation")
    )


def stamp(a: Arrival, dossiers: list[Dossier] | None = None) -> list[tuple[str, str]]:
    """The ĐẾN stamp's lines (NĐ 30: tên cơ quan, số đến, ngày, chuyển, số và ký
    hiệu hồ sơ). ``dossiers``: where it is filed (all, for the stamp on paper)."""
    if dossiers is None:
        items = DossierItem.objects.filter(document=a.document_id, removed_at__isnull=True)
        dossiers = list(Dossier.objects.filter(pk__in=items.values("dossier")))
    lead = lead_of(a)
    if lead is not None:
        to = person_name(lead.handler)
    elif a.routed_to is not None:
        to = person_name(a.routed_to)
    elif a.routed_unit is not None:
        to = a.routed_unit.name
    else:
        to = ""
    received = timezone.localtime(a.received_at)
    return [
        ("", a.org.name.upper()),
        ("ĐẾN", f"Số: {a.number_display}"),
        ("Ngày", f"{received:%d/%m/%Y} Giờ: {received:%H:%M}"),
        ("Chuyển", to),
        ("Lưu hồ sơ số", ", ".join(d.file_notation for d in dossiers)),
    ]


def person_name(user: Any) -> str:
    """A user as the desk's papers name them: the person's full name, else the login."""
    person = getattr(user, "person", None)
    return person.full_name if person is not None else getattr(user, "username", "")


def clerks_of(org: Organization) -> QuerySet[Any]:
    """The body's registry clerks today."""
    ids = _members_of(org).filter(role=Role.CLERK).values("person__user")
    return (
        get_user_model()
        .objects.filter(pk__in=ids)
        .select_related("person")
        .order_by("person__full_name")
    )
