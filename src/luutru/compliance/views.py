"""Dashboards, the lists behind each figure, and the statistics report.

Views parse ``?ngay=`` (a date) and ``?nam=`` (a year, or ``tat-ca``), call the
figures and render. A body the user may not inspect answers 404; a bad date
or year gets a Vietnamese message and no figures.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe

from luutru.compliance import charts, dashboard, report
from luutru.compliance.drill import Scope, records_behind
from luutru.compliance.figures import LABELS, FigureError, cached, person_figures
from luutru.compliance.models import Problem
from luutru.compliance.question import (
    PERSON_HIDDEN,
    Question,
    figure_sections,
    parse_question,
)
from luutru.compliance.refresh import FactsStatus, facts_status
from luutru.core.params import as_int
from luutru.core.vn import long_date, short_date
from luutru.orgs.models import Organization, Person

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAGE = 200


def _freshness(org: Organization | None = None) -> FactsStatus:
    """When the facts behind a body's subtree (None: every body) were computed."""
    if org is None:
        return facts_status()
    return facts_status(
        Organization.objects.filter(path__startswith=org.path).values_list("pk", flat=True)
    )


def _refusal(request: HttpRequest, message: str, status: int = 400, **ctx) -> HttpResponse:
    return render(request, "compliance/refused.html", {"message": message, **ctx}, status=status)


def _org_or_404(request: HttpRequest, org_id: int) -> Organization:
    org = get_object_or_404(Organization, pk=org_id)
    if not dashboard.can_inspect(request.user, org):
        raise Http404("Không tìm thấy cơ quan, tổ chức này trong phạm vi bạn được theo dõi.")
    return org


def _page(request: HttpRequest, org: Organization, q: Question, *, overview: bool) -> HttpResponse:
    header = {
        "org": org,
        "q": q,
        "overview": overview,
        "on_long": long_date(q.on),
        "keep": [("to-chuc", org.pk)] if overview else [],
        "ancestors": [a for a in org.ancestors() if dashboard.can_inspect(request.user, a)],
        "dissolved": org.valid_to is not None and org.valid_to < q.on,
        "roots": dashboard.inspected_roots(request.user) if overview else [],
        "years": list(range(q.on.year, max(q.on.year - 12, 1999), -1)),
    }
    try:
        # The body holds no per-user content (counts, links to lists that apply
        # the policy themselves): render it once per version of the records.
        body = cached(
            f"page:{org.pk}:{q.on}:{q.year}:{overview}",
            lambda: render_to_string("compliance/_dashboard_body.html", _body(org, q, overview)),
        )
    except FigureError as e:
        return _refusal(request, e.message, org=org, q=q)
    context = {**header, "body": mark_safe(body), "facts": _freshness(org)}
    return render(request, "compliance/dashboard.html", context)


