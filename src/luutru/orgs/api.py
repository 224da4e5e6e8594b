"""JSON API for the orgs app.

Organizations, their fonds, units and terms are not secret (the same rule as
the organization pages): any user with a valid token may read them. Members
and clearances are not exposed here.
"""

import datetime as dt

from django.db.models import Q
from django.utils import timezone
from ninja import FilterSchema, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from luutru.core.api_params import Id, Pagination
from luutru.orgs.models import Kind, Level, Organization

router = Router(tags=["orgs"])


class OrgRef(Schema):
    id: int
    code: str
    name: str


class OrgOut(Schema):
    id: int
    code: str
    name: str
    short_name: str
    kind: str
    level: str
    parent_id: int | None
    archive_org_id: int | None
    successor_id: int | None
    valid_from: dt.date
    valid_to: dt.date | None
    active: bool
    fonds_status: str | None

    @staticmethod
    def resolve_active(obj: Organization) -> bool:
        return obj.is_active

    @staticmethod
    def resolve_fonds_status(obj: Organization) -> str | None:
        fonds = getattr(obj, "fonds", None)
        return fonds.status if fonds is not None else None


class FondsOut(Schema):
    code: str
    name: str
    status: str
    closed_on: dt.date | None
    start_year: int | None


class UnitOut(Schema):
    id: int
    name: str
    abbrev: str


class TermOut(Schema):
    id: int
    name: str
    start: dt.date
    end: dt.date | None


class OrgChildOut(OrgRef):
    level: str
    kind: str
    active: bool


class OrgDetailOut(OrgOut):
    issuer_abbrev: str
    place: str
    organ_id: str
    fonds: FondsOut | None
    parent: OrgRef | None
    successor: OrgRef | None
    receiving_archive: OrgRef
    ancestors: list[OrgRef]
    children: list[OrgChildOut]
    units: list[UnitOut]
    terms: list[TermOut]

    @staticmethod
    def resolve_fonds(obj: Organization):
        return getattr(obj, "fonds", None)

    @staticmethod
    def resolve_receiving_archive(obj: Organization) -> Organization:
        return obj.receiving_archive

    @staticmethod
    def resolve_ancestors(obj: Organization) -> list[Organization]:
        return obj.ancestors()

    @staticmethod
    def resolve_children(obj: Organization) -> list[dict]:
        return [
            {
                "id": c.pk,
                "code": c.code,
                "name": c.name,
                "level": c.level,
                "kind": c.kind,
                "active": c.is_active,
            }
            for c in obj.children.order_by("path")
        ]

    @staticmethod
    def resolve_units(obj: Organization) -> list:
        return list(obj.units.all())

    @staticmethod
    def resolve_terms(obj: Organization) -> list:
        return list(obj.terms.all())


class OrgFilter(FilterSchema):
    level: Level | None = None
    kind: Kind | None = None
    parent: Id | None = None
    active: bool | None = None
    q: str | None = None

    def filter_parent(self, value: int | None) -> Q:
        return Q(parent_id=value) if value is not None else Q()

    def filter_active(self, value: bool | None) -> Q:
        if value is None:
            return Q()
        live = Q(valid_to__isnull=True) | Q(valid_to__gte=timezone.localdate())
        return live if value else ~live

    def filter_q(self, value: str | None) -> Q:
        value = (value or "").strip()
        if not value:
            return Q()
        return Q(name__icontains=value) | Q(short_name__icontains=value) | Q(code__iexact=value)


@router.get("", response=list[OrgOut], summary="Danh sách cơ quan, tổ chức")
@paginate(Pagination, page_size=100, max_page_size=1000)
def list_orgs(request, filters: Query[OrgFilter]):
    """Organizations in tree order; filter by level, kind, parent id, active (true/false) or text q."""
    return filters.filter(Organization.objects.select_related("fonds").order_by("path"))


@router.get("/{org_id}", response=OrgDetailOut, summary="Một cơ quan, tổ chức")
def get_org(request, org_id: Id):
    """One organization with its fonds, parent, children, units and terms."""
    org = (
        Organization.objects.select_related("fonds", "parent", "successor", "archive_org")
        .filter(pk=org_id)
        .first()
    )
    if org is None:
        raise HttpError(404, "Không tìm thấy cơ quan, tổ chức này.")
    return org
