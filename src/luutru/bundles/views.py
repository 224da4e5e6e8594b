"""The review screen (``/gom-ho-so/``): start a review of a bundle or of a body's
loose documents, see the proposed dossiers side by side, correct them and
accept them. Views parse, call a service, render; a session or group the user
may not see answers 404 (its title stays hidden)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from luutru.access.policy import record_secret_reads
from luutru.bundles import arrival, queries, services
from luutru.bundles.models import GroupState, ReviewSession, SessionState
from luutru.capture.models import ImportBatch
from luutru.core.errors import RuleViolation
from luutru.core.outcomes import perform, refuse
from luutru.core.params import MAX_YEAR, MIN_YEAR, as_int, id_param, int_param
from luutru.core.requests import SignedInRequest
from luutru.orgs.services import ensure_fonds_open
from luutru.registry.models import Document
from luutru.registry.queries import documents_visible_to, dossiers_of


def _session_or_404(request: HttpRequest, session_id: int) -> ReviewSession:
    session = queries.session_or_none(request.user, session_id)
    if session is None:
        raise Http404
    return session


def _back(request: HttpRequest, session: ReviewSession) -> str:
    """The session page at the pages the user was on."""
    url = reverse("bundles:session", args=[session.pk])
    query = []
    for name in ("trang", "trang_le"):
        n = as_int(request.POST.get(name) or request.GET.get(name), min_value=1)
        if n:
            query.append(f"{name}={n}")
    return url + ("?" + "&".join(query) if query else "")


def index(request: SignedInRequest) -> HttpResponse:
    """Start a review (a bundle, or a body's loose documents of a year); the reviews so far."""
    orgs = list(queries.review_orgs(request.user))
    if request.method == "POST":
        org_id = id_param(request.POST, "org", label="cơ quan")
        batch_id = id_param(request.POST, "batch", label="đợt nhập")
        year = int_param(request.POST, "year", min_value=MIN_YEAR, max_value=MAX_YEAR, label="năm")
        batch = None
        if batch_id is not None:
            batch = ImportBatch.objects.select_related("org").filter(pk=batch_id).first()
            if batch is None:
                messages.error(request, "Không tìm thấy đợt nhập này. Hãy chọn lại.")
                return redirect("bundles:index")
            org_id = batch.org_id
        org = next((o for o in orgs if o.pk == org_id), None)
        if org is None:
            messages.error(
                request,
                "Hãy chọn một cơ quan bạn đang làm việc (chỉ gom được văn bản của cơ quan mình).",
            )
            return redirect("bundles:index")
        return perform(
            request,
            lambda: services.start_session(request.user, org, batch=batch, year=year),
            to=lambda s: ("bundles:session", s.pk),
            refused_to="bundles:index",
            done=lambda s: f"Đã bắt đầu gom {s.total} văn bản thành hồ sơ.",
            intro="Chưa bắt đầu gom được; không có gì thay đổi. Lý do:",
        )
    return render(
        request,
        "bundles/index.html",
        {
            "orgs": orgs,
            "batches": queries.recent_batches(request.user),
            "sessions": list(queries.sessions_for(request.user)[:30]),
            "years": list(range(2015, 2031))[::-1],
        },
    )


def session_detail(request: SignedInRequest, session_id: int) -> HttpResponse:
    """Progress while computing; then the proposals side by side, paginated."""
    session = _session_or_404(request, session_id)
    context: dict = {"session": session}
    if request.headers.get("HX-Request") and request.GET.get("theo-doi"):
        if session.state in (SessionState.PENDING, SessionState.RUNNING):
            return render(request, "bundles/session.html#progress", context)
        response = HttpResponse()
        response["HX-Refresh"] = "true"  # it ended while the page polled: show it whole
        return response
    if session.state != SessionState.READY:
        return render(request, "bundles/session.html", context)
    page, groups = queries.groups_page(request.user, session, request.GET.get("trang"))
    loose_page, loose = queries.unassigned_page(request.user, session, request.GET.get("trang_le"))
    # The levels are on the rows already: no query per document.
    record_secret_reads(
        request.user,
        [("document", r.doc.pk, r.doc.secrecy) for g in groups for r in g.rows]
        + [("document", r.doc.pk, r.doc.secrecy) for r in loose],
        "list",
        about=session,
    )
    may = services.may_review(request.user, session.org)
    try:
        ensure_fonds_open(session.org)
        fonds_closed = ""
    except RuleViolation as exc:  # the proposals still help to arrange a closed fonds
        fonds_closed = " ".join(exc.messages)
    context.update(
        fonds_closed=fonds_closed,
        page=page,
        groups=groups,
        loose_page=loose_page,
        loose=loose,
        counts=queries.counts(request.user, session),
        # Written once for the page, not once per document row.
        move_url=reverse("bundles:move", args=[session.pk]),
        targets=[
            (v.group.pk, v.group.order, v.group.title[:50])
            for v in groups
            if v.group.state == GroupState.PROPOSED
        ],
        may_work=may,
        plan_items=queries.plan_items_for(session) if may else [],
        people=list(services.responsible_people(session.org)) if may else [],
        retentions=list(services.retention_choices(session.org)) if may else [],
    )
    return render(request, "bundles/session.html", context)


def _work(request: HttpRequest, session: ReviewSession, call, done: str):
    return perform(request, call, to=_back(request, session), done=done)


@require_POST
def move(request: SignedInRequest, session_id: int) -> HttpResponse:
    session = _session_or_404(request, session_id)
    document = id_param(request.POST, "document", label="văn bản")
    raw = (request.POST.get("to") or "").strip()
    number = as_int(request.POST.get("to_number"), min_value=1)
    to: int | str | None
    if number is not None:
        found = session.groups.filter(order=number).values_list("pk", flat=True).first()
        if found is None:
            messages.error(request, f"Không có nhóm số {number} trong phiên này. Hãy chọn lại.")
            return redirect(_back(request, session))
        to = found
    elif raw == "new":
        to = "new"
    elif raw == "none":
        to = None
    elif raw == "":
        messages.error(request, "Hãy chọn nhóm cần chuyển văn bản đến, rồi bấm “Chuyển”.")
        return redirect(_back(request, session))
    else:
        to = id_param(request.POST, "to", label="nhóm chuyển đến")
    return _work(
        request,
        session,
        lambda: services.move_document(request.user, session, document, to),
        "Đã chuyển văn bản.",
    )


@require_POST
def split(request: SignedInRequest, session_id: int, group_id: int) -> HttpResponse:
    session = _session_or_404(request, session_id)
    ids = [i for i in (as_int(v, min_value=1) for v in request.POST.getlist("documents")) if i]
    return _work(
        request,
        session,
        lambda: services.split_group(request.user, session, group_id, ids),
        "Đã tách các văn bản đã chọn thành nhóm mới (ở cuối danh sách).",
    )


@require_POST
def merge(request: SignedInRequest, session_id: int) -> HttpResponse:
    session = _session_or_404(request, session_id)
    ids = [i for i in (as_int(v, min_value=1) for v in request.POST.getlist("groups")) if i]
    return _work(
        request,
        session,
        lambda: services.merge_groups(request.user, session, ids),
        "Đã gộp các nhóm đã chọn.",
    )


@require_POST
def update_group(request: SignedInRequest, session_id: int, group_id: int) -> HttpResponse:
    session = _session_or_404(request, session_id)
    plan_raw = (request.POST.get("plan_item") or "").strip()
    return _work(
        request,
        session,
        lambda: services.update_group(
            request.user,
            session,
            group_id,
            title=request.POST.get("title"),
            plan_item_id=(
                None
                if plan_raw in ("", "none")
                else id_param(request.POST, "plan_item", label="mục trong danh mục")
            ),
            clear_plan_item=plan_raw == "none",
            responsible_id=id_param(request.POST, "responsible", label="người lập hồ sơ"),
            file_notation=request.POST.get("file_notation"),
            retention_id=id_param(request.POST, "retention", label="thời hạn bảo quản"),
        ),
        "Đã lưu thông tin nhóm hồ sơ.",
    )


@require_POST
def accept(request: SignedInRequest, session_id: int, group_id: int) -> HttpResponse:
    session = _session_or_404(request, session_id)
    return perform(
        request,
        lambda: services.accept_group(request.user, session, group_id),
        to=_back(request, session),
        done=lambda d: f"Đã lập hồ sơ “{d.file_notation} {d.title}” với các văn bản theo thứ tự.",
        intro="Chưa lập được hồ sơ; không có gì thay đổi. Lý do:",
    )


@require_POST
def accept_all(request: SignedInRequest, session_id: int) -> HttpResponse:
    session = _session_or_404(request, session_id)
    try:
        dossiers = services.accept_all(request.user, session)
    except RuleViolation as exc:
        refuse(request, exc)
    else:
        messages.success(request, f"Đã lập {len(dossiers)} hồ sơ từ các nhóm đề xuất.")
    return redirect(_back(request, session))


# ---------------------------------------------------------------- suggestions at arrival


def _document_or_404(request: HttpRequest, doc_id: int) -> Document:
    doc = documents_visible_to(request.user).select_related("org").filter(pk=doc_id).first()
    if doc is None:
        raise Http404
    return doc


def _suggestions(request: HttpRequest, doc: Document, **extra) -> HttpResponse:
    loose = arrival.is_loose(doc)
    may = services.may_review(request.user, doc.org)
    found = arrival.suggestions_for(request.user, [doc]) if loose and may else {}
    return render(
        request,
        "bundles/_suggestions.html",
        {
            "doc": doc,
            "loose": loose,
            "may_work": may,
            "suggestions": found.get(doc.pk, []),
            "dossiers": [] if loose else dossiers_of(request.user, doc),
            **extra,
        },
    )


def suggestions(request: SignedInRequest, doc_id: int) -> HttpResponse:
    """The three likeliest dossiers for a document in none (an HTMX fragment)."""
    return _suggestions(request, _document_or_404(request, doc_id))


def _answer(request: SignedInRequest, doc_id: int, accepted: bool) -> HttpResponse:
    doc = _document_or_404(request, doc_id)
    kind = (request.POST.get("kind") or "").strip()
    candidate = id_param(request.POST, "candidate", label="hồ sơ được gợi ý")
    done, error = "", []
    try:
        if accepted:
            dossier = arrival.file_document(request.user, doc, kind, candidate)
            done = f"Đã đưa văn bản vào hồ sơ “{dossier.file_notation} {dossier.title}”."
        else:
            arrival.refuse_suggestion(request.user, doc, kind, candidate)
            done = "Đã ghi nhận: hồ sơ đó không phù hợp; hệ thống sẽ gợi ý khác."
    except RuleViolation as exc:
        error = exc.messages
    if request.headers.get("HX-Request"):
        return _suggestions(request, doc, done=done, errors=error)
    if error:
        refuse(request, RuleViolation(*error), "Chưa đưa được văn bản vào hồ sơ. Lý do:")
    else:
        messages.success(request, done)
    return redirect("registry:detail", doc_id=doc.pk)


@require_POST
def file_suggestion(request: SignedInRequest, doc_id: int) -> HttpResponse:
    return _answer(request, doc_id, accepted=True)


@require_POST
def refuse_suggestion(request: SignedInRequest, doc_id: int) -> HttpResponse:
    return _answer(request, doc_id, accepted=False)
