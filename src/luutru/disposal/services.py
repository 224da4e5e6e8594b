"""Appraisal and holds (issue 14): each step checks its named preconditions,
lists every failure in Vietnamese, locks its rows, runs in one transaction and
writes its own audit event. Destruction is ``disposal.destruction``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from luutru.access.policy import can_view, has_role
from luutru.audit.services import record
from luutru.core.errors import RuleViolation
from luutru.core.text import clean_reason
from luutru.disposal.models import (
    Appraisal,
    AppraisalItem,
    CouncilMember,
    Destruction,
    Hold,
    HoldKind,
    Opinion,
    Outcome,
)
from luutru.disposal.queries import due_for_appraisal, hold_text, holds_covering, retention_end
from luutru.filing.models import Dossier
from luutru.orgs.models import Fonds, Organization
from luutru.rules.models import RetentionRule

MAX_NEW_YEARS = 100


def _name(user: User) -> str:
    person = getattr(user, "person", None)
    return str(person.full_name) if person else user.get_username()


# ---------------------------------------------------------------- holds


def place_hold(
    actor: User, org: Organization, *, kind: str, reason: str, dossier: Dossier | None = None
) -> Hold:
    """Stop any destruction of one dossier, or of the whole fonds of ``org``."""
    failures = []
    if not any(has_role(actor, r, org) for r in ("archivist", "head", "inspector")):
        failures.append(
            "Chỉ lưu trữ viên, lãnh đạo hoặc cán bộ kiểm tra mới được đặt lệnh tạm giữ."
        )
    if kind not in HoldKind.values:
        failures.append("Chọn loại tạm giữ: theo pháp luật, thanh tra kiểm tra, hoặc tranh chấp.")
    reason = clean_reason(reason)
    if not reason:
        failures.append("Phải ghi lý do tạm giữ (căn cứ, văn bản yêu cầu).")
    elif len(reason) > 500:
        failures.append("Lý do tạm giữ dài quá 500 ký tự.")
    if dossier is not None and (dossier.org_id != org.pk or not can_view(actor, dossier)):
        failures.append("Không tìm thấy hồ sơ này trong phông đã chọn.")
    RuleViolation.check(failures)
    with transaction.atomic():
        hold = Hold.objects.create(
            org=org, dossier=dossier, kind=kind, reason=reason, placed_by=actor
        )
        record(
            actor,
            "disposal.hold.place",
            hold,
            after={"dossier": dossier.pk if dossier else None, "kind": kind, "reason": reason},
        )
    return hold


def lift_hold(actor: User, hold: Hold, *, reason: str) -> Hold:
    """End a hold: what it covered may be destroyed again by a decision."""
    with transaction.atomic():
        hold = Hold.objects.select_for_update().select_related("org").get(pk=hold.pk)
        failures = []
        if not any(has_role(actor, r, hold.org) for r in ("archivist", "head", "inspector")):
            failures.append(
                "Chỉ lưu trữ viên, lãnh đạo hoặc cán bộ kiểm tra mới được gỡ lệnh tạm giữ."
            )
        if hold.lifted_at is not None:
            failures.append("Lệnh tạm giữ này đã được gỡ.")
        reason = clean_reason(reason)
        if not reason:
            failures.append("Phải ghi lý do gỡ lệnh tạm giữ.")
        RuleViolation.check(failures)
        hold.lifted_by, hold.lifted_at, hold.lift_reason = actor, timezone.now(), reason[:500]
        hold.save(update_fields=["lifted_by", "lifted_at", "lift_reason"])
        record(actor, "disposal.hold.lift", hold, after={"reason": hold.lift_reason})
    return hold


# ---------------------------------------------------------------- appraisal


def create_appraisal(
    actor: User, fonds: Fonds, dossier_ids: Iterable[int], *, note: str = ""
) -> Appraisal:
    """The archivist proposes dossiers of one fonds: those whose retention has ended
    (to destroy) and permanent ones due at the historical archive (to transfer)."""
    ids = sorted(set(dossier_ids))
    org = fonds.org
    with transaction.atomic():
        failures = []
        if not has_role(actor, "archivist", org):
            failures.append(
                f"Chỉ lưu trữ viên phụ trách phông “{fonds.name}” mới được lập đợt xác định giá trị."
            )
        if not ids:
            failures.append("Chọn ít nhất một hồ sơ để đưa ra hội đồng xác định giá trị.")
        dossiers = {
            d.pk: d
            for d in Dossier.objects.select_for_update(of=("self",))
            .select_related("org", "retention")
            .filter(pk__in=ids)
        }
        dues = []
        for pk in ids:
            d = dossiers.get(pk)
            if d is None or d.org_id != org.pk or not can_view(actor, d):
                failures.append(f"Hồ sơ mã số {pk}: không có trong phông “{fonds.name}”.")
                continue
            due = due_for_appraisal(d)
            if not due.proposal:
                failures.append(due.reason)
            dues.append(due)
        note = clean_reason(note)
        if len(note) > 1000:
            failures.append("Thuyết minh dài quá 1000 ký tự.")
        RuleViolation.check(failures)
        year = timezone.localdate().year
        last = Appraisal.objects.filter(org=org, year=year).aggregate(n=Max("number"))["n"] or 0
        appraisal = Appraisal.objects.create(
            fonds=fonds, org=org, year=year, number=last + 1, note=note, created_by=actor
        )
        AppraisalItem.objects.bulk_create(
            AppraisalItem(
                appraisal=appraisal,
                dossier=due.dossier,
                proposal=due.proposal,
                reason=due.reason[:500],
                due_since=due.due_since,
            )
            for due in dues
        )
        record(
            actor,
            "disposal.appraisal.create",
            appraisal,
            after={"fonds": fonds.code, "items": {d.dossier.pk: d.proposal for d in dues}},
        )
    return appraisal


def _lock(appraisal: Appraisal) -> Appraisal:
    return (
        Appraisal.objects.select_for_update(of=("self",))
        .select_related("org", "fonds")
        .get(pk=appraisal.pk)
    )


def add_member(
    actor: User, appraisal: Appraisal, member: User | None, *, role: str, position: str = ""
) -> CouncilMember:
    """Seat a member of the appraisal council, with their role, before it meets."""
    with transaction.atomic():
        appraisal = _lock(appraisal)
        failures = []
        if not has_role(actor, "archivist", appraisal.org):
            failures.append(
                "Chỉ lưu trữ viên lập đợt xác định giá trị mới được ghi thành phần hội đồng."
            )
        if appraisal.status != Appraisal.Status.DRAFT:
            failures.append("Hội đồng đã bắt đầu xem xét: không thay đổi thành phần được nữa.")
        if member is None or not member.is_active or getattr(member, "person", None) is None:
            failures.append("Chọn một người có tài khoản trong hệ thống.")
        if role not in CouncilMember.Role.values:
            failures.append("Chọn vai trò trong hội đồng: Chủ tịch, Ủy viên hoặc Thư ký.")
        elif role == CouncilMember.Role.CHAIR and appraisal.members.filter(role=role).exists():
            failures.append("Hội đồng đã có Chủ tịch.")
        if member is not None and appraisal.members.filter(user=member).exists():
            failures.append(f"{_name(member)} đã có trong hội đồng.")
        position = clean_reason(position)[:200]
        RuleViolation.check(failures)
        assert member is not None
        seat = CouncilMember.objects.create(
            appraisal=appraisal, user=member, role=role, position=position
        )
        record(
            actor,
            "disposal.council.add",
            appraisal,
            after={"user": member.pk, "name": _name(member), "role": role, "position": position},
        )
    return seat


def send_to_council(actor: User, appraisal: Appraisal) -> Appraisal:
    """The proposal goes to the council: its members may now give their opinions."""
    with transaction.atomic():
        appraisal = _lock(appraisal)
        failures = []
        if not has_role(actor, "archivist", appraisal.org):
            failures.append("Chỉ lưu trữ viên lập đợt xác định giá trị mới được trình hội đồng.")
        if appraisal.status != Appraisal.Status.DRAFT:
            failures.append("Đợt xác định giá trị này đã được trình hội đồng.")
        members = list(appraisal.members.all())
        if not any(m.role == CouncilMember.Role.CHAIR for m in members):
            failures.append("Hội đồng chưa có Chủ tịch.")
        if len(members) < 2:
            failures.append("Hội đồng cần ít nhất hai thành viên (Chủ tịch và một ủy viên).")
        RuleViolation.check(failures)
        appraisal.status, appraisal.sent_at = Appraisal.Status.REVIEW, timezone.now()
        appraisal.save(update_fields=["status", "sent_at"])
        record(actor, "disposal.appraisal.send", appraisal, after={"members": len(members)})
    return appraisal


def _outcome_failures(item: AppraisalItem, outcome: str, new_years: int | None) -> list[str]:
    label = f"Hồ sơ {item.dossier.file_notation}"
    permanent = item.dossier.retention.period == RetentionRule.Period.PERMANENT
    if outcome not in Outcome.values:
        return [f"{label}: chọn giữ lại, hủy hoặc nộp lưu lịch sử."]
    if outcome == Outcome.KEEP and not (new_years and 0 < new_years <= MAX_NEW_YEARS):
        return [f"{label}: giữ lại thì phải ghi thời hạn mới, từ 1 đến {MAX_NEW_YEARS} năm."]
    if outcome == Outcome.DESTROY and permanent:
        return [f"{label} bảo quản vĩnh viễn: không được hủy."]
    if outcome == Outcome.TRANSFER and not permanent:
        return [f"{label} không bảo quản vĩnh viễn: không nộp lưu vào lưu trữ lịch sử."]
    return []


def give_opinion(
    actor: User,
    item: AppraisalItem,
    *,
    outcome: str,
    new_years: int | None = None,
    note: str = "",
) -> Opinion:
    """A council member's opinion on one proposed dossier (given again: replaced)."""
    with transaction.atomic():
        appraisal = _lock(item.appraisal)
        item = AppraisalItem.objects.select_related("dossier", "dossier__retention").get(pk=item.pk)
        seat = appraisal.members.filter(user=actor).first()
        failures = []
        if seat is None:
            failures.append("Bạn không phải thành viên hội đồng xác định giá trị của đợt này.")
        if appraisal.status != Appraisal.Status.REVIEW:
            failures.append("Đợt xác định giá trị này không ở bước hội đồng xem xét.")
        failures += _outcome_failures(item, outcome, new_years)
        note = clean_reason(note)
        if len(note) > 500:
            failures.append("Ghi chú dài quá 500 ký tự.")
        RuleViolation.check(failures)
        assert seat is not None
        years = new_years if outcome == Outcome.KEEP else None
        opinion, _ = Opinion.objects.update_or_create(
            item=item, member=seat, defaults={"outcome": outcome, "new_years": years, "note": note}
        )
        record(
            actor,
            "disposal.opinion",
            appraisal,
            after={
                "dossier": item.dossier_id,
                "outcome": outcome,
                "new_years": years,
                "note": note,
            },
        )
    return opinion


