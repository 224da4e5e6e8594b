"""The search page: parse, call ``queries.search``, render."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from luutru.access.policy import record_secret_reads
from luutru.search import queries
from luutru.search.backends.base import SORTS


def _link(params, **change) -> str:
    """The current query string with ``change`` applied (None removes a key;
    a facet value toggles), back to page 1."""
    q = params.copy()
    q.pop("page", None)
    for key, value in change.items():
        if key == "page":
            q["page"] = value
            continue
        values = q.getlist(key)
        value = str(value)
        q.setlist(key, [v for v in values if v != value] if value in values else [*values, value])
    return "?" + q.urlencode()


def search_page(request: HttpRequest) -> HttpResponse:
    """Full-text search over what the user may open."""
    outcome = queries.search(request.user, request.GET)
    shown = [(r.kind, r.obj_id, r.secrecy) for r in outcome.rows]
    record_secret_reads(
        request.user, shown, "search", about_type="search", about_id=outcome.query.text[:100]
    )
    params = request.GET.copy()
    facets = [
        (
            name,
            queries.FACET_LABELS[name],
            [(f, _link(params, **{name: f.value})) for f in values],
        )
        for name, values in outcome.facets.items()
    ]
    sorts = []
    for s in SORTS:
        q = params.copy()
        q.pop("page", None)
        q["sort"] = s
        sorts.append((s, queries.SORT_LABELS[s], "?" + q.urlencode()))
    context = {
        "outcome": outcome,
        "q": outcome.query.text,
        "facets": facets,
        "sorts": sorts,
        "prev_link": _link(params, page=outcome.page - 1) if outcome.page > 1 else "",
        "next_link": _link(params, page=outcome.page + 1) if outcome.page < outcome.pages else "",
        "hidden": [
            (k, v)
            for k in ("kind", "year", "org", "type", "secrecy", "status", "sort")
            for v in params.getlist(k)
        ],
    }
    template = "search/search.html"
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "search-results":
        template += "#results"
    return render(request, template, context)
