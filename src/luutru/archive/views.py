"""Views: parse the request, call a service or a query, render.

A deposit or dossier the user may not open answers 404, never 403.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from luutru.access.policy import has_role, record_secret_read, record_secret_reads
from luutru.archive import documents, queries, services
from luutru.archive.forms import KeepBackForm, parse_ids, parse_returns
from luutru.archive.models import Deposit
from luutru.archive.queries import DueDossier
from luutru.core.errors import RuleViolation
from luutru.core.outcomes import perform, refuse
from luutru.core.params import as_int
from luutru.core.requests import SignedInRequest
from luutru.filing.deposit import keep_back_limit, rule_due
from luutru.filing.models import Dossier
from luutru.filing.queries import dossiers_visible_to
from luutru.orgs.models import Organization


def _deposit_or_404(request: SignedInRequest, pk: int) -> Deposit:
    deposit = queries.visible_deposit(request.user, pk)
    if deposit is None:
        raise Http404("Không tìm thấy đợt nộp lưu.")
    return deposit


def index(request: SignedInRequest) -> HttpResponse:
    """My deposits, deposits awaiting my acceptance, dossiers due for deposit."""
    user = request.user
    today = timezone.localdate()
    due = queries.dossiers_due_for_deposit(user, today)
    return render(
        request,
        "archive/index.html",
        {
            "today": today,
            # Offered only to someone who may deposit one of the listed dossiers now.
            "may_create": any(
                r.selectable and services.may_deposit(user, r.dossier.org) for r in due
            ),
            "awaiting": queries.deposits_awaiting_acceptance(user),
            "deposits": queries.my_deposits(user)[:50],
            "due": due,
            "overdue_count": sum(1 for r in due if r.overdue),
            "keep_backs_awaiting": queries.keep_backs_awaiting_decision(user),
        },
    )


def _new_context(
    request: SignedInRequest,
    due: list[DueDossier],
    selected: Iterable[int] = (),
    note: str = "",
) -> dict[str, Any]:
    # Only dossiers that may go into a deposit now, of bodies the user deposits for.
    due = [r for r in due if r.selectable and services.may_deposit(request.user, r.dossier.org)]
    orgs = sorted({r.dossier.org for r in due}, key=lambda o: o.path)
    return {"due": due, "orgs": orgs, "selected": set(selected), "note": note}


def new_deposit(request: SignedInRequest) -> HttpResponse:
    """Tick closed dossiers → a draft deposit (then "Gửi nộp lưu" on its page)."""
    user = request.user
    due = queries.dossiers_due_for_deposit(user)
    if request.method != "POST":
        return render(request, "archive/new.html", _new_context(request, due))
    ids, errors = parse_ids(request.POST.getlist("dossiers"))
    note = request.POST.get("note", "")
    dossiers = list(Dossier.objects.filter(pk__in=ids).select_related("org"))
    missing = set(ids) - {d.pk for d in dossiers}
    errors += [f"Hồ sơ mã số {pk}: không tìm thấy." for pk in sorted(missing)]
    org: Organization | None = None
    org_id = as_int(request.POST.get("org", ""))
    if org_id is not None:
        org = Organization.objects.filter(pk=org_id).first()
    if org is None:
        visible = [d for d in dossiers if d.pk in {r.dossier.pk for r in due}]
        chosen = visible or dossiers
        org = chosen[0].org if chosen else None
    if org is None and not errors:
        errors.append("Chưa chọn hồ sơ nào: hãy đánh dấu các hồ sơ cần nộp lưu.")
    if org is not None and not errors:  # (no body: the error was added just above)
        try:
            deposit = services.create_deposit(user, org, dossiers, note=note)
        except RuleViolation as exc:
            errors = exc.messages
        else:
            n = deposit.items.count()
            messages.success(
                request,
                f"Đã tạo đợt nộp lưu “{deposit.label}” gồm {n} hồ sơ. Kiểm tra mục lục và "
                "biên bản, "
                "rồi bấm “Gửi nộp lưu” để gửi cho lưu trữ.",
            )
            return redirect("archive:detail", pk=deposit.pk)
    for m in errors:
        messages.error(request, m)
    return render(request, "archive/new.html", _new_context(request, due, ids, note), status=400)


def _detail_context(
    request: SignedInRequest, deposit: Deposit, posted: QueryDict | None = None
) -> dict[str, Any]:
    user = request.user
    rows = documents.deposit_rows(user, deposit)
    for r in rows:  # keep what the archivist typed when a decision is refused
        r.posted_return = bool(posted and posted.get(f"return_{r.item.dossier_id}"))
        r.posted_reason = posted.get(f"reason_{r.item.dossier_id}", "") if posted else ""
    return {
        "deposit": deposit,
        "rows": rows,
        "footer": documents.list_footer(len(rows)),
        "columns": documents.DEPOSIT_LIST_COLUMNS,
        "handover": documents.handover_view(deposit),
        "may_submit": queries.may_submit(user, deposit),
        "may_decide": queries.may_decide(user, deposit),
        "may_delete": deposit.status == Deposit.Status.DRAFT
        and (deposit.created_by_id == user.pk or has_role(user, "head", deposit.org)),
    }


def deposit_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    deposit = _deposit_or_404(request, pk)
    context = _detail_context(request, deposit)
    shown = [("dossier", r.item.dossier_id, r.secrecy) for r in context["rows"] if r.visible]
    record_secret_reads(request.user, shown, "page", about=deposit)
    return render(request, "archive/detail.html", context)


@require_POST
def deposit_submit(request: SignedInRequest, pk: int) -> HttpResponse:
    deposit = _deposit_or_404(request, pk)
    return perform(
        request,
        lambda: services.submit_deposit(request.user, deposit),
        done=(
            f"Đã gửi đợt nộp lưu cho {deposit.archive_org.name}. Các hồ sơ trong đợt này chỉ còn "
            "xem được; lưu trữ sẽ kiểm tra rồi tiếp nhận hoặc trả lại."
        ),
        to=("archive:detail", deposit.pk),
    )


@require_POST
def deposit_delete(request: SignedInRequest, pk: int) -> HttpResponse:
    deposit = _deposit_or_404(request, pk)
    return perform(
        request,
        lambda: services.delete_draft_deposit(request.user, deposit),
        done="Đã hủy bản dự thảo đợt nộp lưu; các hồ sơ có thể chọn lại.",
        to="archive:index",
        refused_to=("archive:detail", deposit.pk),
    )


@require_POST
def deposit_decide(request: SignedInRequest, pk: int) -> HttpResponse:
    """The archivist accepts (some dossiers may be marked to return) or returns all."""
    deposit = _deposit_or_404(request, pk)
    ids = list(deposit.items.values_list("dossier_id", flat=True))
    action = request.POST.get("action", "accept")
    try:
        if action == "return_all":
            reasons = {i: request.POST.get(f"reason_{i}", "") for i in ids}
            services.return_deposit(request.user, deposit, reasons)
            done = "Đã trả lại toàn bộ đợt nộp lưu kèm lý do; bên giao sẽ thấy lý do từng hồ sơ."
        else:
            returns = parse_returns(request.POST, ids)
            services.accept_deposit(request.user, deposit, returns=returns)
            done = (
                "Đã tiếp nhận đợt nộp lưu. Các hồ sơ đã thuộc lưu trữ cơ quan và chỉ còn xem được."
            )
            if returns:
                done += f" {len(returns)} hồ sơ được trả lại kèm lý do."
    except RuleViolation as exc:
        refuse(request, exc)
        deposit = _deposit_or_404(request, pk)
        return render(
            request,
            "archive/detail.html",
            _detail_context(request, deposit, request.POST),
            status=400,
        )
    messages.success(request, done)
    return redirect("archive:detail", pk=deposit.pk)


def holdings_list(request: SignedInRequest) -> HttpResponse:
    page = Paginator(queries.holdings(request.user), 50).get_page(request.GET.get("trang"))
    # A list showing secret titles is a read of them (issue 8 item 9).
    record_secret_reads(request.user, page.object_list, "list", about_type="holdings_list")
    return render(request, "archive/holdings.html", {"page": page})


def keep_back_list(request: SignedInRequest) -> HttpResponse:
    user = request.user
    awaiting = queries.keep_backs_awaiting_decision(user)
    keep_backs = list(queries.keep_backs_visible_to(user)[:100])
    # A list showing secret titles is a read of them (issue 8 item 9).
    shown = {kb.dossier_id: kb.dossier for kb in [*awaiting, *keep_backs]}
    record_secret_reads(user, shown.values(), "list", about_type="keep_back_list")
    return render(
        request,
        "archive/keep_backs.html",
        {"awaiting": awaiting, "keep_backs": keep_backs},
    )


def keep_back_request(request: SignedInRequest, dossier_id: int) -> HttpResponse:
    dossier = get_object_or_404(
        dossiers_visible_to(request.user).select_related("org", "retention"), pk=dossier_id
    )
    form = KeepBackForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.request_keep_back(
                    request.user,
                    dossier,
                    reason=form.cleaned_data["reason"],
                    until=form.until_value,
                )
            except RuleViolation as exc:
                refuse(request, exc)
                status = 400
            else:
                messages.success(
                    request,
                    "Đã gửi đề nghị giữ lại hồ sơ. Lãnh đạo cơ quan sẽ duyệt trong mục "
                    "“Giữ lại hồ sơ”.",
                )
                return redirect("archive:keep_backs")
        else:
            status = 400
    context = {
        "dossier": dossier,
        "form": form,
        "due": rule_due(dossier),
        "limit": keep_back_limit(dossier),
    }
    record_secret_read(request.user, dossier, "keep_back")
    return render(request, "archive/keep_back_form.html", context, status=status)


@require_POST
def keep_back_decide(request: SignedInRequest, pk: int) -> HttpResponse:
    kb = get_object_or_404(queries.keep_backs_visible_to(request.user), pk=pk)
    approve = request.POST.get("approve") == "1"
    return perform(
        request,
        lambda: services.decide_keep_back(request.user, kb, approve=approve),
        done="Đã duyệt đề nghị giữ lại." if approve else "Đã không duyệt đề nghị giữ lại.",
        to="archive:keep_backs",
    )
