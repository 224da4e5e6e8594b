"""The files offered on the stages' own pages, at the stages' addresses: the file
plan as XLSX, a closed dossier's index as XLSX, a deposit's list as XLSX and its
handover record as DOCX (``page_urls``).

They are official forms, so forms serves them: a stage never calls forms (forms
sits above the stages). Objects the user may not open answer 404; a download
of secret material is a read, recorded like the page that links to it.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import content_disposition_header

from luutru.access.policy import record_secret_read, record_secret_reads
from luutru.archive.documents import deposit_rows
from luutru.core.errors import RuleViolation
from luutru.core.outcomes import refuse
from luutru.filing.services import current_index
from luutru.forms import queries, services
from luutru.forms.render import CONTENT_TYPES


def _attachment(content: bytes, fmt: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def plan_xlsx(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = queries.visible_plan(request.user, plan_id)
    if plan is None:
        raise Http404("Không tìm thấy danh mục hồ sơ.")
    try:
        data = services.export_plan_xlsx(plan)
    except RuleViolation as error:
        refuse(request, error)
        return redirect("filing:plan_detail", plan.pk)
    code = plan.org.code or plan.org.pk
    return _attachment(data, "xlsx", f"danh-muc-ho-so-{code}-{plan.year}.xlsx")


def dossier_index_xlsx(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = queries.visible_dossier(request.user, dossier_id)
    if dossier is None:
        raise Http404("Không tìm thấy hồ sơ.")
    if current_index(dossier) is None:
        messages.error(request, "Hồ sơ chưa kết thúc nên chưa có mục lục văn bản.")
        return redirect("filing:dossier_detail", dossier.pk)
    record_secret_read(request.user, dossier, "index.xlsx")
    return _attachment(
        services.export_index_xlsx(request.user, dossier),
        "xlsx",
        f"muc-luc-van-ban-{dossier.file_catalog}-{dossier.file_notation}.xlsx",
    )


def _deposit_or_404(request: HttpRequest, deposit_id: int):
    deposit = queries.visible_deposit(request.user, deposit_id)
    if deposit is None:
        raise Http404("Không tìm thấy đợt nộp lưu.")
    return deposit


def _record_secret_rows(user, deposit, how: str) -> None:
    """The secret dossiers a deposit's export names for ``user``."""
    rows = deposit_rows(user, deposit)
    # Every row of a deposit names its item (only a fonds list's rows have none).
    shown = [
        ("dossier", r.item.dossier_id, r.secrecy) for r in rows if r.visible and r.item is not None
    ]
    record_secret_reads(user, shown, how, about=deposit)


def deposit_list_xlsx(request: HttpRequest, deposit_id: int) -> HttpResponse:
    deposit = _deposit_or_404(request, deposit_id)
    _record_secret_rows(request.user, deposit, "list.xlsx")
    return _attachment(
        services.deposit_list_xlsx(request.user, deposit),
        "xlsx",
        f"muc-luc-nop-luu-{deposit.pk}.xlsx",
    )


def handover_docx(request: HttpRequest, deposit_id: int) -> HttpResponse:
    deposit = _deposit_or_404(request, deposit_id)
    _record_secret_rows(request.user, deposit, "handover.docx")
    return _attachment(
        services.handover_docx(request.user, deposit),
        "docx",
        f"bien-ban-giao-nhan-{deposit.pk}.docx",
    )
