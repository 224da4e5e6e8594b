"""Writes of the review of a bundle: open a session, store the engine's
proposals, let a person correct them (move, split, merge, rename, plan item,
responsible official) and accept them into dossiers through filing's own
services. Nothing is filed without a person's accept; every write is audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from luutru.access.policy import can_view
from luutru.audit.services import record
from luutru.bundles import facts as engine_facts
from luutru.bundles import grouping
from luutru.bundles.models import (
    GroupMember,
    GroupState,
    ProposedGroup,
    ReviewSession,
    SessionState,
)
from luutru.bundles.types import MissingRef, Proposal
from luutru.capture.models import ImportBatch
from luutru.capture.queries import can_see_batch
from luutru.core.errors import RuleViolation
from luutru.core.vn import nfc
from luutru.filing import lifecycle
from luutru.filing import services as filing
from luutru.filing.models import Dossier, FilePlanItem
from luutru.orgs.models import Organization, Person
from luutru.orgs.services import ensure_fonds_open
from luutru.registry.models import Document
from luutru.registry.queries import loose_documents
from luutru.rules.models import RetentionRule
from luutru.rules.queries import retention_rules

# Up to this many documents the proposals are computed in the request itself;
# above it the worker computes them and the page shows progress.
INLINE_LIMIT = 300
NOTE_LIMIT = 500  # Dossier.description (NĐ 30 App. VI: Description, 500)


# ---------------------------------------------------------------- who may


def may_review(actor: User | AnonymousUser | None, org: Organization) -> bool:
    """Who forms dossiers at ``org`` corrects and accepts its proposals (filing decides)."""
    return filing.can_form_dossiers(actor, org)


def _work_failures(actor: User, session: ReviewSession) -> list[str]:
    failures = []
    if not can_view(actor, session, "reviewsession") or not may_review(actor, session.org):
        failures.append(
            f"Bạn không có vai trò lập hồ sơ tại “{session.org.name}” nên không thể sửa "
            "hay chấp nhận đề xuất này."
        )
    if session.state != SessionState.READY:
        failures.append("Đề xuất chưa tính xong: hãy chờ trang báo “Sẵn sàng để xem xét”.")
    return failures


def _open_group(actor: User, session: ReviewSession, group_id: int | None) -> ProposedGroup:
    """The proposed group ``group_id`` of ``session`` the actor may see, locked."""
    group = (
        ProposedGroup.objects.select_for_update().filter(session=session, pk=group_id or 0).first()
    )
    if group is None or not can_view(actor, group, "proposedgroup"):
        raise RuleViolation(
            "Không tìm thấy nhóm hồ sơ đề xuất này trong phiên (có thể đã được gộp vào nhóm "
            "khác). Hãy tải lại trang."
        )
    if group.state != GroupState.PROPOSED:
        raise RuleViolation(
            f"Nhóm “{group.title[:80]}” đã được lập thành hồ sơ: không sửa được nữa."
        )
    return group


# ---------------------------------------------------------------- sessions


def session_documents(session: ReviewSession) -> QuerySet[Document]:
    """The documents the session groups: the bundle's registered documents (or
    the body's, of the year) that sit in no dossier yet."""
    loose = loose_documents(session.org)
    if session.batch_id is not None:
        return loose.filter(import_items__batch_id=session.batch_id).distinct()
    if session.year:
        return loose.filter(issued_date__year=session.year)
    return loose


