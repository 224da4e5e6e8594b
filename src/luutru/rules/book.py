"""The rule book: each rule one function, answered in memory (issue 9, item 2).

Every other app asks the book and never decides: "must this dossier be
deposited, and by when?", "how long may it be kept back?", "how long before a
deadline is a person told?", "when is a year's file plan due?", "how is a number
and symbol written?", "which retention periods may be chosen?".

The book holds every rule profile, loaded once per process and kept while the
rules' version (``RulesVersion``, a random token every change to a rules model
replaces) is unchanged: ``rulebook()`` costs one tiny query; a change made by
another process is seen at its next call.

Which profile applies: the profile of the body's fonds system in force on the
day asked about, else the one in force today (records older than every profile
still get a deadline). Where no profile exists at all, the functions answer
what ``rules.defaults`` says (no deposit due, 30 days' notice, 31 January, the
fonds system's number style, no retention options); ``require_profile`` refuses
in Vietnamese for services that cannot go on without one.

Each function has its legal basis and the validity of the profile that gave
it: ``book.ruling("deposit_due", org, end_date)`` returns the value with them,
``book.basis("deposit_due", org)`` the basis text alone.
"""

from __future__ import annotations

import calendar
import datetime as dt
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from django.utils import timezone

from luutru.core.errors import RuleViolation
from luutru.rules import defaults
from luutru.rules.models import Evidence, RetentionRule, RuleProfile, RulesVersion

__all__ = [
    "RULES",
    "RuleBook",
    "Ruling",
    "add_months",
    "deposit_due",
    "keep_back_limit",
    "must_deposit",
    "number_style",
    "plan_deadline",
    "profile",
    "reminder_days",
    "retention_end",
    "retention_options",
    "rulebook",
    "transfer_due",
]


class HasFondsSystem(Protocol):
    fonds_system: str


# An Organization (anything with ``fonds_system``) or a fonds-system code ("party").
Org = HasFondsSystem | str


def fonds_system_of(org: Org) -> str:
    return org if isinstance(org, str) else org.fonds_system


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months (31 January + 1 month = 28/29 February)."""
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Ruling:
    """A rule's answer with where it comes from."""

    value: Any
    basis: str
    evidence: str
    profile_code: str
    profile_name: str
    valid_from: dt.date | None
    valid_to: dt.date | None

    @property
    def evidence_label(self) -> str:
        return str(Evidence(self.evidence).label) if self.evidence else ""


# The rules the book answers, and the profile fields holding each one's basis
# and evidence (``None``: the profile's own ``legal_basis`` / ``evidence``).
RULES: dict[str, tuple[str | None, str | None]] = {
    "deposit_due": ("deadlines_basis", "deadlines_evidence"),
    "must_deposit": ("deadlines_basis", "deadlines_evidence"),
    "keep_back_limit": ("deadlines_basis", "deadlines_evidence"),
    "reminder_days": ("reminder_basis", "reminder_evidence"),
    "plan_deadline": ("plan_deadline_basis", "plan_deadline_evidence"),
    "number_style": ("number_style_basis", "number_style_evidence"),
    "retention_options": (None, None),
    "retention_end": ("retention_basis", "retention_evidence"),
    "transfer_due": ("transfer_basis", "transfer_evidence"),
}


def today() -> dt.date:
    return timezone.localdate()


