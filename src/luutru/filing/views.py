"""Views of dossiers: parse the request, call a service or a query, render.
(The file plan's views are in ``plan_views``.)

A dossier the user may not open answers 404, never 403.
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.models import User
from django.db.models import Q
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from luutru.access.policy import record_secret_read, record_secret_reads
from luutru.audit.models import Event
from luutru.core.errors import RuleViolation
from luutru.core.outcomes import perform, refuse, refuse_on_form
from luutru.core.params import as_int, id_param
from luutru.core.requests import SignedInRequest
from luutru.filing import deposit, forms, lifecycle, queries, services
from luutru.filing.models import Dossier, DossierStatus, FilePlanItem
from luutru.registry.forms import DocumentForm
from luutru.registry.models import Document
from luutru.registry.queries import search_documents
from luutru.search.queries import search as full_text


def _dossier_or_404(request: SignedInRequest, dossier_id: int) -> Dossier:
    return get_object_or_404(
        queries.dossiers_visible_to(request.user).select_related(
            "org", "retention", "creator", "plan_item__plan"
        ),
        pk=dossier_id,
    )


def dossier_list(request: SignedInRequest) -> HttpResponse:
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
        mine = Q(owner_id=user.pk) | (Q(creator_id=person.pk) if person else Q(pk__in=[]))
        dossiers = visible.filter(mine)
    if status in DossierStatus.values:
        dossiers = dossiers.filter(status=status)
    today = timezone.localdate()
    rows = []
    for d in dossiers.order_by("-file_catalog", "org__path", "file_notation")[:500]:
        rows.append(
            {"d": d, "due": deposit.deposit_due(d), "overdue": deposit.is_overdue(d, today)}
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


def dossier_create(request: SignedInRequest) -> HttpResponse:
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
            refuse_on_form(form, exc)
        else:
            messages.success(
                request, "Đã mở hồ sơ. Bước tiếp theo: tải lên hoặc thêm các văn bản của công việc."
            )
            return redirect("filing:dossier_detail", dossier.pk)
    return render(request, "filing/dossier_form.html", {"form": form, "orgs": orgs})


@require_POST
def dossier_from_item(request: SignedInRequest, item_id: int) -> HttpResponse:
    item = get_object_or_404(FilePlanItem.objects.select_related("plan"), pk=item_id)
    if not queries.plans_visible_to(request.user).filter(pk=item.plan_id).exists():
        raise Http404
    return perform(
        request,
        lambda: services.open_dossier_from_plan(request.user, item),
        done=lambda dossier: (
            f"Đã mở hồ sơ {dossier.file_notation}. Bước tiếp theo: tải lên các văn bản."
        ),
        to=lambda dossier: ("filing:dossier_detail", dossier.pk),
        refused_to=("filing:plan_detail", item.plan_id),
    )


def _document_rows(request: SignedInRequest, dossier: Dossier) -> list[dict[str, Any]]:
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


def _documents_to_add(user: User, q: str, present: list[int], limit: int = 20) -> list[Document]:
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


def _return_notice(dossier: Dossier) -> dict[str, Any] | None:
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
    request: SignedInRequest,
    dossier_id: int,
    *,
    upload_form: DocumentForm | None = None,
    close_errors: list[str] | None = None,
    close_form: forms.CloseForm | None = None,
    status: int = 200,
) -> HttpResponse:
    dossier = _dossier_or_404(request, dossier_id)
    user = request.user
    can_change = services.can_change_dossier(user, dossier)
    editable = can_change and not dossier.is_read_only
    rows = _document_rows(request, dossier)
    q = request.GET.get("q", "").strip()
    found: list[Document] = []
    if editable and q:
        present = [r["doc"].pk for r in rows]
        found = _documents_to_add(user, q, present)
    pending: list[str] = []
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
        "due": deposit.deposit_due(dossier),
        "overdue": deposit.is_overdue(dossier, timezone.localdate()),
        "can_reopen": can_change and lifecycle.allowed("reopen", dossier),
        "index": services.current_index(dossier),
        "certificate": services.current_certificate(dossier),
        "returned": _return_notice(dossier),
        "secrecy_levels": services.declarable_levels(user, dossier) if editable else [],
    }
    shown = [dossier, *(r["doc"] for r in rows if r["visible"]), *found]
    record_secret_reads(user, shown, "page", about=dossier)
    return render(request, "filing/dossier_detail.html", context, status=status)


@require_POST
def dossier_upload(request: SignedInRequest, dossier_id: int) -> HttpResponse:
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
def dossier_add(request: SignedInRequest, dossier_id: int) -> HttpResponse:
    dossier = _dossier_or_404(request, dossier_id)
    doc = (
        queries.documents_visible_to(request.user)
        # given a default, id_param returns an int (a bad value is refused there)
        .filter(pk=cast(int, id_param(request.POST, "document", default=0, label="văn bản")))
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
        refuse(request, exc)
    else:
        messages.success(request, f"Đã thêm văn bản {doc.symbol_display or doc.subject} vào hồ sơ.")
        for w in warnings:
            messages.warning(request, w)
    return redirect("filing:dossier_detail", dossier.pk)


def _document_in(dossier: Dossier, document_id: int) -> Document:
    item = (
        dossier.items.filter(document_id=document_id, removed_at__isnull=True)
        .select_related("document")
        .first()
    )
    if item is None:
        raise Http404
    return item.document


@require_POST
def dossier_move(request: SignedInRequest, dossier_id: int, document_id: int) -> HttpResponse:
    dossier = _dossier_or_404(request, dossier_id)
    doc = _document_in(dossier, document_id)
    error = ""
    try:
        services.move_document(request.user, dossier, doc, request.POST.get("direction", ""))
    except RuleViolation as exc:
        error = " ".join(exc.messages)
        if not request.headers.get("HX-Request"):
            refuse(request, exc)
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
def dossier_sort(request: SignedInRequest, dossier_id: int) -> HttpResponse:
    dossier = _dossier_or_404(request, dossier_id)
    return perform(
        request,
        lambda: services.sort_by_date(request.user, dossier),
        done="Đã sắp xếp văn bản theo ngày tháng.",
        to=("filing:dossier_detail", dossier.pk),
    )


@require_POST
def dossier_remove(request: SignedInRequest, dossier_id: int, document_id: int) -> HttpResponse:
    dossier = _dossier_or_404(request, dossier_id)
    doc = _document_in(dossier, document_id)
    return perform(
        request,
        lambda: services.remove_document(
            request.user, dossier, doc, request.POST.get("reason", "")
        ),
        done="Đã loại văn bản khỏi hồ sơ (lý do được ghi lại).",
        to=("filing:dossier_detail", dossier.pk),
    )


@require_POST
def dossier_close(request: SignedInRequest, dossier_id: int) -> HttpResponse:
    dossier = _dossier_or_404(request, dossier_id)
    form = forms.CloseForm(dossier, request.POST)
    if not form.is_valid():
        # an ErrorList yields each message as a str (the stubs also allow its raw items)
        errors = [str(e) for errs in form.errors.values() for e in errs]
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
def dossier_reopen(request: SignedInRequest, dossier_id: int) -> HttpResponse:
    dossier = _dossier_or_404(request, dossier_id)
    return perform(
        request,
        lambda: services.reopen_dossier(request.user, dossier, request.POST.get("reason", "")),
        done="Đã mở lại hồ sơ. Sau khi bổ sung, hãy kết thúc lại hồ sơ.",
        to=("filing:dossier_detail", dossier.pk),
    )


@require_POST
def dossier_secrecy(request: SignedInRequest, dossier_id: int) -> HttpResponse:
    """Declare the dossier's own level (the floor of the level its documents give it)."""
    dossier = _dossier_or_404(request, dossier_id)
    # Not a level (letters, "²", a huge number): -1, which the service refuses in Vietnamese.
    level = as_int(request.POST.get("muc"), max_value=99)
    if level is None:
        level = -1
    return perform(
        request,
        lambda: services.declare_dossier_secrecy(
            request.user, dossier, level, reason=request.POST.get("reason", "")
        ),
        done=lambda d: (
            f"Đã xác định độ mật của hồ sơ: “{d.get_declared_secrecy_display()}”. "
            f"Độ mật của hồ sơ hiện là “{d.get_secrecy_display()}” "
            "(không thấp hơn văn bản mật nhất trong hồ sơ)."
        ),
        to=("filing:dossier_detail", dossier.pk),
    )


def dossier_index(request: SignedInRequest, dossier_id: int) -> HttpResponse:
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


def dossier_certificate(request: SignedInRequest, dossier_id: int) -> HttpResponse:
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
