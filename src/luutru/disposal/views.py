"""Pages of appraisal and destruction: parse, call a service or a query, render.
An appraisal the user may not open answers 404. Every page says what to do next."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.models import User
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from luutru.access.policy import can_view, has_role, record_secret_reads, roles_of
from luutru.core.errors import RuleViolation
from luutru.core.outcomes import perform, refuse
from luutru.core.params import as_int, id_param, int_param
from luutru.core.requests import SignedInRequest
from luutru.disposal import destruction as destroying
from luutru.disposal import queries, services
from luutru.disposal.models import (
    Appraisal,
    CouncilMember,
    Destruction,
    HoldKind,
    Opinion,
    Outcome,
)
from luutru.filing.models import Dossier
from luutru.orgs.models import Organization
from luutru.rules.models import RetentionSchedule
from luutru.rules.schedules import load_schedule, read_schedule
from luutru.rules.services import rules_failures


def _appraisal_or_404(request: SignedInRequest, pk: int) -> Appraisal:
    a = queries.visible_appraisal(request.user, pk)
    if a is None:
        raise Http404("Không tìm thấy đợt xác định giá trị.")
    return a


def index(request: SignedInRequest) -> HttpResponse:
    """What waits for this user: opinions to give, decisions to make, destructions to confirm."""
    user = request.user
    appraisals = list(queries.appraisals_visible_to(user).order_by("-created_at")[:100])
    mine = set(CouncilMember.objects.filter(user=user).values_list("appraisal_id", flat=True))
    given = set(
        Opinion.objects.filter(member__user=user).values_list("item__appraisal_id", flat=True)
    )
    to_opine = [a for a in appraisals if a.status == Appraisal.Status.REVIEW and a.pk in mine]
    to_decide = [
        a
        for a in appraisals
        if a.status == Appraisal.Status.REVIEW and has_role(user, "head", a.org)
    ]
    to_confirm = [
        d
        for d in Destruction.objects.filter(
            status=Destruction.Status.PENDING, appraisal__in=[a.pk for a in appraisals]
        ).select_related("appraisal", "appraisal__fonds", "org")
        if destroying.may_confirm(user, d)
    ]
    return render(
        request,
        "disposal/index.html",
        {
            "appraisals": appraisals,
            "to_opine": to_opine,
            "opined": given,
            "to_decide": to_decide,
            "to_confirm": to_confirm,
            "fonds": queries.fonds_for(user),
            "holds": queries.holds_visible_to(user).filter(lifted_at__isnull=True)[:50],
            "is_admin": "admin" in roles_of(user) or user.is_staff,
        },
    )


def new(request: SignedInRequest) -> HttpResponse:
    """Choose a fonds, tick the dossiers due, create the appraisal."""
    user = request.user
    choices = queries.fonds_for(user)
    fonds_id = id_param(request.GET if request.method == "GET" else request.POST, "phong")
    fonds = next((f for f in choices if f.pk == fonds_id), None)
    if fonds_id is not None and fonds is None:
        messages.error(request, "Không tìm thấy phông này trong các phông bạn phụ trách.")
        return redirect("disposal:new")
    if request.method == "POST" and fonds is not None:
        ids = [i for i in (as_int(v, 1) for v in request.POST.getlist("ho_so")) if i is not None]
        bad = [v for v in request.POST.getlist("ho_so") if as_int(v, 1) is None]
        if bad:
            messages.error(request, "Có lựa chọn hồ sơ không hợp lệ; không có gì thay đổi.")
            return redirect(f"/xac-dinh-gia-tri/moi/?phong={fonds.pk}")
        return perform(
            request,
            lambda: services.create_appraisal(
                user, fonds, ids, note=request.POST.get("thuyet_minh", "")
            ),
            done="Đã lập đợt xác định giá trị. Tiếp theo: ghi thành phần hội đồng rồi trình hội đồng.",
            to=lambda a: ("disposal:detail", a.pk),
            refused_to=f"/xac-dinh-gia-tri/moi/?phong={fonds.pk}",
            intro="Chưa lập được đợt xác định giá trị; không có gì thay đổi. Lý do:",
        )
    rows = queries.candidates(user, fonds) if fonds is not None else []
    record_secret_reads(user, [r.dossier for r in rows], "appraisal.candidates")
    return render(
        request,
        "disposal/new.html",
        {"choices": choices, "fonds": fonds, "rows": rows, "due": [r for r in rows if r.proposal]},
    )


def _council_choices(appraisal: Appraisal) -> list[User]:
    """People who may sit on the council: accounts with a role at the body or above it."""
    ids = [int(p) for p in appraisal.org.path.split(".") if p] + [appraisal.org_id]
    return list(
        User.objects.filter(
            is_active=True, person__memberships__org_id__in=ids, person__isnull=False
        )
        .exclude(pk__in=appraisal.members.values("user_id"))
        .select_related("person")
        .distinct()
        .order_by("person__full_name")
    )


def detail(request: SignedInRequest, pk: int) -> HttpResponse:
    user = request.user
    a = _appraisal_or_404(request, pk)
    items = list(
        a.items.select_related("dossier", "dossier__retention", "dossier__org").prefetch_related(
            "opinions__member__user__person"
        )
    )
    members = list(a.members.select_related("user", "user__person"))
    seat = next((m for m in members if m.user_id == user.pk), None)
    rows = []
    defaults = services.default_decisions(a)
    for item in items:
        visible = can_view(user, item.dossier)
        opinions = {o.member_id: o for o in item.opinions.all()}
        rows.append(
            {
                "item": item,
                "visible": visible,
                "opinions": [(m, opinions.get(m.pk)) for m in members],
                "mine": opinions.get(seat.pk) if seat else None,
                "default": defaults.get(item.pk, ("", None)),
                "permanent": item.dossier.retention.period == "permanent",
            }
        )
    record_secret_reads(
        user, [i.dossier for i in items if can_view(user, i.dossier)], "appraisal", about=a
    )
    destruction = Destruction.objects.filter(appraisal=a).first()
    confirmations = (
        list(destruction.confirmations.select_related("user__person")) if destruction else []
    )
    files = list(destruction.files.select_related("dossier")) if destruction else []
    is_archivist = has_role(user, "archivist", a.org)
    return render(
        request,
        "disposal/detail.html",
        {
            "a": a,
            "rows": rows,
            "members": members,
            "seat": seat,
            "roles": CouncilMember.Role.choices,
            "outcomes": Outcome.choices,
            "council_choices": _council_choices(a) if is_archivist and a.status == "draft" else [],
            "is_archivist": is_archivist,
            "is_head": has_role(user, "head", a.org),
            "destruction": destruction,
            "confirmations": confirmations,
            "confirmed_by_me": any(c.user_id == user.pk for c in confirmations),
            "may_confirm": destruction is not None and destroying.may_confirm(user, destruction),
            "files": files,
            "removed_count": sum(1 for f in files if f.removed),
        },
    )


@require_POST
def add_member(request: SignedInRequest, pk: int) -> HttpResponse:
    a = _appraisal_or_404(request, pk)
    user_id = id_param(request.POST, "thanh_vien", label="thành viên hội đồng")
    member = User.objects.filter(pk=user_id).first() if user_id else None
    return perform(
        request,
        lambda: services.add_member(
            request.user,
            a,
            member,
            role=request.POST.get("vai_tro", ""),
            position=request.POST.get("chuc_vu", ""),
        ),
        done="Đã ghi thành viên hội đồng.",
        to=("disposal:detail", a.pk),
    )


@require_POST
def send(request: SignedInRequest, pk: int) -> HttpResponse:
    a = _appraisal_or_404(request, pk)
    return perform(
        request,
        lambda: services.send_to_council(request.user, a),
        done="Đã trình hội đồng. Các thành viên cho ý kiến từng hồ sơ; sau đó lãnh đạo quyết định.",
        to=("disposal:detail", a.pk),
    )


def _choices_from(request: SignedInRequest, a: Appraisal) -> dict[int, tuple[str, int | None]]:
    out = {}
    for item in a.items.all():
        outcome = request.POST.get(f"y_kien_{item.pk}", "")
        years = int_param(
            request.POST, f"nam_{item.pk}", min_value=0, max_value=1000, label="thời hạn mới (năm)"
        )
        out[item.pk] = (outcome, years)
    return out


@require_POST
def opinions(request: SignedInRequest, pk: int) -> HttpResponse:
    """A council member's opinions on every item at once (one transaction per item)."""
    a = _appraisal_or_404(request, pk)
    chosen = _choices_from(request, a)

    def give() -> int:
        failures, n = [], 0
        for item in a.items.select_related("dossier"):
            outcome, years = chosen[item.pk]
            try:
                services.give_opinion(
                    request.user,
                    item,
                    outcome=outcome,
                    new_years=years,
                    note=request.POST.get(f"ghi_chu_{item.pk}", ""),
                )
                n += 1
            except RuleViolation as error:
                failures += error.messages
        if failures:
            raise RuleViolation(*dict.fromkeys(failures))
        return n

    return perform(
        request,
        give,
        done=lambda n: f"Đã ghi ý kiến của bạn về {n} hồ sơ.",
        to=("disposal:detail", a.pk),
    )


