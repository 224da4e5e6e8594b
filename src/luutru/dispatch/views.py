"""Outgoing pages by role: the drafter's drafts and what to file, the head's
approvals, the clerk's issue queue; one page per document with what to do next.

Views parse, call a service, render. An outgoing document the user may not open
answers 404 (its subject stays hidden)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from luutru.access.policy import can_view, record_secret_read
from luutru.core.errors import RuleViolation
from luutru.core.outcomes import perform, refuse, refuse_on_form
from luutru.core.params import id_param
from luutru.core.requests import SignedInRequest
from luutru.dispatch import queries, services
from luutru.dispatch.forms import CommentForm, DraftForm, FileIntoForm, IssueForm, ReasonForm
from luutru.dispatch.models import CorrectionKind, Outgoing, OutgoingState
from luutru.orgs.models import Organization
from luutru.registry.models import Direction, Document
from luutru.registry.queries import documents_visible_to, upload_orgs
from luutru.storage.services import open_blob


def _visible_or_404(request: SignedInRequest, pk: int) -> Outgoing:
    return get_object_or_404(queries.outgoing_visible_to(request.user), pk=pk)


def index(request: SignedInRequest) -> HttpResponse:
    """Everything outgoing that waits for this user, by what they do."""
    user = request.user
    orgs = list(upload_orgs(user))
    context = {
        "drafts": list(queries.my_drafts(user)),
        "to_file": list(queries.to_file(user)),
        "to_approve": list(queries.to_approve(user)),
        "to_issue": list(queries.to_issue(user)),
        "to_answer": list(queries.to_answer(user)),
        "issued": list(queries.issued_by_orgs(user, [o.pk for o in orgs])[:30]),
        "can_draft": bool(orgs),
    }
    return render(request, "dispatch/index.html", context)


def _draft_org(request: SignedInRequest) -> tuple[Organization | None, list[Organization]]:
    orgs = list(upload_orgs(request.user))
    wanted = id_param(request.GET, "co-quan", label="cơ quan")
    if wanted is None and request.method == "POST":
        wanted = id_param(request.POST, "org", label="cơ quan")
    chosen = next((o for o in orgs if o.pk == wanted), orgs[0] if orgs else None)
    return chosen, orgs


def _answered(request: SignedInRequest, org: Organization) -> Document | None:
    doc_id = id_param(request.GET, "tra-loi", label="văn bản đến được trả lời")
    if doc_id is None and request.method == "POST":
        doc_id = id_param(request.POST, "answers", label="văn bản đến được trả lời")
    if doc_id is None:
        return None
    return (
        documents_visible_to(request.user)
        .filter(pk=doc_id, org=org, direction=Direction.INCOMING)
        .first()
    )


def _corrected(request: SignedInRequest) -> tuple[Outgoing | None, str]:
    params = request.POST if request.method == "POST" else request.GET
    pk = id_param(params, "sua", label="văn bản được đính chính")
    if pk is None:
        return None, ""
    kind = params.get("kieu", "")
    if kind not in (CorrectionKind.CORRECTION, CorrectionKind.REPLACEMENT):
        kind = CorrectionKind.CORRECTION
    return _visible_or_404(request, pk), kind


def new_draft(request: SignedInRequest) -> HttpResponseBase:
    """Draft an outgoing document (optionally answering an incoming one, or
    correcting or replacing an issued one)."""
    corrected, kind = _corrected(request)
    org, orgs = _draft_org(request)
    if corrected is not None:
        org = corrected.org
        failures = services.correction_failures(request.user, corrected)
        if failures:
            refuse(request, RuleViolation(*failures))
            return redirect("dispatch:detail", corrected.pk)
    if org is None:
        messages.error(
            request, "Bạn không làm việc tại cơ quan nào nên không soạn được văn bản đi."
        )
        return redirect("dispatch:index")
    answers = _answered(request, org)
    initial: dict[str, Any] = {}
    if corrected is not None:
        label = CorrectionKind(kind).label
        initial = {
            "doc_type": corrected.doc_type_id,
            "subject": f"{label} {corrected.subject}"[:500],
            "recipients": [r.org_id for r in corrected.recipients.all() if r.org_id],
            "outside": "\n".join(r.name for r in corrected.recipients.all() if r.org_id is None),
        }
    elif answers is not None:
        initial = {"subject": f"Trả lời {answers.symbol_display or ''} về {answers.subject}"[:500]}
    form = DraftForm(
        request.user, org, request.POST or None, request.FILES or None, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            o = services.create_draft(
                request.user,
                org,
                fields=form.service_fields(),
                recipients=form.recipient_lines(),
                content=upload.read(),
                filename=upload.name,
                dossier=form.cleaned_data.get("dossier"),
                answers=answers,
                corrects=corrected.document if corrected is not None else None,
                correction_kind=kind,
            )
        except RuleViolation as exc:
            refuse_on_form(form, exc)
        else:
            messages.success(
                request,
                "Đã lưu dự thảo. Việc tiếp theo: kiểm tra lại rồi bấm “Trình lãnh đạo duyệt”.",
            )
            return redirect("dispatch:detail", o.pk)
    return render(
        request,
        "dispatch/draft_form.html",
        {
            "form": form,
            "org": org,
            "orgs": orgs,
            "answers": answers,
            "corrected": corrected,
            "kind": kind,
            "kind_label": CorrectionKind(kind).label if corrected is not None else "",
        },
    )


def edit_draft(request: SignedInRequest, pk: int) -> HttpResponseBase:
    o = _visible_or_404(request, pk)
    if not (services.is_drafter(request.user, o) and o.is_editable):
        messages.error(
            request, "Chỉ người soạn thảo sửa được dự thảo, khi đang soạn hoặc bị trả lại."
        )
        return redirect("dispatch:detail", o.pk)
    initial = {
        "doc_type": o.doc_type_id,
        "subject": o.subject,
        "secrecy": o.secrecy,
        "urgency": o.urgency,
        "signer_full_name": o.signer_full_name,
        "signer_position": o.signer_position,
        "dossier": o.dossier_id,
        "recipients": [r.org_id for r in o.recipients.all() if r.org_id],
        "purpose": next((r.purpose for r in o.recipients.all() if r.org_id), "để thực hiện"),
        "outside": "\n".join(r.name for r in o.recipients.all() if r.org_id is None),
    }
    form = DraftForm(
        request.user,
        o.org,
        request.POST or None,
        request.FILES or None,
        initial=initial,
        editing=True,
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        try:
            services.update_draft(
                request.user,
                o,
                fields=form.service_fields(),
                recipients=form.recipient_lines(),
                content=upload.read() if upload else None,
                filename=upload.name if upload else "",
                note=form.cleaned_data.get("note") or "",
                dossier=form.cleaned_data.get("dossier"),
            )
        except RuleViolation as exc:
            refuse_on_form(form, exc)
        else:
            messages.success(request, "Đã lưu. Việc tiếp theo: bấm “Trình lãnh đạo duyệt”.")
            return redirect("dispatch:detail", o.pk)
    return render(request, "dispatch/draft_form.html", {"form": form, "org": o.org, "outgoing": o})


def detail(request: SignedInRequest, pk: int) -> HttpResponse:
    o = _visible_or_404(request, pk)
    user = request.user
    record_secret_read(user, o, "page")
    answers = o.answers if o.answers is not None and can_view(user, o.answers, "document") else None
    context = {
        "o": o,
        "versions": list(
            o.versions.select_related("uploaded_by", "uploaded_by__person").order_by("-number")
        ),
        "reviews": list(o.reviews.select_related("by", "by__person", "version")),
        "recipients": list(o.recipients.select_related("org")),
        "deliveries": queries.deliveries(o),
        "links": queries.links_of(o),
        "answers": answers,
        "is_drafter": services.is_drafter(user, o),
        "can_approve": services.can_approve(user, o) and o.state == OutgoingState.SUBMITTED,
        "can_issue": services.can_issue(user, o) and o.state == OutgoingState.APPROVED,
        "can_recall": services.can_recall(user, o) and o.state == OutgoingState.ISSUED,
        "can_correct": not services.correction_failures(user, o),
        "issue_form": IssueForm(),
        "comment_form": CommentForm(),
        "reason_form": ReasonForm(),
        "file_form": FileIntoForm(user, o.org) if services.is_drafter(user, o) else None,
        "unfiled": queries.to_file(user).filter(pk=o.pk).exists(),
    }
    return render(request, "dispatch/detail.html", context)


@require_POST
def submit(request: SignedInRequest, pk: int) -> HttpResponseBase:
    o = _visible_or_404(request, pk)
    return perform(
        request,
        lambda: services.submit(request.user, o),
        done="Đã trình lãnh đạo duyệt. Khi lãnh đạo duyệt, văn thư sẽ cấp số và phát hành.",
        to=("dispatch:detail", o.pk),
        intro="Chưa trình duyệt được; không có gì thay đổi. Lý do:",
    )


def _review(request: SignedInRequest, pk: int, approving: bool) -> HttpResponseBase:
    """The head's decision on a submitted draft, with the comment typed (if any)."""
    o = _visible_or_404(request, pk)
    form = CommentForm(request.POST)
    comment = form.cleaned_data.get("comment", "") if form.is_valid() else ""
    step = services.approve if approving else services.return_draft
    return perform(
        request,
        lambda: step(request.user, o, comment),
        done="Đã duyệt. Văn bản chuyển sang danh sách chờ phát hành của văn thư."
        if approving
        else "Đã trả lại dự thảo cho người soạn kèm ý kiến.",
        to=("dispatch:detail", o.pk),
        intro=f"Chưa {'duyệt' if approving else 'trả lại'} được; không có gì thay đổi. Lý do:",
    )


