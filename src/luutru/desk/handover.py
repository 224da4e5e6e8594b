"""An official leaves or moves (issue 13 item 3): their open work in one body —
dossiers they are forming, incoming documents routed to them and waiting for
their assignment, documents they handle (lead or co-handler) — is handed to a
named person of the same body, in one transaction, with a handover record
(biên bản bàn giao) that lists every item.

``open_work`` says what the person holds (the preview, and the check that ends a
role); ``handover_failures`` every reason to refuse, in Vietnamese;
``hand_over`` does it: the dossiers through filing's service, the desk's own
rows here, each audited, and the record written last. Afterwards the leaving
person holds nothing open in that body.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from luutru.access.policy import has_role, visible_q
from luutru.audit.services import record
from luutru.core.errors import RuleViolation
from luutru.core.text import clean_reason
from luutru.desk import queries
from luutru.desk.models import Arrival, ArrivalState, Handling, Step, WorkHandover
from luutru.desk.services import BEING_HANDLED
from luutru.filing.models import Dossier, DossierStatus
from luutru.filing.services import can_form_dossiers, hand_over_dossier
from luutru.orgs.models import Membership, Organization, Person, Role, Secrecy

REASON_LIMIT = 300
FORMING = (DossierStatus.OPEN, DossierStatus.RETURNED)

KIND_LABELS = {
    "dossier": "Hồ sơ đang lập",
    "presented": "Văn bản đến chờ giao xử lý",
    "handling": "Văn bản đang xử lý",
}


@dataclass(frozen=True)
class WorkKind:
    """Open work that a stage above the desk holds for a person (dispatch: the drafts
    they write), registered from that stage's ``ready()`` so the desk imports no
    higher stage. ``find`` lists the person's open items in the body; ``describe``
    gives an item's label and secrecy; ``refusals`` why the recipient (a user of the
    body) may not take them; ``move`` hands them over, audited, inside the handover's
    transaction."""

    kind: str  # the item kind stored in the record
    label: str  # "Dự thảo văn bản đi": the record's heading for these items
    noun: str  # "dự thảo văn bản đi": for "2 dự thảo văn bản đi"
    access_kind: str  # the access policy's object type of the items
    find: Callable[[Any, Organization], list[Any]]
    describe: Callable[[Any], tuple[str, int]]
    refusals: Callable[[Any, Person, Organization, list[Any]], list[str]]
    move: Callable[[Any, list[Any], Person, str], None]


WORK_KINDS: dict[str, WorkKind] = {}


def register(kind: WorkKind) -> None:
    WORK_KINDS[kind.kind] = kind
    KIND_LABELS[kind.kind] = kind.label


@dataclass
class Work:
    """What one person holds open in one body."""

    dossiers: list[Dossier] = field(default_factory=list)
    presented: list[Arrival] = field(default_factory=list)  # routed to them, to assign
    handlings: list[Handling] = field(default_factory=list)  # they handle (lead or co)
    more: dict[str, list[Any]] = field(default_factory=dict)  # registered kinds' items

    @property
    def count(self) -> int:
        more = sum(len(v) for v in self.more.values())
        return len(self.dossiers) + len(self.presented) + len(self.handlings) + more

    @property
    def secrecy(self) -> int:
        levels = [d.secrecy for d in self.dossiers]
        levels += [a.document.secrecy for a in self.presented]
        levels += [h.arrival.document.secrecy for h in self.handlings]
        levels += [WORK_KINDS[k].describe(o)[1] for k, objs in self.more.items() for o in objs]
        return max(levels, default=Secrecy.NONE)

    def shown_objects(self) -> list[tuple[Any, str]]:
        """Each item's object and its access kind, in the order of ``items()``."""
        pairs: list[tuple[Any, str]] = [(d, "dossier") for d in self.dossiers]
        pairs += [(a, "arrival") for a in self.presented]
        pairs += [(h.arrival, "arrival") for h in self.handlings]
        pairs += [(o, WORK_KINDS[k].access_kind) for k, objs in self.more.items() for o in objs]
        return pairs

    def summary(self) -> str:
        """ "2 hồ sơ đang lập, 1 văn bản đang xử lý"."""
        parts = []
        if self.dossiers:
            parts.append(f"{len(self.dossiers)} hồ sơ đang lập")
        if self.presented:
            parts.append(f"{len(self.presented)} văn bản đến chờ giao xử lý")
        if self.handlings:
            parts.append(f"{len(self.handlings)} văn bản đang xử lý")
        for k, objs in self.more.items():
            if objs:
                parts.append(f"{len(objs)} {WORK_KINDS[k].noun}")
        return ", ".join(parts)

    def items(self) -> list[dict[str, Any]]:
        """Every item as the record lists it."""
        rows: list[dict[str, Any]] = []
        for d in self.dossiers:
            rows.append(
                {
                    "kind": "dossier",
                    "id": d.pk,
                    "label": f"Hồ sơ {d.file_notation} ({d.file_catalog}): {d.title}",
                    "secrecy": d.secrecy,
                }
            )
        for a in self.presented:
            rows.append(
                {
                    "kind": "presented",
                    "id": a.pk,
                    "label": _arrival_label(a),
                    "secrecy": a.document.secrecy,
                }
            )
        for h in self.handlings:
            part = "chủ trì" if h.part == Handling.Part.LEAD else "phối hợp"
            deadline = f", hạn {h.arrival.deadline:%d/%m/%Y}" if h.arrival.deadline else ""
            rows.append(
                {
                    "kind": "handling",
                    "id": h.arrival_id,
                    "label": f"{_arrival_label(h.arrival)} ({part}{deadline})",
                    "secrecy": h.arrival.document.secrecy,
                }
            )
        for k, objs in self.more.items():
            for o in objs:
                label, secrecy = WORK_KINDS[k].describe(o)
                rows.append({"kind": k, "id": o.pk, "label": label, "secrecy": secrecy})
        return rows


