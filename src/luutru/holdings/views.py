"""The paper holdings' pages: fonds → inventory → box → dossier (each under the
access policy), box labels and dossier covers as PDF, box moves, and the
catalogue import (upload → preview with the column mapping → check → import)."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from luutru.access.policy import has_role, require_view
from luutru.core.errors import RuleViolation
from luutru.core.outcomes import perform, refuse
from luutru.core.params import as_int
from luutru.holdings import importer, labels, queries, services
from luutru.holdings.models import Box, Inventory, Location, PaperDossier, Place
from luutru.orgs.models import Fonds, Role

UPLOADS = Path(settings.DATA_DIR) / "holdings-uploads"


def _pdf(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


def _importable_fonds(user) -> list[Fonds]:
    return [
        f
        for f in Fonds.objects.select_related("org").order_by("code")
        if has_role(user, Role.ARCHIVIST, f.org)
    ]


@login_required
def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "holdings/index.html",
        {
            "rows": queries.fonds_rows(request.user),
            "can_import": bool(_importable_fonds(request.user)),
        },
    )


@login_required
def fonds(request: HttpRequest, pk: int) -> HttpResponse:
    f = get_object_or_404(Fonds, pk=pk)
    invs = queries.inventories(request.user).filter(fonds=f)
    if not invs.exists():
        raise Http404("Không có mục lục hồ sơ nào của phông này mà anh/chị được xem.")
    return render(
        request,
        "holdings/fonds.html",
        {"fonds": f, "inventories": invs, "figures": queries.figures(request.user, f)},
    )


@login_required
def inventory(request: HttpRequest, pk: int) -> HttpResponse:
    inv = get_object_or_404(Inventory.objects.select_related("fonds"), pk=pk)
    require_view(request.user, inv, "inventory")
    loose = queries.dossiers(request.user).filter(inventory=inv, box__isnull=True)
    return render(
        request,
        "holdings/inventory.html",
        {"inv": inv, "boxes": queries.box_rows(request.user, inv), "loose": loose[:200]},
    )


@login_required
def box(request: HttpRequest, pk: int) -> HttpResponse:
    b = get_object_or_404(
        Box.objects.select_related("inventory__fonds__org", "location__parent__parent__parent"),
        pk=pk,
    )
    require_view(request.user, b, "box")
    if request.method == "POST":
        day = None
        try:
            day = dt.datetime.strptime(request.POST.get("ngay", "").strip(), "%d/%m/%Y").date()
        except ValueError:
            pass
        return perform(
            request,
            lambda: services.move_box(
                request.user, b, request.POST.get("noi", ""), day, request.POST.get("ghi_chu", "")
            ),
            done="Đã ghi việc chuyển hộp.",
            to=("holdings:box", b.pk),
            intro="Chưa ghi được việc chuyển hộp; không có gì thay đổi. Lý do:",
        )
    rows = queries.dossiers(request.user).filter(box=b).order_by("number")
    return render(
        request,
        "holdings/box.html",
        {
            "box": b,
            "dossiers": rows,
            "movements": b.movements.select_related("by")[:50],
            "places": Place.choices,
            "can_manage": services.can_manage(request.user, b),
        },
    )


def _box_url(request: HttpRequest):
    return lambda b: request.build_absolute_uri(reverse("holdings:box", args=[b.pk]))


@login_required
def box_label(request: HttpRequest, pk: int) -> HttpResponse:
    b = get_object_or_404(Box.objects.select_related("inventory__fonds", "location"), pk=pk)
    require_view(request.user, b, "box")
    return _pdf(
        labels.box_labels_pdf(request.user, [b], _box_url(request)), f"nhan-hop-{b.number}.pdf"
    )


@login_required
def inventory_labels(request: HttpRequest, pk: int) -> HttpResponse:
    inv = get_object_or_404(Inventory.objects.select_related("fonds"), pk=pk)
    require_view(request.user, inv, "inventory")
    bx = list(
        queries.boxes(request.user)
        .filter(inventory=inv)
        .select_related("inventory__fonds", "location__parent__parent__parent")
        .order_by("number")
    )
    start = as_int(request.GET.get("tu"), 1) or 1
    end = as_int(request.GET.get("den"), 1) or (bx[-1].number if bx else 1)
    bx = [b for b in bx if start <= b.number <= end][:500]
    if not bx:
        messages.error(request, "Không có hộp nào trong khoảng đã chọn.")
        return redirect("holdings:inventory", inv.pk)
    return _pdf(
        labels.box_labels_pdf(request.user, bx, _box_url(request)),
        f"nhan-hop-muc-luc-{inv.number}.pdf",
    )


@login_required
def dossier(request: HttpRequest, pk: int) -> HttpResponse:
    d = get_object_or_404(
        PaperDossier.objects.select_related(
            "org", "inventory__fonds", "box__location__parent__parent__parent"
        ),
        pk=pk,
    )
    require_view(request.user, d, "paperdossier")
    return render(request, "holdings/dossier.html", {"d": d})


@login_required
def dossier_cover(request: HttpRequest, pk: int) -> HttpResponse:
    d = get_object_or_404(PaperDossier.objects.select_related("inventory__fonds", "box"), pk=pk)
    require_view(request.user, d, "paperdossier")
    url = request.build_absolute_uri(reverse("holdings:dossier", args=[d.pk]))
    return _pdf(labels.cover_pdf(d, url), f"bia-ho-so-{d.number}.pdf")


# --- import -------------------------------------------------------------------------------


def _stored(token: str) -> Path | None:
    if not token or len(token) > 80 or not all(c.isalnum() or c in "._" for c in token):
        return None
    path = UPLOADS / token
    return path if path.is_file() else None


def _mapping_from(post, headers: list[str]) -> dict[str, int]:
    mapping = {}
    for f in importer.FIELDS:
        i = as_int(post.get(f"cot_{f}"), 0, max(len(headers) - 1, 0))
        if post.get(f"cot_{f}", "") != "" and i is not None:
            mapping[f] = i
    return mapping


@login_required
def import_catalogue(request: HttpRequest) -> HttpResponse:
    choices = _importable_fonds(request.user)
    if not choices:
        raise Http404("Chỉ lưu trữ viên được nhập mục lục hồ sơ.")
    ctx: dict = {"choices": choices, "fields": importer.FIELDS}
    if request.method != "POST":
        return render(request, "holdings/import.html", ctx)
    upload = request.FILES.get("tep")
    if upload is not None:
        data = upload.read()
        ext = Path(upload.name or "").suffix.lower()
        if ext not in (".xlsx", ".docx"):
            messages.error(request, "Chỉ nhận tệp Excel (.xlsx) hoặc Word (.docx) có bảng mục lục.")
            return render(request, "holdings/import.html", ctx)
        UPLOADS.mkdir(parents=True, exist_ok=True)
        token = hashlib.sha256(data).hexdigest() + ext
        (UPLOADS / token).write_bytes(data)
    else:
        token = request.POST.get("token", "")
    path = _stored(token)
    if path is None:
        messages.error(
            request, "Chưa chọn tệp mục lục (hoặc tệp đã tải lên không còn): chọn lại tệp."
        )
        return render(request, "holdings/import.html", ctx)
    fonds_id = as_int(request.POST.get("phong"))
    chosen = next((f for f in choices if f.pk == fonds_id), None)
    inv_number = as_int(request.POST.get("muc_luc"), 1, 100000)
    data = path.read_bytes()
    try:
        rows = importer.read_table(data, token)
    except RuleViolation as error:
        refuse(request, error, "Không đọc được tệp; không có gì thay đổi. Lý do:")
        return render(request, "holdings/import.html", ctx)
    pv = importer.preview(rows)
    mapping = pv.mapping if upload is not None else _mapping_from(request.POST, pv.headers)
    ctx.update(
        {"token": token, "pv": pv, "mapping": mapping, "chosen": chosen, "inv_number": inv_number}
    )
    action = request.POST.get("viec", "")
    if upload is not None or action not in ("kiem_tra", "nhap"):
        return render(request, "holdings/import.html", ctx)
    if chosen is None:
        messages.error(request, "Chọn phông lưu trữ nhận mục lục này.")
        return render(request, "holdings/import.html", ctx)
    if action == "kiem_tra":
        plan = importer.dry_run(rows, pv, mapping, chosen, inv_number)
        ctx["plan"] = plan
        return render(request, "holdings/import.html", ctx)
    try:
        plan = importer.apply(request.user, data, rows, pv, mapping, chosen, inv_number)
    except RuleViolation as error:
        ctx["plan"] = importer.Plan(problems=list(error.messages))
        messages.error(
            request, "Tệp có dòng sai (liệt kê dưới đây): chưa nhập gì. Sửa tệp rồi nhập lại."
        )
        return render(request, "holdings/import.html", ctx)
    path.unlink(missing_ok=True)
    messages.success(
        request,
        f"Đã nhập mục lục: thêm {plan.new} hồ sơ, sửa {plan.changed}, giữ nguyên {plan.same}; "
        f"thêm {plan.boxes_new} hộp, {plan.locations_new} vị trí trong kho.",
    )
    return redirect("holdings:fonds", chosen.pk)


@login_required
def repository(request: HttpRequest) -> HttpResponse:
    """Kho và giá: each place of the repository with the boxes on it, the shelf
    metres used, its capacity and what is free; the archivist records capacities."""
    keepers = services.repository_keepers(request.user)
    if not keepers:
        messages.info(
            request,
            "Chỉ lưu trữ viên của cơ quan có kho lưu trữ mới xem được kho và giá. Vị trí "
            "trong kho được tạo khi nhập mục lục hồ sơ có cột Kho, Giá, Khoang, Tầng.",
        )
        return render(request, "holdings/repository.html", {"keepers": [], "rows": []})
    wanted = as_int(request.POST.get("co_quan") or request.GET.get("co_quan"), min_value=1)
    keeper = next((k for k in keepers if k.pk == wanted), keepers[0])
    back = f"{reverse('holdings:repository')}?co_quan={keeper.pk}"
    if request.method == "POST":
        loc_id = as_int(request.POST.get("vi_tri"), min_value=1)
        location = Location.objects.filter(keeper=keeper, pk=loc_id).first() if loc_id else None
        if location is None:
            refuse(
                request,
                RuleViolation("Hãy chọn một vị trí trong kho của cơ quan này."),
                "Chưa ghi được sức chứa; không có gì thay đổi. Lý do:",
            )
            return redirect(back)
        return perform(
            request,
            lambda: services.set_capacity(
                request.user,
                location,
                request.POST.get("suc_chua_hop", ""),
                request.POST.get("suc_chua_met", ""),
            ),
            done=f"Đã ghi sức chứa của {location.label}.",
            to=back,
            intro="Chưa ghi được sức chứa; không có gì thay đổi. Lý do:",
        )
    rows = queries.occupancy(request.user, keeper)
    return render(
        request,
        "holdings/repository.html",
        {
            "keepers": keepers,
            "keeper": keeper,
            "rows": rows,
            "over": sum(1 for r in rows if r["over"]),
        },
    )
