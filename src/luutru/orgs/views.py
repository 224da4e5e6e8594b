"""Views: parse the request, call a query, render."""

import datetime as dt
import hashlib
import re
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from luutru.audit.services import record
from luutru.core.errors import RuleViolation
from luutru.core.outcomes import perform, refuse, refuse_on_form
from luutru.core.params import as_int
from luutru.orgs import queries, reorganize, services, spreadsheet, staff
from luutru.orgs.authority import administered_paths, may_manage_org
from luutru.orgs.forms import OrgSearchForm, ReorganizeForm
from luutru.orgs.models import Duty, Organization, Person, StaffDuty


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


# --- reorganization, dated, with a preview (issue 13) ---------------------------------------


def _org_by_code(code: str) -> Organization | None:
    return Organization.objects.filter(code=(code or "").strip()).first()


def _split_parts(text: str) -> list[reorganize.NewBody]:
    parts = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        code, sep, name = line.partition(";")
        if not sep or not code.strip() or not name.strip():
            raise RuleViolation(f"Dòng “{line.strip()}” phải có dạng “mã; tên”.")
        parts.append(reorganize.NewBody(code=code.strip(), name=name.strip()))
    return parts


def _reorganization(user, org: Organization, data: dict) -> tuple[Callable, reorganize.Preview]:
    """The operation the form asks for, and its preview; refused with reasons."""
    action, day, decision = data["action"], data["effective"], data["decision"]
    last_day = day - dt.timedelta(days=1)
    other = _org_by_code(data["other"]) if data["other"] else None
    if data["other"] and other is None:
        raise RuleViolation(f"Không có cơ quan mã “{data['other']}”.")
    if action == "rename":
        if not data["name"]:
            raise RuleViolation("Hãy ghi tên mới.")
        return (
            lambda: services.rename_org(
                user, org, name=data["name"], effective=day, decision=decision
            ),
            reorganize.preview([], None, last_day),
        )
    if action == "move":
        if other is None:
            raise RuleViolation("Hãy ghi mã cơ quan cấp trên mới.")
        return (
            lambda: services.reattach_org(user, org, other, day, decision),
            reorganize.preview([], None, last_day),
        )
    if action == "merge":
        if other is None or not data["code"] or not data["name"]:
            raise RuleViolation("Hãy ghi mã cơ quan hợp nhất cùng, mã và tên cơ quan mới.")
        new = reorganize.NewBody(code=data["code"], name=data["name"])
        return (
            lambda: reorganize.merge_into_new(
                user, [org, other], new, effective=day, decision=decision
            ),
            reorganize.preview([org, other], data["name"], last_day),
        )
    if action == "merge_into":
        if other is None:
            raise RuleViolation("Hãy ghi mã cơ quan nhận sáp nhập.")
        return (
            lambda: reorganize.merge_into_existing(user, org, other, last_day, decision=decision),
            reorganize.preview([org], other, last_day),
        )
    if action == "split":
        parts = _split_parts(data["parts"])
        if len(parts) < 2:
            raise RuleViolation("Chia tách cần ít nhất hai cơ quan mới (mỗi dòng “mã; tên”).")
        return (
            lambda: reorganize.split_body(user, org, parts, effective=day, decision=decision),
            reorganize.preview([org], parts[0].name, last_day),
        )
    if action == "dissolve":
        return (
            lambda: reorganize.dissolve(user, org, last_day, successor=other, decision=decision),
            reorganize.preview([org], other, last_day),
        )
    level = data["level"] or "district"
    ending = list(
        Organization.objects.filter(path__startswith=org.path, level=level, valid_to__isnull=True)
        .exclude(pk=org.pk)
        .order_by("path")
    )
    return (
        lambda: reorganize.dissolve_level(user, org, level, last_day, decision=decision),
        reorganize.preview(ending, None, last_day),
    )