def _body(org: Organization, q: Question, overview: bool) -> dict:
    tree = dashboard.overview(org, q.on, q.year)
    total, own = tree.total[org.pk], tree.own[org.pk]
    children = dashboard.children_rows(tree, org.pk)
    offenders = dashboard.offenders(tree, org.pk)
    # Links built by formatting, not one ``{% url %}`` per row (a province has
    # hundreds of rows, and the page is rendered cold at most once per change).
    org_url = reverse("compliance:org", args=[0]).replace("/0/", "/{}/")
    overdue_url = reverse("compliance:behind", args=["overdue_now"])
    query = q.query()
    for r in children:
        r.href = org_url.format(r.org.pk) + "?" + query
        r.overdue_href = f"{overdue_url}?to-chuc={r.org.pk}&{query}"
    for r in offenders:
        r.href = org_url.format(r.org.pk) + "?" + query
        r.overdue_href = f"{overdue_url}?to-chuc={r.org.pk}&pham-vi=rieng&{query}"
    tiles = [
        charts.Tile(
            label=r.org.short_name or r.org.name,
            value=1 + r.total.dossiers_opened + r.total.documents_total / 20,
            score=r.total.compliance,
            href=org_url.format(r.org.pk) + "?" + query,
            title=(
                f"{r.org.name}{' (đã kết thúc hoạt động)' if r.dissolved else ''}: "
                f"tuân thủ {'—' if r.total.compliance is None else str(r.total.compliance) + ' %'}, "
                f"{r.total.overdue_now} hồ sơ quá hạn nộp lưu, {r.total.plans_missing} danh mục chưa ban hành"
            ),
            dissolved=r.dissolved,
        )
        for r in children
    ]
    t = dashboard.trend(tree, org.pk, q.year or q.on.year)
    people = [] if overview else dashboard.officials(org, q.on, q.year)
    years = [str(y) for y in t.years]
    deposits_chart = charts.stacked_bars(
        years,
        [
            charts.Series("Nộp lưu đúng hạn", "#2e7d32", t.on_time),
            charts.Series("Nộp lưu muộn", "#f9a825", t.late),
            charts.Series("Quá hạn, chưa nộp", "#c62828", t.overdue),
        ],
        title="Hồ sơ phải nộp lưu theo năm hình thành",
    )
    plans_chart = charts.stacked_bars(
        years,
        [
            charts.Series("Ban hành đúng hạn", "#2e7d32", t.plans_on_time),
            charts.Series("Ban hành muộn", "#f9a825", t.plans_late),
            charts.Series("Chưa ban hành", "#c62828", t.plans_missing),
        ],
        title="Danh mục hồ sơ theo năm",
    )
    return {
        "org": org,
        "q": q,
        "overview": overview,
        "total": total,
        "own": own,
        "score_colour": charts.colour(total.compliance),
        "sections": figure_sections(total, q, **{"to-chuc": org.pk}),
        "own_sections": figure_sections(own, q, **{"to-chuc": org.pk, "pham-vi": "rieng"}),
        "children": children,
        "tiles_svg": charts.treemap(tiles),
        "legend": charts.LEGEND,
        "deposits_chart": deposits_chart,
        "plans_chart": plans_chart,
        "offenders": offenders,
        "officials": people,
        "units": dashboard.units(people),
    }


def index(request: HttpRequest) -> HttpResponse:
    """The overview of the highest body the user inspects (the province for its inspectors)."""
    roots = dashboard.inspected_roots(request.user)
    if not roots:
        return _refusal(
            request,
            "Trang tuân thủ dành cho cán bộ kiểm tra, lãnh đạo và lưu trữ viên theo dõi cơ quan, "
            "tổ chức. Bạn không giữ vai trò đó ở cơ quan nào, nên chỉ xem được số liệu của chính mình.",
            status=403,
            own_page=getattr(request.user, "person", None) is not None,
        )
    q = parse_question(request)
    chosen = request.GET.get("to-chuc", "")
    root = next((r for r in roots if str(r.pk) == chosen), roots[0])
    if q.errors:
        return _refusal(request, " ".join(q.errors), org=root, q=q)
    return _page(request, root, q, overview=True)


def org_page(request: HttpRequest, org_id: int) -> HttpResponse:
    org = _org_or_404(request, org_id)
    q = parse_question(request)
    if q.errors:
        return _refusal(request, " ".join(q.errors), org=org, q=q)
    return _page(request, org, q, overview=False)


def my_page(request: HttpRequest) -> HttpResponse:
    person = getattr(request.user, "person", None)
    if person is None:
        return _refusal(
            request, "Tài khoản của bạn chưa gắn với một cán bộ nên không có số liệu cá nhân.", 404
        )
    return redirect(reverse("compliance:person", args=[person.pk]) + _qs(request))


def _qs(request: HttpRequest) -> str:
    return ("?" + request.GET.urlencode()) if request.GET else ""


def person_page(request: HttpRequest, person_id: int) -> HttpResponse:
    person = get_object_or_404(Person, pk=person_id)
    q = parse_question(request)
    if not dashboard.can_see_person(request.user, person, q.on):
        raise Http404("Không tìm thấy cán bộ này trong phạm vi bạn được theo dõi.")
    if q.errors:
        return _refusal(request, " ".join(q.errors), q=q, person=person)
    f = person_figures(person, on=q.on, year=q.year)
    overdue = records_behind(request.user, "overdue_now", Scope(None, q.on, q.year, person))
    context = {
        "person": person,
        "q": q,
        "on_long": long_date(q.on),
        "f": f,
        "sections": figure_sections(f, q, PERSON_HIDDEN, **{"ca-nhan": person.pk}),
        "overdue": list(overdue.rows[:PAGE]),
        "overdue_hidden": overdue.total - overdue.shown,
        "memberships": person.memberships.select_related("org", "unit").order_by("-valid_from"),
        "years": list(range(q.on.year, max(q.on.year - 12, 1999), -1)),
        "is_self": getattr(request.user, "person", None) == person,
        "facts": _freshness(),
    }
    return render(request, "compliance/person.html", context)


