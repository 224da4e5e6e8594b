"""Writes of the access app: API tokens (grants are issued by the archive's
access requests). Each writes its audit event."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from luutru.access.api_auth import _hash, issue_token
from luutru.access.models import ApiToken
from luutru.audit.services import record
from luutru.core.errors import RuleViolation


@transaction.atomic
def create_api_token(actor, user, name: str = "api") -> str:
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
def revoke_api_tokens(actor, *, user=None, name: str | None = None, key: str | None = None) -> int:
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