def start_session(
    actor: User,
    org: Organization,
    *,
    batch: ImportBatch | None = None,
    year: int | None = None,
    inline_limit: int = INLINE_LIMIT,
) -> ReviewSession:
    """Open a review of a bundle or of ``org``'s loose documents; the proposals
    are computed here for a small set, else by the worker (progress shown)."""
    failures = []
    if not may_review(actor, org):
        failures.append(
            f"Bạn không có vai trò lập hồ sơ tại “{org.name}” nên không thể gom văn bản "
            "của cơ quan này thành hồ sơ."
        )
    if batch is not None and (batch.org_id != org.pk or not can_see_batch(actor, batch)):
        failures.append("Không tìm thấy đợt nhập này trong các đợt bạn được xem.")
    try:
        ensure_fonds_open(org)
    except RuleViolation as exc:
        failures += exc.messages
    RuleViolation.check(failures)
    with transaction.atomic():
        session = ReviewSession.objects.create(org=org, batch=batch, year=year, created_by=actor)
        session.total = session_documents(session).count()
        session.save(update_fields=["total"])
        record(
            actor,
            "bundles.session.start",
            session,
            org_id=org.pk,
            after={"batch": batch.pk if batch else None, "year": year, "documents": session.total},
        )
    if session.total <= inline_limit:
        try:
            compute(session.pk)
        except Exception:  # noqa: BLE001 the session shows it failed, with the reason
            pass
    else:
        from luutru.bundles.tasks import compute_session  # the task module imports this one

        transaction.on_commit(lambda: compute_session.enqueue(session.pk))
    session.refresh_from_db()
    return session


def _progress(session_id: int, percent: int, **fields: Any) -> None:
    ReviewSession.objects.filter(pk=session_id).update(progress=percent, **fields)


def compute(session_id: int) -> str:
    """Compute and store the proposals of a session (the worker's task, or inline)."""
    session = ReviewSession.objects.select_related("org").get(pk=session_id)
    if session.state == SessionState.READY:
        return session.state
    _progress(session_id, 5, state=SessionState.RUNNING, error="")
    try:
        docs = list(session_documents(session).order_by("issued_date", "pk"))
        facts = engine_facts.from_documents(docs)
        _progress(session_id, 30)
        years = (
            {session.year} if session.year else {d.issued_date.year for d in docs if d.issued_date}
        )
        plan = [p for y in sorted(years) for p in engine_facts.plan_items(session.org, y)]
        proposal = grouping.propose(facts, plan)
        _progress(session_id, 80)
        with transaction.atomic():
            store_proposal(session, docs, proposal)
            _progress(
                session_id,
                100,
                state=SessionState.READY,
                total=len(docs),
                computed_at=timezone.now(),
            )
    except Exception as exc:  # the page must reach a visible end state, never stall
        _progress(
            session_id,
            100,
            state=SessionState.FAILED,
            error=f"Không tính được đề xuất: {exc.__class__.__name__}: {str(exc)[:300]}",
        )
        raise
    return SessionState.READY


def _missing_rows(missing: Iterable[MissingRef]) -> list[dict[str, Any]]:
    return [
        {
            "number_symbol": m.number_symbol,
            "date": m.issued_date.isoformat() if m.issued_date else "",
            "issuer": m.issuer,
            "cited_by": [int(k) for k in m.cited_by if str(k).isdigit()],
        }
        for m in missing
    ]


def store_proposal(session: ReviewSession, docs: list[Document], proposal: Proposal) -> None:
    """Keep the engine's proposal for ``docs`` as the session's groups (replacing
    any before); a document the proposal leaves out is listed apart, never lost."""
    groups, unassigned = proposal.groups, proposal.unassigned
    by_id = {d.pk: d for d in docs}
    session.groups.all().delete()
    session.members.all().delete()
    items = {p.pk: p for p in FilePlanItem.objects.filter(plan__org=session.org)}
    placed: set[int] = set()
    members: list[GroupMember] = []
    for order, g in enumerate(groups, start=1):
        keys = [int(k) for k in g.members if int(k) in by_id and int(k) not in placed]
        if not keys:
            continue
        item = items.get(g.plan_item.id) if g.plan_item is not None else None
        group = ProposedGroup.objects.create(
            session=session,
            order=order,
            title=nfc(g.title)[:500] or "Hồ sơ chưa đặt tiêu đề",
            plan_item=item,
            responsible=item.creator if item is not None else None,
            start=g.start,
            end=g.end,
            confidence=round(float(g.confidence), 3),
            missing=_missing_rows(g.missing),
            outside_period=[int(k) for k in g.outside_period if str(k).isdigit()],
            secrecy=max((by_id[k].secrecy for k in keys), default=0),
        )
        for position, key in enumerate(keys, start=1):
            members.append(
                GroupMember(session=session, group=group, document_id=key, position=position)
            )
            placed.add(key)
    loose = [int(k) for k in unassigned if int(k) in by_id and int(k) not in placed]
    loose += [pk for pk in by_id if pk not in placed and pk not in loose]  # never lost
    members += [
        GroupMember(session=session, group=None, document_id=pk, position=i)
        for i, pk in enumerate(loose, start=1)
    ]
    GroupMember.objects.bulk_create(members, batch_size=1000)


