"""Reads for inspections, through the access policy."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from luutru.access.policy import can_view, subject_for, visible_q
from luutru.filing.models import Dossier
from luutru.filing.queries import dossiers_visible_to
from luutru.inspection.models import Check, EvidenceLink, Fix, Inspection
from luutru.inspection.services import _evidence_object
from luutru.orgs.models import Organization, Role
from luutru.registry.models import Document


def inspections_visible_to(user) -> QuerySet[Inspection]:
    """Inspections of bodies in the user's scope, those they made, and those naming them for a fix."""
    q = visible_q(user, object_type="inspection", secrecy_field=None, owner_field="created_by")
    person = getattr(user, "person", None)
    if person is not None:
        q |= Q(fixes__responsible=person)
    return Inspection.objects.filter(q).distinct()


def visible_inspection(user, pk: int) -> Inspection | None:
    return (
        inspections_visible_to(user)
        .select_related("org", "created_by__person")
        .filter(pk=pk)
        .first()
    )


def inspector_orgs(user) -> list[Organization]:
    """Bodies where the user holds the inspector role (each with everything below it)."""
    ids = [oid for oid, role in subject_for(user).roles if role == Role.INSPECTOR]
    return list(Organization.objects.filter(pk__in=ids).order_by("path"))


def inspectable_orgs(user, today: dt.date | None = None) -> list[Organization]:
    """Every body the user may inspect, active today."""
    today = today or timezone.localdate()
    roots = inspector_orgs(user)
    if not roots:
        return []
    q = Q(pk__in=[])
    for r in roots:
        q |= Q(path__startswith=r.path)
    return list(
        Organization.objects.filter(q)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .order_by("path")
    )


@dataclass
class ShownEvidence:
    link: EvidenceLink
    label: str
    url: str


def evidence_for(user, check: Check) -> list[ShownEvidence]:
    """The evidence links of a finding the user may see (others are not even named)."""
    shown = []
    for link in check.evidence.all():
        obj = _evidence_object(link.object_type, link.object_id)
        if obj is None or not can_view(user, obj, link.object_type):
            continue
        if isinstance(obj, Dossier):
            label, url = f"Hồ sơ {obj.file_notation} {obj.title}", f"/ho-so/{obj.pk}/"
        elif isinstance(obj, Document):
            label, url = (
                f"Văn bản {obj.code_number}-{obj.code_notation} {obj.subject}",
                f"/van-ban/{obj.pk}/",
            )
        else:
            label, url = f"Danh mục hồ sơ năm {obj.year}", f"/danh-muc/{obj.pk}/"
        shown.append(ShownEvidence(link, label, url))
    return shown


def fixes_visible_to(user) -> QuerySet[Fix]:
    return Fix.objects.filter(inspection__in=inspections_visible_to(user)).select_related(
        "inspection__org", "responsible"
    )


def my_fixes(user) -> QuerySet[Fix]:
    """Fixes the user is responsible for, not yet verified."""
    person = getattr(user, "person", None)
    if person is None:
        return Fix.objects.none()
    return fixes_visible_to(user).filter(responsible=person).exclude(status=Fix.Status.VERIFIED)


def open_fixes_due(today: dt.date | None = None, until: dt.date | None = None) -> QuerySet[Fix]:
    """Every open fix due by ``until`` (the deadlines digest; not for display as is)."""
    qs = Fix.objects.filter(status=Fix.Status.OPEN).select_related(
        "inspection__org", "responsible__user"
    )
    return qs.filter(deadline__lte=until) if until else qs


def evidence_choices(user, inspection: Inspection, limit: int = 200) -> list[tuple[int, str]]:
    """Dossiers of the inspected body (and below) the inspector may see, newest year first,
    offered by number so that nobody has to look ids up."""
    qs = (
        dossiers_visible_to(user)
        .filter(org__path__startswith=inspection.org.path)
        .order_by("-file_catalog", "file_notation")
        .values_list("pk", "file_catalog", "file_notation", "title")[:limit]
    )
    return [(pk, f"{year} – {notation} {title}") for pk, year, notation, title in qs]
