"""The request a signed-in page receives."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest


class SignedInRequest(HttpRequest):
    """A request that reaches a page behind sign-in: ``LoginRequiredMiddleware`` lets
    no anonymous one through, so its user is a signed-in ``User`` (for the type
    checker; at run time it is Django's request)."""

    user: User