@require_POST
def approve(request: SignedInRequest, pk: int) -> HttpResponseBase:
    return _review(request, pk, approving=True)


@require_POST
def return_draft(request: SignedInRequest, pk: int) -> HttpResponseBase:
    return _review(request, pk, approving=False)


@require_POST
def issue(request: SignedInRequest, pk: int) -> HttpResponseBase:
    o = _visible_or_404(request, pk)
    form = IssueForm(request.POST, request.FILES)
    if not form.is_valid():
        refuse(
            request,
            RuleViolation(*[str(e) for errors in form.errors.values() for e in errors]),
            "Chưa phát hành được; không có gì thay đổi. Lý do:",
        )
        return redirect("dispatch:detail", o.pk)
    upload = form.cleaned_data["file"]

    def run() -> services.Issued:
        return services.issue(
            request.user,
            o,
            content=upload.read(),
            filename=upload.name,
            issued_date=form.cleaned_data.get("issued_date"),
        )

    def done(result: services.Issued) -> str:
        for w in result.warnings:
            messages.info(request, w)
        doc = result.outgoing.document
        assert doc is not None
        return f"Đã cấp số {doc.symbol_display} và phát hành văn bản."

    return perform(
        request,
        run,
        done=done,
        to=("dispatch:detail", o.pk),
        intro="Chưa phát hành được; không có gì thay đổi, chưa cấp số. Lý do:",
    )


