"""Writes of the access app: API tokens and explicit grants (issued for the
archive's access requests). Each checks who may make it and writes its audit event."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from luutru.access.api_auth import _hash, issue_token
from luutru.access.models import ApiToken, Grant
from luutru.access.policy import can_view, facts_of, has_role
from luutru.audit.services import Actor, record
from luutru.core.errors import RuleViolation
from luutru.core.text import clean_reason
from luutru.orgs.models import Organization, Person, Role, Secrecy


@transaction.atomic
def create_api_token(actor: Actor, user: User, name: str = "api") -> str:
    """Issue a token for ``user``; return the clear key (shown once, stored hashed)."""
    name = (name or "").strip()
    failures = []
    if not name:
        failures.append("Tên token không được để trống.")
    if not user.is_active:
        failures.append(f"Tài khoản “{user.get_username()}” đang bị khóa: không thể cấp token.")
    RuleViolation.check(failures)
    key = issue_token(user, name)
    token = ApiToken.objects.get(key_hash=_hash(key))
    record(actor, "token.create", token, after={"user": user.get_username(), "name": name})
    return key


@transaction.atomic
def revoke_api_tokens(
    actor: Actor, *, user: User | None = None, name: str | None = None, key: str | None = None
) -> int:
    """Revoke the live tokens chosen by clear ``key``, or by ``user`` (and ``name``); return how many."""
    if key is None and user is None:
        raise RuleViolation("Hãy chỉ rõ token cần thu hồi: theo khóa, hoặc theo tài khoản.")
    tokens = ApiToken.objects.select_for_update().filter(revoked_at__isnull=True)
    if key is not None:
        tokens = tokens.filter(key_hash=_hash(key.strip()))
    if user is not None:
        tokens = tokens.filter(user=user)
    if name:
        tokens = tokens.filter(name=name)
    now = timezone.now()
    revoked = 0
    for token in tokens.select_related("user"):
        token.revoked_at = now
        token.save(update_fields=["revoked_at"])
        record(
            actor,
            "token.revoke",
            token,
            before={"revoked_at": None},
            after={"user": token.user.get_username(), "name": token.name, "revoked_at": now},
        )
        revoked += 1
    return revoked


# --- explicit grants ----------------------------------------------------------------------

GRANTING_ROLES = (Role.HEAD, Role.ARCHIVIST)


@transaction.atomic
def issue_grant(
    actor: User | None,
    person: Person,
    obj: Any,
    *,
    reason: str,
    valid_until: dt.date | None = None,
    object_type: str | None = None,
) -> Grant:
    """Let ``person`` read ``obj`` (a registered kind, or anything with
    ``access_facts()``): decided by
    a head or archivist over its body who may read it, never for oneself, never
    above the person's clearance."""
    object_type = object_type or obj._meta.model_name
    facts = facts_of(obj, object_type)
    reason = clean_reason(reason)
    failures = []
    if actor is not None:
        if person.user_id is not None and person.user_id == actor.pk:
            failures.append("Không ai được tự cấp quyền khai thác cho chính mình.")
        org = Organization.objects.get(pk=facts.org_id)
        if not any(has_role(actor, role, org) for role in GRANTING_ROLES):
            failures.append(
                f"Chỉ lãnh đạo hoặc lưu trữ viên của “{org.name}” (hay cấp trên) "
                "mới được cấp quyền khai thác tài liệu của cơ quan này."
            )
        elif not can_view(actor, obj, object_type):
            failures.append("Bạn không được xem tài liệu này nên không thể cấp quyền khai thác.")
    if facts.secrecy > person.clearance:
        failures.append(
            f"{person.full_name} chưa được tiếp cận bí mật độ “{Secrecy(facts.secrecy).label}”: "
            "quyền khai thác riêng không thay thế độ mật được tiếp cận."
        )
    if not reason:
        failures.append("Hãy ghi lý do cấp quyền khai thác.")
    if valid_until is not None and valid_until < timezone.localdate():
        failures.append("Ngày hết hiệu lực đã qua.")
    RuleViolation.check(failures)
    grant = Grant.objects.create(
        person=person,
        object_type=object_type,
        object_id=obj.pk,
        granted_by=actor if actor is not None else None,
        reason=reason[:300],
        valid_until=valid_until,
    )
    record(
        actor,
        "grant.issue",
        grant,
        org_id=facts.org_id,
        after={
            "person": person.pk,
            "object_type": object_type,
            "object_id": obj.pk,
            "reason": grant.reason,
            "valid_until": valid_until,
        },
    )
    return grant


@transaction.atomic
def revoke_grant(actor: User | None, grant: Grant, *, reason: str) -> Grant:
    """End a grant now (by the one who issued it, a superuser or the system)."""
    grant = Grant.objects.select_for_update().get(pk=grant.pk)
    reason = clean_reason(reason)
    failures = []
    if grant.revoked_at is not None:
        failures.append("Quyền khai thác này đã được thu hồi.")
    if actor is not None and not (actor.is_superuser or grant.granted_by_id == actor.pk):
        failures.append("Chỉ người đã cấp quyền khai thác này mới được thu hồi.")
    if not reason:
        failures.append("Hãy ghi lý do thu hồi.")
    RuleViolation.check(failures)
    grant.revoked_at = timezone.now()
    grant.save(update_fields=["revoked_at"])
    record(
        actor,
        "grant.revoke",
        grant,
        before={"revoked_at": None},
        after={"revoked_at": grant.revoked_at, "reason": reason},
    )
    return grant