def reorganize_org(request: HttpRequest, org_id: int) -> HttpResponse:
    """Rename, move, merge, split or dissolve a body on a date: preview, then confirm."""
    org = get_object_or_404(Organization.objects.select_related("parent", "fonds"), pk=org_id)
    if not may_manage_org(request.user, org):
        raise PermissionDenied("Bạn không quản trị cơ quan này nên không thể sắp xếp lại.")
    form = ReorganizeForm(request.POST or None)
    context: dict = {"org": org, "form": form}
    if request.method == "POST" and form.is_valid():
        try:
            run, shown = _reorganization(request.user, org, form.cleaned_data)
        except RuleViolation as error:
            refuse_on_form(form, error)
            return render(request, "orgs/reorganize.html", context)
        if "thuc_hien" in request.POST and not shown.failures:
            return perform(
                request,
                run,
                done="Đã sắp xếp lại tổ chức; lịch sử trước ngày hiệu lực giữ nguyên.",
                to=("orgs:detail", org.pk),
                refused_to=request.get_full_path(),
                intro="Chưa sắp xếp được; không có gì thay đổi. Lý do:",
            )
        context["preview"] = shown
    return render(request, "orgs/reorganize.html", context)


# --- the register of registry and archive staff (issue 13) ----------------------------------


def staff_register(request: HttpRequest) -> HttpResponse:
    """Who keeps the registry and the archive in each body overseen, and their training."""
    orgs = staff.overseen(request.user)
    if not orgs.exists():
        raise PermissionDenied(
            "Danh sách người làm văn thư, lưu trữ dành cho quản trị viên, lãnh đạo, "
            "người kiểm tra và lưu trữ viên."
        )
    today = timezone.localdate()
    rows = staff.register(orgs, today)
    if request.GET.get("xuat") == "xlsx":
        response = HttpResponse(
            staff.export(rows, today),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="van-thu-luu-tru.xlsx"'
        return response
    if request.method == "POST":
        return _staff_change(request)
    paginator = Paginator(rows, 100)
    page = paginator.get_page(request.GET.get("trang"))
    return render(
        request,
        "orgs/staff.html",
        {
            "page": page,
            "rows": [
                (row, [(d, staff.last_training(d), staff.untrained(d, today)) for d in row.duties])
                for row in page
            ],
            "without": sum(1 for r in rows if r.missing),
            "untrained": sum(1 for r in rows for d in r.duties if staff.untrained(d, today)),
            "part_time": sum(1 for r in rows for d in r.duties if not d.full_time),
            "bodies": len(rows),
            "duties": Duty.choices,
        },
    )


def _staff_change(request: HttpRequest) -> HttpResponse:
    data = request.POST
    what = data.get("viec")
    try:
        day = dt.datetime.strptime(data.get("ngay", ""), "%d/%m/%Y").date()
    except ValueError:
        messages.error(request, "Ngày phải viết dd/mm/yyyy, ví dụ 01/03/2024.")
        return redirect("orgs:staff")
    if what == "giao":
        org = Organization.objects.filter(code=data.get("co_quan", "").strip()).first()
        username = data.get("ten_dang_nhap", "").strip()
        person = Person.objects.filter(user__username=username).first() if username else None
        if org is None or person is None:
            messages.error(request, "Không có cơ quan hay tên đăng nhập này: kiểm tra lại.")
            return redirect("orgs:staff")
        return perform(
            request,
            lambda: staff.assign_duty(
                request.user,
                person,
                org,
                data.get("nhiem_vu", ""),
                since=day,
                full_time=data.get("chuyen_trach") == "1",
            ),
            done=f"Đã ghi {person.full_name} làm nhiệm vụ tại {org.name}.",
            to="orgs:staff",
        )
    if what == "boi_duong":
        duty_id = as_int(data.get("nhiem_vu_id"))
        duty = (
            StaffDuty.objects.filter(pk=duty_id or 0, org__in=staff.overseen(request.user))
            .select_related("person")
            .first()
        )
        if duty is None:
            messages.error(request, "Không có người này trong danh sách.")
            return redirect("orgs:staff")
        return perform(
            request,
            lambda: staff.add_training(
                request.user,
                duty.person,
                day=day,
                course=data.get("khoa", "")[:200],
                provider=data.get("don_vi", "")[:200],
            ),
            done=f"Đã ghi khóa bồi dưỡng của {duty.person.full_name}.",
            to="orgs:staff",
        )
    messages.error(request, "Không rõ việc cần làm: hãy dùng các nút trên trang.")
    return redirect("orgs:staff")
