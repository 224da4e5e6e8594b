"""Views: parse the request, call a query, render."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from luutru.orgs import queries
from luutru.orgs.forms import OrgSearchForm


def tree(request: HttpRequest) -> HttpResponse:
    """The organization tree from its roots, or the bodies matching a search."""
    form = OrgSearchForm(request.GET or None)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    context = {"form": form, "q": q}
    if q:
        context["results"], context["total"] = queries.search_orgs(q)
        context["limit"] = queries.SEARCH_LIMIT
    else:
        context["nodes"] = queries.root_orgs()
    template = "orgs/tree.html"
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "org-tree":
        template += "#tree-body"
    return render(request, template, context)


def children(request: HttpRequest, org_id: int) -> HttpResponse:
    """The direct children of one body, as list items for the lazy tree."""
    parent, nodes = queries.children_of(org_id)
    return render(request, "orgs/tree.html#children", {"parent": parent, "nodes": nodes})


def detail(request: HttpRequest, org_id: int) -> HttpResponse:
    """One body: facts, fonds, units, terms, history and members."""
    return render(request, "orgs/detail.html", {"d": queries.org_detail(request.user, org_id)})
