"""Pages of the Văn kiện Đảng database (/van-kien-dang/): the bodies, one body's
terms and congresses, the documents by type and year, a document with its full
text and the dossiers that hold it, and a full-text search. Everything shown
is read through the access policy (``party.documents``, the search service)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render

from luutru.access.policy import record_secret_read, record_secret_reads
from luutru.catalogue import party
from luutru.core.params import MAX_YEAR, MIN_YEAR, as_int
from luutru.orgs.models import Term
from luutru.registry import queries as registry_queries
from luutru.search import queries as search_queries

PAGE_SIZE = 25
MAX_TEXT_CHARS = 200_000  # the full text shown on a page; the file holds the rest


def _filters(request: HttpRequest) -> tuple[dict, list[str]]:
    """The list's filters from the address; a bad value is dropped with a message."""
    got: dict[str, Any] = {}
    bad: list[str] = []
    params = request.GET
    name = params.get("tac_gia", "").strip()[:200]
    if name:
        got["tac_gia"] = name
    kind = params.get("loai", "").strip()
    if kind:
        if kind in party.TYPES or kind == party.CONGRESS:
            got["loai"] = kind
        else:
            bad.append(f"loại “{kind[:40]}”")
    year_raw = params.get("nam", "").strip()
    if year_raw:
        year = as_int(year_raw, MIN_YEAR, MAX_YEAR)
        if year is None:
            bad.append(f"năm “{year_raw[:40]}”")
        else:
            got["nam"] = year
    for key, label in (("nhiem_ky", "nhiệm kỳ"), ("dai_hoi", "đại hội")):
        raw = params.get(key, "").strip()
        if not raw:
            continue
        term = None
        pk = as_int(raw, 1)
        if pk is not None:
            term = Term.objects.select_related("org").filter(pk=pk).first()
        if term is None:
            bad.append(f"{label} “{raw[:40]}”")
        else:
            got[key] = term
    messages = []
    if bad:
        messages.append(
            "Bỏ qua điều kiện lọc không hợp lệ: "
            + ", ".join(bad)
            + ". Hãy chọn lại từ các liên kết trên trang."
        )
    return got, messages


def index(request: HttpRequest) -> HttpResponse:
    """The bodies (no filter), or the documents the filters pick, with the
    chosen body's terms and congresses beside them."""
    user = request.user
    everything = party.documents(user)
    filters, messages = _filters(request)
    qs = everything
    name = filters.get("tac_gia")
    for key in ("nhiem_ky", "dai_hoi"):
        if key in filters and not name:
            # A term is a committee's: without an author it means the committee's own documents.
            name = filters[key].org.name
    if name:
        qs = party.by_body(qs, name)
    if "loai" in filters:
        qs = party.by_type(qs, filters["loai"])
    if "nam" in filters:
        qs = qs.filter(issued_date__year=filters["nam"])
    if "nhiem_ky" in filters:
        qs = party.in_term(qs, filters["nhiem_ky"])
    if "dai_hoi" in filters and name:
        qs = qs.filter(pk__in=party.congress_documents(everything, name, filters["dai_hoi"]))
    listing = bool(filters)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("trang")) if listing else None
    entries = party.describe(list(page.object_list)) if page is not None else []
    if page is not None:
        record_secret_reads(user, page.object_list, "list", about_type="party_documents")
    query = request.GET.copy()
    query.pop("trang", None)
    return render(
        request,
        "catalogue/party_index.html",
        {
            "filters": filters,
            "messages_": messages,
            "name": name,
            "panel": party.panel(everything, name) if name else None,
            "bodies": [] if listing else party.bodies(everything),
            "page": page,
            "entries": entries,
            "query": query.urlencode(),
            "types": party.TYPES,
            "type_label": party.TYPES.get(filters.get("loai", ""), "")
            or ("Văn kiện Đại hội" if filters.get("loai") == party.CONGRESS else ""),
        },
    )


def detail(request: HttpRequest, doc_id: int) -> HttpResponse:
    """One document: its description, term or congress, full text and dossiers."""
    doc = get_object_or_404(party.documents(request.user), pk=doc_id)
    record_secret_read(request.user, doc, "page")
    entry = party.describe([doc])[0]
    try:
        text = doc.text.text or ""  # capture's DocumentText
    except ObjectDoesNotExist:  # the file was never read
        text = ""
    return render(
        request,
        "catalogue/party_detail.html",
        {
            "e": entry,
            "doc": doc,
            "text": text[:MAX_TEXT_CHARS],
            "cut": len(text) > MAX_TEXT_CHARS,
            "dossiers": registry_queries.dossiers_of(request.user, doc),
        },
    )


def search(request: HttpRequest) -> HttpResponse:
    """Full text of the database's documents, through the search service (the
    index applies the access policy, the database checks each hit again)."""
    params = QueryDict(mutable=True)
    params["q"] = request.GET.get("q", "")
    params["kind"] = "document"
    params.setlist("type", list(party.CORE_TYPES))
    page = request.GET.get("trang", "")
    if page:
        params["page"] = page
    year = request.GET.get("nam", "")
    if year:
        params["year"] = year
    outcome = search_queries.search(request.user, params)
    members = set(
        party.documents(request.user)
        .filter(pk__in=[r.obj_id for r in outcome.rows])
        .values_list("pk", flat=True)
    )
    record_secret_reads(
        request.user,
        [("document", r.obj_id, r.secrecy) for r in outcome.rows],
        "search",
        about_type="party_documents",
    )
    query = request.GET.copy()
    query.pop("trang", None)
    return render(
        request,
        "catalogue/party_search.html",
        {"outcome": outcome, "members": members, "q": params["q"], "query": query.urlencode()},
    )
