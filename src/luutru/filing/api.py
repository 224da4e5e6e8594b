"""JSON API for the filing app (mounted at /api/): file plans and dossiers.

Every read goes through the access policy; a plan or dossier the token's user
may not open answers 404, as in the pages.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from luutru.access.policy import record_secret_reads
from luutru.core.api_params import OPTIONAL_ID, OPTIONAL_YEAR, Id, Pagination
from luutru.filing import deposit, queries
from luutru.filing.codes import ordered_headings
from luutru.filing.models import Dossier, FilePlan, FilePlanHeading, FilePlanItem
from luutru.filing.xlsx import plan_totals

router = Router(tags=["filing"])


def _user(request: HttpRequest) -> User | AnonymousUser:
    auth: User | None = getattr(request, "auth", None)  # set by the API's token authentication
    return auth if auth is not None else request.user


class PlanOut(Schema):
    id: int
    org_id: int
    org_name: str
    year: int
    state: str
    state_label: str
    code_scheme: str
    decision_number: str
    decision_date: dt.date | None
    item_count: int

    @staticmethod
    def resolve_org_name(obj: FilePlan) -> str:
        return obj.org.name

    @staticmethod
    def resolve_state_label(obj: FilePlan) -> str:
        return obj.get_state_display()

    @staticmethod
    def resolve_item_count(obj: FilePlan) -> int:
        return obj.items.count()


class HeadingOut(Schema):
    id: int
    parent_id: int | None
    numeral: str
    title: str
    abbrev: str


class PlanItemOut(Schema):
    id: int
    heading_id: int
    code: str
    title: str
    retention: str
    creator: str
    note: str

    @staticmethod
    def resolve_retention(obj: FilePlanItem) -> str:
        return obj.retention.label

    @staticmethod
    def resolve_creator(obj: FilePlanItem) -> str:
        return obj.creator.full_name if obj.creator else ""


class PlanDetailOut(PlanOut):
    headings: list[HeadingOut]
    items: list[PlanItemOut]
    total: int
    permanent: int
    fixed_term: int

    @staticmethod
    def resolve_headings(obj: FilePlan) -> list[FilePlanHeading]:
        return ordered_headings(obj)

    @staticmethod
    def resolve_items(obj: FilePlan) -> list[FilePlanItem]:
        return list(obj.items.select_related("retention", "creator").order_by("order"))

    @staticmethod
    def resolve_total(obj: FilePlan) -> int:
        return plan_totals(obj.items.select_related("retention"))["total"]

    @staticmethod
    def resolve_permanent(obj: FilePlan) -> int:
        return plan_totals(obj.items.select_related("retention"))["permanent"]

    @staticmethod
    def resolve_fixed_term(obj: FilePlan) -> int:
        return plan_totals(obj.items.select_related("retention"))["fixed_term"]


class DossierOut(Schema):
    id: int
    org_id: int
    org_name: str
    file_code: str
    file_catalog: int
    file_notation: str
    title: str
    retention: str
    retention_confirmed: bool
    creator: str
    status: str
    status_label: str
    secrecy: int
    medium: str
    start_date: dt.date | None
    end_date: dt.date | None
    plan_item_id: int | None
    deposit_due: dt.date | None
    overdue: bool

    @staticmethod
    def resolve_org_name(obj: Dossier) -> str:
        return obj.org.name

    @staticmethod
    def resolve_retention(obj: Dossier) -> str:
        return obj.retention.label

    @staticmethod
    def resolve_creator(obj: Dossier) -> str:
        return obj.creator.full_name

    @staticmethod
    def resolve_status_label(obj: Dossier) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_deposit_due(obj: Dossier) -> dt.date | None:
        return deposit.deposit_due(obj)

    @staticmethod
    def resolve_overdue(obj: Dossier) -> bool:
        return deposit.is_overdue(obj)


class DossierDocumentOut(Schema):
    position: int
    document_id: int | None
    visible: bool
    symbol: str
    issued_date: dt.date | None
    subject: str
    page_amount: int | None


class DossierDetailOut(DossierOut):
    documents: list[DossierDocumentOut]
    doc_total: int | None
    page_total: int | None


@router.get("/plans", response=list[PlanOut], summary="Danh mục hồ sơ người dùng được xem")
@paginate(Pagination, page_size=50)
def list_plans(
    request: HttpRequest, org: int | None = OPTIONAL_ID, year: int | None = OPTIONAL_YEAR
) -> QuerySet[FilePlan]:
    qs = queries.plans_visible_to(_user(request)).select_related("org")
    if org:
        qs = qs.filter(org_id=org)
    if year:
        qs = qs.filter(year=year)
    return qs.order_by("-year", "org__path")


@router.get(
    "/plans/{plan_id}", response=PlanDetailOut, summary="Một danh mục hồ sơ, với đề mục và hồ sơ"
)
def get_plan(request: HttpRequest, plan_id: Id) -> FilePlan:
    return get_object_or_404(
        queries.plans_visible_to(_user(request)).select_related("org"), pk=plan_id
    )


@router.get("/dossiers", response=list[DossierOut], summary="Hồ sơ người dùng được xem")
@paginate(Pagination, page_size=50)
def list_dossiers(
    request: HttpRequest,
    org: int | None = OPTIONAL_ID,
    year: int | None = OPTIONAL_YEAR,
    status: str | None = None,
    mine: bool = False,
) -> QuerySet[Dossier]:
    user = _user(request)
    qs = (
        queries.my_open_dossiers(user) if mine else queries.dossiers_visible_to(user)
    ).select_related("org", "retention", "creator")
    if org:
        qs = qs.filter(org_id=org)
    if year:
        qs = qs.filter(file_catalog=year)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-file_catalog", "org__path", "file_notation")


@router.get(
    "/dossiers/{dossier_id}", response=DossierDetailOut, summary="Một hồ sơ với các văn bản của nó"
)
def get_dossier(request: HttpRequest, dossier_id: Id) -> Dossier:
    user = _user(request)
    dossier = get_object_or_404(
        queries.dossiers_visible_to(user).select_related("org", "retention", "creator"),
        pk=dossier_id,
    )
    items = queries.dossier_items_in_order(dossier)
    visible = set(
        queries.documents_visible_to(user)
        .filter(pk__in=[it.document_id for it in items])
        .values_list("pk", flat=True)
    )
    documents: list[dict[str, Any]] = []
    for it in items:
        doc = it.document
        if doc.pk in visible:
            documents.append(
                {
                    "position": it.position,
                    "document_id": doc.pk,
                    "visible": True,
                    "symbol": doc.symbol_display,
                    "issued_date": doc.issued_date,
                    "subject": doc.subject,
                    "page_amount": doc.page_amount,
                }
            )
        else:
            # The place is shown, never the title of what the user may not open.
            documents.append(
                {
                    "position": it.position,
                    "document_id": None,
                    "visible": False,
                    "symbol": "",
                    "issued_date": None,
                    "subject": "",
                    "page_amount": None,
                }
            )
    from luutru.filing.dossiers import current_certificate

    cert = current_certificate(dossier)
    shown = [it.document for it in items if it.document_id in visible]
    record_secret_reads(user, [dossier, *shown], "api", about=dossier)
    # The detail's own fields ride on the instance, where DossierDetailOut reads them.
    vars(dossier).update(
        documents=documents,
        doc_total=cert.doc_total if cert else None,
        page_total=cert.page_total if cert else None,
    )
    return dossier
