"""The handover screens (issue 13 item 3): choose the body, the person who leaves
or moves and the person who takes over; see every item that would move and every
reason it may not; confirm; the record (biên bản bàn giao) prints as DOCX or PDF.

For the head of the body and the administrator; views parse, call
``desk.handover``, render.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from luutru.access.policy import can_view, record_secret_read, record_secret_reads
from luutru.core.outcomes import perform
from luutru.core.params import as_int
from luutru.desk import handover
from luutru.orgs.models import Person, Secrecy

HIDDEN = "(tài liệu mật: bạn chưa được tiếp cận nên không hiện trích yếu)"


def _choice(request: HttpRequest, key: str, choices):
    wanted = as_int(request.POST.get(key) or request.GET.get(key), min_value=1)
    return choices.filter(pk=wanted).first() if wanted is not None else None


def _preview_rows(user: Any, work: handover.Work) -> list[dict[str, Any]]:
    """The items as the actor may see them: a subject they may not read stays hidden."""
    rows, shown = [], []
    for item, (obj, kind) in zip(work.items(), work.shown_objects(), strict=True):
        seen = can_view(user, obj, kind)
        if seen:
            shown.append(obj.document if kind == "arrival" else obj)
        rows.append(
            {
                **item,
                "kind_label": handover.KIND_LABELS[item["kind"]],
                "label": item["label"] if seen else HIDDEN,
                "secrecy_label": Secrecy(item["secrecy"]).label if item["secrecy"] else "",
            }
        )
    record_secret_reads(user, shown, "handover", about_type="handover")
    return rows


def start(request: HttpRequest) -> HttpResponse:
    """Bàn giao công việc: the choice, the preview, the records made before."""
    user = request.user
    orgs = handover.handover_orgs(user)
    records = list(handover.records_visible_to(user)[:50])
    context: dict[str, Any] = {"orgs": orgs, "records": records, "org": None}
    if not orgs.exists():
        messages.info(
            request,
            "Chỉ lãnh đạo cơ quan hoặc quản trị hệ thống mới bàn giao công việc của cán bộ "
            "nghỉ hưu, chuyển công tác. Bạn xem được các biên bản bàn giao có liên quan.",
        )
        return render(request, "desk/handover.html", context)
    org = _choice(request, "org", orgs) or orgs.first()
    assert org is not None
    people = handover.people_of(org)
    leaving: Person | None = _choice(request, "leaving", people)
    recipient: Person | None = _choice(request, "recipient", people)
    context.update(org=org, people=people, leaving=leaving, recipient=recipient)
    if leaving is not None:
        work = handover.open_work(leaving, org)
        context["rows"] = _preview_rows(user, work)
        context["work"] = work
        if recipient is not None:
            context["failures"] = handover.handover_failures(user, org, leaving, recipient, work)
    return render(request, "desk/handover.html", context)


@require_POST
def confirm(request: HttpRequest) -> HttpResponse:
    """Do the handover the preview showed (refused as a whole, with every reason)."""
    user = request.user
    orgs = handover.handover_orgs(user)
    org = _choice(request, "org", orgs)
    if org is None:
        messages.error(
            request,
            "Chỉ lãnh đạo của cơ quan hoặc quản trị hệ thống mới được bàn giao công việc "
            "của cán bộ cơ quan đó; không có gì thay đổi.",
        )
        return redirect("desk:handover")
    people = handover.people_of(org)
    leaving = _choice(request, "leaving", people)
    recipient = _choice(request, "recipient", people)
    back = f"{reverse('desk:handover')}?org={org.pk}"
    if leaving is not None:
        back += f"&leaving={leaving.pk}"
    if recipient is not None:
        back += f"&recipient={recipient.pk}"
    return perform(
        request,
        lambda: handover.hand_over(
            user,
            org,
            leaving=leaving,
            recipient=recipient,
            reason=request.POST.get("reason", ""),
        ),
        done=lambda h: (
            f"Đã bàn giao {len(h.items)} việc của {h.leaving.full_name} cho "
            f"{h.recipient.full_name}. In biên bản bàn giao bên dưới."
        ),
        to=lambda h: ("desk:handover_record", h.pk),
        refused_to=back,
        intro="Chưa bàn giao được; không có gì thay đổi. Lý do:",
    )


def record_detail(request: HttpRequest, record_id: int) -> HttpResponse:
    """One handover record: who, when, why, every item; links to print it."""
    h = get_object_or_404(handover.records_visible_to(request.user), pk=record_id)
    record_secret_read(request.user, h, "page", object_type="workhandover")
    rows = [
        {
            **i,
            "kind_label": handover.KIND_LABELS[i["kind"]],
            "secrecy_label": Secrecy(i["secrecy"]).label if i["secrecy"] else "",
        }
        for i in h.items
    ]
    return render(request, "desk/handover_record.html", {"h": h, "rows": rows})
