"""Why a person's role in a body may not end yet, as the stages above orgs say it
(the desk: work not handed over, issue 13 item 3). A stage registers its check
from its ``ready()``; orgs imports no stage. ``orgs.accounts`` asks before it
ends, removes or moves a role."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Q
from django.utils import timezone

from luutru.orgs.models import Membership, Organization, Person

Check = Callable[[Person, Organization], list[str]]
CHECKS: list[Check] = []


def register(check: Check) -> None:
    if check not in CHECKS:
        CHECKS.append(check)


def ending_failures(m: Membership, changed: dict | None = None) -> list[str]:
    """A role that ends (removed; or ``changed`` gives it an end date or another
    body) while the person keeps no other current role in the body: what they
    still hold there refuses it."""
    if changed is not None and not (
        "org" in changed or ("valid_to" in changed and changed["valid_to"] is not None)
    ):
        return []
    today = timezone.localdate()
    stays = (
        Membership.objects.filter(person_id=m.person_id, org_id=m.org_id, valid_from__lte=today)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .exclude(pk=m.pk)
        .exists()
    )
    if stays:
        return []
    return [f for check in CHECKS for f in check(m.person, m.org)]
