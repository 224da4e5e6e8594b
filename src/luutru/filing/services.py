"""Writes of the filing app: file plan services (``plans``) and dossier
services (``dossiers``), gathered here so callers import one module."""

from django.contrib.auth.models import User
from django.db import transaction

from luutru.access.policy import has_role
from luutru.audit.services import record
from luutru.core.errors import RuleViolation
from luutru.filing.changes import lock, state
from luutru.filing.dossiers import (
    INDEX_COLUMNS,
    add_document_to_dossier,
    can_change_dossier,
    can_form_dossiers,
    close_dossier,
    close_failures,
    current_certificate,
    current_index,
    dating_warnings,
    declarable_levels,
    declare_dossier_secrecy,
    move_document,
    open_dossier,
    open_dossier_from_plan,
    read_only_message,
    remove_document,
    reopen_dossier,
    sort_by_date,
    update_dossier,
    upload_to_dossier,
)
from luutru.filing.models import Dossier
from luutru.filing.plans import (
    add_heading,
    add_item,
    approve_plan,
    can_approve_plan,
    can_edit_plan,
    can_issue_plan,
    copy_plan,
    create_plan,
    delete_heading,
    delete_item,
    issue_plan,
    set_code_scheme,
    update_item,
)
from luutru.filing.xlsx import import_plan_xlsx
from luutru.orgs.models import Person, Role


def hand_over_dossier(actor: User, dossier: Dossier, to: Person) -> Dossier:
    """Make ``to`` the responsible official (creator and owner) of a dossier still being
    formed, when the one forming it leaves or moves (issue 13 item 3); audited."""
    with transaction.atomic():
        d = lock(dossier)
        failures = []
        if d.is_read_only:
            failures.append(read_only_message(d))
        if not (can_change_dossier(actor, d) or has_role(actor, Role.ADMIN, d.org)):
            failures.append(
                "Chỉ người lập hồ sơ, lãnh đạo cơ quan hoặc quản trị mới được bàn giao hồ sơ này."
            )
        if to.user is None or not can_form_dossiers(to.user, d.org):
            failures.append(f"“{to.full_name}” không lập hồ sơ tại “{d.org.name}”.")
        if to.clearance < d.secrecy:
            failures.append(
                f"“{to.full_name}” chưa được tiếp cận tài liệu mật của hồ sơ “{d.file_notation}”."
            )
        RuleViolation.check(failures)
        before = state(d)
        d.creator, d.owner = to, to.user
        d.save(update_fields=["creator", "owner", "updated_at"])
        record(actor, "dossier.hand_over", d, before=before, after=state(d))
    return d


__all__ = [
    "INDEX_COLUMNS",
    "add_document_to_dossier",
    "add_heading",
    "add_item",
    "approve_plan",
    "can_approve_plan",
    "can_change_dossier",
    "can_edit_plan",
    "can_form_dossiers",
    "can_issue_plan",
    "close_dossier",
    "close_failures",
    "copy_plan",
    "create_plan",
    "current_certificate",
    "current_index",
    "declarable_levels",
    "declare_dossier_secrecy",
    "hand_over_dossier",
    "dating_warnings",
    "delete_heading",
    "delete_item",
    "import_plan_xlsx",
    "issue_plan",
    "move_document",
    "open_dossier",
    "open_dossier_from_plan",
    "read_only_message",
    "remove_document",
    "reopen_dossier",
    "set_code_scheme",
    "sort_by_date",
    "update_dossier",
    "update_item",
    "upload_to_dossier",
]