@require_POST
def decide(request: SignedInRequest, pk: int) -> HttpResponse:
    a = _appraisal_or_404(request, pk)
    chosen = _choices_from(request, a)
    return perform(
        request,
        lambda: services.decide(
            request.user, a, chosen, decision_number=request.POST.get("so_quyet_dinh", "")
        ),
        done="Đã quyết định. Hồ sơ được quyết định hủy chờ hai người xác nhận hủy.",
        to=("disposal:detail", a.pk),
        intro="Chưa quyết định được; không có gì thay đổi. Lý do:",
    )


@require_POST
def confirm(request: SignedInRequest, pk: int) -> HttpResponse:
    a = _appraisal_or_404(request, pk)
    d = Destruction.objects.filter(appraisal=a).first()
    if d is None:
        raise Http404("Quyết định này không hủy hồ sơ nào.")

    def said(done: Destruction) -> str:
        if done.status == Destruction.Status.DONE:
            return "Đã hủy tài liệu theo quyết định. In biên bản hủy để ký."
        return "Đã ghi xác nhận của bạn. Cần một người khác xác nhận lần thứ hai để hủy."

    return perform(
        request,
        lambda: destroying.confirm_destruction(request.user, d),
        done=said,
        to=("disposal:detail", a.pk),
        intro="Chưa hủy; không có gì thay đổi. Lý do:",
    )


