"""The desk's pages: the clerk's desk, registering an arrival, one arrival with
the step each role takes next, the head's assignments, the handler's queue.

Views parse, call a service through ``perform``, render. Arrivals the user may
not open answer 404 (their subjects stay hidden).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from luutru.access.policy import record_secret_read, record_secret_reads
from luutru.core.errors import RuleViolation
from luutru.core.outcomes import perform
from luutru.core.params import as_int
from luutru.desk import queries, services
from luutru.desk.forms import (
    AssignForm,
    FinishForm,
    ForwardForm,
    ProgressForm,
    ReceiveForm,
    RouteForm,
)
from luutru.desk.models import Arrival, ArrivalState, Handling
from luutru.registry.models import Document
from luutru.registry.signals import document_entered

RECENT = 30


def _arrival_or_404(request: HttpRequest, arrival_id: int) -> Arrival:
    return get_object_or_404(queries.arrivals_visible_to(request.user), pk=arrival_id)


def _desk_org(request: HttpRequest):
    """The body whose desk is shown: ``?org=`` among the user's desks, else the first."""
    orgs = queries.desk_orgs(request.user)
    wanted = as_int(request.GET.get("org") or request.POST.get("org"), min_value=1)
    if wanted is not None:
        return orgs.filter(pk=wanted).first(), orgs
    return orgs.first(), orgs


def desk(request: HttpRequest) -> HttpResponse:
    """The clerk's desk: today's counts, arrivals to route, the latest arrivals."""
    org, orgs = _desk_org(request)
    if org is None:
        if request.GET.get("org"):
            messages.error(request, "Bạn không giữ sổ văn bản đến của cơ quan đã chọn.")
        return render(
            request,
            "desk/desk.html",
            {
                "org": None,
                "queue_count": queries.queue_of(request.user).count(),
                "head_count": queries.for_head(request.user).count(),
            },
        )
    to_route = list(queries.to_route(request.user, org)[:100])
    recent = list(queries.desk_arrivals(request.user, org)[:RECENT])
    record_secret_reads(
        request.user, [a.document for a in {*to_route, *recent}], "desk", about_type="desk"
    )
    return render(
        request,
        "desk/desk.html",
        {
            "org": org,
            "orgs": orgs,
            "counts": queries.today_counts(request.user, org),
            "to_route": to_route,
            "recent": recent,
            "heads": queries.heads_of(org),
            "today": timezone.localdate(),
            "year": timezone.localdate().year,
            "queue_count": queries.queue_of(request.user).count(),
            "head_count": queries.for_head(request.user).count(),
        },
    )


def receive(request: HttpRequest) -> HttpResponse:
    """Vào sổ văn bản đến: the document's data, how it came; the number is given."""
    org, orgs = _desk_org(request)
    if org is None:
        messages.error(
            request,
            "Chỉ văn thư hoặc lãnh đạo cơ quan mới vào sổ văn bản đến. "
            "Nếu bạn nhận được văn bản, hãy chuyển cho văn thư cơ quan.",
        )
        return redirect("desk:desk")
    form = ReceiveForm(org, request.POST or None, request.FILES or None, uploader=request.user)
    if request.method == "POST" and form.is_valid():
        c = form.cleaned_data
        upload = c["file"]
        try:
            arrival = services.receive(
                request.user,
                org,
                fields=form.metadata(),
                content=upload.read(),
                filename=upload.name,
                channel=c["channel"],
                sender=c.get("sender", ""),
                urgency=c.get("urgency", 0),
                received_at=c.get("received_at"),
            )
        except RuleViolation as exc:
            form.add_refusal(exc)
        else:
            document_entered.send(sender=Document, document=arrival.document)
            messages.success(
                request,
                f"Đã vào sổ đến: số đến {arrival.number_display}. "
                "Hãy ghi dấu “ĐẾN” lên bản giấy (in nhãn bên dưới) rồi chuyển văn bản.",
            )
            return redirect("desk:arrival", arrival.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "desk/receive.html", {"form": form, "org": org, "orgs": orgs}, status=status
    )


def arrival_detail(request: HttpRequest, arrival_id: int) -> HttpResponse:
    """One arrival: its register data, the ĐẾN stamp, its steps, what to do next."""
    a = _arrival_or_404(request, arrival_id)
    user = request.user
    record_secret_read(user, a, "page", object_type="arrival")
    filed_in = queries.dossiers_holding(user, a.document)
    handlings = list(
        a.handlings.select_related("handler__person", "unit").order_by("given_at", "id")
    )
    mine = [h for h in handlings if h.handler_id == user.pk and h.ended_at is None]
    is_lead = any(h.part == Handling.Part.LEAD for h in mine) and a.state in services.BEING_HANDLED
    may_route = a.state == ArrivalState.REGISTERED and queries.may_register(user, a.org)
    may_assign = (
        a.state
        in (
            ArrivalState.REGISTERED,
            ArrivalState.PRESENTED,
        )
        and queries.head_orgs(user).filter(pk=a.org_id).exists()
    )
    return render(
        request,
        "desk/arrival.html",
        {
            "a": a,
            "doc": a.document,
            "stamp": queries.stamp(a, filed_in),
            "steps": a.steps.select_related("actor__person", "to_user__person", "to_unit"),
            "handlings": handlings,
            "overdue": queries.is_overdue(a),
            "late": queries.finished_late(a),
            "route_form": RouteForm(a) if may_route else None,
            "assign_form": AssignForm(a) if may_assign else None,
            "progress_form": ProgressForm() if mine and a.state in services.BEING_HANDLED else None,
            "forward_form": ForwardForm(a) if is_lead else None,
            "finish_form": FinishForm(a, user) if is_lead else None,
            "filed_in": filed_in,
        },
    )


