"""JSON API for the registry app; every read goes through luutru.access.policy.

A document the token's user may not open answers 404, as in the pages.
"""

from __future__ import annotations

import datetime as dt

from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from luutru.access.policy import Denied, record_secret_read
from luutru.core.api_params import OPTIONAL_ID, OPTIONAL_YEAR, Id, Pagination
from luutru.core.errors import RuleViolation
from luutru.registry import queries, services
from luutru.registry.models import Document

router = Router(tags=["registry"])


class DocumentOut(Schema):
    id: int
    org_id: int
    org_name: str
    direction: str
    type_name: str
    code_number: str
    code_notation: str
    symbol: str
    issued_date: dt.date | None
    organ_name: str
    subject: str
    language: str
    page_amount: int | None
    description: str
    signer_position: str
    signer_full_name: str
    secrecy: int
    urgency: int
    in_holdings: bool
    has_content: bool
    content_sha256: str | None
    content_mime: str | None
    original_filename: str
    created_at: dt.datetime

    @staticmethod
    def resolve_org_name(obj: Document) -> str:
        return obj.org.name

    @staticmethod
    def resolve_symbol(obj: Document) -> str:
        return obj.symbol_display

    @staticmethod
    def resolve_has_content(obj: Document) -> bool:
        return obj.blob_id is not None

    @staticmethod
    def resolve_content_sha256(obj: Document) -> str | None:
        return obj.blob_id

    @staticmethod
    def resolve_content_mime(obj: Document) -> str | None:
        return obj.blob.mime if obj.blob else None


def _user(request: HttpRequest):
    auth = getattr(request, "auth", None)  # set by the API's token authentication
    return auth if auth is not None else request.user


@router.get("", response=list[DocumentOut], summary="Văn bản người dùng được xem")
@paginate(Pagination, page_size=50)
def list_documents(
    request: HttpRequest,
    org: int | None = OPTIONAL_ID,
    year: int | None = OPTIONAL_YEAR,
    q: str = "",
):
    """Visible documents, newest first; filter by organization id, year of issue and text."""
    found = queries.search_documents(_user(request), org_id=org, year=year, text=q)
    return queries.with_holdings(found.select_related("blob"))


@router.get("/{doc_id}", response=DocumentOut, summary="Một văn bản")
def get_document(request: HttpRequest, doc_id: Id):
    user = _user(request)
    doc = get_object_or_404(
        queries.documents_visible_to(user).select_related("org", "blob"), pk=doc_id
    )
    record_secret_read(user, doc, "api")
    return doc


@router.get(
    "/{doc_id}/content",
    summary="Tệp nội dung của văn bản",
    openapi_extra={
        "responses": {
            409: {"description": "Văn bản này chưa có tệp nội dung."},
            503: {"description": "Tệp của văn bản không còn trong kho lưu trữ."},
        }
    },
)
def get_document_content(request: HttpRequest, doc_id: Id):
    """The file itself; reads of secret documents are recorded in the audit log."""
    user = _user(request)
    doc = get_object_or_404(queries.documents_visible_to(user).select_related("blob"), pk=doc_id)
    try:
        stream = services.read_document_content(user, doc)
    except Denied:
        raise Http404 from None
    except RuleViolation as exc:
        raise HttpError(409, "; ".join(exc.messages)) from None
    except FileNotFoundError:
        # The store lost bytes a row names: the service cannot answer, the input is fine.
        raise HttpError(
            503,
            "Không tìm thấy tệp của văn bản trong kho lưu trữ. "
            "Hãy báo quản trị viên kiểm tra kho (luutru fixity) và khôi phục từ bản sao lưu.",
        ) from None
    return FileResponse(
        stream,
        as_attachment=True,
        filename=doc.original_filename or f"van-ban-{doc.pk}",
        content_type=doc.blob.mime if doc.blob else None,
    )
