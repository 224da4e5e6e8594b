"""``GET /api/search/?q=…``: the search page as JSON, the same policy inside
the query (counts and facets only ever count what the token's user may open)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Schema

from luutru.access.policy import record_secret_reads
from luutru.search import queries

router = Router(tags=["search"])


class HitOut(Schema):
    kind: str
    id: int
    url: str
    title: str
    title_html: str
    snippet_html: str
    symbol: str
    date: str
    org: str
    type: str
    secrecy: str
    status: str
    score: float


class FacetOut(Schema):
    value: str | int
    label: str
    count: int
    selected: bool


class SearchOut(Schema):
    q: str
    total: int
    page: int
    pages: int
    per_page: int
    sort: str
    messages: list[str]
    results: list[HitOut]
    facets: dict[str, list[FacetOut]]


def outcome_json(outcome: queries.Outcome) -> dict:
    return {
        "q": outcome.query.text,
        "total": outcome.total,
        "page": outcome.page,
        "pages": outcome.pages,
        "per_page": outcome.per_page,
        "sort": outcome.sort,
        "messages": outcome.messages,
        "results": [r.as_json() for r in outcome.rows],
        "facets": {
            name: [
                {"value": f.value, "label": f.label, "count": f.count, "selected": f.selected}
                for f in values
            ]
            for name, values in outcome.facets.items()
        },
    }


class SearchParams(Schema):
    q: str = ""
    sort: str = "relevance"
    page: str = "1"
    per_page: str = "20"
    kind: list[str] = []
    year: list[str] = []
    org: list[str] = []
    type: list[str] = []
    secrecy: list[str] = []
    status: list[str] = []


@router.get("/", response=SearchOut, summary="Tìm văn bản và hồ sơ người dùng được xem")
def search(request: HttpRequest, params: Query[SearchParams]):
    """Words and "phrases", with or without diacritics; filters repeat
    (``year=2020&year=2021``); invalid values are named in ``messages``."""
    auth = getattr(request, "auth", None)  # the API token's user (Ninja sets it)
    user = auth if auth is not None else request.user
    # The raw query dict, so that a bad value gets our message, not a 422.
    outcome = queries.search(user, request.GET)
    shown = [(r.kind, r.obj_id, r.secrecy) for r in outcome.rows]
    record_secret_reads(
        user, shown, "search.api", about_type="search", about_id=outcome.query.text[:100]
    )
    return outcome_json(outcome)
