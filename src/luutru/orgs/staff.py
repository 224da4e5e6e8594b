"""The register of registry and archive staff (issue 13, item 9): who holds the
duty in each body, since when, full- or part-time, trained when and in what.

Changes go through these services (administrators of the body, audited); the
register reads the bodies the viewer oversees and names those with nobody on
duty and the people never trained, which is what a province must act on.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from luutru.audit.services import record
from luutru.core.errors import RuleViolation
from luutru.core.xlsx import append
from luutru.orgs.authority import administered_paths, manage_failures, may_manage_org
from luutru.orgs.models import Duty, Membership, Organization, Person, StaffDuty, Training

# A training older than this is "not recent" (the Party's archive guidance asks for
# regular refresher courses; the project counts five years).
RECENT_YEARS = 5


@transaction.atomic
def assign_duty(
    actor,
    person: Person,
    org: Organization,
    duty: str,
    *,
    since: dt.date,
    full_time: bool = False,
    note: str = "",
) -> StaffDuty:
    failures = manage_failures(actor, org)
    if duty not in Duty.values:
        failures.append("Nhiệm vụ phải là văn thư hoặc lưu trữ.")
    if not org.is_active_on(since):
        failures.append(f"“{org.name}” không hoạt động vào ngày {since:%d/%m/%Y}.")
    if StaffDuty.objects.filter(person=person, org=org, duty=duty, until__isnull=True).exists():
        failures.append(f"{person.full_name} đang làm nhiệm vụ này tại “{org.name}”.")
    RuleViolation.check(failures)
    d = StaffDuty.objects.create(
        person=person, org=org, duty=duty, since=since, full_time=full_time, note=note[:200]
    )
    record(
        actor,
        "staff.assign",
        d,
        after={"person": person.pk, "duty": duty, "since": since, "full_time": full_time},
    )
    return d


@transaction.atomic
def end_duty(actor, duty: StaffDuty, until: dt.date) -> StaffDuty:
    failures = manage_failures(actor, duty.org)
    if duty.until is not None:
        failures.append("Nhiệm vụ này đã kết thúc từ trước.")
    elif until < duty.since:
        failures.append(f"Ngày kết thúc trước ngày bắt đầu ({duty.since:%d/%m/%Y}).")
    RuleViolation.check(failures)
    duty.until = until
    duty.save(update_fields=["until"])
    record(actor, "staff.end", duty, before={"until": None}, after={"until": until})
    return duty


@transaction.atomic
def add_training(
    actor,
    person: Person,
    *,
    day: dt.date,
    course: str,
    provider: str = "",
    hours: int | None = None,
) -> Training:
    course = (course or "").strip()
    orgs = {d.org for d in person.duties.select_related("org")} | {
        m.org for m in person.memberships.select_related("org")
    }
    first: list[Organization | None] = [min(orgs, key=lambda o: o.path)] if orgs else [None]
    failures = [] if any(may_manage_org(actor, o) for o in orgs) else manage_failures(actor, *first)
    if not course:
        failures.append("Hãy ghi tên khóa bồi dưỡng.")
    if day > timezone.localdate():
        failures.append("Ngày hoàn thành khóa bồi dưỡng không thể ở tương lai.")
    RuleViolation.check(failures)
    t = Training.objects.create(
        person=person, day=day, course=course[:200], provider=provider[:200], hours=hours
    )
    record(actor, "staff.training", t, after={"person": person.pk, "course": course, "day": day})
    return t


@dataclass
class RegisterRow:
    org: Organization
    duties: list[StaffDuty] = field(default_factory=list)

    @property
    def missing(self) -> list[str]:
        held = {d.duty for d in self.duties}
        return [label for value, label in Duty.choices if value not in held]


def register(orgs, on: dt.date | None = None) -> list[RegisterRow]:
    """Each body of ``orgs`` active on ``on`` with its current duties and their trainings."""
    on = on or timezone.localdate()
    current = (
        StaffDuty.objects.filter(since__lte=on)
        .filter(Q(until__isnull=True) | Q(until__gte=on))
        .select_related("person")
        .prefetch_related(Prefetch("person__trainings", queryset=Training.objects.order_by("-day")))
    )
    rows = []
    active = orgs.filter(valid_from__lte=on).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
    for org in active.prefetch_related(Prefetch("staff_duties", queryset=current)).order_by("path"):
        rows.append(RegisterRow(org=org, duties=list(org.staff_duties.all())))
    return rows


def last_training(duty: StaffDuty) -> Training | None:
    trainings = list(duty.person.trainings.all())
    return trainings[0] if trainings else None


def untrained(duty: StaffDuty, on: dt.date) -> bool:
    t = last_training(duty)
    return t is None or t.day < on.replace(year=on.year - RECENT_YEARS)


def export(rows: list[RegisterRow], on: dt.date) -> bytes:
    from openpyxl import Workbook  # heavy; only the export needs it

    wb = Workbook()
    ws = wb.active
    ws.title = "Văn thư, lưu trữ"
    append(ws, [f"DANH SÁCH NGƯỜI LÀM VĂN THƯ, LƯU TRỮ (ngày {on:%d/%m/%Y})"])
    append(
        ws,
        [
            "Mã cơ quan",
            "Cơ quan",
            "Nhiệm vụ",
            "Họ và tên",
            "Từ ngày",
            "Chuyên trách / kiêm nhiệm",
            "Bồi dưỡng gần nhất",
            "Ngày",
        ],
    )
    for row in rows:
        if not row.duties:
            append(ws, [row.org.code, row.org.name, "Chưa có người", "", "", "", "", ""])
        for d in row.duties:
            t = last_training(d)
            append(
                ws,
                [
                    row.org.code,
                    row.org.name,
                    d.get_duty_display(),
                    d.person.full_name,
                    d.since.strftime("%d/%m/%Y"),
                    "Chuyên trách" if d.full_time else "Kiêm nhiệm",
                    t.course if t else "Chưa được bồi dưỡng",
                    t.day.strftime("%d/%m/%Y") if t else "",
                ],
            )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def overseen(user) -> QuerySet[Organization]:
    """The bodies whose staff register ``user`` reads: below each body where they
    administer, lead, inspect or keep the archive (everything for a superuser)."""
    paths = administered_paths(user)
    if paths is None:
        return Organization.objects.all()
    today = timezone.localdate()
    roles = ("admin", "head", "inspector", "archivist")
    mine = (
        Membership.objects.filter(person__user=user, role__in=roles, valid_from__lte=today)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .values_list("org__path", flat=True)
    )
    scope = Q(pk__in=[])
    for path in {*mine, *paths}:
        if path:
            scope |= Q(path__startswith=path)
    return Organization.objects.filter(scope)
