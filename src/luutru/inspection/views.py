"""Inspection screens: list, plan form, the inspection with its checklist, findings
and fixes, and the fixes due. An inspection the user may not see answers 404."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from luutru.core.errors import RuleViolation
from luutru.inspection import queries, services
from luutru.inspection.forms import parse_date, parse_int
from luutru.inspection.models import Check, EvidenceLink, Fix, Inspection
from luutru.orgs.models import Organization, Person


def _inspection_or_404(request: HttpRequest, pk: int) -> Inspection:
    inspection = queries.visible_inspection(request.user, pk)
    if inspection is None:
        raise Http404("Không tìm thấy đợt kiểm tra.")
    return inspection


def _errors(request: HttpRequest, failures: list[str]) -> None:
    for m in failures:
        messages.error(request, m)


def index(request: HttpRequest) -> HttpResponse:
    user = request.user
    today = timezone.localdate()
    return render(
        request,
        "inspection/index.html",
        {
            "inspections": queries.inspections_visible_to(user).select_related("org")[:100],
            "may_plan": bool(queries.inspector_orgs(user)),
            "my_fixes": list(queries.my_fixes(user)),
            "today": today,
        },
    )


def _new_context(request, posted=None) -> dict:
    today = timezone.localdate()
    posted = posted or {}
    return {
        "orgs": queries.inspectable_orgs(request.user),
        "items": list(services.checklist_in_force(today)),
        "posted": posted,
        "checked": set(posted.getlist("items")) if posted else None,
        "default_year": today.year - 1,
    }


def new(request: HttpRequest) -> HttpResponse:
    """Plan an inspection: the body, the date, the year inspected and the checklist."""
    if not queries.inspector_orgs(request.user):
        raise Http404()
    if request.method != "POST":
        return render(request, "inspection/new.html", _new_context(request))
    p = request.POST
    planned_on, failures = parse_date(p.get("planned_on"), "Ngày kiểm tra")
    org = Organization.objects.filter(pk=parse_int(p.get("org")) or 0).first()
    if org is None:
        failures.append("Chọn cơ quan, tổ chức được kiểm tra.")
    if org is not None and not failures:
        try:
            inspection = services.plan_inspection(
                request.user,
                org,
                title=p.get("title", ""),
                planned_on=planned_on,
                year=parse_int(p.get("year")),
                item_ids=[i for i in (parse_int(v) for v in p.getlist("items")) if i],
            )
        except RuleViolation as exc:
            failures = exc.messages
        else:
            messages.success(
                request,
                f"Đã lập kế hoạch kiểm tra “{inspection.org.name}”. Khi kiểm tra, ghi kết quả "
                "từng nội dung, gắn bằng chứng và nêu yêu cầu khắc phục nếu có.",
            )
            return redirect("inspection:detail", pk=inspection.pk)
    _errors(request, failures)
    return render(request, "inspection/new.html", _new_context(request, p), status=400)


def _detail_context(request: HttpRequest, inspection: Inspection) -> dict:
    user = request.user
    checks = list(inspection.checks.all())
    for c in checks:
        c.shown_evidence = queries.evidence_for(user, c)  # type: ignore[attr-defined]  # for the page
    may_inspect = services.may_inspect(user, inspection.org)
    fixes = list(inspection.fixes.select_related("responsible", "check_line"))
    for f in fixes:
        f.may_report = services._may_report_fix(user, f)  # type: ignore[attr-defined]  # for the page
    return {
        "inspection": inspection,
        "checks": checks,
        "fixes": fixes,
        "may_inspect": may_inspect,
        "is_open": inspection.status != Inspection.Status.CLOSED,
        "results": [r for r in Check.Result.choices if r[0] != Check.Result.PENDING],
        "evidence_types": EvidenceLink.Type.choices,
        "members": services.members_of(inspection.org) if may_inspect else [],
        "evidence_choices": queries.evidence_choices(user, inspection) if may_inspect else [],
    }


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _inspection_or_404(request, pk)
    return render(request, "inspection/detail.html", _detail_context(request, inspection))


def _refused(request, inspection, failures) -> HttpResponse:
    _errors(request, failures)
    return render(
        request, "inspection/detail.html", _detail_context(request, inspection), status=400
    )


def _check_or_404(inspection: Inspection, check_id: int) -> Check:
    return get_object_or_404(Check, pk=check_id, inspection=inspection)


@require_POST
def finding(request: HttpRequest, pk: int, check_id: int) -> HttpResponse:
    inspection = _inspection_or_404(request, pk)
    check = _check_or_404(inspection, check_id)
    try:
        services.record_finding(
            request.user,
            check,
            result=request.POST.get("result", ""),
            note=request.POST.get("note", ""),
        )
    except RuleViolation as exc:
        return _refused(request, inspection, exc.messages)
    messages.success(request, f"Đã ghi kết quả nội dung {check.code}.")
    return redirect(f"/kiem-tra/{inspection.pk}/#noi-dung-{check.pk}")


@require_POST
def evidence(request: HttpRequest, pk: int, check_id: int) -> HttpResponse:
    inspection = _inspection_or_404(request, pk)
    check = _check_or_404(inspection, check_id)
    try:
        services.add_evidence(
            request.user,
            check,
            object_type=request.POST.get("object_type", ""),
            object_id=parse_int(request.POST.get("object_id")),
        )
    except RuleViolation as exc:
        return _refused(request, inspection, exc.messages)
    messages.success(request, f"Đã gắn bằng chứng vào nội dung {check.code}.")
    return redirect(f"/kiem-tra/{inspection.pk}/#noi-dung-{check.pk}")


@require_POST
def require_fix(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _inspection_or_404(request, pk)
    p = request.POST
    deadline, failures = parse_date(p.get("deadline"), "Hạn khắc phục")
    responsible = Person.objects.filter(pk=parse_int(p.get("responsible")) or 0).first()
    check_id = parse_int(p.get("check"))
    check = Check.objects.filter(pk=check_id).first() if check_id else None
    if not failures:
        try:
            services.require_fix(
                request.user,
                inspection,
                description=p.get("description", ""),
                deadline=deadline,
                responsible=responsible,
                check=check,
            )
        except RuleViolation as exc:
            failures = exc.messages
    if failures:
        return _refused(request, inspection, failures)
    assert responsible is not None and deadline is not None  # the service refused otherwise
    messages.success(
        request,
        f"Đã giao yêu cầu khắc phục cho {responsible.full_name}, hạn {deadline:%d/%m/%Y}. "
        "Người được giao sẽ thấy yêu cầu trong “Việc sắp đến hạn”.",
    )
    return redirect(f"/kiem-tra/{inspection.pk}/#khac-phuc")


def _fix_or_404(request, fix_id: int) -> Fix:
    fix = queries.fixes_visible_to(request.user).filter(pk=fix_id).first()
    if fix is None:
        raise Http404("Không tìm thấy yêu cầu khắc phục.")
    return fix


@require_POST
def fix_done(request: HttpRequest, fix_id: int) -> HttpResponse:
    fix = _fix_or_404(request, fix_id)
    try:
        services.mark_fix_done(request.user, fix, note=request.POST.get("note", ""))
    except RuleViolation as exc:
        return _refused(request, fix.inspection, exc.messages)
    messages.success(request, "Đã báo cáo khắc phục; chờ cán bộ kiểm tra xác nhận.")
    return redirect(f"/kiem-tra/{fix.inspection_id}/#khac-phuc")


@require_POST
def fix_verify(request: HttpRequest, fix_id: int) -> HttpResponse:
    fix = _fix_or_404(request, fix_id)
    accept = request.POST.get("accept") == "1"
    try:
        services.verify_fix(request.user, fix, accept=accept)
    except RuleViolation as exc:
        return _refused(request, fix.inspection, exc.messages)
    messages.success(
        request,
        "Đã xác nhận việc khắc phục." if accept else "Đã trả lại: yêu cầu khắc phục mở lại.",
    )
    return redirect(f"/kiem-tra/{fix.inspection_id}/#khac-phuc")


@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _inspection_or_404(request, pk)
    try:
        services.close_inspection(
            request.user, inspection, conclusion=request.POST.get("conclusion", "")
        )
    except RuleViolation as exc:
        return _refused(request, inspection, exc.messages)
    messages.success(
        request, "Đã kết thúc đợt kiểm tra. Theo dõi các yêu cầu khắc phục đến khi xác nhận."
    )
    return redirect("inspection:detail", pk=inspection.pk)


def fixes(request: HttpRequest) -> HttpResponse:
    """Fixes not yet verified, soonest deadline first; overdue ones marked."""
    rows = list(
        queries.fixes_visible_to(request.user)
        .exclude(status=Fix.Status.VERIFIED)
        .order_by("deadline", "pk")
    )
    return render(
        request,
        "inspection/fixes.html",
        {"fixes": rows, "overdue": sum(1 for f in rows if f.overdue)},
    )
