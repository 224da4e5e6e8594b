"""Capture screens: upload (files, folder, ZIP), a batch's progress, the review of one file.

A batch or item the user may not follow answers 404, never 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from luutru.access.policy import Denied, can_view, record_secret_read, record_secret_reads
from luutru.capture import bundle, queries, registering, report, services, steps
from luutru.capture.forms import ReviewForm, UploadForm, low_form_fields
from luutru.capture.models import ImportBatch, ImportItem, ItemState
from luutru.core.errors import RuleViolation
from luutru.core.outcomes import refuse_on_form
from luutru.registry import queries as registry_queries
from luutru.storage.services import open_blob

BATCH_ITEMS_SHOWN = 500


def _batch_or_404(request: HttpRequest, batch_id: int) -> ImportBatch:
    batch = get_object_or_404(ImportBatch.objects.select_related("org", "created_by"), pk=batch_id)
    if not queries.can_see_batch(request.user, batch):
        raise Http404
    return batch


def _item_or_404(request: HttpRequest, item_id: int) -> ImportItem:
    item = get_object_or_404(
        ImportItem.objects.select_related("batch", "batch__org", "document", "blob"), pk=item_id
    )
    # The item's level (parsed, suspected or its document's) and its body decide.
    if not queries.can_see_item(request.user, item):
        raise Http404
    # Once registered, the document's own scope decides too.
    if item.document_id is not None and not can_view(request.user, item.document, "document"):
        raise Http404
    return item


def upload(request: HttpRequest) -> HttpResponse:
    """Choose files, a folder or a ZIP bundle; they are taken in and queued."""
    orgs = list(registry_queries.upload_orgs(request.user))
    to_review = list(queries.items_to_review(request.user)[:50])
    form = UploadForm(orgs, request.POST or None)
    if request.method == "POST" and orgs:
        files = request.FILES.getlist("files")
        if not files:
            form.add_error(None, "Chưa chọn tệp nào. Hãy chọn tệp, một thư mục hoặc một tệp ZIP.")
        elif form.is_valid():
            org = next(o for o in orgs if o.pk == form.cleaned_data["org"])
            label = (files[0].name or "") if len(files) == 1 else f"{len(files)} tệp"
            try:
                batch = services.submit(
                    request.user,
                    org,
                    bundle.from_uploads(files, request.POST.getlist("paths")),
                    label=label,
                    direction=form.cleaned_data["direction"],
                )
            except RuleViolation as exc:
                refuse_on_form(form, exc)
            else:
                return redirect("capture:batch", batch_id=batch.pk)
    # A list showing what the parser read from secret files is a read of them.
    record_secret_reads(request.user, to_review, "list", about_type="capture_list")
    return render(
        request,
        "capture/upload.html",
        {
            "form": form,
            "orgs": orgs,
            "batches": _labelled(request.user, queries.batches_for(request.user)[:20]),
            "to_review": to_review,
            "max_bytes": bundle.size_text(bundle.max_bytes()),
        },
    )


def _labelled(user, batches) -> list[ImportBatch]:
    out = list(batches)
    for b in out:
        b.shown_label = queries.batch_label(user, b)
    return out


def batch_detail(request: HttpRequest, batch_id: int) -> HttpResponse:
    """Counts per state, a progress bar and the outcome of every file the user may
    read (the others are counted, never named); polled while running."""
    batch = _batch_or_404(request, batch_id)
    counts = queries.counts(request.user, batch)
    items = list(queries.visible_items(request.user, batch).order_by("id")[:BATCH_ITEMS_SHOWN])
    if not request.headers.get("HX-Request"):  # the progress polls repeat the same page
        record_secret_reads(request.user, items, "page", about=batch)
    context = {
        "batch": batch,
        "label": queries.batch_label(request.user, batch),
        "counts": counts,
        "items": items,
        "percent": int(100 * counts["all_finished"] / counts["all"]) if counts["all"] else 100,
        "running": batch.finished_at is None,
        "more": max(counts["total"] - BATCH_ITEMS_SHOWN, 0),
    }
    template = "capture/batch.html"
    if request.headers.get("HX-Request"):
        template += "#progress"
    return render(request, template, context)


def batch_report(request: HttpRequest, batch_id: int) -> HttpResponse:
    """The batch's import report as XLSX: one row per file the reader may see
    (what was read, with confidences), so a clerk checks a bundle in a spreadsheet."""
    batch = _batch_or_404(request, batch_id)
    items = [
        i
        for i in queries.visible_items(request.user, batch)
        .prefetch_related("document__citations")
        .order_by("name", "pk")
        # A registered file is judged by its document's scope too, as on its own page.
        if i.document_id is None or can_view(request.user, i.document, "document")
    ]
    record_secret_reads(request.user, items, "report.xlsx", about=batch)
    response = HttpResponse(
        report.as_xlsx(
            items, title=f"Báo cáo đợt nhập: {queries.batch_label(request.user, batch)}"
        ),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="bao-cao-dot-nhap-{batch.pk}.xlsx"'
    return response


def review(request: HttpRequest, item_id: int) -> HttpResponse:
    """The page image beside the parsed fields; confirm or correct in one pass."""
    item = _item_or_404(request, item_id)
    if request.method == "POST" and not queries.may_work_on(request.user, item.batch):
        raise Http404
    org = item.batch.org
    low = low_form_fields(item.parsed, registering.REVIEW_THRESHOLD)
    initial = services.item_metadata(item) if item.state == ItemState.REVIEW else {}
    form = ReviewForm(
        org,
        request.POST or None,
        initial=initial,
        low=low,
        actor=request.user,
        current_secrecy=item.level,
    )
    if request.method == "POST" and item.state == ItemState.REVIEW and form.is_valid():
        try:
            doc = services.confirm_item(request.user, item, form.metadata(), reason=form.reason())
        except RuleViolation as exc:
            form.add_refusal(exc)
        except Denied as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Đã xác nhận và vào sổ văn bản “{doc.subject}”.")
            return redirect("capture:batch", batch_id=item.batch_id)
    record_secret_read(request.user, item, "review")
    return render(
        request,
        "capture/review.html",
        {"item": item, "form": form, "org": org, "low": low, "has_image": _has_image(item)},
    )


def _has_image(item: ImportItem) -> bool:
    # An office file is shown through its PDF/A copy.
    return item.blob_id is not None and (
        item.kind in ("pdf", "png", "jpeg") or item.ocr_blob_id is not None
    )


def page_image(request: HttpRequest, item_id: int) -> HttpResponse:
    """Page 1 of the item's file as PNG (access-checked like the item)."""
    item = _item_or_404(request, item_id)
    if not _has_image(item):
        raise Http404
    # The OCR'd PDF/A has upside-down pages turned the right way up.
    if item.ocr_blob is not None:
        source, kind = item.ocr_blob, "pdf"
    elif item.blob is not None:
        source, kind = item.blob, item.kind
    else:
        raise Http404
    with open_blob(source) as f:
        data = f.read()
    record_secret_read(request.user, item, "image")
    try:
        png = steps.page_image(data, kind)
    except Exception:  # a file that cannot be drawn: say so instead of a broken image
        raise Http404 from None
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "private, max-age=300"
    return response


@require_POST
def retry(request: HttpRequest, batch_id: int) -> HttpResponse:
    """Queue again the unfinished items of a batch (after workers were down)."""
    batch = _batch_or_404(request, batch_id)
    if not queries.may_work_on(request.user, batch):
        raise Http404
    n = services.enqueue(batch)
    messages.info(request, f"Đã đưa lại {n} tệp vào hàng đợi xử lý.")
    return redirect("capture:batch", batch_id=batch.pk)
