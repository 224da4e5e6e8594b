"""Views: parse the request, build the form, export it. Objects the user may not
open answer 404; a refusal goes back to the page the link came from, with its reason."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header, urlencode

from luutru.access.policy import record_secret_read
from luutru.core.errors import RuleViolation
from luutru.core.outcomes import refuse
from luutru.core.params import as_int
from luutru.desk.handover import records_visible_to
from luutru.desk.queries import arrivals_visible_to
from luutru.disposal.queries import visible_appraisal
from luutru.forms import builders, queries
from luutru.forms.desk import work_handover_record
from luutru.forms.disposal import sign_minutes
from luutru.forms.fonds_custody import custody_visible_to, fonds_custody_record
from luutru.forms.forms import FondsListForm, RegisterForm
from luutru.forms.services import export_form


def _download(request: HttpRequest, build, fmt: str, back: str, **audit) -> HttpResponse:
    try:
        download = export_form(request.user, build(), fmt, **audit)
    except RuleViolation as error:
        refuse(request, error)
        return redirect(back)
    response = HttpResponse(download.content, content_type=download.content_type)
    response["Content-Disposition"] = content_disposition_header(True, download.filename)
    return response


def _fmt(fmt: str) -> str:
    if fmt not in ("docx", "pdf", "xlsx"):
        raise Http404("Định dạng không có.")
    return fmt


def plan_form(request: HttpRequest, plan_id: int, fmt: str) -> HttpResponse:
    plan = queries.visible_plan(request.user, plan_id)
    if plan is None:
        raise Http404("Không tìm thấy danh mục hồ sơ.")
    return _download(
        request,
        lambda: builders.file_plan(plan),
        _fmt(fmt),
        f"/danh-muc/{plan.pk}/",
        obj=plan,
        org_id=plan.org_id,
    )


def dossier_form(request: HttpRequest, dossier_id: int, name: str, fmt: str) -> HttpResponse:
    build = builders.DOSSIER_FORMS.get(name)
    dossier = queries.visible_dossier(request.user, dossier_id)
    if build is None or dossier is None:
        raise Http404("Không tìm thấy hồ sơ.")
    return _download(
        request,
        lambda: build(request.user, dossier),
        _fmt(fmt),
        f"/ho-so/{dossier.pk}/",
        obj=dossier,
        org_id=dossier.org_id,
    )


def deposit_form(request: HttpRequest, deposit_id: int, name: str, fmt: str) -> HttpResponse:
    build = builders.DEPOSIT_FORMS.get(name)
    deposit = queries.visible_deposit(request.user, deposit_id)
    if build is None or deposit is None:
        raise Http404("Không tìm thấy đợt nộp lưu.")
    return _download(
        request,
        lambda: build(request.user, deposit),
        _fmt(fmt),
        f"/nop-luu/{deposit.pk}/",
        obj=deposit,
        org_id=deposit.org_id,
    )


def appraisal_form(request: HttpRequest, appraisal_id: int, name: str, fmt: str) -> HttpResponse:
    """The disposal list, the decision and the destruction minutes of an appraisal."""
    build = builders.APPRAISAL_FORMS.get(name)
    appraisal = visible_appraisal(request.user, appraisal_id)
    if build is None or appraisal is None:
        raise Http404("Không tìm thấy đợt xác định giá trị.")
    response = _download(
        request,
        lambda: build(request.user, appraisal),
        _fmt(fmt),
        f"/xac-dinh-gia-tri/{appraisal.pk}/",
        obj=appraisal,
        org_id=appraisal.org_id,
    )
    if name == "bien-ban-huy" and fmt == "pdf" and response.status_code == 200:
        # The minutes carry the archive's signature when a key is configured.
        try:
            response.content = sign_minutes(response.content)
        except RuleViolation as error:
            refuse(request, error)
            return redirect(f"/xac-dinh-gia-tri/{appraisal.pk}/")
    return response


def fonds_form(request: HttpRequest, org_id: int, fmt: str) -> HttpResponse:
    org = queries.visible_org(request.user, org_id)
    if org is None:
        raise Http404("Không tìm thấy cơ quan.")
    year = request.GET.get("nam", "")
    if year and as_int(year, 1930, 2100) is None:
        messages.error(request, f"Năm “{year}” không hợp lệ: nhập một năm, ví dụ 2024.")
        return redirect("forms:index")
    return _download(
        request,
        lambda: builders.fonds_dossier_list(request.user, org, int(year) if year else None),
        _fmt(fmt),
        "/bieu-mau/",
        org_id=org.pk,
    )


def index(request: HttpRequest) -> HttpResponse:
    """Which forms exist, where to get them; the register and fonds list are asked for here."""
    orgs = queries.orgs_with_records_visible_to(request.user)
    today = timezone.localdate()
    register = RegisterForm(
        orgs,
        initial={
            "kind": "di",
            "date_from": today.replace(month=1, day=1),
            "date_to": today,
            "fmt": "pdf",
        },
    )
    if "org" in request.GET and "kind" in request.GET:
        register = RegisterForm(orgs, request.GET)
        if register.is_valid():
            c = register.cleaned_data
            failures = builders.register_failures(c["kind"], c["date_from"], c["date_to"])
            if not failures:
                query = urlencode(
                    {
                        "loai": c["kind"],
                        "tu": c["date_from"].isoformat(),
                        "den": c["date_to"].isoformat(),
                    }
                )
                return redirect(f"/bieu-mau/so-dang-ky/{c['org'].pk}.{c['fmt']}?{query}")
            for m in failures:
                register.add_error(None, m)
    fonds = FondsListForm(orgs, initial={"fmt": "pdf"})
    if "org" in request.GET and "kind" not in request.GET:
        fonds = FondsListForm(orgs, request.GET)
        if fonds.is_valid():
            c = fonds.cleaned_data
            query = f"?nam={c['year']}" if c["year"] else ""
            return redirect(f"/bieu-mau/phong/{c['org'].pk}/muc-luc-ho-so.{c['fmt']}{query}")
    status = 400 if register.errors or fonds.errors else 200
    return render(
        request,
        "forms/index.html",
        {"register": register, "fonds": fonds, "has_orgs": orgs.exists()},
        status=status,
    )


def _day(request: HttpRequest, key: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(request.GET.get(key, ""))
    except ValueError:
        return None


def register_form(request: HttpRequest, org_id: int, fmt: str) -> HttpResponse:
    org = queries.visible_org(request.user, org_id)
    if org is None:
        raise Http404("Không tìm thấy cơ quan.")
    kind, start, end = request.GET.get("loai", ""), _day(request, "tu"), _day(request, "den")
    return _download(
        request,
        lambda: builders.register(request.user, org, kind, start, end),
        _fmt(fmt),
        "/bieu-mau/",
        org_id=org.pk,
    )


def delivery_book_form(request: HttpRequest, org_id: int, fmt: str) -> HttpResponse:
    """Sổ chuyển giao văn bản đến of one body for a date range (``?tu=…&den=…``)."""
    org = queries.visible_org(request.user, org_id)
    if org is None:
        raise Http404("Không tìm thấy cơ quan.")
    start, end = _day(request, "tu"), _day(request, "den")
    return _download(
        request,
        lambda: builders.delivery_book(request.user, org, start, end),
        _fmt(fmt),
        "/van-thu/",
        org_id=org.pk,
    )


def _arrival_or_404(request: HttpRequest, arrival_id: int):
    arrival = arrivals_visible_to(request.user).filter(pk=arrival_id).first()
    if arrival is None:
        raise Http404("Không tìm thấy văn bản đến.")
    return arrival


def arrival_form(request: HttpRequest, arrival_id: int, name: str, fmt: str) -> HttpResponse:
    """The routing slip of one incoming document (phiếu giải quyết văn bản đến)."""
    build = builders.ARRIVAL_FORMS.get(name)
    arrival = _arrival_or_404(request, arrival_id)
    if build is None:
        raise Http404("Không có biểu mẫu này.")
    return _download(
        request,
        lambda: build(request.user, arrival),
        _fmt(fmt),
        f"/van-thu/den/{arrival.pk}/",
        obj=arrival,
        org_id=arrival.org_id,
    )


def stamp_label(request: HttpRequest, arrival_id: int) -> HttpResponse:
    """The ĐẾN stamp on a 50 × 35 mm label, for the paper original."""
    arrival = _arrival_or_404(request, arrival_id)
    record_secret_read(request.user, arrival, "stamp.pdf", object_type="arrival")
    response = HttpResponse(
        builders.stamp_label_pdf(request.user, arrival), content_type="application/pdf"
    )
    response["Content-Disposition"] = content_disposition_header(
        True, f"dau-den-{arrival.org.code}-{arrival.year}-{arrival.number_display}.pdf"
    )
    return response


def work_handover_form(request: HttpRequest, record_id: int, fmt: str) -> HttpResponse:
    """Biên bản bàn giao công việc of an official who left or moved (issue 13 item 3)."""
    h = records_visible_to(request.user).filter(pk=record_id).first()
    if h is None:
        raise Http404("Không có biên bản bàn giao này, hoặc bạn không được xem.")
    return _download(
        request,
        lambda: work_handover_record(request.user, h),
        _fmt(fmt),
        f"/van-thu/ban-giao/{h.pk}/",
        obj=h,
        org_id=h.org_id,
    )


def fonds_custody_form(request: HttpRequest, custody_id: int, fmt: str) -> HttpResponse:
    """Biên bản bàn giao phông lưu trữ: a closed fonds passed to its successor's archive."""
    custody = custody_visible_to(request.user, custody_id)
    if custody is None or fmt not in ("pdf", "docx"):
        raise Http404("Không có biên bản bàn giao phông này, hoặc bạn không được xem.")
    return _download(
        request,
        lambda: fonds_custody_record(request.user, custody),
        fmt,
        f"/to-chuc/{custody.fonds.org_id}/",
        obj=custody,
        org_id=custody.keeper_id,
    )
