"""What falls due, for a person or an organization, computed from the records
and the rules: deposits (and keep-backs ending), the year's file plan, fixes
required by an inspection, incoming documents being handled (and those handled
but never filed)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone

from luutru.access.policy import has_role, subject_for
from luutru.archive.queries import awaiting_deposit, latest_return_reasons
from luutru.deadlines.dates import plan_issued_on
from luutru.deadlines.models import Kind, Notification
from luutru.desk.models import Arrival, Handling
from luutru.desk.queries import arrivals_visible_to, handled_unfiled_q
from luutru.desk.services import BEING_HANDLED
from luutru.filing.models import Dossier, DossierStatus, FilePlan
from luutru.filing.queries import dossiers_visible_to
from luutru.inspection.models import Fix
from luutru.inspection.queries import fixes_visible_to
from luutru.orgs.models import Fonds, Membership, Organization, Role
from luutru.rules.book import RuleBook, rulebook

# Who answers for the year's file plan: the head approves it, the clerk prepares and issues it.
PLAN_ROLES = (Role.HEAD, Role.CLERK)
# Who may read an organization's deadlines list.
ORG_LIST_ROLES = (Role.HEAD, Role.CLERK, Role.ARCHIVIST, Role.INSPECTOR)


@dataclass
class DueItem:
    kind: str
    object_type: str
    object_id: int
    org: Organization
    what: str
    due: dt.date
    notice: dt.date
    url: str
    recipients: set[int] = field(default_factory=set)

    def days_left(self, today: dt.date) -> int:
        return (self.due - today).days

    def state(self, today: dt.date) -> str:
        if self.due < today:
            return "overdue"
        return "soon" if today >= self.notice else "later"

    def state_label(self, today: dt.date) -> str:
        n = self.days_left(today)
        if n < 0:
            return f"quá hạn {-n} ngày"
        if n == 0:
            return "hết hạn hôm nay"
        return f"còn {n} ngày"

    @property
    def kind_label(self) -> str:
        return Kind(self.kind).label

    @property
    def message(self) -> str:
        """The notification text (no relative days: they change, the date does not)."""
        return f"{self.kind_label}: {self.what} ({self.org.name}) – hạn {self.due:%d/%m/%Y}."

    @property
    def key(self) -> tuple:
        return (self.kind, self.object_type, self.object_id, self.due)


# ---------------------------------------------------------------- sources


def deposit_items(dossiers: QuerySet[Dossier], book: RuleBook) -> list[DueItem]:
    """Finished dossiers (closed, kept back, returned by the archive) that must go to the
    archive and that it has not received (``archive.queries.awaiting_deposit``, the same
    set compliance counts)."""
    # Plain tuples, bodies and retention rules loaded once: a province has tens of
    # thousands of closed dossiers and building model rows dominated the digest.
    values = awaiting_deposit(dossiers.filter(end_date__isnull=False)).values_list(
        "pk",
        "org_id",
        "retention_id",
        "status",
        "end_date",
        "kept_back_until",
        "file_notation",
        "title",
        "owner_id",
        "creator__user_id",
    )
    rows_in = list(values)
    returned = latest_return_reasons(r[0] for r in rows_in if r[3] == DossierStatus.RETURNED)
    orgs = Organization.objects.in_bulk({r[1] for r in rows_in})
    rows = []
    for pk, org_id, ret_id, status, end, kept_until, notation, title, owner, creator in rows_in:
        org = orgs[org_id]
        due = book.deposit_due(org, end)
        if end is None or due is None or not book.must_deposit(org, book.retention(ret_id), end):
            continue
        kept = status == DossierStatus.KEPT_BACK and kept_until is not None
        if kept_until is not None and kept:  # never before the rules' date (as compliance)
            due = max(due, kept_until)
        what = f"hồ sơ {notation} “{title}”"
        if pk in returned:
            what += f" – bị lưu trữ trả lại: {returned[pk].return_reason}"
        rows.append(
            DueItem(
                kind=Kind.KEEP_BACK if kept else Kind.DEPOSIT,
                object_type="dossier",
                object_id=pk,
                org=org,
                what=what,
                due=due,
                notice=book.notice_from(org, due, end),
                url=f"/ho-so/{pk}/",
                recipients={u for u in (owner, creator) if u},
            )
        )
    return rows


def _current_members(org_ids: Iterable[int], roles: Iterable[str], day: dt.date) -> dict:
    out: dict[int, set[int]] = {}
    for org_id, user_id in (
        Membership.objects.filter(
            org_id__in=list(org_ids),
            role__in=list(roles),
            valid_from__lte=day,
            person__user__isnull=False,
        )
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .values_list("org_id", "person__user_id")
    ):
        out.setdefault(org_id, set()).add(user_id)
    return out


def plan_items(orgs: QuerySet[Organization], today: dt.date, book: RuleBook) -> list[DueItem]:
    """This year's (and, once its notice starts, next year's) file plan not yet issued."""
    closed = set(Fonds.objects.filter(status=Fonds.Status.CLOSED).values_list("org_id", flat=True))
    candidates = []
    for org in orgs.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today)):
        if org.pk in closed:
            continue
        for year in (today.year, today.year + 1):
            if book.profile(org, dt.date(year, 1, 1)) is None:
                continue
            due = book.plan_deadline(org, year)
            notice = book.notice_from(org, due, dt.date(year, 1, 1))
            if today >= notice and org.is_active_on(due):
                candidates.append((org, year, due, notice))
    if not candidates:
        return []
    plans = {
        (p.org_id, p.year): p
        for p in FilePlan.objects.filter(
            org_id__in={c[0].pk for c in candidates}, year__in={c[1] for c in candidates}
        )
    }
    members = _current_members({c[0].pk for c in candidates}, PLAN_ROLES, today)
    rows = []
    for org, year, due, notice in candidates:
        plan = plans.get((org.pk, year))
        if plan is not None and plan_issued_on(plan) is not None:
            continue
        rows.append(
            DueItem(
                kind=Kind.PLAN,
                object_type="fileplan" if plan else "organization",
                object_id=plan.pk if plan else org.pk,
                org=org,
                what=f"danh mục hồ sơ năm {year}"
                + (f" ({plan.get_state_display().lower()})" if plan else " (chưa lập)"),
                due=due,
                notice=notice,
                url=f"/danh-muc/{plan.pk}/" if plan else "/danh-muc/",
                recipients=members.get(org.pk, set()),
            )
        )
    return rows


def fix_items(fixes: QuerySet[Fix], book: RuleBook) -> list[DueItem]:
    rows = []
    for f in fixes.filter(status=Fix.Status.OPEN).select_related("inspection__org", "responsible"):
        org = f.inspection.org
        rows.append(
            DueItem(
                kind=Kind.FIX,
                object_type="fix",
                object_id=f.pk,
                org=org,
                what=f"“{f.description}” (đợt kiểm tra “{f.inspection.title}”)",
                due=f.deadline,
                notice=book.notice_from(org, f.deadline),
                url=f"/kiem-tra/{f.inspection_id}/#khac-phuc",
                recipients={f.responsible.user_id} if f.responsible.user_id else set(),
            )
        )
    return rows


def handling_items(arrivals: QuerySet[Arrival], book: RuleBook) -> list[DueItem]:
    """Incoming documents assigned and not finished (``luutru.desk``): due on the
    head's deadline, to their current handlers."""
    rows = list(
        arrivals.filter(state__in=BEING_HANDLED, deadline__isnull=False).select_related(
            "org", "document"
        )
    )
    handlers: dict[int, set[int]] = {}
    current = Handling.objects.filter(arrival__in=[a.pk for a in rows], ended_at__isnull=True)
    for arrival_id, user_id in current.values_list("arrival_id", "handler_id"):
        handlers.setdefault(arrival_id, set()).add(user_id)
    return [
        DueItem(
            kind=Kind.HANDLING,
            object_type="arrival",
            object_id=a.pk,
            org=a.org,
            what=f"văn bản đến số {a.number_display} “{a.document.subject[:80]}”",
            due=a.deadline,
            notice=book.notice_from(a.org, a.deadline),
            url=f"/van-thu/den/{a.pk}/",
            recipients=handlers.get(a.pk, set()),
        )
        for a in rows
        if a.deadline is not None
    ]


