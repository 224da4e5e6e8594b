"""When must a dossier be deposited, and is it late? The one answer every list,
page, reminder and figure uses (archive, deadlines, compliance, the API).

The rules book decides the rule parts (must it be deposited at all, the
deadline after the work ends, how long it may be kept back); this module owns
the state parts: a dossier kept back is due when its keep-back ends, never
before the rules' date (DOMAIN §4: a keep-back of at most two years "from the
due date" extends the deadline, it never shortens it), and only a finished
dossier not yet handed to the archive can be late.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from luutru.filing.models import Dossier, DossierStatus
from luutru.rules.book import RuleBook, rulebook

# Finished and not yet handed to the archive: what can be due, and late (a dossier
# the archive returned is due again until it is deposited anew).
AWAITING_DEPOSIT = frozenset(
    {DossierStatus.CLOSED, DossierStatus.KEPT_BACK, DossierStatus.RETURNED}
)


def must_deposit(dossier: Dossier, book: RuleBook | None = None) -> bool:
    """Does the dossier go to the archive at all (retention ≥ the profile's minimum)?"""
    book = book or rulebook()
    return book.must_deposit(dossier.org, dossier.retention, dossier.end_date)


def rule_due(dossier: Dossier, book: RuleBook | None = None) -> dt.date | None:
    """The rules' deadline: the profile's delay after the work ends (None without an end)."""
    book = book or rulebook()
    return book.deposit_due(dossier.org, dossier.end_date)


def deposit_due(dossier: Dossier, book: RuleBook | None = None) -> dt.date | None:
    """When the dossier must be deposited: None while the work has no end or when it
    is not deposited (short retention); a kept-back dossier when its keep-back ends,
    never before the rules' date."""
    book = book or rulebook()
    if dossier.end_date is None or not must_deposit(dossier, book):
        return None
    due = rule_due(dossier, book)
    if due is not None and dossier.status == DossierStatus.KEPT_BACK and dossier.kept_back_until:
        return max(due, dossier.kept_back_until)
    return due


def is_overdue(
    dossier: Dossier, today: dt.date | None = None, book: RuleBook | None = None
) -> bool:
    """Past its deposit date and not yet handed to the archive."""
    if dossier.status not in AWAITING_DEPOSIT:
        return False
    due = deposit_due(dossier, book)
    return due is not None and due < (today or timezone.localdate())


def keep_back_limit(dossier: Dossier, book: RuleBook | None = None) -> dt.date | None:
    """The latest day the dossier may be kept back to (rules: due date + the maximum)."""
    book = book or rulebook()
    return book.keep_back_limit(dossier.org, dossier.end_date)


def keep_back_max_years(dossier: Dossier, book: RuleBook | None = None) -> int | None:
    book = book or rulebook()
    return book.keep_back_max_years(dossier.org, dossier.end_date)


def deposit_min_years(dossier: Dossier, book: RuleBook | None = None) -> int | None:
    book = book or rulebook()
    return book.deposit_min_years(dossier.org, dossier.end_date)


__all__ = [
    "AWAITING_DEPOSIT",
    "deposit_due",
    "deposit_min_years",
    "is_overdue",
    "keep_back_limit",
    "keep_back_max_years",
    "must_deposit",
    "rule_due",
]
