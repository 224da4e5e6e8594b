"""Deadlines and notifications: my list, an organization's list, mark as read."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from luutru.core.redirects import safe_next
from luutru.deadlines import queries, services
from luutru.deadlines.models import Notification
from luutru.orgs.models import Organization


def _rows(items, today):
    return [(i, i.state(today), i.state_label(today)) for i in items]


def mine(request: HttpRequest) -> HttpResponse:
    """“Việc sắp đến hạn của tôi” and my notifications."""
    today = timezone.localdate()
    items = queries.my_due(request.user, today)
    notes = list(queries.pending_notifications(request.user).select_related("org")[:200])
    return render(
        request,
        "deadlines/mine.html",
        {
            "rows": _rows(items, today),
            "overdue": sum(1 for i in items if i.state(today) == "overdue"),
            "notifications": notes,
            "unread": sum(1 for n in notes if n.read_at is None),
            "orgs": queries.list_orgs(request.user),
            "today": today,
        },
    )


def org_list(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything due in an organization and below it (heads, clerks, archivists, inspectors)."""
    org = get_object_or_404(Organization, pk=pk)
    if not queries.may_list_org(request.user, org):
        raise Http404("Không tìm thấy cơ quan, tổ chức.")
    today = timezone.localdate()
    items = queries.org_due(request.user, org, today)
    kind = request.GET.get("loai", "")
    if kind:
        items = [i for i in items if i.kind == kind]
    return render(
        request,
        "deadlines/org.html",
        {
            "org": org,
            "rows": _rows(items, today),
            "overdue": sum(1 for i in items if i.state(today) == "overdue"),
            "kind": kind,
            "today": today,
        },
    )


@require_POST
def read(request: HttpRequest, pk: int) -> HttpResponse:
    n = Notification.objects.filter(pk=pk, recipient_id=request.user.pk).first()
    if n is None:
        raise Http404("Không tìm thấy thông báo.")
    services.mark_read(request.user, n)
    if request.headers.get("HX-Request"):
        return render(request, "deadlines/_notification.html", {"n": n})
    return redirect(safe_next(request, "deadlines:mine"))


@require_POST
def read_all(request: HttpRequest) -> HttpResponse:
    n = services.mark_all_read(request.user)
    messages.success(
        request, f"Đã đánh dấu {n} thông báo là đã đọc." if n else "Không còn thông báo chưa đọc."
    )
    return redirect("deadlines:mine")
