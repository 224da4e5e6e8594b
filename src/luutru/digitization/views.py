"""The digitization desk's pages: progress per fonds and the batches; a batch
(its dossiers, upload of scans); a dossier's scans with their quality check and
confirmation; a page's image and a scan's searchable PDF. Every read goes
through the paper dossier's access policy."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from luutru.access.policy import record_secret_read, require_view
from luutru.core.errors import RuleViolation
from luutru.core.outcomes import perform
from luutru.core.params import as_int
from luutru.digitization import quality, queries, services
from luutru.digitization.models import Batch, Digitized, Page, Scan, ScanState
from luutru.holdings import queries as holdings
from luutru.holdings.models import Box, Inventory, PaperDossier
from luutru.storage.services import open_blob

REFUSED = "Chưa làm được; không có gì thay đổi. Lý do:"


def _digitizable(user) -> list[Inventory]:
    invs = holdings.inventories(user).select_related("fonds__org").order_by("fonds__code", "number")
    return [inv for inv in invs if services.can_digitize(user, inv)]


@login_required
def index(request: HttpRequest) -> HttpResponse:
    choices = _digitizable(request.user)
    if request.method == "POST":
        inv = next((i for i in choices if i.pk == as_int(request.POST.get("muc_luc"))), None)
        raw_box = request.POST.get("hop", "").strip()
        number = as_int(raw_box, 1, 1_000_000)
        box = (
            Box.objects.filter(inventory=inv, number=number).first()
            if inv is not None and number
            else None
        )

        def start() -> Batch:
            problems = []
            if inv is None:
                problems.append("Chọn mục lục hồ sơ của lô quét.")
            if raw_box and box is None:
                problems.append(f"Không có hộp số “{raw_box[:20]}” trong mục lục đã chọn.")
            RuleViolation.check(problems)
            assert inv is not None
            return services.start_batch(request.user, inv, box, request.POST.get("ghi_chu", ""))

        return perform(
            request,
            start,
            done=lambda b: f"Đã mở lô quét số {b.pk}.",
            to=lambda b: ("digitization:batch", b.pk),
            refused_to="digitization:index",
            intro="Chưa mở được lô quét; không có gì thay đổi. Lý do:",
        )
    return render(
        request,
        "digitization/index.html",
        {
            "progress": queries.progress(request.user),
            "batches": queries.batches(request.user),
            "choices": choices,
        },
    )


def _batch(request: HttpRequest, pk: int) -> Batch:
    batch = get_object_or_404(Batch.objects.select_related("inventory__fonds__org", "box"), pk=pk)
    require_view(request.user, batch.inventory, "inventory")
    return batch


@login_required
def batch(request: HttpRequest, pk: int) -> HttpResponse:
    b = _batch(request, pk)
    can = services.can_digitize(request.user, b.inventory)
    if request.method == "POST" and request.POST.get("viec") == "xep_lai":
        return perform(
            request,
            lambda: services.requeue(request.user, b),
            done=lambda n: f"Đã đưa lại {n} tệp vào hàng đợi nhận dạng.",
            to=("digitization:batch", b.pk),
            intro=REFUSED,
        )
    if request.method == "POST":
        dossier = (
            services.batch_dossiers(b).filter(pk=as_int(request.POST.get("ho_so"))).first()
            if can
            else None
        )
        files = request.FILES.getlist("tep")

        def upload() -> list[Scan]:
            if not can:
                raise RuleViolation("Chỉ lưu trữ viên của phông này được tải bản quét lên.")
            problems = []
            if dossier is None:
                problems.append("Chọn hồ sơ của các trang quét.")
            if not files:
                problems.append("Chưa chọn tệp ảnh quét hoặc PDF.")
            RuleViolation.check(problems)
            assert dossier is not None
            with transaction.atomic():
                return [
                    services.add_scan(request.user, b, dossier, f.name or "", f.read())
                    for f in files
                ]

        return perform(
            request,
            upload,
            done=lambda scans: (
                f"Đã nhận {len(scans)} tệp; máy chủ đang nhận dạng chữ và kiểm tra chất lượng "
                "(tải lại trang sau ít phút)."
            ),
            to=("digitization:batch", b.pk),
            intro="Chưa nhận tệp nào; không có gì thay đổi. Lý do:",
        )
    return render(
        request,
        "digitization/batch.html",
        {
            "batch": b,
            "rows": queries.dossier_rows(request.user, services.batch_dossiers(b)),
            "can": can and b.is_open,
            "waiting": b.scans.filter(state=ScanState.QUEUED).count(),
        },
    )


@login_required
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    b = _batch(request, pk)
    return perform(
        request,
        lambda: services.close_batch(request.user, b),
        done="Đã đóng lô quét; hộp đã được ghi trả về giá.",
        to=("digitization:batch", b.pk),
        intro=REFUSED,
    )


def _dossier(request: HttpRequest, pk: int) -> PaperDossier:
    d = get_object_or_404(
        PaperDossier.objects.select_related("org", "inventory__fonds__org", "box"), pk=pk
    )
    require_view(request.user, d, "paperdossier")
    return d


@login_required
def dossier(request: HttpRequest, pk: int) -> HttpResponse:
    d = _dossier(request, pk)
    if request.method == "POST":
        return perform(
            request,
            lambda: services.confirm(request.user, d, request.POST.get("ghi_chu", "")),
            done="Đã xác nhận hồ sơ số hóa xong.",
            to=("digitization:dossier", d.pk),
            intro="Chưa xác nhận được; không có gì thay đổi. Lý do:",
        )
    scans = queries.scans_of(d)
    if scans:
        record_secret_read(request.user, d, "digitized", object_type="paperdossier")
    return render(
        request,
        "digitization/dossier.html",
        {
            "d": d,
            "scans": scans,
            "check": quality.check(d),
            "done": Digitized.objects.filter(dossier=d).select_related("by").first(),
            "can": services.can_digitize(request.user, d.inventory),
            "blank_percent": f"{quality.BLANK_INK * 100:.1f}".replace(".", ","),
            "skew_limit": quality.SKEW_DEGREES,
        },
    )


@login_required
def page_image(request: HttpRequest, pk: int) -> HttpResponse:
    """A scanned page as JPEG (access-checked like its paper dossier)."""
    page = get_object_or_404(Page.objects.select_related("scan__dossier", "preview"), pk=pk)
    require_view(request.user, page.scan.dossier, "paperdossier")
    record_secret_read(request.user, page.scan.dossier, "image", object_type="paperdossier")
    with open_blob(page.preview) as f:
        data = f.read()
    response = HttpResponse(data, content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=300"
    return response


@login_required
def scan_file(request: HttpRequest, pk: int) -> HttpResponse:
    """A scan as a searchable PDF (its OCR's PDF/A), or the file as uploaded."""
    scan = get_object_or_404(Scan.objects.select_related("dossier", "blob", "ocr_pdf"), pk=pk)
    require_view(request.user, scan.dossier, "paperdossier")
    blob = scan.ocr_pdf or scan.blob
    if blob is None:
        raise Http404
    record_secret_read(request.user, scan.dossier, "file", object_type="paperdossier")
    with open_blob(blob) as f:
        data = f.read()
    response = HttpResponse(data, content_type=blob.mime)
    name = f"ho-so-{scan.dossier.number}-tep-{scan.position}"
    ext = "pdf" if blob.mime == "application/pdf" else scan.kind
    response["Content-Disposition"] = f'inline; filename="{name}.{ext}"'
    return response
