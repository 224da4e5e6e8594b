"""Who may lower a secrecy level, and what lowering it takes (DOMAIN §7).

Declassification is decided, not typed: lowering the level of a document (or of
a capture item on review) needs clearance for the current level, the role of
head of the body (or of a body above it), and a reason, which is kept in the
audit chain. Raising a level needs only clearance for the new level (checked
with the rest of the metadata).
"""

from __future__ import annotations

from luutru.access.policy import has_role
from luutru.core.text import clean_reason
from luutru.orgs.models import Role, Secrecy

REASON_MAX = 1000


def clearance_of(actor) -> int:
    person = getattr(actor, "person", None) if actor is not None else None
    return person.clearance if person is not None else Secrecy.NONE


def may_lower(actor, org, current: int) -> bool:
    """May ``actor`` lower a level of ``current`` in ``org`` at all (reason aside)?"""
    if actor is None:  # the system itself (migrations, imports run by an operator)
        return True
    return clearance_of(actor) >= current and has_role(actor, Role.HEAD, org)


def lowering_failures(actor, org, before: int, after: int, reason: str) -> list[str]:
    """Every reason, in Vietnamese, why ``actor`` may not lower ``before`` to ``after``
    (an empty list when they may, or when it is not a lowering)."""
    if after >= before:
        return []
    failures = []
    before_label, after_label = Secrecy(before).label, Secrecy(after).label
    if actor is not None and clearance_of(actor) < before:
        failures.append(
            f"Bạn chưa được tiếp cận tài liệu độ “{before_label}” nên không thể giảm độ mật."
        )
    if actor is not None and not has_role(actor, Role.HEAD, org):
        failures.append(
            f"Giảm độ mật từ “{before_label}” xuống “{after_label}” do người đứng đầu "
            f"“{org.name}” (hoặc cơ quan cấp trên) quyết định; bạn không thể tự giảm. "
            "Hãy trình người đứng đầu cơ quan."
        )
    if not clean_reason(reason):
        failures.append("Hãy ghi lý do giảm độ mật (căn cứ quyết định giảm độ mật, giải mật).")
    elif len(clean_reason(reason)) > REASON_MAX:
        failures.append(f"Lý do giảm độ mật dài quá {REASON_MAX} ký tự.")
    return failures


def allowed_levels(actor, org, current: int) -> list[int]:
    """The levels a form may offer ``actor`` for an object now at ``current``: none
    below it unless they may lower it."""
    floor = Secrecy.NONE if may_lower(actor, org, current) else current
    return [level for level in Secrecy.values if level >= floor]
