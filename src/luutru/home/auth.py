"""Logins in the audit chain, and changing one's password.

Every successful and failed login and every logout is an event of the
hash-chained log (issue 8 item 8). A failed attempt names the user name that
was typed (cut to a sane length), never the password.
"""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import transaction
from django.dispatch import receiver

from luutru.audit.services import record


def _client(request) -> dict:
    if request is None:
        return {}
    return {"ip": request.META.get("REMOTE_ADDR", "")[:45]}


@receiver(user_logged_in, dispatch_uid="luutru.audit.login")
def _logged_in(sender, request, user, **kwargs):
    record(user, "auth.login", user, object_type="user", after=_client(request))


@receiver(user_logged_out, dispatch_uid="luutru.audit.logout")
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        record(user, "auth.logout", user, object_type="user", after=_client(request))


@receiver(user_login_failed, dispatch_uid="luutru.audit.login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:150]
    after = {"username": username, **_client(request)}
    if getattr(request, "axes_locked_out", False):
        after["locked"] = True
    record(None, "auth.login_failed", object_type="user", object_id=username, after=after)


def change_password(user, new_password: str) -> None:
    """Set ``user``'s new password (already validated) and record the change."""
    with transaction.atomic():
        user.set_password(new_password)
        user.save(update_fields=["password"])
        record(user, "auth.password_change", user, object_type="user")