# ---------------------------------------------------------------- corrections


def _refresh(group: ProposedGroup) -> None:
    """Dates, order (by date), level and gaps of a group after its members changed."""
    rows = list(group.members.select_related("document"))
    rows.sort(
        key=lambda m: (
            m.document.issued_date is None,
            m.document.issued_date or dt.date.min,
            m.document_id,
        )
    )
    for position, m in enumerate(rows, start=1):
        if m.position != position:
            GroupMember.objects.filter(pk=m.pk).update(position=position)
    dates = [m.document.issued_date for m in rows if m.document.issued_date]
    group.start, group.end = (min(dates), max(dates)) if dates else (None, None)
    group.secrecy = max((m.document.secrecy for m in rows), default=0)
    ids = {m.document_id for m in rows}
    present = {_symbol_key(m.document.symbol_display, m.document.issued_date) for m in rows}
    group.missing = [
        gap
        for gap in group.missing
        if set(gap.get("cited_by") or []) & ids
        and _symbol_key(gap.get("number_symbol", ""), _date(gap.get("date"))) not in present
    ]
    group.outside_period = [pk for pk in group.outside_period if pk in ids]
    group.save()


def _symbol_key(symbol: str, day: dt.date | None) -> tuple[str, int | None]:
    return ("".join(symbol.split()).upper(), day.year if day else None)


def _date(raw: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(raw)) if raw else None
    except ValueError:
        return None


def _new_group(session: ReviewSession, title: str) -> ProposedGroup:
    last = session.groups.aggregate(m=Max("order"))["m"] or 0
    return ProposedGroup.objects.create(session=session, order=last + 1, title=title)


def move_document(
    actor: User, session: ReviewSession, document_id: int | None, to: int | str | None
) -> ProposedGroup | None:
    """Move one document to group ``to`` (an id), to a new group ("new") or out of
    every group (None: unassigned)."""
    RuleViolation.check(_work_failures(actor, session))
    with transaction.atomic():
        member = (
            GroupMember.objects.select_for_update(of=("self",))
            .select_related("document", "group")
            .filter(session=session, document_id=document_id or 0)
            .first()
        )
        if member is None or not can_view(actor, member.document, "document"):
            raise RuleViolation("Văn bản này không có trong phiên gom hồ sơ. Hãy tải lại trang.")
        source = _open_group(actor, session, member.group_id) if member.group_id else None
        if to == "new":
            target: ProposedGroup | None = _new_group(
                session, f"Hồ sơ về việc {member.document.subject[:400]}"
            )
        elif to is None:
            target = None
        else:
            target = _open_group(actor, session, int(to))
        if (target.pk if target else None) == member.group_id:
            return target
        last = session.members.filter(group=target).aggregate(m=Max("position"))["m"] or 0
        member.group, member.position = target, last + 1
        member.save(update_fields=["group", "position"])
        for g in (source, target):
            if g is not None:
                _refresh(g)
        if source is not None and not source.members.exists():
            source.delete()
        record(
            actor,
            "bundles.move",
            session,
            org_id=session.org_id,
            after={
                "document": member.document_id,
                "from": source.pk if source else None,
                "to": target.pk if target else None,
            },
        )
    return target