class RuleBook:
    """Every rule profile with its retention options, in memory."""

    def __init__(self, version: str, profiles: Iterable[RuleProfile]):
        self.version = version
        self.profiles = sorted(profiles, key=lambda p: (p.valid_from, p.pk), reverse=True)
        self._by_system: dict[str, list[RuleProfile]] = {}
        for p in self.profiles:
            self._by_system.setdefault(p.fonds_system, []).append(p)
        self._retentions: dict[int, list[RetentionRule]] = {
            p.pk: list(p.retentions.all()) for p in self.profiles
        }
        self._retention_by_pk = {r.pk: r for rs in self._retentions.values() for r in rs}

    @classmethod
    def load(cls, version: str) -> RuleBook:
        profiles = RuleProfile.objects.prefetch_related("retentions")
        return cls(version, list(profiles))

    # ------------------------------------------------------------ profiles

    def covering(self, org: Org, day: dt.date) -> RuleProfile | None:
        """The profile in force on ``day`` (no fallback)."""
        for p in self._by_system.get(fonds_system_of(org), ()):
            if p.valid_from <= day and (p.valid_to is None or day <= p.valid_to):
                return p
        return None

    def profile(self, org: Org, day: dt.date | None = None) -> RuleProfile | None:
        """The profile in force on ``day``, else today's (None when there is none)."""
        found = self.covering(org, day) if day is not None else None
        return found or self.covering(org, today())

    def require_profile(self, org: Org, day: dt.date | None = None) -> RuleProfile:
        """As ``profile``, refusing in Vietnamese when the body has none."""
        found = self.profile(org, day)
        if found is None:
            name = org if isinstance(org, str) else getattr(org, "name", org.fonds_system)
            raise RuleViolation(
                f"Chưa có bộ quy tắc nào áp dụng cho “{name}”. "
                "Đề nghị quản trị viên bổ sung trong mục Quy tắc."
            )
        return found

    def retentions_of(self, profile: RuleProfile) -> list[RetentionRule]:
        return self._retentions.get(profile.pk, [])

    def retention(self, pk: int | None) -> RetentionRule | None:
        """A retention period of any profile by its id (for rows read as plain values)."""
        return None if pk is None else self._retention_by_pk.get(pk)

    # ------------------------------------------------------------ the rules

    def must_deposit(
        self, org: Org, retention: RetentionRule | None, end_date: dt.date | None
    ) -> bool:
        """Retention of at least the profile's deposit minimum (default 5 years)."""
        p = self.profile(org, end_date)
        if p is None or retention is None:
            return False
        return retention.at_least_years(p.deposit_min_years)

    def deposit_min_years(self, org: Org, end_date: dt.date | None = None) -> int | None:
        p = self.profile(org, end_date)
        return None if p is None else p.deposit_min_years

    def deposit_due(self, org: Org, end_date: dt.date | None) -> dt.date | None:
        """The deposit deadline: the profile's delay (default 12 months) after the work ends."""
        if end_date is None:
            return None
        p = self.profile(org, end_date)
        return None if p is None else add_months(end_date, p.deposit_delay_months)

    def keep_back_max_years(self, org: Org, end_date: dt.date | None = None) -> int | None:
        p = self.profile(org, end_date)
        return None if p is None else p.keep_back_max_years

    def keep_back_limit(self, org: Org, end_date: dt.date | None) -> dt.date | None:
        """The latest day a dossier may be kept back to: deposit deadline + the
        profile's keep-back maximum (default 2 years)."""
        due = self.deposit_due(org, end_date)
        p = self.profile(org, end_date)
        if due is None or p is None:
            return None
        return add_months(due, 12 * p.keep_back_max_years)

    def reminder_days(self, org: Org, day: dt.date | None = None) -> int:
        """How many days before a deadline a person is told (default 30)."""
        p = self.profile(org, day)
        return defaults.DEFAULT_REMINDER_DAYS if p is None else p.reminder_days

    def notice_from(self, org: Org, due: dt.date, day: dt.date | None = None) -> dt.date:
        """From when a person is told of a deadline ``due``: the reminder days of the
        profile in force on ``day`` (the day the deadline was set from; else ``due``)."""
        return due - dt.timedelta(days=self.reminder_days(org, day or due))

    def plan_deadline(self, org: Org, year: int) -> dt.date:
        """The day a year's file plan must be issued by (default 31 January); a day
        past the month's end is its last day."""
        p = self.profile(org, dt.date(year, 1, 1))
        month, day = (
            (p.plan_deadline_month, p.plan_deadline_day) if p else defaults.DEFAULT_PLAN_DEADLINE
        )
        month = min(max(month, 1), 12)
        return dt.date(year, month, min(max(day, 1), calendar.monthrange(year, month)[1]))

    def number_style(self, org: Org, day: dt.date | None = None) -> str:
        """How a number and symbol is written: "party" (12-NQ/TU) or "state" (12/QĐ-UBND)."""
        p = self.profile(org, day)
        if p is None or not p.number_style:
            return defaults.default_number_style(fonds_system_of(org))
        return p.number_style

    def retention_options(self, org: Org, day: dt.date | None = None) -> list[RetentionRule]:
        """The retention periods a dossier of the body may be given."""
        p = self.profile(org, day)
        return [] if p is None else self.retentions_of(p)

    def retention_end(
        self,
        org: Org,
        retention: RetentionRule | None,
        end_date: dt.date | None,
        years: int | None = None,
    ) -> dt.date | None:
        """The last day a dossier must be kept: 31 December of the year its work
        ended (State: 163/QĐ-VTLTNN) or its unit was formed (Party: 160-CV/TW; a
        dossier is formed as its work ends) plus its period in years; ``years``
        is a new period an appraisal council gave it, replacing the old one.
        None: it never ends (permanent) or has no countable end (until it
        lapses, life of the works: the council judges those), or no end date."""
        if end_date is None:
            return None
        if years is None:
            if retention is None or retention.period != RetentionRule.Period.YEARS:
                return None
            years = retention.years
        if not years:
            return None
        return dt.date(end_date.year + years, 12, 31)

    def transfer_delay_years(self, org: Org, day: dt.date | None = None) -> int | None:
        p = self.profile(org, day)
        return None if p is None else p.transfer_delay_years

    def transfer_due(self, org: Org, archived_on: dt.date | None) -> dt.date | None:
        """When a permanent dossier is due at the historical archive: the profile's
        delay (default 5 years; Luật Lưu trữ 2024) after it entered the agency archive."""
        if archived_on is None:
            return None
        p = self.profile(org, archived_on)
        return None if p is None else add_months(archived_on, 12 * p.transfer_delay_years)

    # ------------------------------------------------------------ where from

    def _rule(self, name: str) -> Callable[..., Any]:
        if name not in RULES:
            raise KeyError(f"Không có quy tắc “{name}”.")
        rule: Callable[..., Any] = getattr(self, name)
        return rule

    def _profile_for_rule(self, name: str, org: Org, args: tuple[Any, ...]) -> RuleProfile | None:
        day = args[0] if args else None
        if name == "plan_deadline" and isinstance(day, int):
            day = dt.date(day, 1, 1)
        if name in ("must_deposit", "retention_end"):
            day = args[1] if len(args) > 1 else None
        return self.profile(org, day if isinstance(day, dt.date) else None)

    def ruling(self, name: str, org: Org, *args: Any) -> Ruling:
        """The value of rule ``name`` for ``org`` (same arguments as the rule) with
        its legal basis, evidence and the validity of the profile it comes from."""
        rule = self._rule(name)
        value = rule(org, *args)
        p = self._profile_for_rule(name, org, args)
        if p is None:
            return Ruling(value, "", Evidence.DEFAULT, "", "", None, None)
        basis_field, evidence_field = RULES[name]
        basis = getattr(p, basis_field) if basis_field else ""
        evidence = getattr(p, evidence_field) if evidence_field else p.evidence
        return Ruling(
            value=value,
            basis=basis or p.legal_basis,
            evidence=evidence,
            profile_code=p.code,
            profile_name=p.name,
            valid_from=p.valid_from,
            valid_to=p.valid_to,
        )

    def basis(self, name: str, org: Org, day: dt.date | None = None) -> str:
        """The legal basis of rule ``name`` for ``org`` on ``day`` (today's if None)."""
        self._rule(name)
        p = self.profile(org, day)
        if p is None:
            return ""
        basis_field = RULES[name][0]
        return (getattr(p, basis_field) if basis_field else "") or p.legal_basis


