"""Bearer-token authentication for the API: tokens are stored hashed."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.contrib.auth.models import User
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from luutru.access.models import ApiToken


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def issue_token(user: User, name: str = "api") -> str:
    """Create a token for ``user``; the clear key is shown once and never stored. A
    key never starts with "-": ``luutru token revoke --key KEY`` would take it for
    an option (one key in 64 did, and failed a CI run)."""
    key = secrets.token_urlsafe(32)
    while key.startswith("-"):
        key = secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, name=name, key_hash=_hash(key))
    return key


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        t = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=_hash(token), revoked_at__isnull=True)
            .first()
        )
        if t is None or not t.user.is_active:
            return None
        now = timezone.now()
        # "Last used" is shown to the minute (luutru token list): a harvester asking
        # thousands of times a minute writes it once a minute, not once a request.
        if t.last_used_at is None or now - t.last_used_at >= dt.timedelta(minutes=1):
            ApiToken.objects.filter(pk=t.pk).update(last_used_at=now)
        request.user = t.user
        return t.user