def decide(
    actor: User,
    appraisal: Appraisal,
    decisions: Mapping[int, tuple[str, int | None]],
    *,
    decision_number: str,
) -> Appraisal:
    """The head decides each dossier after the council's opinions; the dossiers
    decided for destruction wait for the destruction's two confirmations."""
    with transaction.atomic():
        appraisal = _lock(appraisal)
        items = list(
            appraisal.items.select_related("dossier", "dossier__org", "dossier__retention")
        )
        failures = []
        if not has_role(actor, "head", appraisal.org):
            failures.append(f"Chỉ lãnh đạo của “{appraisal.org.name}” mới được quyết định.")
        if appraisal.status != Appraisal.Status.REVIEW:
            failures.append(
                "Chưa trình hội đồng: lưu trữ viên trình trước."
                if appraisal.status == Appraisal.Status.DRAFT
                else "Đợt xác định giá trị này đã có quyết định."
            )
        members = list(appraisal.members.all())
        given = set(
            Opinion.objects.filter(item__appraisal=appraisal).values_list("item_id", "member_id")
        )
        for m in members:
            missing = [i.dossier.file_notation for i in items if (i.pk, m.pk) not in given]
            if missing:
                failures.append(
                    f"{_name(m.user)} ({m.get_role_display()}) chưa cho ý kiến về hồ sơ "
                    + ", ".join(missing)
                    + "."
                )
        decision_number = clean_reason(decision_number)
        if not decision_number:
            failures.append("Phải ghi số quyết định.")
        elif len(decision_number) > 40:
            failures.append("Số quyết định dài quá 40 ký tự.")
        for item in items:
            outcome, years = decisions.get(item.pk, ("", None))
            if not outcome:
                failures.append(f"Chưa quyết định hồ sơ {item.dossier.file_notation}.")
                continue
            failures += _outcome_failures(item, outcome, years)
            if outcome == Outcome.DESTROY:
                holds = holds_covering(item.dossier)
                if holds:
                    failures.append(
                        f"Hồ sơ {item.dossier.file_notation} đang bị tạm giữ, không được hủy: "
                        + "; ".join(hold_text(h) for h in holds)
                        + "."
                    )
                end = retention_end(item.dossier)
                if end is None or end >= timezone.localdate():
                    failures.append(
                        f"Hồ sơ {item.dossier.file_notation} chưa hết thời hạn bảo quản: không hủy được."
                    )
        RuleViolation.check(failures)
        for item in items:
            outcome, years = decisions[item.pk]
            item.decision = outcome
            item.new_years = years if outcome == Outcome.KEEP else None
            item.save(update_fields=["decision", "new_years"])
        appraisal.status = Appraisal.Status.DECIDED
        appraisal.decided_by, appraisal.decided_at = actor, timezone.now()
        appraisal.decision_number = decision_number
        appraisal.save(update_fields=["status", "decided_by", "decided_at", "decision_number"])
        if any(i.decision == Outcome.DESTROY for i in items):
            Destruction.objects.create(appraisal=appraisal, org=appraisal.org)
        record(
            actor,
            "disposal.appraisal.decide",
            appraisal,
            after={
                "decision_number": decision_number,
                "items": {i.dossier_id: [i.decision, i.new_years] for i in items},
            },
        )
    return appraisal


def default_decisions(appraisal: Appraisal) -> dict[int, tuple[str, int | None]]:
    """What the head's form offers first for each item: the council's majority
    (the chair's opinion breaking a tie), else the archivist's proposal."""
    out: dict[int, tuple[str, int | None]] = {}
    for item in appraisal.items.prefetch_related("opinions__member"):
        counts: dict[tuple[str, int | None], int] = {}
        chair: tuple[str, int | None] | None = None
        for o in item.opinions.all():
            key = (o.outcome, o.new_years)
            counts[key] = counts.get(key, 0) + 1
            if o.member.role == CouncilMember.Role.CHAIR:
                chair = key
        if counts:
            top = max(counts.values())
            best = [k for k, n in counts.items() if n == top]
            out[item.pk] = chair if chair in best else best[0]
        else:
            out[item.pk] = (item.proposal, None)
    return out


__all__: list[Any] = [
    "add_member",
    "create_appraisal",
    "decide",
    "default_decisions",
    "give_opinion",
    "lift_hold",
    "place_hold",
    "send_to_council",
]
