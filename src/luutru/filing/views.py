"""Views: parse the request, call a service or a query, render.

Plans and dossiers the user may not open answer 404, never 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from luutru.access.policy import record_secret_read, record_secret_reads
from luutru.audit.models import Event
from luutru.core.errors import RuleViolation
from luutru.core.params import id_param
from luutru.filing import forms, queries, services
from luutru.filing.models import DossierStatus, FilePlan, FilePlanItem
from luutru.filing.xlsx import plan_rows, plan_totals
from luutru.registry.queries import search_documents
from luutru.search.queries import search as full_text


def _refuse(request: HttpRequest, exc: RuleViolation) -> None:
    for m in exc.messages:
        messages.error(request, m)


def _plan_or_404(request: HttpRequest, plan_id: int) -> FilePlan:
    return get_object_or_404(
        queries.plans_visible_to(request.user).select_related("org"), pk=plan_id
    )


def _dossier_or_404(request: HttpRequest, dossier_id: int):
    return get_object_or_404(
        queries.dossiers_visible_to(request.user).select_related(
            "org", "retention", "creator", "plan_item__plan"
        ),
        pk=dossier_id,
    )


# ---------------------------------------------------------------- file plans


def plan_list(request: HttpRequest) -> HttpResponse:
    """Visible plans, filtered by body and year, with the create/copy/import forms."""
    user = request.user
    visible = queries.plans_visible_to(user).select_related("org")
    orgs = _plan_orgs(user)
    from luutru.orgs.models import Organization

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


def _plan_orgs(user):
    return queries.working_orgs(user)


@require_POST
def plan_create(request: HttpRequest) -> HttpResponse:
    form = forms.PlanCreateForm(_plan_orgs(request.user), request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for e in errors:
                messages.error(request, e)
        return redirect("filing:plan_list")
    try:
        plan = services.create_plan(
            request.user,
            form.cleaned_data["org"],
            form.cleaned_data["year"],
            code_scheme=form.cleaned_data["code_scheme"],
        )
    except RuleViolation as exc:
        _refuse(request, exc)
        return redirect("filing:plan_list")
    messages.success(
        request, f"Đã tạo dự thảo danh mục hồ sơ năm {plan.year}. Hãy thêm đề mục và hồ sơ."
    )
    return redirect("filing:plan_detail", plan.pk)


@require_POST
def plan_copy(request: HttpRequest) -> HttpResponse:
    orgs = _plan_orgs(request.user)
    form = forms.PlanCopyForm(
        queries.plans_visible_to(request.user).filter(org__in=orgs), request.POST
    )
    if not form.is_valid():
        for errors in form.errors.values():
            for e in errors:
                messages.error(request, e)
        return redirect("filing:plan_list")
    try:
        plan = services.copy_plan(
            request.user, form.cleaned_data["source"], form.cleaned_data["year"]
        )
    except RuleViolation as exc:
        _refuse(request, exc)
        return redirect("filing:plan_list")
    messages.success(
        request, f"Đã sao chép thành dự thảo danh mục năm {plan.year}. Hãy rà soát rồi trình duyệt."
    )
    return redirect("filing:plan_detail", plan.pk)


@require_POST
def plan_import(request: HttpRequest) -> HttpResponse:
    form = forms.PlanImportForm(_plan_orgs(request.user), request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for e in errors:
                messages.error(request, e)
        return redirect("filing:plan_list")
    try:
        plan = services.import_plan_xlsx(
            request.user,
            form.cleaned_data["org"],
            form.cleaned_data["year"],
            form.cleaned_data["file"],
        )
    except RuleViolation as exc:
        messages.error(request, "Không nhập được danh mục từ tệp; không có gì thay đổi. Lý do:")
        _refuse(request, exc)
        return redirect("filing:plan_list")
    messages.success(
        request, f"Đã nhập danh mục năm {plan.year} ({plan.items.count()} hồ sơ) thành dự thảo."
    )
    return redirect("filing:plan_detail", plan.pk)


def plan_detail(
    request: HttpRequest, plan_id: int, *, heading_form=None, item_form=None, issue_form=None
) -> HttpResponse:
    plan = _plan_or_404(request, plan_id)
    user = request.user
    rows = plan_rows(plan)
    dossiers = {}
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
def plan_add_heading(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan_or_404(request, plan_id)
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
            for m in exc.messages:
                form.add_error(None, m)
        else:
            messages.success(request, "Đã thêm đề mục.")
            return redirect("filing:plan_detail", plan.pk)
    return plan_detail(request, plan.pk, heading_form=form)


@require_POST
def plan_add_item(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan_or_404(request, plan_id)
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
            for m in exc.messages:
                form.add_error(None, m)
        else:
            messages.success(request, f"Đã thêm hồ sơ {item.code}.")
            return redirect("filing:plan_detail", plan.pk)
    return plan_detail(request, plan.pk, item_form=form)


def plan_item_edit(request: HttpRequest, plan_id: int, item_id: int) -> HttpResponse:
    plan = _plan_or_404(request, plan_id)
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
            for m in exc.messages:
                form.add_error(None, m)
        else:
            messages.success(request, "Đã lưu hồ sơ trong danh mục.")
            return redirect("filing:plan_detail", plan.pk)
    return render(request, "filing/plan_item_form.html", {"plan": plan, "item": item, "form": form})


@require_POST
def plan_item_delete(request: HttpRequest, plan_id: int, item_id: int) -> HttpResponse:
    plan = _plan_or_404(request, plan_id)
    item = get_object_or_404(plan.items, pk=item_id)
    try:
        services.delete_item(request.user, item)
    except RuleViolation as exc:
        _refuse(request, exc)
    else:
        messages.success(
            request, f"Đã xóa hồ sơ “{item.title}” khỏi danh mục; các số ký hiệu đã được đánh lại."
        )
    return redirect("filing:plan_detail", plan.pk)


@require_POST
def plan_heading_delete(request: HttpRequest, plan_id: int, heading_id: int) -> HttpResponse:
    plan = _plan_or_404(request, plan_id)
    heading = get_object_or_404(plan.headings, pk=heading_id)
    try:
        services.delete_heading(request.user, heading)
    except RuleViolation as exc:
        _refuse(request, exc)
    else:
        messages.success(request, "Đã xóa đề mục.")
    return redirect("filing:plan_detail", plan.pk)


@require_POST
def plan_scheme(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan_or_404(request, plan_id)
    try:
        services.set_code_scheme(request.user, plan, request.POST.get("code_scheme", ""))
    except RuleViolation as exc:
        _refuse(request, exc)
    else:
        messages.success(request, "Đã đổi cách đánh số; số và ký hiệu hồ sơ được đánh lại.")
    return redirect("filing:plan_detail", plan.pk)


@require_POST
def plan_approve(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan_or_404(request, plan_id)
    try:
        services.approve_plan(request.user, plan)
    except RuleViolation as exc:
        _refuse(request, exc)
    else:
        messages.success(request, "Đã duyệt danh mục. Bước tiếp theo: ban hành kèm quyết định.")
    return redirect("filing:plan_detail", plan.pk)


@require_POST
def plan_issue(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan_or_404(request, plan_id)
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
            for m in exc.messages:
                form.add_error(None, m)
        else:
            messages.success(
                request,
                "Danh mục đã ban hành và có hiệu lực: cán bộ có thể mở hồ sơ theo danh mục.",
            )
            return redirect("filing:plan_detail", plan.pk)
    return plan_detail(request, plan.pk, issue_form=form)


# ---------------------------------------------------------------- dossiers


def dossier_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    scope = request.GET.get("pham-vi", "cua-toi")
    status = request.GET.get("trang-thai", "")
    visible = queries.dossiers_visible_to(user).select_related("org", "retention", "creator")
    if scope == "co-quan":
        dossiers = visible.filter(org__in=queries.working_orgs(user))
    elif scope == "tat-ca":
        dossiers = visible
    else:
        scope = "cua-toi"
        person = getattr(user, "person", None)
        from django.db.models import Q

        mine = Q(owner_id=user.pk) | (Q(creator_id=person.pk) if person else Q(pk__in=[]))
        dossiers = visible.filter(mine)
    if status in DossierStatus.values:
        dossiers = dossiers.filter(status=status)
    today = timezone.localdate()
    rows = []
    for d in dossiers.order_by("-file_catalog", "org__path", "file_notation")[:500]:
        rows.append(
            {"d": d, "due": queries.deposit_due_date(d), "overdue": queries.is_overdue(d, today)}
        )
    # A list showing secret titles is a read of them (issue 8 item 9).
    record_secret_reads(user, [r["d"] for r in rows], "list", about_type="dossier_list")
    return render(
        request,
        "filing/dossier_list.html",
        {
            "rows": rows,
            "scope": scope,
            "status": status,
            "statuses": DossierStatus.choices,
            "can_open": queries.working_orgs(user).exists(),
        },
    )


def dossier_create(request: HttpRequest) -> HttpResponse:
    orgs = queries.working_orgs(request.user)
    person = getattr(request.user, "person", None)
    initial = {"creator": person.pk if person else None, "start_date": timezone.localdate()}
    form = forms.DossierForm(orgs, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        c = form.cleaned_data
        try:
            dossier = services.open_dossier(
                request.user,
                c["org"],
                title=c["title"],
                file_notation=c["file_notation"],
                retention=c["retention"],
                creator=c["creator"],
                start_date=c["start_date"],
            )
        except RuleViolation as exc:
            for m in exc.messages:
                form.add_error(None, m)
        else:
            messages.success(
                request, "Đã mở hồ sơ. Bước tiếp theo: tải lên hoặc thêm các văn bản của công việc."
            )
            return redirect("filing:dossier_detail", dossier.pk)
    return render(request, "filing/dossier_form.html", {"form": form, "orgs": orgs})


@require_POST
def dossier_from_item(request: HttpRequest, item_id: int) -> HttpResponse:
    item = get_object_or_404(FilePlanItem.objects.select_related("plan"), pk=item_id)
    if not queries.plans_visible_to(request.user).filter(pk=item.plan_id).exists():
        raise Http404
    try:
        dossier = services.open_dossier_from_plan(request.user, item)
    except RuleViolation as exc:
        _refuse(request, exc)
        return redirect("filing:plan_detail", item.plan_id)
    messages.success(
        request, f"Đã mở hồ sơ {dossier.file_notation}. Bước tiếp theo: tải lên các văn bản."
    )
    return redirect("filing:dossier_detail", dossier.pk)


def _document_rows(request: HttpRequest, dossier) -> list[dict]:
    items = queries.dossier_items_in_order(dossier)
    visible = set(
        queries.documents_visible_to(request.user)
        .filter(pk__in=[it.document_id for it in items])
        .values_list("pk", flat=True)
    )
    return [
        {
            "item": it,
            "doc": it.document,
            "visible": it.document_id in visible,
            "first": i == 0,
            "last": i == len(items) - 1,
        }
        for i, it in enumerate(items)
    ]


def _documents_to_add(user, q: str, present: list[int], limit: int = 20) -> list:
    """“Thêm văn bản đã có”: the main search's full-text index (tone marks and case
    folded as there), after exact number/symbol matches; only documents the user may see."""
    by_symbol = list(search_documents(user, text=q).exclude(pk__in=present)[:limit])
    params = QueryDict(mutable=True)
    params.update({"q": q, "kind": "document", "per_page": "50"})
    ranked = [row.obj_id for row in full_text(user, params).rows if row.kind == "document"]
    seen = {d.pk for d in by_symbol} | set(present)
    wanted = [pk for pk in ranked if pk not in seen]
    by_pk = queries.documents_visible_to(user).select_related("org").in_bulk(wanted)
    found = by_symbol + [by_pk[pk] for pk in wanted if pk in by_pk]
    return found[:limit]


def _return_notice(dossier) -> dict | None:
    """Why the archive returned this dossier, from the audit event the archive wrote
    (filing does not import the archive; the audit chain is below both)."""
    if dossier.status != DossierStatus.RETURNED:
        return None
    event = (
        Event.objects.filter(
            action="dossier.return", object_type="dossier", object_id=str(dossier.pk)
        )
        .select_related("actor__person")
        .order_by("-seq")
        .first()
    )
    if event is None:
        return None
    person = getattr(event.actor, "person", None)
    return {
        "reason": (event.after or {}).get("reason", ""),
        "by": person.full_name if person else event.actor_name,
        "at": event.at,
    }


def dossier_detail(
    request: HttpRequest,
    dossier_id: int,
    *,
    upload_form=None,
    close_errors=None,
    close_form=None,
    status: int = 200,
) -> HttpResponse:
    from luutru.registry.forms import DocumentForm

    dossier = _dossier_or_404(request, dossier_id)
    user = request.user
    can_change = services.can_change_dossier(user, dossier)
    editable = can_change and not dossier.is_read_only
    rows = _document_rows(request, dossier)
    q = request.GET.get("q", "").strip()
    found = []
    if editable and q:
        present = [r["doc"].pk for r in rows]
        found = _documents_to_add(user, q, present)
    pending = []
    if editable:
        pending = services.close_failures(dossier, [r["item"] for r in rows], None, True)
    context = {
        "dossier": dossier,
        "rows": rows,
        "editable": editable,
        "can_change": can_change,
        "read_only_message": services.read_only_message(dossier) if dossier.is_read_only else "",
        "upload_form": upload_form or (DocumentForm(dossier.org) if editable else None),
        "close_form": close_form or (forms.CloseForm(dossier) if editable else None),
        "close_errors": close_errors or [],
        "pending": pending,
        "q": q,
        "found": found,
        "removed": queries.removed_items(dossier),
        "due": queries.deposit_due_date(dossier),
        "overdue": queries.is_overdue(dossier, timezone.localdate()),
        "can_reopen": can_change
        and dossier.status in (DossierStatus.CLOSED, DossierStatus.RETURNED),
        "index": services.current_index(dossier),
        "certificate": services.current_certificate(dossier),
        "returned": _return_notice(dossier),
        "secrecy_levels": services.declarable_levels(user, dossier) if editable else [],
    }
    shown = [dossier, *(r["doc"] for r in rows if r["visible"]), *found]
    record_secret_reads(user, shown, "page", about=dossier)
    return render(request, "filing/dossier_detail.html", context, status=status)


@require_POST
def dossier_upload(request: HttpRequest, dossier_id: int) -> HttpResponse:
    from luutru.registry.forms import DocumentForm

    dossier = _dossier_or_404(request, dossier_id)
    form = DocumentForm(dossier.org, request.POST, request.FILES, uploader=request.user)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            doc, warnings = services.upload_to_dossier(
                request.user,
                dossier,
                content=upload,
                filename=upload.name,
                metadata=form.metadata(),
            )
        except RuleViolation as exc:
            form.add_refusal(exc)
        else:
            for w in warnings:
                messages.warning(request, w)
            messages.success(
                request, f"Đã tải lên và đưa vào hồ sơ: {doc.symbol_display or doc.subject}."
            )
            return redirect("filing:dossier_detail", dossier.pk)
    return dossier_detail(request, dossier.pk, upload_form=form, status=400)


@require_POST
def dossier_add(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = _dossier_or_404(request, dossier_id)
    doc = (
        queries.documents_visible_to(request.user)
        .filter(pk=id_param(request.POST, "document", default=0, label="văn bản"))
        .first()
    )
    if doc is None:
        messages.error(
            request, "Không tìm thấy văn bản đã chọn (hoặc bạn không có quyền xem văn bản đó)."
        )
        return redirect("filing:dossier_detail", dossier.pk)
    warnings = services.dating_warnings(dossier, doc)
    try:
        services.add_document_to_dossier(request.user, dossier, doc)
    except RuleViolation as exc:
        _refuse(request, exc)
    else:
        messages.success(request, f"Đã thêm văn bản {doc.symbol_display or doc.subject} vào hồ sơ.")
        for w in warnings:
            messages.warning(request, w)
    return redirect("filing:dossier_detail", dossier.pk)


def _document_in(dossier, document_id: int):
    item = (
        dossier.items.filter(document_id=document_id, removed_at__isnull=True)
        .select_related("document")
        .first()
    )
    if item is None:
        raise Http404
    return item.document


@require_POST
def dossier_move(request: HttpRequest, dossier_id: int, document_id: int) -> HttpResponse:
    dossier = _dossier_or_404(request, dossier_id)
    doc = _document_in(dossier, document_id)
    error = ""
    try:
        services.move_document(request.user, dossier, doc, request.POST.get("direction", ""))
    except RuleViolation as exc:
        error = " ".join(exc.messages)
        if not request.headers.get("HX-Request"):
            _refuse(request, exc)
    if request.headers.get("HX-Request"):
        dossier.refresh_from_db()
        editable = services.can_change_dossier(request.user, dossier) and not dossier.is_read_only
        return render(
            request,
            "filing/dossier_detail.html#documents",
            {
                "dossier": dossier,
                "rows": _document_rows(request, dossier),
                "editable": editable,
                "move_error": error,
            },
        )
    return redirect("filing:dossier_detail", dossier.pk)


@require_POST
def dossier_sort(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = _dossier_or_404(request, dossier_id)
    try:
        services.sort_by_date(request.user, dossier)
    except RuleViolation as exc:
        _refuse(request, exc)
    else:
        messages.success(request, "Đã sắp xếp văn bản theo ngày tháng.")
    return redirect("filing:dossier_detail", dossier.pk)


@require_POST
def dossier_remove(request: HttpRequest, dossier_id: int, document_id: int) -> HttpResponse:
    dossier = _dossier_or_404(request, dossier_id)
    doc = _document_in(dossier, document_id)
    try:
        services.remove_document(request.user, dossier, doc, request.POST.get("reason", ""))
    except RuleViolation as exc:
        _refuse(request, exc)
    else:
        messages.success(request, "Đã loại văn bản khỏi hồ sơ (lý do được ghi lại).")
    return redirect("filing:dossier_detail", dossier.pk)


@require_POST
def dossier_close(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = _dossier_or_404(request, dossier_id)
    form = forms.CloseForm(dossier, request.POST)
    if not form.is_valid():
        errors = [e for errs in form.errors.values() for e in errs]
        return dossier_detail(request, dossier.pk, close_errors=errors, close_form=form, status=400)
    c = form.cleaned_data
    try:
        services.close_dossier(
            request.user,
            dossier,
            end_date=c["end_date"],
            confirm_retention=c["confirm_retention"],
            retention=c["retention"],
        )
    except RuleViolation as exc:
        return dossier_detail(
            request, dossier.pk, close_errors=exc.messages, close_form=form, status=400
        )
    messages.success(
        request,
        "Đã kết thúc hồ sơ: mục lục văn bản và chứng từ kết thúc đã được lập. "
        "Bước tiếp theo: nộp lưu khi đến hạn.",
    )
    return redirect("filing:dossier_detail", dossier.pk)


@require_POST
def dossier_reopen(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = _dossier_or_404(request, dossier_id)
    try:
        services.reopen_dossier(request.user, dossier, request.POST.get("reason", ""))
    except RuleViolation as exc:
        _refuse(request, exc)
    else:
        messages.success(request, "Đã mở lại hồ sơ. Sau khi bổ sung, hãy kết thúc lại hồ sơ.")
    return redirect("filing:dossier_detail", dossier.pk)


@require_POST
def dossier_secrecy(request: HttpRequest, dossier_id: int) -> HttpResponse:
    """Declare the dossier's own level (the floor of the level its documents give it)."""
    dossier = _dossier_or_404(request, dossier_id)
    raw = request.POST.get("muc", "").strip()
    level = int(raw) if raw.isdigit() and len(raw) <= 2 else -1
    try:
        services.declare_dossier_secrecy(
            request.user, dossier, level, reason=request.POST.get("reason", "")
        )
    except RuleViolation as exc:
        _refuse(request, exc)
    else:
        dossier.refresh_from_db()
        messages.success(
            request,
            f"Đã xác định độ mật của hồ sơ: “{dossier.get_declared_secrecy_display()}”. "
            f"Độ mật của hồ sơ hiện là “{dossier.get_secrecy_display()}” "
            "(không thấp hơn văn bản mật nhất trong hồ sơ).",
        )
    return redirect("filing:dossier_detail", dossier.pk)


def dossier_index(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = _dossier_or_404(request, dossier_id)
    index = services.current_index(dossier)
    rows = queries.index_rows_for(request.user, dossier)[0] if index is not None else []
    record_secret_read(request.user, dossier, "index")
    return render(
        request,
        "filing/dossier_index.html",
        {
            "dossier": dossier,
            "index": index,
            "rows": rows,
            "columns": services.INDEX_COLUMNS,
        },
    )


def dossier_certificate(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = _dossier_or_404(request, dossier_id)
    record_secret_read(request.user, dossier, "certificate")
    return render(
        request,
        "filing/dossier_certificate.html",
        {
            "dossier": dossier,
            "certificate": services.current_certificate(dossier),
            "index": services.current_index(dossier),
        },
    )
