"""Writes of the archive app, gathered here so callers import one module:
deposits (``deposits``), the archive's decision (``acceptance``), keep-backs
(``keepback``), the holdings (``holdings``), and who may do what (``rights``).

When a dossier is due for deposit is filing's one answer (``filing.deposit``),
which asks the rules book; the names below are kept for existing callers.
"""

from __future__ import annotations

from luutru.archive.acceptance import accept_deposit, quantities, return_deposit
from luutru.archive.deposits import (
    ACTIVE_DEPOSIT_STATUSES,
    AWAITING_DEPOSIT_STATUSES,
    DEPOSITABLE_STATUSES,
    active_item_for,
    create_deposit,
    delete_draft_deposit,
    submit_deposit,
)
from luutru.archive.holdings import record_earlier_disposition
from luutru.archive.keepback import decide_keep_back, request_keep_back
from luutru.archive.labels import dossier_label, hidden_label, natural_key
from luutru.archive.rights import DEPOSITOR_ROLES, may_accept, may_deposit
from luutru.filing.deposit import deposit_due as due_date
from luutru.filing.deposit import keep_back_limit
from luutru.filing.deposit import must_deposit as must_be_deposited
from luutru.filing.deposit import rule_due as rule_due_date

__all__ = [
    "ACTIVE_DEPOSIT_STATUSES",
    "AWAITING_DEPOSIT_STATUSES",
    "DEPOSITABLE_STATUSES",
    "DEPOSITOR_ROLES",
    "accept_deposit",
    "active_item_for",
    "create_deposit",
    "decide_keep_back",
    "delete_draft_deposit",
    "dossier_label",
    "due_date",
    "hidden_label",
    "keep_back_limit",
    "may_accept",
    "may_deposit",
    "must_be_deposited",
    "natural_key",
    "quantities",
    "record_earlier_disposition",
    "request_keep_back",
    "return_deposit",
    "rule_due_date",
    "submit_deposit",
]