def _form_refused(request: HttpRequest, form: forms.Form, a: Arrival) -> HttpResponseRedirect:
    messages.error(request, "Không thực hiện được; không có gì thay đổi. Lý do:")
    for errors in form.errors.values():
        for e in errors:
            messages.error(request, str(e))
    return redirect("desk:arrival", a.pk)


@require_POST
def route(request: HttpRequest, arrival_id: int) -> HttpResponse:
    a = _arrival_or_404(request, arrival_id)
    form = RouteForm(a, request.POST)
    if not form.is_valid():
        return _form_refused(request, form, a)
    c = form.cleaned_data
    return perform(
        request,
        lambda: services.route(
            request.user, a, head=c.get("head"), unit=c.get("unit"), note=c.get("note", "")
        ),
        done=f"Đã chuyển văn bản số đến {a.number_display}. Lãnh đạo sẽ giao người xử lý.",
        to=_back(request, a),
        intro="Chưa chuyển được văn bản; không có gì thay đổi. Lý do:",
    )


@require_POST
def assign(request: HttpRequest, arrival_id: int) -> HttpResponse:
    a = _arrival_or_404(request, arrival_id)
    form = AssignForm(a, request.POST)
    if not form.is_valid():
        return _form_refused(request, form, a)
    c = form.cleaned_data
    return perform(
        request,
        lambda: services.assign(
            request.user,
            a,
            lead=c["lead"],
            co_handlers=list(c.get("co_handlers") or []),
            deadline=c["deadline"],
            instructions=c.get("instructions", ""),
        ),
        done="Đã giao xử lý. Người chủ trì thấy văn bản trong “Văn bản cần xử lý”.",
        to=_back(request, a),
        intro="Chưa giao được; không có gì thay đổi. Lý do:",
    )


@require_POST
def forward(request: HttpRequest, arrival_id: int) -> HttpResponse:
    a = _arrival_or_404(request, arrival_id)
    form = ForwardForm(a, request.POST)
    if not form.is_valid():
        return _form_refused(request, form, a)
    c = form.cleaned_data
    return perform(
        request,
        lambda: services.forward(request.user, a, to=c["to"], note=c.get("note", "")),
        done="Đã chuyển tiếp. Thời hạn giải quyết giữ nguyên.",
        to="desk:queue",
        refused_to=("desk:arrival", a.pk),
        intro="Chưa chuyển tiếp được; không có gì thay đổi. Lý do:",
    )


@require_POST
def progress(request: HttpRequest, arrival_id: int) -> HttpResponse:
    a = _arrival_or_404(request, arrival_id)
    form = ProgressForm(request.POST)
    if not form.is_valid():
        return _form_refused(request, form, a)
    return perform(
        request,
        lambda: services.record_progress(request.user, a, form.cleaned_data["note"]),
        done="Đã ghi tiến độ.",
        to=("desk:arrival", a.pk),
        intro="Chưa ghi được tiến độ. Lý do:",
    )


@require_POST
def finish(request: HttpRequest, arrival_id: int) -> HttpResponse:
    a = _arrival_or_404(request, arrival_id)
    form = FinishForm(a, request.user, request.POST)
    if not form.is_valid():
        return _form_refused(request, form, a)
    c = form.cleaned_data

    def done(result: Arrival) -> str:
        if c.get("dossier") is not None:
            return f"Đã kết thúc xử lý và đưa văn bản vào hồ sơ “{c['dossier'].file_notation}”."
        return (
            "Đã kết thúc xử lý. Văn bản chưa thuộc hồ sơ nào: hãy đưa vào hồ sơ của công việc "
            "(mở văn bản, chọn “Đưa vào hồ sơ”)."
        )

    return perform(
        request,
        lambda: services.finish(
            request.user,
            a,
            answer=c.get("answer"),
            dossier=c.get("dossier"),
            note=c.get("note", ""),
        ),
        done=done,
        to=("desk:arrival", a.pk),
        intro="Chưa kết thúc được; không có gì thay đổi. Lý do:",
    )


def _back(request: HttpRequest, a: Arrival) -> str:
    """Back to the list the action came from, when it says so (``next``), else the arrival."""
    nxt = request.POST.get("next", "")
    allowed = {reverse("desk:desk"), reverse("desk:assignments")}
    if nxt.split("?")[0] in allowed:
        return nxt
    return reverse("desk:arrival", args=[a.pk])


def assignments(request: HttpRequest) -> HttpResponse:
    """The head's page: arrivals to assign, and what they gave out, by deadline."""
    waiting = list(queries.for_head(request.user)[:200])
    given = list(queries.assigned_by_head(request.user)[:200])
    record_secret_reads(
        request.user,
        [a.document for a in {*waiting, *given}],
        "assignments",
        about_type="assignments",
    )
    return render(
        request,
        "desk/assignments.html",
        {
            "waiting": [(a, AssignForm(a)) for a in waiting],
            "given": given,
            "today": timezone.localdate(),
            "is_head": queries.head_orgs(request.user).exists(),
        },
    )


def queue(request: HttpRequest) -> HttpResponse:
    """Văn bản cần xử lý: what the user handles now, soonest deadline first."""
    rows = list(queries.queue_of(request.user)[:300])
    record_secret_reads(request.user, [a.document for a in rows], "queue", about_type="queue")
    return render(
        request,
        "desk/queue.html",
        {
            "rows": rows,
            "today": timezone.localdate(),
            "unfiled": list(queries.handled_unfiled(request.user)[:50]),
        },
    )
