"""Views: parse the request, call a query, render."""

import hashlib
import re
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from luutru.audit.services import record
from luutru.core.errors import RuleViolation
from luutru.core.outcomes import refuse
from luutru.orgs import queries, spreadsheet
from luutru.orgs.authority import administered_paths
from luutru.orgs.forms import OrgSearchForm
from luutru.orgs.models import Organization


def tree(request: HttpRequest) -> HttpResponse:
    """The organization tree from its roots, or the bodies matching a search."""
    form = OrgSearchForm(request.GET or None)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    context = {"form": form, "q": q, "can_import": administered_paths(request.user) != []}
    if q:
        context["results"], context["total"] = queries.search_orgs(q)
        context["limit"] = queries.SEARCH_LIMIT
    else:
        context["nodes"] = queries.root_orgs()
    template = "orgs/tree.html"
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "org-tree":
        template += "#tree-body"
    return render(request, template, context)


def children(request: HttpRequest, org_id: int) -> HttpResponse:
    """The direct children of one body, as list items for the lazy tree."""
    parent, nodes = queries.children_of(org_id)
    return render(request, "orgs/tree.html#children", {"parent": parent, "nodes": nodes})


def detail(request: HttpRequest, org_id: int) -> HttpResponse:
    """One body: facts, fonds, units, terms, history and members."""
    return render(request, "orgs/detail.html", {"d": queries.org_detail(request.user, org_id)})


# --- bodies and people from a spreadsheet (issue 13) ----------------------------------------

IMPORT_HELP = (
    "Tải danh sách hiện có về (cùng mẫu), sửa hoặc thêm dòng trong Excel, rồi tải tệp lên: "
    "hệ thống kiểm tra từng dòng trước, chưa thay đổi gì."
)


def _may_import(request: HttpRequest) -> None:
    if administered_paths(request.user) == []:
        raise PermissionDenied("Chỉ quản trị viên mới nhập, xuất danh sách cơ quan và người dùng.")


def _staged(digest: str) -> Path:
    folder = Path(settings.DATA_DIR) / "orgs-imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{digest}.xlsx"


def import_orgs(request: HttpRequest) -> HttpResponse:
    """Upload a spreadsheet: the dry run lists every row's problem; then import."""
    _may_import(request)
    context: dict = {
        "help": IMPORT_HELP,
        "columns": spreadsheet.ORG_COLUMNS,
        "people_columns": spreadsheet.PEOPLE_COLUMNS,
    }
    if request.method != "POST":
        return render(request, "orgs/import.html", context)
    digest = request.POST.get("tep", "")
    upload = request.FILES.get("file")
    if upload is not None:
        if (upload.size or 0) > settings.LUUTRU_MAX_UPLOAD_BYTES:
            messages.error(request, "Tệp quá lớn: hãy chia nhỏ danh sách.")
            return redirect("orgs:import")
        data = upload.read()
        digest = hashlib.sha256(data).hexdigest()
        _staged(digest).write_bytes(data)
    elif not re.fullmatch(r"[0-9a-f]{64}", digest) or not _staged(digest).exists():
        messages.error(request, "Chưa có tệp: hãy chọn tệp Excel (.xlsx) rồi bấm “Kiểm tra”.")
        return redirect("orgs:import")
    else:
        data = _staged(digest).read_bytes()
    try:
        if "nhap" in request.POST and upload is None:
            plan = spreadsheet.apply(request.user, data)
            _staged(digest).unlink(missing_ok=True)
            messages.success(
                request,
                f"Đã nhập: thêm {len(plan.orgs_new)} cơ quan, sửa {len(plan.orgs_changed)}, "
                f"thêm {len(plan.people_new)} người. Xem cây tổ chức bên dưới.",
            )
            return redirect("orgs:tree")
        plan = spreadsheet.check(request.user, data)
    except RuleViolation as error:
        refuse(request, error, "Chưa nhập gì. Lý do:")
        return redirect("orgs:import")
    context.update(plan=plan, digest=digest, filename=getattr(upload, "name", ""))
    return render(request, "orgs/import.html", context)


def export_orgs(request: HttpRequest) -> HttpResponse:
    """The bodies the user administers (and their people), in the import layout."""
    _may_import(request)
    paths = administered_paths(request.user)
    orgs = Organization.objects.select_related("parent", "fonds").order_by("path")
    if paths is not None:
        scope = Q()
        for p in paths:
            scope |= Q(path__startswith=p)
        orgs = orgs.filter(scope)
    record(request.user, "orgs.export", None, after={"bodies": orgs.count()})
    response = HttpResponse(
        spreadsheet.export(orgs),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="co-quan-va-nguoi.xlsx"'
    return response
