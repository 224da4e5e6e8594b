"""Who may change the organization tree, people and their privileges.

An actor of ``None`` is the system itself (management commands, the demo,
tests): it may do anything. A superuser may manage every body; any other user
manages the bodies where they hold a current administrator membership, and
every body below them. Nobody raises their own privileges (``accounts.py``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.utils import timezone

from luutru.orgs.models import Membership, Organization, Role

NOT_ADMIN = "Bạn không quản trị “{name}” (hay một cơ quan cấp trên của nó): không thể thay đổi."
SELF_RAISE = (
    "Không ai được tự nâng quyền của chính mình (vai trò, độ mật được tiếp cận, quyền quản trị). "
    "Hãy đề nghị một quản trị viên khác xem xét và thực hiện."
)


def is_system(actor) -> bool:
    return actor is None


def administered_paths(actor, day: dt.date | None = None) -> list[str] | None:
    """Tree paths the actor administers (with everything below); ``None`` means all."""
    if is_system(actor) or getattr(actor, "is_superuser", False):
        return None
    if not getattr(actor, "is_authenticated", False) or not getattr(actor, "is_active", False):
        return []
    day = day or timezone.localdate()
    paths = (
        Membership.objects.filter(person__user=actor, role=Role.ADMIN, valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .values_list("org__path", flat=True)
    )
    # An empty path would be a prefix of everything: it grants nothing.
    return [p for p in paths if p]


# "Ask the database": the caller has not fetched the actor's administered paths.
_ASK: Any = object()


def may_manage_org(actor, org: Organization | None, paths: list[str] | None = _ASK) -> bool:
    """May ``actor`` change ``org`` (``None``: a body at the top of the tree)?
    ``paths``: the actor's ``administered_paths`` when the caller has them already."""
    if paths is _ASK:
        paths = administered_paths(actor)
    if paths is None:
        return True
    if org is None or not org.path:
        return False
    return any(org.path.startswith(p) for p in paths)


def manage_failures(actor, *orgs: Organization | None, paths: list[str] | None = _ASK) -> list[str]:
    """A refusal for each body of ``orgs`` the actor does not administer (``paths``:
    the actor's ``administered_paths``, when the caller asks for many bodies)."""
    if paths is _ASK and len(orgs) > 1:
        paths = administered_paths(actor)
    failures = []
    for org in orgs:
        if not may_manage_org(actor, org, paths):
            name = org.name if org is not None else "cấp cao nhất của cây tổ chức"
            failures.append(NOT_ADMIN.format(name=name))
    return failures