def unfiled_items(arrivals: QuerySet[Arrival]) -> list[DueItem]:
    """Incoming documents handled but never filed: due (and told) the day they were
    finished, to the handler who finished them, until the document sits in a dossier."""
    rows = arrivals.filter(handled_unfiled_q(), finished_at__isnull=False).select_related(
        "org", "document"
    )
    return [
        DueItem(
            kind=Kind.UNFILED,
            object_type="arrival",
            object_id=a.pk,
            org=a.org,
            what=f"văn bản đến số {a.number_display} “{a.document.subject[:80]}” "
            "đã giải quyết nhưng chưa đưa vào hồ sơ",
            due=timezone.localtime(a.finished_at).date(),
            notice=timezone.localtime(a.finished_at).date(),
            url=f"/van-ban/{a.document_id}/",
            recipients={a.finished_by_id} if a.finished_by_id else set(),
        )
        for a in rows
        if a.finished_at is not None
    ]


def _sorted(rows: list[DueItem]) -> list[DueItem]:
    return sorted(rows, key=lambda r: (r.due, r.org.path, r.kind, r.object_id))


# ---------------------------------------------------------------- lists


def all_due(today: dt.date) -> list[DueItem]:
    """Everything that has a due date, across the database (the digest; never shown as is)."""
    book = rulebook()
    return _sorted(
        deposit_items(Dossier.objects.all(), book)
        + plan_items(Organization.objects.all(), today, book)
        + fix_items(Fix.objects.all(), book)
        + handling_items(Arrival.objects.all(), book)
        + unfiled_items(Arrival.objects.all())
    )


