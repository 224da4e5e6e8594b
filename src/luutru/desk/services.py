"""The registry desk's writes: register an incoming document (số đến), route it,
assign its handlers, forward, record progress, finish (into the dossier).

Each step checks named preconditions and refuses with every reason in
Vietnamese, changing nothing (one transaction; the arrival row locked); each
writes its audit event and a dated ``Step`` that the routing slip prints.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from luutru.access.policy import can_view, has_role
from luutru.audit.services import record
from luutru.core.errors import RuleViolation
from luutru.core.vn import nfc
from luutru.desk import queries
from luutru.desk.models import Arrival, ArrivalState, Channel, Handling, Outcome, Step
from luutru.desk.queries import person_name
from luutru.filing.changes import active_items, change_failures
from luutru.filing.contents import add_document_to_dossier
from luutru.filing.models import Dossier
from luutru.orgs.models import Organization, Role, Secrecy, Unit
from luutru.registry.models import Direction, Document, Urgency
from luutru.registry.services import create_document, number_arrival, validate_metadata

SENDER_LIMIT = 200
NOTE_LIMIT = 2000
# States in which the handlers work on it.
BEING_HANDLED = (ArrivalState.ASSIGNED, ArrivalState.IN_PROGRESS)


def _state(a: Arrival) -> dict[str, Any]:
    return {
        "state": a.state,
        "arrival_number": a.arrival_number,
        "secret_series": a.secret_series,
        "routed_to": a.routed_to_id,
        "routed_unit": a.routed_unit_id,
        "deadline": a.deadline,
        "outcome": a.outcome,
        "answer": a.answer_id,
    }


def _lock(arrival: Arrival) -> Arrival:
    return (
        Arrival.objects.select_for_update(of=("self",))
        .select_related("org", "document")
        .get(pk=arrival.pk)
    )


def _text(value: Any, label: str, limit: int, failures: list[str]) -> str:
    text = nfc(str(value or "")).strip()
    if len(text) > limit:
        failures.append(f"{label} dài {len(text)} ký tự, quá giới hạn {limit} ký tự.")
    return text[:limit]


def _moment(at: dt.datetime | None, a: Arrival | None, failures: list[str]) -> dt.datetime:
    """When a step happens: now, or ``at`` for work done earlier and recorded now
    (the demo's history, an import); never in the future, never before the step
    it follows."""
    now = timezone.now()
    if at is None:
        return now
    if timezone.is_naive(at):
        at = timezone.make_aware(at)
    if at > now + dt.timedelta(minutes=5):
        failures.append(f"Thời điểm {timezone.localtime(at):%H:%M %d/%m/%Y} ở tương lai.")
    if a is not None:
        last = a.steps.order_by("-at").values_list("at", flat=True).first()
        if last is not None and at < last:
            failures.append(
                f"Thời điểm {timezone.localtime(at):%H:%M %d/%m/%Y} trước bước xử lý trước đó "
                f"({timezone.localtime(last):%H:%M %d/%m/%Y})."
            )
    return at


# ---------------------------------------------------------------- receive


def receive(
    actor: Any,
    org: Organization,
    *,
    document: Document | None = None,
    fields: dict | None = None,
    content: bytes | None = None,
    filename: str = "",
    channel: str = Channel.PAPER,
    sender: str = "",
    urgency: int = 0,
    received_at: dt.datetime | None = None,
    source: object | None = None,
) -> Arrival:
    """Register an incoming document in ``org``'s registry: the next number of the
    body's yearly incoming series (secret documents in their own series), the
    received date and time, sender, channel and urgency. With no ``document``, the
    registry document is made from ``fields`` and ``content`` first. ``actor``
    None: the system, receiving an electronic document from another body."""
    failures: list[str] = []
    now = timezone.now()
    received_at = received_at or now
    if timezone.is_naive(received_at):
        received_at = timezone.make_aware(received_at)
    if actor is not None and not queries.may_register(actor, org):
        failures.append(
            f"Chỉ văn thư hoặc lãnh đạo của “{org.name}” mới được vào sổ văn bản đến của cơ quan này."
        )
    if channel not in Channel.values:
        failures.append(f"Hình thức nhận “{channel}” không hợp lệ: chọn bản giấy hoặc điện tử.")
    sender = _text(sender, "Nơi gửi", SENDER_LIMIT, failures)
    try:
        urgency = int(urgency or 0)
    except (TypeError, ValueError):
        urgency = -1
    if urgency not in Urgency.values:
        failures.append(
            f"Độ khẩn “{urgency}” không hợp lệ; chọn một trong: {', '.join(Urgency.labels)}."
        )
    if received_at > now + dt.timedelta(minutes=5):
        failures.append(
            f"Ngày giờ đến {timezone.localtime(received_at):%H:%M %d/%m/%Y} ở tương lai: "
            "hãy ghi đúng lúc văn bản đến."
        )
    if document is not None:
        if document.org_id != org.pk:
            failures.append("Văn bản này thuộc cơ quan khác, không vào sổ đến ở đây được.")
        if document.direction != Direction.INCOMING:
            failures.append("Chỉ văn bản đến mới được vào sổ đến.")
        if actor is not None and not can_view(actor, document, "document"):
            failures.append("Bạn không có quyền xem văn bản này nên không vào sổ được.")
        if Arrival.objects.filter(document=document).exists():
            failures.append("Văn bản này đã được vào sổ đến.")
    elif fields is None or content is None:
        failures.append("Cần tệp văn bản và thông tin của văn bản đến (hoặc một văn bản đã nhập).")
    elif failures:
        # Refused anyway: name what is wrong in the document's data too, all at once.
        _, wrong, _ = validate_metadata(
            actor, org, {"urgency": urgency, **fields}, direction=Direction.INCOMING
        )
        failures.extend(wrong)
    RuleViolation.check(failures)

    day = timezone.localtime(received_at).date()
    with transaction.atomic():
        if document is None:
            assert fields is not None and content is not None
            document, _ = create_document(
                actor,
                org,
                content=io.BytesIO(content),
                filename=filename or "van-ban-den.pdf",
                metadata={"urgency": urgency, **fields},
                direction=Direction.INCOMING,
            )
        secret = document.secrecy > Secrecy.NONE
        number = number_arrival(actor, document, day, secret=secret)
        arrival = Arrival.objects.create(
            document=document,
            org=org,
            year=day.year,
            secret_series=secret,
            arrival_number=number,
            received_at=received_at,
            channel=channel,
            sender=sender or document.organ_name[:SENDER_LIMIT],
            urgency=max(urgency, document.urgency),
            registered_by=actor if getattr(actor, "is_authenticated", False) else None,
            source_type=source._meta.label_lower if hasattr(source, "_meta") else "",
            source_id=getattr(source, "pk", None),
        )
        Step.objects.create(
            arrival=arrival,
            kind=Step.Kind.RECEIVE,
            actor=arrival.registered_by,
            at=received_at,
            note=f"Số đến {arrival.number_display}",
        )
        record(actor, "arrival.receive", arrival, org_id=org.pk, after=_state(arrival))
    return arrival


# ---------------------------------------------------------------- route


def route(
    actor: Any,
    arrival: Arrival,
    *,
    head: Any = None,
    unit: Unit | None = None,
    note: str = "",
    at: dt.datetime | None = None,
) -> Arrival:
    """The clerk sends a registered arrival to a head of the body (trình) or, by
    the body's standing rule, straight to one of its units."""
    failures: list[str] = []
    note = _text(note, "Ghi chú", NOTE_LIMIT, failures)
    with transaction.atomic():
        a = _lock(arrival)
        when = _moment(at, a, failures)
        if not queries.may_register(actor, a.org):
            failures.append(
                f"Chỉ văn thư hoặc lãnh đạo của “{a.org.name}” mới được chuyển văn bản đến."
            )
        if a.state != ArrivalState.REGISTERED:
            failures.append(
                f"Văn bản số đến {a.number_display} đang ở trạng thái “{a.get_state_display()}”: "
                "chỉ văn bản vừa vào sổ mới được chuyển."
            )
        if (head is None) == (unit is None):
            failures.append("Hãy chọn một lãnh đạo hoặc một đơn vị để chuyển văn bản.")
        if head is not None:
            if not has_role(head, Role.HEAD, a.org, reach_down=False):
                failures.append(f"“{person_name(head)}” không phải lãnh đạo của “{a.org.name}”.")
            failures.extend(_clearance_failures(head, a))
        if unit is not None and unit.org_id != a.org_id:
            failures.append(f"Đơn vị “{unit.name}” không thuộc “{a.org.name}”.")
        RuleViolation.check(failures)
        before = _state(a)
        a.state = ArrivalState.PRESENTED
        a.routed_to = head
        a.routed_unit = unit
        a.routed_at = when
        a.save(update_fields=["state", "routed_to", "routed_unit", "routed_at"])
        Step.objects.create(
            arrival=a,
            kind=Step.Kind.ROUTE,
            actor=actor,
            at=a.routed_at,
            note=note,
            to_user=head,
            to_unit=unit,
        )
        record(actor, "arrival.route", a, org_id=a.org_id, before=before, after=_state(a))
    return a


def _clearance_failures(user: Any, a: Arrival) -> list[str]:
    level = a.document.secrecy
    person = getattr(user, "person", None)
    clearance = person.clearance if person is not None else Secrecy.NONE
    if level > clearance:
        return [
            f"“{person_name(user)}” chưa được tiếp cận tài liệu độ “{Secrecy(level).label}”: "
            "văn bản mật chỉ giao cho người có thẩm quyền."
        ]
    return []


# ---------------------------------------------------------------- assign


def assign(
    actor: Any,
    arrival: Arrival,
    *,
    lead: Any,
    co_handlers: Iterable[Any] = (),
    deadline: dt.date | None,
    instructions: str = "",
    at: dt.datetime | None = None,
) -> Arrival:
    """The head assigns a lead handler and co-handlers with a deadline and
    instructions (ý kiến chỉ đạo). Handlers must work in the body, be cleared
    for the document's secrecy; the deadline may not be in the past."""
    failures: list[str] = []
    instructions = _text(instructions, "Ý kiến chỉ đạo", NOTE_LIMIT, failures)
    co_handlers = [u for u in co_handlers if u is not None]
    with transaction.atomic():
        a = _lock(arrival)
        now = _moment(at, a, failures)
        today = timezone.localtime(now).date()
        if not has_role(actor, Role.HEAD, a.org, reach_down=False):
            failures.append(f"Chỉ lãnh đạo của “{a.org.name}” mới được giao xử lý văn bản đến.")
        if a.state not in (ArrivalState.REGISTERED, ArrivalState.PRESENTED):
            failures.append(
                f"Văn bản số đến {a.number_display} đang ở trạng thái “{a.get_state_display()}”: "
                "đã giao xử lý rồi."
            )
        if deadline is None:
            failures.append("Hãy đặt thời hạn giải quyết.")
        elif deadline < today:
            failures.append(
                f"Thời hạn {deadline:%d/%m/%Y} đã qua (hôm nay là {today:%d/%m/%Y}): "
                "hãy chọn một ngày từ hôm nay trở đi."
            )
        if lead is None:
            failures.append("Hãy chọn người chủ trì xử lý.")
        people = [lead, *co_handlers] if lead is not None else list(co_handlers)
        if lead is not None and any(u.pk == lead.pk for u in co_handlers):
            failures.append(
                f"“{person_name(lead)}” đã là người chủ trì, không chọn lại là người phối hợp."
            )
        for user in people:
            if not queries.works_in(user, a.org):
                failures.append(
                    f"“{person_name(user)}” không làm việc tại “{a.org.name}”: "
                    "chỉ giao xử lý cho người của cơ quan."
                )
            failures.extend(_clearance_failures(user, a))
        RuleViolation.check(failures)
        before = _state(a)
        a.state = ArrivalState.ASSIGNED
        a.deadline = deadline
        a.instructions = instructions
        a.assigned_by = actor
        a.assigned_at = now
        a.save(update_fields=["state", "deadline", "instructions", "assigned_by", "assigned_at"])
        for user, part in [(lead, Handling.Part.LEAD)] + [
            (u, Handling.Part.CO) for u in co_handlers
        ]:
            Handling.objects.create(
                arrival=a,
                handler=user,
                part=part,
                unit=queries.unit_of(user, a.org),
                given_by=actor,
                given_at=now,
            )
        Step.objects.create(
            arrival=a,
            kind=Step.Kind.ASSIGN,
            actor=actor,
            at=now,
            to_user=lead,
            note=_assign_note(lead, co_handlers, deadline, instructions),
        )
        record(
            actor,
            "arrival.assign",
            a,
            org_id=a.org_id,
            before=before,
            after={**_state(a), "lead": lead.pk, "co": [u.pk for u in co_handlers]},
        )
    return a


def _assign_note(lead: Any, co: list, deadline: dt.date | None, instructions: str) -> str:
    parts = [f"Chủ trì: {person_name(lead)}"]
    if co:
        parts.append("Phối hợp: " + ", ".join(person_name(u) for u in co))
    if deadline:
        parts.append(f"Hạn: {deadline:%d/%m/%Y}")
    if instructions:
        parts.append(f"Ý kiến chỉ đạo: {instructions}")
    return ". ".join(parts) + "."


# ---------------------------------------------------------------- handle


def _lead_handling(a: Arrival, user: Any) -> Handling | None:
    return (
        a.handlings.filter(handler=user, part=Handling.Part.LEAD, ended_at__isnull=True)
        .order_by("-given_at")
        .first()
    )


def forward(
    actor: Any, arrival: Arrival, *, to: Any, note: str = "", at: dt.datetime | None = None
) -> Arrival:
    """The lead handler passes the work on to a colleague of the same unit (of the
    body, when the lead belongs to no unit); the deadline stays."""
    failures: list[str] = []
    note = _text(note, "Ghi chú", NOTE_LIMIT, failures)
    with transaction.atomic():
        a = _lock(arrival)
        now = _moment(at, a, failures)
        mine = _lead_handling(a, actor)
        if a.state not in BEING_HANDLED or mine is None:
            failures.append("Chỉ người đang chủ trì xử lý văn bản này mới được chuyển tiếp.")
        if to is None:
            failures.append("Hãy chọn người nhận chuyển tiếp.")
        elif to.pk == getattr(actor, "pk", None):
            failures.append("Không chuyển tiếp cho chính mình.")
        else:
            unit = queries.unit_of(actor, a.org)
            if not queries.works_in(to, a.org) or (
                unit is not None and queries.unit_of(to, a.org) != unit
            ):
                where = f"đơn vị “{unit.name}”" if unit is not None else f"“{a.org.name}”"
                failures.append(
                    f"“{person_name(to)}” không làm việc tại {where}: chỉ chuyển tiếp trong đơn vị."
                )
            failures.extend(_clearance_failures(to, a))
        RuleViolation.check(failures)
        assert mine is not None
        mine.ended_at = now
        mine.save(update_fields=["ended_at"])
        Handling.objects.create(
            arrival=a,
            handler=to,
            part=Handling.Part.LEAD,
            unit=queries.unit_of(to, a.org),
            given_by=actor,
            given_at=now,
        )
        Step.objects.create(
            arrival=a, kind=Step.Kind.FORWARD, actor=actor, at=now, to_user=to, note=note
        )
        record(actor, "arrival.forward", a, org_id=a.org_id, after={"from": actor.pk, "to": to.pk})
    return a


def record_progress(
    actor: Any, arrival: Arrival, note: str, *, at: dt.datetime | None = None
) -> Step:
    """A handler (lead or co-handler) notes how far the work is (tiến độ giải quyết)."""
    failures: list[str] = []
    note = _text(note, "Tiến độ", NOTE_LIMIT, failures)
    if not note:
        failures.append("Hãy ghi tiến độ giải quyết.")
    with transaction.atomic():
        a = _lock(arrival)
        when = _moment(at, a, failures)
        if (
            a.state not in BEING_HANDLED
            or not a.handlings.filter(handler=actor, ended_at__isnull=True).exists()
        ):
            failures.append("Chỉ người đang xử lý văn bản này mới được ghi tiến độ.")
        RuleViolation.check(failures)
        before = _state(a)
        if a.state == ArrivalState.ASSIGNED:
            a.state = ArrivalState.IN_PROGRESS
            a.save(update_fields=["state"])
        step = Step.objects.create(
            arrival=a, kind=Step.Kind.PROGRESS, actor=actor, at=when, note=note
        )
        record(
            actor,
            "arrival.progress",
            a,
            org_id=a.org_id,
            before=before,
            after={**_state(a), "note": note},
        )
    return step


def finish(
    actor: Any,
    arrival: Arrival,
    *,
    answer: Document | None = None,
    dossier: Dossier | None = None,
    note: str = "",
    at: dt.datetime | None = None,
) -> Arrival:
    """The lead handler ends the work: with the answering document, or "lưu, để
    biết". With a dossier (one the handler is forming), the incoming document and
    its answer are filed there together, in that order."""
    failures: list[str] = []
    note = _text(note, "Ghi chú", NOTE_LIMIT, failures)
    with transaction.atomic():
        a = _lock(arrival)
        now = _moment(at, a, failures)
        if a.state not in BEING_HANDLED or _lead_handling(a, actor) is None:
            failures.append("Chỉ người đang chủ trì xử lý văn bản này mới được kết thúc xử lý.")
        if answer is not None:
            if answer.org_id != a.org_id:
                failures.append("Văn bản trả lời phải là văn bản của cùng cơ quan.")
            elif not can_view(actor, answer, "document"):
                failures.append("Bạn không có quyền xem văn bản trả lời đã chọn.")
            if answer.pk == a.document_id:
                failures.append("Văn bản trả lời không thể là chính văn bản đến.")
        if dossier is not None:
            if dossier.org_id != a.org_id:
                failures.append("Hồ sơ đã chọn thuộc cơ quan khác.")
            failures.extend(change_failures(actor, dossier))
        RuleViolation.check(failures)
        before = _state(a)
        a.state = ArrivalState.DONE
        a.outcome = Outcome.ANSWERED if answer is not None else Outcome.NOTED
        a.answer = answer
        a.finished_by = actor
        a.finished_at = now
        a.save(update_fields=["state", "outcome", "answer", "finished_by", "finished_at"])
        a.handlings.filter(ended_at__isnull=True).update(ended_at=now)
        if dossier is not None:
            present = set(active_items(dossier).values_list("document_id", flat=True))
            for doc in (a.document, answer):
                if doc is not None and doc.pk not in present:
                    add_document_to_dossier(actor, dossier, doc)
        Step.objects.create(
            arrival=a,
            kind=Step.Kind.FINISH,
            actor=actor,
            at=now,
            note=note or a.get_outcome_display(),
        )
        record(
            actor,
            "arrival.finish",
            a,
            org_id=a.org_id,
            before=before,
            after={**_state(a), "dossier": dossier.pk if dossier is not None else None},
        )
    return a