def behind(request: HttpRequest, name: str) -> HttpResponse:
    """The records behind one figure, for a body (its subtree or its own) or an official."""
    if name not in LABELS:
        raise Http404("Không có chỉ số này.")
    q = parse_question(request)
    label = LABELS[name][0]
    person: Person | None = None
    org: Organization | None = None
    if request.GET.get("ca-nhan"):
        person = get_object_or_404(Person, pk=_int_or_404(request.GET["ca-nhan"]))
        if not dashboard.can_see_person(request.user, person, q.on):
            raise Http404("Không tìm thấy cán bộ này trong phạm vi bạn được theo dõi.")
    else:
        org = _org_or_404(request, _int_or_404(request.GET.get("to-chuc", "")))
    if q.errors:
        return _refusal(request, " ".join(q.errors), org=org, q=q, person=person)
    own_only = request.GET.get("pham-vi") == "rieng"
    try:
        if org is None:
            scope = Scope(None, q.on, q.year, person)
        else:
            tree = dashboard.overview(org, q.on, q.year)
            scope = Scope([org.pk] if own_only else tree.subtree_ids(org.pk), q.on, q.year)
    except FigureError as e:
        return _refusal(request, e.message, org=org, q=q)
    back = (
        reverse("compliance:org", args=[org.pk])
        if org is not None
        else reverse("compliance:person", args=[person.pk if person else 0])
    )
    found = records_behind(request.user, name, scope)
    rows = list(found.rows[:PAGE])
    if found.kind == "dossier":
        for d in rows:
            d.problem_labels = Problem.labels(d.facts.problems)
    context = {
        "name": name,
        "label": label,
        "q": q,
        "on_long": long_date(q.on),
        "org": org,
        "person": person,
        "own_only": own_only,
        "found": found,
        "rows": rows,
        "more": max(found.shown - len(rows), 0),
        "hidden": found.total - found.shown,
        "back": back + "?" + q.query(),
        "short_date": short_date,
        "facts": _freshness(org),
    }
    return render(request, "compliance/behind.html", context)


def _int_or_404(raw: str) -> int:
    n = as_int(raw)
    if n is None:
        raise Http404("Thiếu hoặc sai mã cơ quan, tổ chức.")
    return n


def statistics_report(request: HttpRequest) -> HttpResponse:
    """Registry and archive work of a year for a body and everything below it."""
    roots = dashboard.inspected_roots(request.user)
    if not roots:
        return _refusal(
            request,
            "Báo cáo thống kê dành cho cán bộ kiểm tra, lãnh đạo và lưu trữ viên.",
            status=403,
            own_page=getattr(request.user, "person", None) is not None,
        )
    q = parse_question(request)
    raw_org = request.GET.get("to-chuc", "")
    org = _org_or_404(request, _int_or_404(raw_org)) if raw_org else roots[0]
    if q.errors or q.year is None:
        msg = " ".join(q.errors) or "Báo cáo thống kê lập cho từng năm: chọn một năm."
        return _refusal(request, msg, org=org, q=q)
    try:
        data = report.statistics_report(request.user, org, q.year, q.on)
    except FigureError as e:
        return _refusal(request, e.message, org=org, q=q)
    if request.GET.get("xuat") == "xlsx":
        response = HttpResponse(report.to_xlsx(data), content_type=XLSX)
        filename = f"thong-ke-luu-tru-{org.code}-{q.year}.xlsx"
        response["Content-Disposition"] = content_disposition_header(True, filename)
        return response
    keys = [k for k, _ in report.COLUMNS]
    for r in data.rows:
        r.cells = [r.values[k] for k in keys]
    context = {
        "data": data,
        "org": org,
        "q": q,
        "years": list(range(q.on.year, 1999, -1))[:15],
        "columns": report.COLUMNS,
        "total_cells": [data.total[k] for k in keys],
        "facts": _freshness(org),
    }
    return render(request, "compliance/report.html", context)
