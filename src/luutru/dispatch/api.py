"""JSON API of outgoing documents: draft, submit, approve, return, issue, recall,
behind the same services and access policy as the pages. An outgoing document the
token's user may not open answers 404; a step their role does not allow, 403; a
step the services refuse, 422 with every reason in Vietnamese."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import File, Form, Router, Schema
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.pagination import paginate
from ninja.responses import Status

from luutru.access.policy import record_secret_read
from luutru.core.api_params import Id, Pagination
from luutru.core.errors import RuleViolation
from luutru.dispatch import queries, services
from luutru.dispatch.models import Outgoing
from luutru.filing.queries import my_open_dossiers
from luutru.registry.models import Direction
from luutru.registry.queries import documents_visible_to, upload_orgs

router = Router(tags=["dispatch"])
MAX_ID = 2**63 - 1


class RecipientOut(Schema):
    name: str
    org_id: int | None
    purpose: str
    delivery: str | None
    arrival_number: str | None
    received_at: dt.datetime | None


class OutgoingOut(Schema):
    id: int
    org_id: int
    state: str
    state_label: str
    doc_type: str
    subject: str
    secrecy: int
    urgency: int
    drafter: str
    versions: int
    document_id: int | None
    symbol: str | None
    issued_date: dt.date | None
    dossier_id: int | None
    answers_id: int | None
    recipients: list[RecipientOut]

    @staticmethod
    def resolve_state_label(o: Outgoing) -> str:
        return o.get_state_display()

    @staticmethod
    def resolve_doc_type(o: Outgoing) -> str:
        return o.doc_type.name

    @staticmethod
    def resolve_drafter(o: Outgoing) -> str:
        person = getattr(o.drafter, "person", None)
        return person.full_name if person is not None else o.drafter.get_username()

    @staticmethod
    def resolve_versions(o: Outgoing) -> int:
        return o.versions.count()

    @staticmethod
    def resolve_symbol(o: Outgoing) -> str | None:
        return o.document.symbol_display if o.document is not None else None

    @staticmethod
    def resolve_issued_date(o: Outgoing) -> dt.date | None:
        return o.document.issued_date if o.document is not None else None

    @staticmethod
    def resolve_recipients(o: Outgoing) -> list[dict[str, Any]]:
        out = []
        for r in o.recipients.select_related("org").order_by("position"):
            d = getattr(r, "delivery", None)
            out.append(
                {
                    "name": r.name,
                    "org_id": r.org_id,
                    "purpose": r.purpose,
                    "delivery": d.state if d is not None else None,
                    "arrival_number": d.arrival_number if d is not None else None,
                    "received_at": d.received_at if d is not None else None,
                }
            )
        return out


def _user(request: HttpRequest) -> Any:
    auth = getattr(request, "auth", None)  # set by the API's token authentication
    return auth if auth is not None else request.user


def _get(user: Any, pk: int) -> Outgoing:
    o = queries.outgoing_visible_to(user).filter(pk=pk).first()
    if o is None:
        raise Http404
    return o


def _run(call: Any) -> Any:
    try:
        return call()
    except RuleViolation as exc:
        raise HttpError(422, " ".join(exc.messages) or "Yêu cầu bị từ chối.") from None


@router.get("", response=list[OutgoingOut], summary="Văn bản đi người dùng được xem")
@paginate(Pagination, page_size=50)
def list_outgoing(request: HttpRequest, state: str = "") -> QuerySet[Outgoing]:
    """Newest first; ``state`` filters (draft, submitted, returned, approved, issued, recalled, replaced)."""
    qs = queries.outgoing_visible_to(_user(request)).order_by("-updated_at", "-id")
    if state:
        qs = qs.filter(state=state)
    return qs


@router.get("/{outgoing_id}", response=OutgoingOut, summary="Một văn bản đi")
def get_outgoing(request: HttpRequest, outgoing_id: Id) -> Outgoing:
    user = _user(request)
    o = _get(user, outgoing_id)
    record_secret_read(user, o, "api")
    return o


@router.post("", response={201: OutgoingOut}, summary="Soạn văn bản đi (dự thảo)")
def create_outgoing(
    request: HttpRequest,
    org: Id = Form(...),  # noqa: B008 (Ninja declares parameters this way)
    doc_type: Id = Form(...),  # noqa: B008
    subject: str = Form(..., max_length=500),  # noqa: B008
    recipients: list[Id] = Form([]),  # noqa: B008
    outside: list[str] = Form([]),  # noqa: B008
    purpose: str = Form("để thực hiện", max_length=100),  # noqa: B008
    secrecy: int = Form(0, ge=0, le=3),  # noqa: B008
    urgency: int = Form(0, ge=0, le=3),  # noqa: B008
    signer_full_name: str = Form("", max_length=50),  # noqa: B008
    signer_position: str = Form("", max_length=100),  # noqa: B008
    dossier: int | None = Form(None, ge=1, le=MAX_ID),  # noqa: B008
    answers: int | None = Form(None, ge=1, le=MAX_ID),  # noqa: B008
    file: UploadedFile = File(...),  # noqa: B008
) -> Status:
    """The draft's first version (DOCX or PDF), its type, subject, "Nơi nhận" (bodies
    in luutru by id, others by name), and optionally the dossier it is filed into and
    the incoming document it answers."""
    user = _user(request)
    body = upload_orgs(user).filter(pk=org).first()
    if body is None:
        raise HttpError(403, "Bạn không làm việc tại cơ quan này nên không soạn văn bản đi của nó.")
    chosen = my_open_dossiers(user).filter(pk=dossier, org=body).first() if dossier else None
    if dossier and chosen is None:
        raise HttpError(422, "Hồ sơ đã chọn không phải hồ sơ đang mở bạn lập ở cơ quan này.")
    answered = None
    if answers:
        answered = (
            documents_visible_to(user)
            .filter(pk=answers, org=body, direction=Direction.INCOMING)
            .first()
        )
        if answered is None:
            raise HttpError(
                422, "Văn bản được trả lời phải là văn bản đến của cơ quan, bạn được xem."
            )
    lines: list[dict[str, Any]] = [{"org": pk, "purpose": purpose} for pk in recipients]
    lines += [{"name": name, "purpose": ""} for name in outside if name.strip()]
    o = _run(
        lambda: services.create_draft(
            user,
            body,
            fields={
                "doc_type": doc_type,
                "subject": subject,
                "secrecy": secrecy,
                "urgency": urgency,
                "signer_full_name": signer_full_name,
                "signer_position": signer_position,
            },
            recipients=lines,
            content=file.read(),
            filename=file.name or "du-thao",
            dossier=chosen,
            answers=answered,
        )
    )
    return Status(201, o)


@router.post("/{outgoing_id}/submit", response=OutgoingOut, summary="Trình lãnh đạo duyệt")
def submit_outgoing(request: HttpRequest, outgoing_id: Id) -> Outgoing:
    user = _user(request)
    o = _get(user, outgoing_id)
    if not services.is_drafter(user, o):
        raise HttpError(403, "Chỉ người soạn thảo mới trình duyệt được dự thảo này.")
    return _run(lambda: services.submit(user, o))


@router.post("/{outgoing_id}/approve", response=OutgoingOut, summary="Lãnh đạo duyệt")
def approve_outgoing(
    request: HttpRequest,
    outgoing_id: Id,
    comment: str = Form("", max_length=2000),  # noqa: B008
) -> Outgoing:
    user = _user(request)
    o = _get(user, outgoing_id)
    if not services.can_approve(user, o):
        raise HttpError(
            403, f"Chỉ lãnh đạo của “{o.org.name}” mới duyệt văn bản đi của cơ quan này."
        )
    return _run(lambda: services.approve(user, o, comment))


@router.post("/{outgoing_id}/return", response=OutgoingOut, summary="Lãnh đạo trả lại để sửa")
def return_outgoing(
    request: HttpRequest,
    outgoing_id: Id,
    comment: str = Form(..., max_length=2000),  # noqa: B008
) -> Outgoing:
    user = _user(request)
    o = _get(user, outgoing_id)
    if not services.can_approve(user, o):
        raise HttpError(
            403, f"Chỉ lãnh đạo của “{o.org.name}” mới trả lại văn bản đi của cơ quan này."
        )
    return _run(lambda: services.return_draft(user, o, comment))


@router.post("/{outgoing_id}/issue", response=OutgoingOut, summary="Văn thư cấp số, phát hành")
def issue_outgoing(
    request: HttpRequest,
    outgoing_id: Id,
    file: UploadedFile = File(...),  # noqa: B008
    issued_date: dt.date | None = Form(None),  # noqa: B008
) -> Outgoing:
    """The signed PDF (verified offline); the number comes from the body's series."""
    user = _user(request)
    o = _get(user, outgoing_id)
    if not services.can_issue(user, o):
        raise HttpError(403, f"Chỉ văn thư của “{o.org.name}” mới cấp số và phát hành văn bản này.")
    done = _run(
        lambda: services.issue(
            user,
            o,
            content=file.read(),
            filename=file.name or "ban-ky.pdf",
            issued_date=issued_date,
        )
    )
    return done.outgoing


@router.post("/{outgoing_id}/recall", response=OutgoingOut, summary="Thu hồi văn bản đã phát hành")
def recall_outgoing(
    request: HttpRequest,
    outgoing_id: Id,
    reason: str = Form(..., max_length=1000),  # noqa: B008
) -> Outgoing:
    user = _user(request)
    o = _get(user, outgoing_id)
    if not services.can_recall(user, o):
        raise HttpError(
            403, f"Chỉ lãnh đạo của “{o.org.name}” mới thu hồi văn bản của cơ quan này."
        )
    return _run(lambda: services.recall(user, o, reason))