def split_group(
    actor: User, session: ReviewSession, group_id: int | None, document_ids: list[int]
) -> ProposedGroup:
    """Take the chosen documents of a group out into a new group."""
    RuleViolation.check(_work_failures(actor, session))
    with transaction.atomic():
        group = _open_group(actor, session, group_id)
        chosen = list(group.members.filter(document_id__in=document_ids))
        if not chosen:
            raise RuleViolation("Chưa chọn văn bản nào để tách ra: hãy đánh dấu văn bản cần tách.")
        if len(chosen) == group.members.count():
            raise RuleViolation(
                "Đã chọn mọi văn bản của nhóm: tách như vậy không thay đổi gì. "
                "Hãy để lại ít nhất một văn bản."
            )
        new = _new_group(session, f"{group.title[:480]} (tách)")
        new.plan_item, new.responsible = group.plan_item, group.responsible
        new.missing = group.missing
        new.save()
        GroupMember.objects.filter(pk__in=[m.pk for m in chosen]).update(group=new)
        _refresh(group)
        _refresh(new)
        record(
            actor,
            "bundles.split",
            session,
            org_id=session.org_id,
            after={"from": group.pk, "to": new.pk, "documents": [m.document_id for m in chosen]},
        )
    return new


def merge_groups(actor: User, session: ReviewSession, group_ids: list[int]) -> ProposedGroup:
    """Merge the chosen groups into the first of them (in the session's order)."""
    RuleViolation.check(_work_failures(actor, session))
    ids = sorted(set(group_ids))
    if len(ids) < 2:
        raise RuleViolation("Hãy đánh dấu ít nhất hai nhóm để gộp.")
    with transaction.atomic():
        groups = [_open_group(actor, session, pk) for pk in ids]
        groups.sort(key=lambda g: (g.order, g.pk))
        into, others = groups[0], groups[1:]
        last = into.members.aggregate(m=Max("position"))["m"] or 0
        for g in others:
            for m in g.members.order_by("position"):
                last += 1
                GroupMember.objects.filter(pk=m.pk).update(group=into, position=last)
            into.missing = into.missing + g.missing
            into.outside_period = into.outside_period + g.outside_period
            into.plan_item = into.plan_item or g.plan_item
            into.responsible = into.responsible or g.responsible
        into.confidence = min(g.confidence for g in groups)
        into.save()
        ProposedGroup.objects.filter(pk__in=[g.pk for g in others]).delete()
        _refresh(into)
        record(
            actor,
            "bundles.merge",
            session,
            org_id=session.org_id,
            after={"into": into.pk, "merged": [g.pk for g in others]},
        )
    return into