def _arrival_label(a: Arrival) -> str:
    doc = a.document
    symbol = f" {doc.symbol_display}" if doc.symbol_display else ""
    return f"Văn bản đến số {a.number_display}/{a.year}{symbol}: {doc.subject[:200]}"


def _dossiers_of(person: Person, org: Organization) -> QuerySet[Dossier]:
    mine = Q(creator=person)
    if person.user_id is not None:
        mine |= Q(owner_id=person.user_id)
    return Dossier.objects.filter(mine, org=org, status__in=FORMING).order_by(
        "file_catalog", "file_notation", "pk"
    )


def open_work(person: Person, org: Organization) -> Work:
    """Everything ``person`` holds open in ``org`` (what a handover moves)."""
    work = Work(dossiers=list(_dossiers_of(person, org).select_related("org")))
    if person.user_id is None:
        return work
    for k, wk in WORK_KINDS.items():
        found = wk.find(person.user, org)
        if found:
            work.more[k] = found
    work.presented = list(
        Arrival.objects.filter(
            org=org, state=ArrivalState.PRESENTED, routed_to_id=person.user_id
        ).select_related("document")
    )
    work.handlings = list(
        Handling.objects.filter(
            arrival__org=org,
            arrival__state__in=BEING_HANDLED,
            handler_id=person.user_id,
            ended_at__isnull=True,
        )
        .select_related("arrival__document")
        .order_by("arrival__deadline", "arrival_id", "pk")
    )
    return work


def open_work_failures(person: Person, org: Organization) -> list[str]:
    """Why ``person``'s role in ``org`` may not end yet: work not handed over.
    Registered with ``orgs.accounts`` (a role ends only with nothing left open)."""
    work = open_work(person, org)
    if not work.count:
        return []
    return [
        f"“{person.full_name}” còn {work.summary()} tại “{org.name}”: hãy bàn giao công việc "
        "cho người khác trước (Văn thư → Bàn giao công việc) rồi mới kết thúc vai trò."
    ]


