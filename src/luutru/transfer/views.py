"""Pages of the transfer to the historical archive: the agency archive's side
(dossiers due, packages built, answers imported) and the historical archive's
side (packages in the inbox, checking, accepting or refusing per dossier).

A transfer or received package the user may not open answers 404."""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from luutru.access.policy import can_view
from luutru.core.errors import RuleViolation
from luutru.core.outcomes import perform, refuse
from luutru.core.params import MAX_ID, as_int
from luutru.core.requests import SignedInRequest
from luutru.orgs.models import Organization
from luutru.transfer import services
from luutru.transfer.models import PackageCheck, ReceivedPackage, Transfer

MAX_ANSWER_BYTES = 5 * 1024 * 1024


def _sending_orgs(user: object) -> list[Organization]:
    """The bodies whose dossiers ``user`` may transfer (as their archivist or as the
    archivist of the archive above them)."""
    mine = services.receiving_orgs(user)  # type: ignore[arg-type]
    ids = {o.pk for o in mine}
    bodies = Organization.objects.filter(archive_org_id__in=ids) | Organization.objects.filter(
        pk__in=ids
    )
    return [o for o in bodies.distinct().order_by("name") if services.may_transfer(user, o)]  # type: ignore[arg-type]


def _inbox_folders(received: set[str]) -> list[str]:
    box = services.inbox()
    if not box.is_dir():
        return []
    return sorted(p.name for p in box.iterdir() if p.is_dir() and (p / "bagit.txt").is_file())


def index(request: SignedInRequest) -> HttpResponse:
    user = request.user
    if not services.receiving_orgs(user):
        messages.info(
            request,
            "Trang này dành cho lưu trữ viên: lập gói nộp lưu vào Lưu trữ lịch sử hoặc tiếp nhận gói.",
        )
        return redirect("/")
    orgs = _sending_orgs(user)
    sending = [(o, services.due_dossiers(o)) for o in orgs]
    receivers = services.receiving_orgs(user)
    received = ReceivedPackage.objects.filter(org__in=receivers).select_related("org")[:50]
    return render(
        request,
        "transfer/index.html",
        {
            "sending": sending,
            "transfers": services.transfers_of(o.pk for o in orgs)[:50],
            "received": received,
            "inbox": _inbox_folders(
                set(
                    ReceivedPackage.objects.filter(org__in=receivers)
                    .exclude(status=ReceivedPackage.Status.REFUSED)
                    .values_list("package_id", flat=True)
                )
            ),
            "inbox_path": services.inbox(),
            "receiving": PackageCheck.objects.filter(
                kind=PackageCheck.Kind.RECEIVE,
                org__in=receivers,
                state__in=[PackageCheck.State.QUEUED, PackageCheck.State.RUNNING],
            ),
        },
    )


def _transfer_or_404(request: SignedInRequest, pk: int) -> Transfer:
    t = Transfer.objects.select_related("org").filter(pk=pk).first() if pk <= MAX_ID else None
    if t is None or not can_view(request.user, t):
        raise Http404("Không tìm thấy gói nộp lưu.")
    return t


def _received_or_404(request: SignedInRequest, pk: int) -> ReceivedPackage:
    p = (
        ReceivedPackage.objects.select_related("org").filter(pk=pk).first()
        if pk <= MAX_ID
        else None
    )
    if p is None or not can_view(request.user, p):
        raise Http404("Không tìm thấy gói đã tiếp nhận.")
    return p


def _check_or_404(request: SignedInRequest, pk: int) -> PackageCheck:
    c = (
        PackageCheck.objects.select_related("org", "transfer", "result").filter(pk=pk).first()
        if pk <= MAX_ID
        else None
    )
    if c is None or not can_view(request.user, c):
        raise Http404("Không tìm thấy lần kiểm tra gói này.")
    return c


def transfer_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    t = _transfer_or_404(request, pk)
    items = t.items.select_related("dossier", "dossier__retention")
    return render(
        request,
        "transfer/transfer.html",
        {
            "t": t,
            "items": items,
            "path": services.package_path(t),
            "check": t.checks.first(),
            "may_check": services.may_transfer(request.user, t.org),
        },
    )


@require_POST
def validate(request: SignedInRequest, pk: int) -> HttpResponse:
    t = _transfer_or_404(request, pk)
    try:
        c = services.start_validation(request.user, t)
    except RuleViolation as e:
        refuse(request, e, "Chưa kiểm tra được gói. Lý do:")
        return redirect("transfer:transfer", t.pk)
    return redirect("transfer:check", c.pk)


