"""JSON API of the registry desk: register incoming documents, route, assign,
forward, record progress, finish — the same services and access policy as the
pages. An arrival the token's user may not open answers 404; a refused step
answers 422 with every reason in Vietnamese and changes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib.auth import get_user_model
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, File, Form, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.pagination import paginate

from luutru.access.policy import record_secret_read
from luutru.core.api_params import OPTIONAL_ID, Id, Pagination
from luutru.core.errors import RuleViolation
from luutru.core.params import MAX_ID
from luutru.desk import queries, services
from luutru.desk.models import Arrival
from luutru.filing.queries import my_open_dossiers
from luutru.orgs.models import Organization, Unit
from luutru.registry.queries import documents_visible_to
from luutru.rules.queries import document_types

router = Router(tags=["desk"])
T = TypeVar("T")


class ArrivalOut(Schema):
    id: int
    org_id: int
    document_id: int
    year: int
    arrival_number: int
    number: str
    secret_series: bool
    received_at: dt.datetime
    channel: str
    sender: str
    urgency: int
    state: str
    state_label: str
    subject: str
    symbol: str
    organ_name: str
    routed_to_id: int | None
    routed_unit_id: int | None
    deadline: dt.date | None
    instructions: str
    outcome: str
    answer_id: int | None
    overdue: bool

    @staticmethod
    def resolve_number(obj: Arrival) -> str:
        return obj.number_display

    @staticmethod
    def resolve_state_label(obj: Arrival) -> str:
        return obj.get_state_display()

    @staticmethod
    def resolve_subject(obj: Arrival) -> str:
        return obj.document.subject

    @staticmethod
    def resolve_symbol(obj: Arrival) -> str:
        return obj.document.symbol_display

    @staticmethod
    def resolve_organ_name(obj: Arrival) -> str:
        return obj.document.organ_name

    @staticmethod
    def resolve_overdue(obj: Arrival) -> bool:
        return queries.is_overdue(obj)


class RouteIn(Schema):
    head: int | None = Field(None, ge=1, le=MAX_ID)
    unit: int | None = Field(None, ge=1, le=MAX_ID)
    note: str = Field("", max_length=2000)


class AssignIn(Schema):
    lead: int = Field(..., ge=1, le=MAX_ID)
    co_handlers: list[int] = Field(default_factory=list, max_length=50)
    deadline: dt.date
    instructions: str = Field("", max_length=2000)


class ForwardIn(Schema):
    to: int = Field(..., ge=1, le=MAX_ID)
    note: str = Field("", max_length=2000)


class ProgressIn(Schema):
    note: str = Field(..., max_length=2000)


class FinishIn(Schema):
    answer: int | None = Field(None, ge=1, le=MAX_ID)
    dossier: int | None = Field(None, ge=1, le=MAX_ID)
    note: str = Field("", max_length=2000)


def _user(request: HttpRequest) -> Any:
    auth = getattr(request, "auth", None)  # set by the API's token authentication
    return auth if auth is not None else request.user


def _arrival(request: HttpRequest, arrival_id: int) -> Arrival:
    return get_object_or_404(queries.arrivals_visible_to(_user(request)), pk=arrival_id)


def _do(call: Callable[[], T]) -> T:
    try:
        return call()
    except RuleViolation as exc:
        raise HttpError(422, " ".join(exc.messages)) from None


def _person(pk: int | None, label: str) -> Any:
    if pk is None:
        return None
    user = get_user_model().objects.filter(pk=pk).select_related("person").first()
    if user is None:
        raise HttpError(422, f"Không có người dùng số {pk} ({label}).")
    return user


def _fresh(a: Arrival) -> Arrival:
    return Arrival.objects.select_related("document", "org").get(pk=a.pk)


@router.get("/arrivals", response=list[ArrivalOut], summary="Văn bản đến người dùng được xem")
@paginate(Pagination, page_size=50)
def list_arrivals(request: HttpRequest, org: int | None = OPTIONAL_ID, state: str = ""):
    """Newest first; filter by receiving body and state (registered, presented,
    assigned, in_progress, done)."""
    qs = queries.arrivals_visible_to(_user(request))
    if org is not None:
        qs = qs.filter(org_id=org)
    if state:
        qs = qs.filter(state=state)
    return qs


@router.get("/queue", response=list[ArrivalOut], summary="Văn bản cần xử lý của người dùng")
def my_queue(request: HttpRequest):
    return list(queries.queue_of(_user(request))[:500])


@router.get("/arrivals/{arrival_id}", response=ArrivalOut, summary="Một văn bản đến")
def get_arrival(request: HttpRequest, arrival_id: Id):
    a = _arrival(request, arrival_id)
    record_secret_read(_user(request), a, "api", object_type="arrival")
    return a


@router.post("/arrivals", response={201: ArrivalOut}, summary="Vào sổ văn bản đến")
def register_arrival(
    request: HttpRequest,
    org: Id = Form(...),  # noqa: B008 (Ninja declares parameters this way)
    doc_type: str = Form(""),  # noqa: B008
    symbol: str = Form(""),  # noqa: B008
    issued_date: str = Form(""),  # noqa: B008
    organ_name: str = Form(""),  # noqa: B008
    subject: str = Form(""),  # noqa: B008
    signer_full_name: str = Form(""),  # noqa: B008
    signer_position: str = Form(""),  # noqa: B008
    secrecy: int = Form(0),  # noqa: B008
    urgency: int = Form(0),  # noqa: B008
    description: str = Form(""),  # noqa: B008
    sender: str = Form(""),  # noqa: B008
    channel: str = Form("electronic"),  # noqa: B008
    file: UploadedFile = File(...),  # noqa: B008
):
    """A file and what it says (``doc_type`` is the id or the abbreviation of a type of
    the body's rules, ``issued_date`` dd/mm/yyyy); the next arrival number is given."""
    user = _user(request)
    body = Organization.objects.filter(pk=org).first()
    if body is None or not queries.may_register(user, body):
        raise HttpError(403, "Chỉ văn thư hoặc lãnh đạo của cơ quan mới vào sổ văn bản đến.")
    kind = doc_type.strip()
    if kind and not (kind.isascii() and kind.isdigit()):
        found = _do(lambda: document_types(body)).filter(abbrev=kind).order_by("pk").first()
        kind = str(found.pk) if found is not None else kind
    fields = {
        "doc_type": kind,
        "symbol": symbol,
        "issued_date": issued_date,
        "organ_name": organ_name,
        "subject": subject,
        "signer_full_name": signer_full_name,
        "signer_position": signer_position,
        "secrecy": secrecy,
        "urgency": urgency,
        "description": description,
    }
    a = _do(
        lambda: services.receive(
            user,
            body,
            fields=fields,
            content=file.read(),
            filename=file.name or "",
            channel=channel,
            sender=sender,
            urgency=urgency,
        )
    )
    return Status(201, _fresh(a))


@router.post("/arrivals/{arrival_id}/route", response=ArrivalOut, summary="Chuyển văn bản đến")
def route_arrival(request: HttpRequest, arrival_id: Id, payload: RouteIn):
    a = _arrival(request, arrival_id)
    head = _person(payload.head, "lãnh đạo")
    unit = None
    if payload.unit is not None:
        unit = Unit.objects.filter(pk=payload.unit).first()
        if unit is None:
            raise HttpError(422, f"Không có đơn vị số {payload.unit}.")
    _do(lambda: services.route(_user(request), a, head=head, unit=unit, note=payload.note))
    return _fresh(a)


@router.post("/arrivals/{arrival_id}/assign", response=ArrivalOut, summary="Giao xử lý")
def assign_arrival(request: HttpRequest, arrival_id: Id, payload: AssignIn):
    a = _arrival(request, arrival_id)
    lead = _person(payload.lead, "người chủ trì")
    co = [_person(pk, "người phối hợp") for pk in payload.co_handlers]
    _do(
        lambda: services.assign(
            _user(request),
            a,
            lead=lead,
            co_handlers=co,
            deadline=payload.deadline,
            instructions=payload.instructions,
        )
    )
    return _fresh(a)


@router.post("/arrivals/{arrival_id}/forward", response=ArrivalOut, summary="Chuyển tiếp")
def forward_arrival(request: HttpRequest, arrival_id: Id, payload: ForwardIn):
    a = _arrival(request, arrival_id)
    to = _person(payload.to, "người nhận")
    _do(lambda: services.forward(_user(request), a, to=to, note=payload.note))
    return _fresh(a)


@router.post("/arrivals/{arrival_id}/progress", response=ArrivalOut, summary="Ghi tiến độ")
def progress_arrival(request: HttpRequest, arrival_id: Id, payload: ProgressIn):
    a = _arrival(request, arrival_id)
    _do(lambda: services.record_progress(_user(request), a, payload.note))
    return _fresh(a)


@router.post("/arrivals/{arrival_id}/finish", response=ArrivalOut, summary="Kết thúc xử lý")
def finish_arrival(request: HttpRequest, arrival_id: Id, payload: FinishIn):
    """With ``answer`` (a document id) or none ("lưu, để biết"); with ``dossier`` (one
    the user is forming) both documents are filed there together."""
    user = _user(request)
    a = _arrival(request, arrival_id)
    answer = None
    if payload.answer is not None:
        answer = documents_visible_to(user).filter(pk=payload.answer).first()
        if answer is None:
            raise HttpError(422, f"Không có văn bản số {payload.answer} mà bạn được xem.")
    dossier = None
    if payload.dossier is not None:
        dossier = my_open_dossiers(user).filter(pk=payload.dossier).first()
        if dossier is None:
            raise HttpError(422, f"Hồ sơ số {payload.dossier} không phải hồ sơ bạn đang lập.")
    _do(lambda: services.finish(user, a, answer=answer, dossier=dossier, note=payload.note))
    return _fresh(a)