# ---------------------------------------------------------------- who may


def may_hand_over(actor: Any, org: Organization) -> bool:
    """A head of the body, or an administrator over it."""
    return has_role(actor, Role.HEAD, org, reach_down=False) or has_role(actor, Role.ADMIN, org)


def handover_orgs(actor: Any) -> QuerySet[Organization]:
    """The bodies whose handovers ``actor`` may make."""
    person = getattr(actor, "person", None)
    if person is None:
        return Organization.objects.none()
    today = timezone.localdate()
    roles = Membership.objects.filter(person=person, valid_from__lte=today).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=today)
    )
    heads = Q(pk__in=roles.filter(role=Role.HEAD).values("org_id"))
    for path in Organization.objects.filter(
        pk__in=roles.filter(role=Role.ADMIN).values("org_id")
    ).values_list("path", flat=True):
        heads |= Q(path__startswith=path)
    return Organization.objects.filter(heads).order_by("path")


def people_of(org: Organization) -> QuerySet[Person]:
    """Everyone with a role in ``org`` (today or before): who may leave, who may take over."""
    ids = Membership.objects.filter(org=org).values("person_id")
    return Person.objects.filter(pk__in=ids).order_by("full_name", "pk")


def records_visible_to(user: Any) -> QuerySet[WorkHandover]:
    return WorkHandover.objects.filter(visible_q(user, object_type="workhandover")).select_related(
        "org", "leaving", "recipient", "by__person"
    )


def handover_failures(
    actor: Any, org: Organization, leaving: Person | None, recipient: Person | None, work: Work
) -> list[str]:
    """Every reason to refuse this handover, in Vietnamese."""
    failures: list[str] = []
    if not may_hand_over(actor, org):
        failures.append(
            f"Chỉ lãnh đạo của “{org.name}” hoặc quản trị hệ thống mới được bàn giao công việc "
            "của cán bộ cơ quan này."
        )
    if leaving is None:
        failures.append("Hãy chọn người bàn giao (người nghỉ hoặc chuyển công tác).")
    if recipient is None:
        failures.append("Hãy chọn người nhận bàn giao.")
    if leaving is None or recipient is None:
        return failures
    if leaving.pk == recipient.pk:
        failures.append("Người nhận phải khác người bàn giao: không bàn giao cho chính mình.")
        return failures
    if not Membership.objects.filter(person=leaving, org=org).exists():
        failures.append(f"“{leaving.full_name}” không có vai trò nào tại “{org.name}”.")
    user = recipient.user
    if user is None or not queries.works_in(user, org):
        failures.append(
            f"“{recipient.full_name}” không làm việc tại “{org.name}”: chỉ bàn giao cho người "
            "của cùng cơ quan."
        )
    else:
        if work.dossiers and not can_form_dossiers(user, org):
            failures.append(
                f"“{recipient.full_name}” không có vai trò lập hồ sơ tại “{org.name}” "
                "nên không nhận được hồ sơ đang lập."
            )
        if work.presented and not has_role(user, Role.HEAD, org, reach_down=False):
            failures.append(
                f"Có {len(work.presented)} văn bản đến đang chờ lãnh đạo giao xử lý: "
                f"“{recipient.full_name}” không phải lãnh đạo của “{org.name}” nên không nhận được."
            )
        for k, objs in work.more.items():
            failures += WORK_KINDS[k].refusals(user, recipient, org, objs)
    if work.secrecy > recipient.clearance:
        failures.append(
            f"“{recipient.full_name}” chưa được tiếp cận tài liệu độ "
            f"“{Secrecy(work.secrecy).label}” (được tiếp cận đến độ "
            f"“{Secrecy(recipient.clearance).label}”): không nhận bàn giao được."
        )
    if not work.count:
        failures.append(f"“{leaving.full_name}” không còn công việc nào đang mở để bàn giao.")
    return failures


