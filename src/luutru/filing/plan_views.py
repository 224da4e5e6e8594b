"""Views of the annual file plan: parse the request, call a service or a query, render.

A plan the user may not open answers 404, never 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.forms import BaseForm
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from luutru.core.errors import RuleViolation
from luutru.core.outcomes import perform, refuse_on_form
from luutru.core.requests import SignedInRequest
from luutru.filing import forms, queries, services
from luutru.filing.models import Dossier, DossierStatus, FilePlan, FilePlanItem
from luutru.filing.xlsx import plan_rows, plan_totals
from luutru.orgs.models import Organization


def plan_or_404(request: SignedInRequest, plan_id: int) -> FilePlan:
    """The plan if the user may see it, else 404."""
    return get_object_or_404(
        queries.plans_visible_to(request.user).select_related("org"), pk=plan_id
    )


def _form_errors_to_messages(request: SignedInRequest, form: BaseForm) -> HttpResponse:
    for errors in form.errors.values():
        for e in errors:  # an ErrorList yields each message as a str (the stubs allow more)
            messages.error(request, str(e))
    return redirect("filing:plan_list")


def plan_list(request: SignedInRequest) -> HttpResponse:
    """Visible plans, filtered by body and year, with the create/copy/import forms."""
    user = request.user
    visible = queries.plans_visible_to(user).select_related("org")
    orgs = queries.working_orgs(user)
    filter_form = forms.PlanFilterForm(
        Organization.objects.filter(pk__in=visible.values("org")).order_by("path"),
        sorted(set(visible.values_list("year", flat=True)), reverse=True),
        request.GET or None,
    )
    plans = visible
    if filter_form.is_valid():
        if filter_form.cleaned_data.get("org"):
            plans = plans.filter(org=filter_form.cleaned_data["org"])
        if filter_form.cleaned_data.get("year"):
            plans = plans.filter(year=filter_form.cleaned_data["year"])
    editable_plans = visible.filter(org__in=orgs).order_by("-year")
    context = {
        "plans": plans.order_by("-year", "org__path"),
        "filter_form": filter_form,
        "orgs": orgs,
        "create_form": forms.PlanCreateForm(orgs),
        "copy_form": forms.PlanCopyForm(editable_plans) if editable_plans.exists() else None,
        "import_form": forms.PlanImportForm(orgs),
        "awaiting": queries.plans_awaiting_approval(user),
    }
    return render(request, "filing/plan_list.html", context)


def _to_plan(plan: FilePlan) -> tuple[str, int]:
    return ("filing:plan_detail", plan.pk)


@require_POST
def plan_create(request: SignedInRequest) -> HttpResponse:
    form = forms.PlanCreateForm(queries.working_orgs(request.user), request.POST)
    if not form.is_valid():
        return _form_errors_to_messages(request, form)
    c = form.cleaned_data
    return perform(
        request,
        lambda: services.create_plan(
            request.user, c["org"], c["year"], code_scheme=c["code_scheme"]
        ),
        done=lambda plan: (
            f"Đã tạo dự thảo danh mục hồ sơ năm {plan.year}. Hãy thêm đề mục và hồ sơ."
        ),
        to=_to_plan,
        refused_to="filing:plan_list",
    )


@require_POST
def plan_copy(request: SignedInRequest) -> HttpResponse:
    orgs = queries.working_orgs(request.user)
    form = forms.PlanCopyForm(
        queries.plans_visible_to(request.user).filter(org__in=orgs), request.POST
    )
    if not form.is_valid():
        return _form_errors_to_messages(request, form)
    c = form.cleaned_data
    return perform(
        request,
        lambda: services.copy_plan(request.user, c["source"], c["year"]),
        done=lambda plan: (
            f"Đã sao chép thành dự thảo danh mục năm {plan.year}. Hãy rà soát rồi trình duyệt."
        ),
        to=_to_plan,
        refused_to="filing:plan_list",
    )


@require_POST
def plan_import(request: SignedInRequest) -> HttpResponse:
    form = forms.PlanImportForm(queries.working_orgs(request.user), request.POST, request.FILES)
    if not form.is_valid():
        return _form_errors_to_messages(request, form)
    c = form.cleaned_data
    return perform(
        request,
        lambda: services.import_plan_xlsx(request.user, c["org"], c["year"], c["file"]),
        done=lambda plan: (
            f"Đã nhập danh mục năm {plan.year} ({plan.items.count()} hồ sơ) thành dự thảo."
        ),
        to=_to_plan,
        refused_to="filing:plan_list",
        intro="Không nhập được danh mục từ tệp; không có gì thay đổi. Lý do:",
    )


def plan_detail(
    request: SignedInRequest,
    plan_id: int,
    *,
    heading_form: forms.HeadingForm | None = None,
    item_form: forms.ItemForm | None = None,
    issue_form: forms.IssueForm | None = None,
) -> HttpResponse:
    plan = plan_or_404(request, plan_id)
    user = request.user
    rows = plan_rows(plan)
    dossiers: dict[int | None, Dossier] = {}
    for d in (
        queries.dossiers_visible_to(user)
        .filter(plan_item__plan=plan)
        .exclude(status=DossierStatus.DESTROYED)
    ):
        dossiers[d.plan_item_id] = d
    filed_ids = set(
        FilePlanItem.objects.filter(plan=plan, dossiers__isnull=False).values_list("pk", flat=True)
    )
    for r in rows:
        if r["kind"] == "item":
            r["dossier"] = dossiers.get(r["item"].pk)
            r["filed"] = r["item"].pk in filed_ids
    draft = plan.state == FilePlan.State.DRAFT
    can_edit = draft and services.can_edit_plan(user, plan.org)
    context = {
        "plan": plan,
        "rows": rows,
        "totals": plan_totals(plan.items.select_related("retention")),
        "can_edit": can_edit,
        "can_approve": draft and services.can_approve_plan(user, plan.org),
        "can_issue": plan.state == FilePlan.State.APPROVED
        and services.can_issue_plan(user, plan.org),
        "can_open": plan.state == FilePlan.State.ISSUED
        and services.can_form_dossiers(user, plan.org),
        "heading_form": heading_form or (forms.HeadingForm(plan) if can_edit else None),
        "item_form": item_form
        or (forms.ItemForm(plan) if can_edit and plan.headings.exists() else None),
        "issue_form": issue_form
        or forms.IssueForm(initial={"decision_date": timezone.localdate()}),
        "schemes": FilePlan.CodeScheme.choices,
    }
    return render(request, "filing/plan_detail.html", context)


@require_POST
def plan_add_heading(request: SignedInRequest, plan_id: int) -> HttpResponse:
    plan = plan_or_404(request, plan_id)
    form = forms.HeadingForm(plan, request.POST)
    if form.is_valid():
        try:
            services.add_heading(
                request.user,
                plan,
                title=form.cleaned_data["title"],
                abbrev=form.cleaned_data["abbrev"],
                parent=form.cleaned_data["parent"],
            )
        except RuleViolation as exc:
            refuse_on_form(form, exc)
        else:
            messages.success(request, "Đã thêm đề mục.")
            return redirect("filing:plan_detail", plan.pk)
    return plan_detail(request, plan.pk, heading_form=form)


@require_POST
def plan_add_item(request: SignedInRequest, plan_id: int) -> HttpResponse:
    plan = plan_or_404(request, plan_id)
    form = forms.ItemForm(plan, request.POST)
    if form.is_valid():
        c = form.cleaned_data
        try:
            item = services.add_item(
                request.user,
                plan,
                c["heading"],
                title=c["title"],
                retention=c["retention"],
                creator=c["creator"],
                note=c["note"],
            )
        except RuleViolation as exc:
            refuse_on_form(form, exc)
        else:
            messages.success(request, f"Đã thêm hồ sơ {item.code}.")
            return redirect("filing:plan_detail", plan.pk)
    return plan_detail(request, plan.pk, item_form=form)


def plan_item_edit(request: SignedInRequest, plan_id: int, item_id: int) -> HttpResponse:
    plan = plan_or_404(request, plan_id)
    item = get_object_or_404(plan.items, pk=item_id)
    initial = {
        "heading": item.heading_id,
        "title": item.title,
        "retention": item.retention_id,
        "creator": item.creator_id,
        "note": item.note,
    }
    form = forms.ItemForm(plan, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        c = form.cleaned_data
        try:
            services.update_item(
                request.user,
                item,
                title=c["title"],
                retention=c["retention"],
                creator=c["creator"],
                note=c["note"],
                heading=c["heading"],
            )
        except RuleViolation as exc:
            refuse_on_form(form, exc)
        else:
            messages.success(request, "Đã lưu hồ sơ trong danh mục.")
            return redirect("filing:plan_detail", plan.pk)
    return render(request, "filing/plan_item_form.html", {"plan": plan, "item": item, "form": form})


@require_POST
def plan_item_delete(request: SignedInRequest, plan_id: int, item_id: int) -> HttpResponse:
    plan = plan_or_404(request, plan_id)
    item = get_object_or_404(plan.items, pk=item_id)
    return perform(
        request,
        lambda: services.delete_item(request.user, item),
        done=f"Đã xóa hồ sơ “{item.title}” khỏi danh mục; các số ký hiệu đã được đánh lại.",
        to=("filing:plan_detail", plan.pk),
    )


@require_POST
def plan_heading_delete(request: SignedInRequest, plan_id: int, heading_id: int) -> HttpResponse:
    plan = plan_or_404(request, plan_id)
    heading = get_object_or_404(plan.headings, pk=heading_id)
    return perform(
        request,
        lambda: services.delete_heading(request.user, heading),
        done="Đã xóa đề mục.",
        to=("filing:plan_detail", plan.pk),
    )


@require_POST
def plan_scheme(request: SignedInRequest, plan_id: int) -> HttpResponse:
    plan = plan_or_404(request, plan_id)
    return perform(
        request,
        lambda: services.set_code_scheme(request.user, plan, request.POST.get("code_scheme", "")),
        done="Đã đổi cách đánh số; số và ký hiệu hồ sơ được đánh lại.",
        to=("filing:plan_detail", plan.pk),
    )


@require_POST
def plan_approve(request: SignedInRequest, plan_id: int) -> HttpResponse:
    plan = plan_or_404(request, plan_id)
    return perform(
        request,
        lambda: services.approve_plan(request.user, plan),
        done="Đã duyệt danh mục. Bước tiếp theo: ban hành kèm quyết định.",
        to=("filing:plan_detail", plan.pk),
    )


@require_POST
def plan_issue(request: SignedInRequest, plan_id: int) -> HttpResponse:
    plan = plan_or_404(request, plan_id)
    form = forms.IssueForm(request.POST)
    if form.is_valid():
        try:
            services.issue_plan(
                request.user,
                plan,
                decision_number=form.cleaned_data["decision_number"],
                decision_date=form.cleaned_data["decision_date"],
            )
        except RuleViolation as exc:
            refuse_on_form(form, exc)
        else:
            messages.success(
                request,
                "Danh mục đã ban hành và có hiệu lực: cán bộ có thể mở hồ sơ theo danh mục.",
            )
            return redirect("filing:plan_detail", plan.pk)
    return plan_detail(request, plan.pk, issue_form=form)