@require_POST
def recall(request: SignedInRequest, pk: int) -> HttpResponseBase:
    o = _visible_or_404(request, pk)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return perform(
        request,
        lambda: services.recall(request.user, o, reason),
        done="Đã thu hồi văn bản. Số của văn bản không cấp lại; các nơi nhận trong hệ thống đã được báo.",
        to=("dispatch:detail", o.pk),
        intro="Chưa thu hồi được; không có gì thay đổi. Lý do:",
    )


@require_POST
def file_into(request: SignedInRequest, pk: int) -> HttpResponseBase:
    o = _visible_or_404(request, pk)
    form = FileIntoForm(request.user, o.org, request.POST)
    if not form.is_valid():
        refuse(request, RuleViolation(*[str(e) for errors in form.errors.values() for e in errors]))
        return redirect("dispatch:detail", o.pk)
    dossier = form.cleaned_data["dossier"]
    return perform(
        request,
        lambda: services.file_registered_copy(request.user, o, dossier),
        done=f"Đã đưa văn bản vào hồ sơ “{dossier.file_notation} – {dossier.title}”.",
        to=("dispatch:detail", o.pk),
        intro="Chưa đưa được vào hồ sơ; không có gì thay đổi. Lý do:",
    )


def version_download(request: SignedInRequest, pk: int, number: int) -> HttpResponseBase:
    o = _visible_or_404(request, pk)
    version = o.versions.filter(number=number).select_related("blob").first()
    if version is None:
        raise Http404
    record_secret_read(request.user, o, "version")
    return FileResponse(
        open_blob(version.blob),
        as_attachment=True,
        filename=version.filename,
        content_type=version.blob.mime,
    )


def package_download(request: SignedInRequest, pk: int) -> HttpResponseBase:
    o = _visible_or_404(request, pk)
    try:
        name, data = services.export_package(request.user, o)
    except RuleViolation as exc:
        refuse(request, exc)
        return redirect("dispatch:detail", o.pk)
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