# ---------------------------------------------------------------- hand over


def hand_over(
    actor: Any,
    org: Organization,
    *,
    leaving: Person | None,
    recipient: Person | None,
    reason: str = "",
) -> WorkHandover:
    """Hand every open item of ``leaving`` in ``org`` to ``recipient``, record the
    handover and audit it; refused as a whole, with every reason, or done as a whole."""
    reason = clean_reason(reason or "")[:REASON_LIMIT]
    with transaction.atomic():
        work = Work()
        if leaving is not None:
            if leaving.user_id is not None:
                # Lock what moves: no step on these arrivals while they change hands.
                mine = Q(routed_to_id=leaving.user_id) | Q(handlings__handler_id=leaving.user_id)
                list(
                    Arrival.objects.select_for_update(of=("self",))
                    .filter(mine, org=org)
                    .values_list("pk", flat=True)
                )
            work = open_work(leaving, org)
        RuleViolation.check(handover_failures(actor, org, leaving, recipient, work))
        assert leaving is not None and recipient is not None and recipient.user is not None
        items = work.items()
        now = timezone.now()
        note = f"Bàn giao công việc của {leaving.full_name} cho {recipient.full_name}"
        for d in work.dossiers:
            hand_over_dossier(actor, d, recipient)
        for a in work.presented:
            a.routed_to = recipient.user
            a.save(update_fields=["routed_to"])
            Step.objects.create(
                arrival=a,
                kind=Step.Kind.ROUTE,
                actor=actor,
                at=now,
                to_user=recipient.user,
                note=note,
            )
            record(
                actor,
                "arrival.hand_over",
                a,
                org_id=org.pk,
                before={"routed_to": leaving.user_id},
                after={"routed_to": recipient.user.pk},
            )
        for h in work.handlings:
            _pass_handling(actor, h, recipient, now, note)
        for k, objs in work.more.items():
            WORK_KINDS[k].move(actor, objs, recipient, note)
        handover = WorkHandover.objects.create(
            org=org,
            leaving=leaving,
            recipient=recipient,
            by=actor,
            at=now,
            reason=reason,
            items=items,
            secrecy=work.secrecy,
        )
        record(
            actor,
            "work.hand_over",
            handover,
            org_id=org.pk,
            after={
                "leaving": leaving.pk,
                "recipient": recipient.pk,
                "reason": reason,
                "items": [(i["kind"], i["id"]) for i in items],
            },
        )
    return handover


def _pass_handling(actor: Any, h: Handling, recipient: Person, now: Any, note: str) -> None:
    """End the leaving person's handling and give the same part to the recipient
    (a recipient already handling it keeps one handling, the lead if either led)."""
    user = recipient.user
    assert user is not None  # handover_failures refuses a recipient without an account
    a = h.arrival
    h.ended_at = now
    h.save(update_fields=["ended_at"])
    theirs = a.handlings.filter(handler=user, ended_at__isnull=True).first()
    if theirs is None:
        Handling.objects.create(
            arrival=a,
            handler=user,
            part=h.part,
            unit=queries.unit_of(user, a.org),
            given_by=actor,
            given_at=now,
        )
    elif h.part == Handling.Part.LEAD and theirs.part != Handling.Part.LEAD:
        theirs.ended_at = now
        theirs.save(update_fields=["ended_at"])
        Handling.objects.create(
            arrival=a,
            handler=user,
            part=Handling.Part.LEAD,
            unit=queries.unit_of(user, a.org),
            given_by=actor,
            given_at=now,
        )
    Step.objects.create(
        arrival=a, kind=Step.Kind.FORWARD, actor=actor, at=now, to_user=user, note=note
    )
    record(
        actor,
        "arrival.hand_over",
        a,
        org_id=a.org_id,
        before={"handler": h.handler_id, "part": h.part},
        after={"handler": user.pk, "part": h.part},
    )