def manifest(request: SignedInRequest, pk: int) -> HttpResponse:
    a = _appraisal_or_404(request, pk)
    d = Destruction.objects.filter(appraisal=a, status=Destruction.Status.DONE).first()
    if d is None:
        raise Http404("Chưa hủy nên chưa có bảng kê.")
    response = HttpResponse(queries.manifest_text(d), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        True, f"bang-ke-sha256-huy-{a.number}-{a.year}.txt"
    )
    return response


# ---------------------------------------------------------------- holds


def holds(request: SignedInRequest) -> HttpResponse:
    user = request.user
    if request.method == "POST":
        org_id = id_param(request.POST, "co_quan", label="cơ quan")
        org = (
            Organization.objects.filter(pk=org_id, fonds__isnull=False).first() if org_id else None
        )
        notation = request.POST.get("ho_so", "").strip()
        dossier = None
        if org is not None and notation:
            dossier = (
                Dossier.objects.filter(org=org, file_notation=notation[:20])
                .order_by("-file_catalog")
                .first()
            )
            if dossier is None:
                messages.error(
                    request,
                    f"Không tìm thấy hồ sơ “{notation[:20]}” của cơ quan này; không có gì thay đổi.",
                )
                return redirect("disposal:holds")
        if org is None:
            messages.error(request, "Chọn cơ quan có phông lưu trữ; không có gì thay đổi.")
            return redirect("disposal:holds")
        return perform(
            request,
            lambda: services.place_hold(
                user,
                org,
                kind=request.POST.get("loai", ""),
                reason=request.POST.get("ly_do", ""),
                dossier=dossier,
            ),
            done="Đã đặt lệnh tạm giữ: tài liệu thuộc phạm vi này không được hủy cho đến khi gỡ.",
            to="disposal:holds",
        )
    return render(
        request,
        "disposal/holds.html",
        {
            "holds": queries.holds_visible_to(user)[:200],
            "orgs": queries.orgs_with_fonds_visible_to(user),
            "kinds": HoldKind.choices,
        },
    )


