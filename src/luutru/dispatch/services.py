"""Writes of the dispatch app, gathered so callers import one module: drafting and
approval (``drafting``), issuing, filing, recall and correction (``issuing``), the
network and exchange packages (``network``)."""

from luutru.dispatch.drafting import (
    approve,
    can_approve,
    can_draft,
    can_issue,
    create_draft,
    is_drafter,
    return_draft,
    submit,
    update_draft,
)
from luutru.dispatch.issuing import (
    Issued,
    can_recall,
    correction_failures,
    file_registered_copy,
    issue,
    recall,
    symbol_for,
)
from luutru.dispatch.network import export_package, import_package, read_package

__all__ = [
    "Issued",
    "approve",
    "can_approve",
    "can_draft",
    "can_issue",
    "can_recall",
    "correction_failures",
    "create_draft",
    "export_package",
    "file_registered_copy",
    "import_package",
    "is_drafter",
    "issue",
    "read_package",
    "recall",
    "return_draft",
    "submit",
    "symbol_for",
    "update_draft",
]
