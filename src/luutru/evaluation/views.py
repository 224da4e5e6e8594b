"""Evaluation screens: ranking of bodies and officials for a year, the trend, exports."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from luutru.core.errors import RuleViolation
from luutru.core.outcomes import perform, refuse
from luutru.core.params import as_int
from luutru.evaluation import queries, reports, services
from luutru.evaluation.models import EvaluationCycle
from luutru.orgs.models import Organization

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _year(value: str | None, default: int) -> int | None:
    value = (value or "").strip()
    if not value:
        return default
    return as_int(value) if len(value) == 4 else None


def _root(request: HttpRequest, roots: list[Organization]) -> Organization | None:
    pk = as_int(request.GET.get("to_chuc", ""))
    if pk is not None:
        org = Organization.objects.filter(pk=pk).first()
        if org is None or not queries.may_evaluate(request.user, org):
            raise Http404("Không tìm thấy cơ quan, tổ chức.")
        return org
    return roots[0] if roots else None


def index(request: HttpRequest) -> HttpResponse:
    """Ranking for one year under one body; the year-on-year trend; export links."""
    today = timezone.localdate()
    roots = queries.evaluation_roots(request.user)
    root = _root(request, roots)
    year = _year(request.GET.get("nam"), today.year - 1)
    ctx: dict[str, Any] = {"roots": roots, "root": root, "year": year, "today": today, "errors": []}
    if root is None:
        return render(request, "evaluation/index.html", ctx)
    if year is None:
        ctx["errors"] = ["Năm đánh giá phải là bốn chữ số, ví dụ 2024."]
        ctx["year"] = ""
        return render(request, "evaluation/index.html", ctx, status=400)
    ctx["errors"] = services.year_failures(year, today)
    if not ctx["errors"]:
        try:
            criteria = services.cycle_criteria(year)
            ctx["criteria"] = criteria
            ctx["units"] = queries.unit_ranking(root, year, criteria=criteria)
            ctx["people"] = queries.person_ranking(root, year, criteria=criteria)
        except RuleViolation as exc:
            ctx["errors"] = exc.messages
    ctx["cycle"] = EvaluationCycle.objects.filter(year=year).first()
    ctx["may_freeze"] = queries.may_freeze(request.user)
    years = [y for y in range(year - 4, year + 1) if not services.year_failures(y)]
    # The trend of one body of the ranking (?don_vi=), else the average over all of them.
    unit = None
    unit_pk = as_int(request.GET.get("don_vi", ""))
    if unit_pk is not None:
        unit = Organization.objects.filter(pk=unit_pk, path__startswith=root.path).first()
    ctx["trend_unit"] = unit
    points = queries.trend(root, years, org=unit) if not ctx["errors"] else []
    top = max([p.score or 0 for p in points] + [1])
    ctx["trend"] = [(p, round(100 * (p.score or 0) / top)) for p in points]
    return render(request, "evaluation/index.html", ctx, status=400 if ctx["errors"] else 200)


def _report(request: HttpRequest, org_id: int, year: int) -> reports.Report:
    org = get_object_or_404(Organization, pk=org_id)
    if not queries.may_evaluate(request.user, org):
        raise Http404("Không tìm thấy cơ quan, tổ chức.")
    # The year comes from the address: year 0 made a date that cannot exist.
    RuleViolation.check(services.year_failures(year))
    criteria = services.cycle_criteria(year)
    return reports.Report(
        root=org,
        year=year,
        on=timezone.localdate(),
        criteria=criteria,
        units=queries.unit_ranking(org, year, criteria=criteria),
        people=queries.person_ranking(org, year, criteria=criteria),
    )


def _export(request, org_id: int, year: int, render_fn, mime: str, ext: str) -> HttpResponse:
    try:
        report = _report(request, org_id, year)
    except RuleViolation as exc:
        refuse(request, exc)
        return redirect(f"/danh-gia/?to_chuc={org_id}&nam={year}")
    response = HttpResponse(render_fn(report), content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="danh-gia-{year}-{org_id}.{ext}"'
    return response


def export_xlsx(request: HttpRequest, org_id: int, year: int) -> HttpResponse:
    return _export(request, org_id, year, reports.report_xlsx, XLSX, "xlsx")


def export_docx(request: HttpRequest, org_id: int, year: int) -> HttpResponse:
    return _export(request, org_id, year, reports.report_docx, DOCX, "docx")


@require_POST
def freeze(request: HttpRequest) -> HttpResponse:
    """Freeze the criteria of a year (an evaluation cycle) so later edits do not change it."""
    if not queries.may_freeze(request.user):
        raise Http404()
    year = _year(request.POST.get("nam"), 0)

    def open_cycle() -> EvaluationCycle:
        RuleViolation.check(services.year_failures(year or None))
        assert year is not None  # refused above otherwise
        return services.open_cycle(request.user, year)

    return perform(
        request,
        open_cycle,
        to=f"/danh-gia/?nam={year or ''}",
        done=f"Đã chốt tiêu chí và trọng số của kỳ đánh giá năm {year}; điểm tính theo bộ này.",
    )