def update_group(
    actor: User,
    session: ReviewSession,
    group_id: int | None,
    *,
    title: str | None = None,
    plan_item_id: int | None = None,
    responsible_id: int | None = None,
    file_notation: str | None = None,
    retention_id: int | None = None,
    clear_plan_item: bool = False,
) -> ProposedGroup:
    """Rename a group, pick its plan item (or none: outside the plan), its
    responsible official, and, outside the plan, its number and retention."""
    RuleViolation.check(_work_failures(actor, session))
    with transaction.atomic():
        group = _open_group(actor, session, group_id)
        before = _group_state(group)
        failures = []
        if title is not None:
            title = nfc(title).strip()
            if not title:
                failures.append("Tiêu đề hồ sơ không được để trống.")
            elif len(title) > 500:
                failures.append(f"Tiêu đề hồ sơ dài {len(title)} ký tự, tối đa 500 ký tự.")
            else:
                group.title = title
        if clear_plan_item:
            group.plan_item = None
        elif plan_item_id is not None:
            item = FilePlanItem.objects.filter(pk=plan_item_id, plan__org=session.org).first()
            if item is None:
                failures.append("Mục này không thuộc danh mục hồ sơ của cơ quan. Hãy chọn lại.")
            else:
                group.plan_item = item
                if group.responsible_id is None:
                    group.responsible = item.creator
        if responsible_id is not None:
            person = responsible_people(session.org).filter(pk=responsible_id).first()
            if person is None:
                failures.append("Người này không làm việc tại cơ quan. Hãy chọn lại.")
            else:
                group.responsible = person
        if file_notation is not None:
            notation = nfc(file_notation).strip()
            if len(notation) > 20:
                failures.append(f"Số và ký hiệu hồ sơ dài {len(notation)} ký tự, tối đa 20 ký tự.")
            else:
                group.file_notation = notation
        if retention_id is not None:
            rule = retention_choices(session.org).filter(pk=retention_id).first()
            if rule is None:
                failures.append("Thời hạn bảo quản đã chọn không áp dụng cho cơ quan này.")
            else:
                group.retention = rule
        RuleViolation.check(failures)
        group.save()
        record(
            actor,
            "bundles.group.update",
            group,
            org_id=session.org_id,
            before=before,
            after=_group_state(group),
        )
    return group


def _group_state(g: ProposedGroup) -> dict[str, Any]:
    return {
        "title": g.title,
        "plan_item": g.plan_item_id,
        "responsible": g.responsible_id,
        "file_notation": g.file_notation,
        "retention": g.retention_id,
    }


def responsible_people(org: Organization) -> QuerySet[Person]:
    """People who may form the body's dossiers today (its officials, clerks, heads)."""
    today = timezone.localdate()
    return (
        Person.objects.filter(
            memberships__org=org,
            memberships__role__in=("official", "clerk", "head"),
            memberships__valid_from__lte=today,
        )
        .filter(Q(memberships__valid_to__isnull=True) | Q(memberships__valid_to__gte=today))
        .distinct()
        .order_by("full_name")
    )


def retention_choices(org: Organization) -> QuerySet[RetentionRule]:
    return retention_rules(org)


# ---------------------------------------------------------------- accept


def gap_note(group: ProposedGroup, documents: list[Document]) -> str:
    """The gaps of a group as a note for the dossier (at most 500 characters)."""
    parts = []
    for gap in group.missing:
        day = _date(gap.get("date"))
        text = gap.get("number_symbol") or "?"
        if day:
            text += f" ngày {day:%d/%m/%Y}"
        if gap.get("issuer"):
            text += f" ({gap['issuer']})"
        parts.append(text)
    outside = [d for d in documents if d.pk in set(group.outside_period)]
    lines = []
    if parts:
        lines.append("Thiếu văn bản được dẫn: " + "; ".join(parts))
    if outside:
        lines.append(
            "Văn bản có ngày ngoài thời gian hồ sơ: "
            + "; ".join(
                f"{d.symbol_display or d.subject[:40]}"
                + (f" ngày {d.issued_date:%d/%m/%Y}" if d.issued_date else "")
                for d in outside
            )
        )
    note = ". ".join(lines)
    if len(note) > NOTE_LIMIT:
        note = note[: NOTE_LIMIT - 30].rsplit(";", 1)[0] + "; … (xem phiên gom hồ sơ)"
    return note


def _free_notation(org: Organization, year: int, order: int) -> str:
    n = order
    while True:
        notation = f"{n:02d}.NDM"
        if not Dossier.objects.filter(org=org, file_catalog=year, file_notation=notation).exists():
            return notation
        n += 1