def my_due(user, today: dt.date | None = None) -> list[DueItem]:
    """“Việc sắp đến hạn của tôi”: the user's dossiers, plans they answer for, fixes assigned to them."""
    today = today or timezone.localdate()
    book = rulebook()
    person = getattr(user, "person", None)
    mine = Q(owner_id=user.pk)
    if person is not None:
        mine |= Q(creator_id=person.pk)
    rows = deposit_items(dossiers_visible_to(user).filter(mine), book)
    plan_org_ids = [oid for oid, role in subject_for(user).roles if role in PLAN_ROLES]
    if plan_org_ids:
        rows += [
            r
            for r in plan_items(Organization.objects.filter(pk__in=plan_org_ids), today, book)
            if user.pk in r.recipients
        ]
    if person is not None:
        rows += fix_items(Fix.objects.filter(responsible=person), book)
    handling = arrivals_visible_to(user).filter(handlings__handler=user).distinct()
    rows += [r for r in handling_items(handling, book) if user.pk in r.recipients]
    rows += unfiled_items(arrivals_visible_to(user).filter(finished_by=user))
    return _sorted(rows)


def may_list_org(user, org: Organization) -> bool:
    return any(has_role(user, r, org) for r in ORG_LIST_ROLES)


def org_due(user, org: Organization, today: dt.date | None = None) -> list[DueItem]:
    """Everything due in ``org`` and below it that the user may see."""
    today = today or timezone.localdate()
    book = rulebook()
    subtree = Organization.objects.filter(path__startswith=org.path)
    rows = deposit_items(dossiers_visible_to(user).filter(org__in=subtree), book)
    rows += plan_items(subtree, today, book)
    rows += fix_items(fixes_visible_to(user).filter(inspection__org__in=subtree), book)
    arrivals = arrivals_visible_to(user).filter(org__in=subtree)
    rows += handling_items(arrivals, book) + unfiled_items(arrivals)
    return _sorted(rows)


def list_orgs(user) -> list[Organization]:
    """Bodies whose deadlines list the user may open (topmost of each of their roles)."""
    ids = {oid for oid, role in subject_for(user).roles if role in ORG_LIST_ROLES}
    return list(Organization.objects.filter(pk__in=ids).order_by("path"))


# ---------------------------------------------------------------- notifications


def pending_notifications(user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user, resolved_at__isnull=True)


def unread_count(user) -> int:
    if user is None or not user.is_authenticated:
        return 0
    return pending_notifications(user).filter(read_at__isnull=True).count()
