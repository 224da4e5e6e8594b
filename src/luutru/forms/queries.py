"""Reads behind the forms: every object through the access policy; invisible ones are None."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from luutru.access.policy import Facts, can_view, subject_for
from luutru.archive.queries import visible_deposit as archive_visible_deposit
from luutru.core.params import as_int
from luutru.filing.queries import dossiers_visible_to, plans_visible_to
from luutru.orgs.models import Organization, Secrecy


@dataclass
class OrgRecords:
    """An organization's records as a whole (its fonds, its registers), judged by the
    policy like any object: readers reach only archive holdings, administrators none."""

    org: Organization

    @property
    def pk(self) -> int:
        return self.org.pk

    def access_facts(self) -> Facts:
        return Facts(org_id=self.org.pk, secrecy=Secrecy.NONE, owner_user_id=None, archived=True)


def visible_plan(user, plan_id: int):
    return (
        plans_visible_to(user)
        .select_related("org", "org__parent", "org__fonds")
        .filter(pk=plan_id)
        .first()
    )


def visible_dossier(user, dossier_id: int):
    return (
        dossiers_visible_to(user)
        .select_related("org", "org__parent", "org__fonds", "retention", "creator")
        .filter(pk=dossier_id)
        .first()
    )


def visible_deposit(user, deposit_id: int):
    return archive_visible_deposit(user, deposit_id)


def orgs_with_records_visible_to(user) -> QuerySet[Organization]:
    """Bodies whose registers and fonds lists ``user`` may print (working or holdings scope)."""
    scope = Q(pk__in=[])
    for path, reach, _what in subject_for(user).scopes:
        scope |= Q(path=path) if reach == "self" else Q(path__startswith=path)
    return Organization.objects.filter(scope).select_related("parent", "fonds").order_by("path")


def visible_org(user, org_id) -> Organization | None:
    pk = as_int(org_id)
    org = (
        Organization.objects.select_related("parent", "fonds").filter(pk=pk).first()
        if pk is not None
        else None
    )
    if org is None or not can_view(user, OrgRecords(org), "organization"):
        return None
    return org