# ---------------------------------------------------------------- the cache

_lock = threading.Lock()
_cached: RuleBook | None = None


def current_version() -> str | None:
    """The rules' version token in the database (None before any is written)."""
    token = RulesVersion.objects.filter(pk=1).values_list("token", flat=True).first()
    return token or None


def rulebook() -> RuleBook:
    """The rule book for the rules as they are now: one query for the version;
    the profiles are loaded again only when it changed."""
    global _cached
    version = current_version()  # read before the profiles: never cache new rules as old
    book = _cached
    if version is not None and book is not None and book.version == version:
        return book
    with _lock:
        book = RuleBook.load(version or "")
        if version is not None:
            _cached = book
    return book


def forget() -> None:
    """Drop this process's book (the next ``rulebook()`` loads it again)."""
    global _cached
    _cached = None


# ---------------------------------------------------------------- shortcuts


def profile(org: Org, day: dt.date | None = None) -> RuleProfile | None:
    return rulebook().profile(org, day)


def must_deposit(org: Org, retention: RetentionRule | None, end_date: dt.date | None) -> bool:
    return rulebook().must_deposit(org, retention, end_date)


def deposit_due(org: Org, end_date: dt.date | None) -> dt.date | None:
    return rulebook().deposit_due(org, end_date)


def keep_back_limit(org: Org, end_date: dt.date | None) -> dt.date | None:
    return rulebook().keep_back_limit(org, end_date)


def reminder_days(org: Org, day: dt.date | None = None) -> int:
    return rulebook().reminder_days(org, day)


def plan_deadline(org: Org, year: int) -> dt.date:
    return rulebook().plan_deadline(org, year)


def number_style(org: Org, day: dt.date | None = None) -> str:
    return rulebook().number_style(org, day)


def retention_options(org: Org, day: dt.date | None = None) -> list[RetentionRule]:
    return rulebook().retention_options(org, day)


def retention_end(
    org: Org, retention: RetentionRule | None, end_date: dt.date | None, years: int | None = None
) -> dt.date | None:
    return rulebook().retention_end(org, retention, end_date, years)


def transfer_due(org: Org, archived_on: dt.date | None) -> dt.date | None:
    return rulebook().transfer_due(org, archived_on)