def accept_group(actor: User, session: ReviewSession, group_id: int | None) -> Dossier:
    """Open the group's dossier (under its plan item, or outside the plan with its
    five required data), add its documents in order, note its gaps; one
    transaction: refused (nothing changes) with every reason in Vietnamese."""
    RuleViolation.check(_work_failures(actor, session))
    with transaction.atomic():
        group = _open_group(actor, session, group_id)
        members = list(group.members.select_related("document").order_by("position", "pk"))
        docs = [m.document for m in members]
        failures = []
        if not docs:
            failures.append(f"Nhóm “{group.title[:80]}” không có văn bản nào.")
        hidden = [d for d in docs if not can_view(actor, d, "document")]
        if hidden:
            failures.append(
                f"Nhóm “{group.title[:80]}” có {len(hidden)} văn bản bạn không được xem "
                "(độ mật cao hơn mức bạn được tiếp cận): người có thẩm quyền phải lập hồ sơ này."
            )
        try:
            ensure_fonds_open(session.org)
        except RuleViolation as exc:
            failures += exc.messages
        if not may_review(actor, session.org):
            failures.append(f"Bạn không có vai trò lập hồ sơ tại “{session.org.name}”.")
        RuleViolation.check(failures)
        dossier = _dossier_for(actor, session, group, docs)
        for doc in docs:
            filing.add_document_to_dossier(actor, dossier, doc)
        note = gap_note(group, docs)
        if note:
            joined = f"{dossier.description}. {note}" if dossier.description else note
            filing.update_dossier(actor, dossier, description=joined[:NOTE_LIMIT])
        group.state = GroupState.ACCEPTED
        group.dossier = dossier
        group.accepted_by = actor
        group.accepted_at = timezone.now()
        group.save()
        record(
            actor,
            "bundles.group.accept",
            group,
            org_id=session.org_id,
            after={
                "dossier": dossier.pk,
                "documents": [d.pk for d in docs],
                "missing": len(group.missing),
            },
        )
    return dossier


def _dossier_for(
    actor: User, session: ReviewSession, group: ProposedGroup, docs: list[Document]
) -> Dossier:
    if group.plan_item is not None:
        return dossier_for_item(actor, group.plan_item)
    dates = [d.issued_date for d in docs if d.issued_date]
    start = group.start or (min(dates) if dates else timezone.localdate())
    notation = group.file_notation or _free_notation(session.org, start.year, group.order)
    return filing.open_dossier(
        actor,
        session.org,
        title=group.title,
        file_notation=notation,
        retention=group.retention,
        creator=group.responsible or filing_person(actor),
        start_date=start,
        year=start.year,
    )


def dossier_for_item(actor: User, item: FilePlanItem) -> Dossier:
    """The plan item's dossier being formed, else the one filing opens for it (and
    refuses for a closed one, an unissued plan, a closed fonds, a missing creator)."""
    current = item.dossiers.filter(status__in=sorted(lifecycle.BEING_FORMED)).first()
    if current is not None:
        return current
    return filing.open_dossier_from_plan(actor, item)


def filing_person(actor: User) -> Person | None:
    person: Person | None = getattr(actor, "person", None)
    return person


def accept_all(actor: User, session: ReviewSession) -> list[Dossier]:
    """Accept every proposed group the actor sees, all or nothing."""
    RuleViolation.check(_work_failures(actor, session))
    ids = list(
        session.groups.filter(state=GroupState.PROPOSED)
        .order_by("order", "pk")
        .values_list("pk", flat=True)
    )
    if not ids:
        raise RuleViolation("Không còn nhóm đề xuất nào chờ chấp nhận.")
    failures: list[str] = []
    dossiers: list[Dossier] = []
    with transaction.atomic():
        for pk in ids:
            try:
                with transaction.atomic():
                    dossiers.append(accept_group(actor, session, pk))
            except RuleViolation as exc:
                title = ProposedGroup.objects.filter(pk=pk).values_list("title", flat=True).first()
                failures += [f"“{(title or '')[:80]}”: {m}" for m in exc.messages]
        if failures:
            raise RuleViolation(
                "Chưa lập hồ sơ nào (chấp nhận tất cả là làm trọn một lần). Lý do:", *failures
            )
    return dossiers