def check_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    """Progress while the worker checks; then the outcome (a received package's own
    page once it is imported)."""
    c = _check_or_404(request, pk)
    if request.headers.get("HX-Request") and request.GET.get("theo-doi"):
        if c.working:
            return render(request, "transfer/check.html#progress", {"c": c})
        response = HttpResponse()
        response["HX-Refresh"] = "true"  # it ended while the page polled: show it whole
        return response
    if c.state == c.State.DONE and c.result is not None:
        if c.intact:
            messages.success(
                request,
                "Gói toàn vẹn: mọi tệp khớp mã kiểm tra. Việc tiếp theo: xem từng hồ sơ, ghi lý "
                "do với hồ sơ không nhận, rồi bấm “Trả lời”.",
            )
        else:
            messages.error(
                request,
                "Gói không toàn vẹn nên bị từ chối; lý do ghi ở từng hồ sơ. "
                "Tải tệp trả lời gửi lại bên giao.",
            )
        return redirect("transfer:received", c.result.pk)
    return render(request, "transfer/check.html", {"c": c})


@require_POST
def build(request: SignedInRequest) -> HttpResponse:
    org_id = as_int(request.POST.get("org"), min_value=1)
    org = Organization.objects.filter(pk=org_id).first() if org_id else None
    if org is None:
        messages.error(request, "Hãy chọn cơ quan có hồ sơ đến hạn; không có gì thay đổi.")
        return redirect("transfer:index")
    raw = request.POST.getlist("dossier")
    ids = [as_int(v, min_value=1) for v in raw]
    if any(i is None for i in ids):
        messages.error(request, "Danh sách hồ sơ chọn không hợp lệ; không có gì thay đổi.")
        return redirect("transfer:index")
    chosen = [i for i in ids if i is not None] or None
    return perform(
        request,
        lambda: services.build_transfer(request.user, org, dossier_ids=chosen),
        done=lambda t: (
            f"Đã lập gói nộp lưu {t.package_id} ({t.file_count} tệp). Việc tiếp theo: chuyển "
            "thư mục gói cho Lưu trữ lịch sử, rồi nhập tệp trả lời của họ ở trang này."
        ),
        to=lambda t: ("transfer:transfer", t.pk),
        refused_to="transfer:index",
        intro="Chưa lập được gói nộp lưu; không có gì thay đổi. Lý do:",
    )


@require_POST
def receive(request: SignedInRequest) -> HttpResponse:
    name = (request.POST.get("folder") or "").strip()
    box = services.inbox()
    if not name or name != Path(name).name or not (box / name).is_dir():
        messages.error(request, "Không có gói này trong thư mục nhận; không có gì thay đổi.")
        return redirect("transfer:index")
    return perform(
        request,
        # No message here: the check's page says where the work is (and, when the worker
        # is quicker than the browser, sends on to the package with the outcome).
        lambda: services.start_receiving(request.user, box / name),
        to=lambda c: ("transfer:check", c.pk),
        refused_to="transfer:index",
        intro="Không tiếp nhận được gói; không có gì thay đổi. Lý do:",
    )


def received_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    p = _received_or_404(request, pk)
    return render(
        request,
        "transfer/received.html",
        {"p": p, "dossiers": p.dossiers.all()},
    )


@require_POST
def decide(request: SignedInRequest, pk: int) -> HttpResponse:
    p = _received_or_404(request, pk)
    refusals: dict[int, str] = {}
    for raw in request.POST.getlist("refuse"):
        n = as_int(raw, min_value=1)
        if n is None:
            messages.error(request, "Lựa chọn hồ sơ không hợp lệ; không có gì thay đổi.")
            return redirect("transfer:received", p.pk)
        refusals[n] = request.POST.get(f"reason-{n}", "")
    return perform(
        request,
        lambda: services.decide(request.user, p, refusals),
        done="Đã trả lời bên giao. Việc tiếp theo: tải tệp trả lời và gửi cho lưu trữ cơ quan "
        "(cùng hệ thống thì hồ sơ đã được chuyển ngay).",
        to=("transfer:received", p.pk),
        intro="Chưa trả lời được; không có gì thay đổi. Lý do:",
    )


def answer_download(request: SignedInRequest, pk: int) -> HttpResponse:
    p = _received_or_404(request, pk)
    if p.status == p.Status.VERIFIED:
        messages.error(request, "Gói chưa được quyết định nhận hay từ chối: chưa có trả lời.")
        return redirect("transfer:received", p.pk)
    response = HttpResponse(services.answer_json(p), content_type="application/json")
    response["Content-Disposition"] = content_disposition_header(
        True, f"tra-loi-{p.package_id}.json"
    )
    return response


@require_POST
def answer_upload(request: SignedInRequest) -> HttpResponse:
    f = request.FILES.get("answer")
    if f is None or not f.size:
        messages.error(request, "Hãy chọn tệp trả lời (.json) của Lưu trữ lịch sử.")
        return redirect("transfer:index")
    if f.size > MAX_ANSWER_BYTES:
        messages.error(request, "Tệp trả lời quá lớn; không có gì thay đổi.")
        return redirect("transfer:index")
    content = f.read()
    try:
        answer = services.parse_answer(content)
        t = services.apply_answer(request.user, answer)
    except RuleViolation as e:
        refuse(request, e, "Chưa nhập được trả lời; không có gì thay đổi. Lý do:")
        return redirect("transfer:index")
    messages.success(request, f"Đã nhập trả lời: {t.get_status_display()}.")
    return redirect("transfer:transfer", t.pk)