@require_POST
def lift(request: SignedInRequest, pk: int) -> HttpResponse:
    hold = queries.holds_visible_to(request.user).filter(pk=pk).first()
    if hold is None:
        raise Http404("Không tìm thấy lệnh tạm giữ.")
    return perform(
        request,
        lambda: services.lift_hold(request.user, hold, reason=request.POST.get("ly_do", "")),
        done="Đã gỡ lệnh tạm giữ.",
        to="disposal:holds",
    )


# ---------------------------------------------------------------- schedules


def schedules(request: SignedInRequest) -> HttpResponse:
    return render(
        request,
        "disposal/schedules.html",
        {
            "schedules": RetentionSchedule.objects.all(),
            "may_load": not rules_failures(request.user, "change"),
        },
    )


def schedule_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    schedule = RetentionSchedule.objects.filter(pk=pk).first()
    if schedule is None:
        raise Http404("Không tìm thấy bảng thời hạn bảo quản.")
    return render(
        request,
        "disposal/schedule_detail.html",
        {"schedule": schedule, "items": schedule.items.all()},
    )


def schedule_load(request: SignedInRequest) -> HttpResponse:
    """Dry run (check, list bad rows, change nothing) or load, from one upload."""
    failures = rules_failures(request.user, "change")
    context: dict[str, Any] = {"kinds": RetentionSchedule.Kind.choices, "values": request.POST}
    if failures:
        for m in failures:
            messages.error(request, m)
        return redirect("disposal:schedules")
    if request.method == "POST":
        upload = request.FILES.get("tep")
        if upload is None:
            messages.error(request, "Chọn tệp Excel (.xlsx) của bảng thời hạn bảo quản.")
            return render(request, "disposal/schedule_load.html", context, status=400)
        data = upload.read(6 * 1024 * 1024)
        if request.POST.get("nap") != "1":
            context["preview"] = read_schedule(data)
            return render(request, "disposal/schedule_load.html", context)
        try:
            valid_from = dt.date.fromisoformat(request.POST.get("hieu_luc_tu", ""))
        except ValueError:
            messages.error(request, "Ngày hiệu lực không hợp lệ (chọn ngày, ví dụ 01/01/2026).")
            return render(request, "disposal/schedule_load.html", context, status=400)
        try:
            schedule, created = load_schedule(
                request.user,
                data,
                code=request.POST.get("ma", ""),
                name=request.POST.get("ten", ""),
                kind=request.POST.get("loai", ""),
                fonds_system=request.POST.get("he_thong", ""),
                legal_basis=request.POST.get("can_cu", ""),
                valid_from=valid_from,
            )
        except RuleViolation as error:
            refuse(request, error, "Chưa nạp bảng; không có gì thay đổi. Lý do:")
            return render(request, "disposal/schedule_load.html", context, status=400)
        messages.success(
            request,
            f"Đã nạp {schedule} ({schedule.items.count()} mục)."
            if created
            else f"Tệp này đã được nạp thành {schedule}: không có gì thay đổi.",
        )
        return redirect("disposal:schedule", schedule.pk)
    return render(request, "disposal/schedule_load.html", context)
