"""``access.policy`` for one user, turned into an ``AccessFilter`` the search
backend applies inside the query (DESIGN.md §4.2). The tree is read now, so
moving an organization needs no reindex: the index holds organization ids."""

from __future__ import annotations

from django.db.models import Q

from luutru.access.policy import _valid_grants, subject_for
from luutru.orgs.models import Organization
from luutru.search.backends.base import KINDS, AccessFilter


def _org_ids(scopes: list[tuple[str, str]]) -> set[int]:
    if not scopes:
        return set()
    q = Q(pk__in=[])
    for path, reach in scopes:
        q |= Q(path=path) if reach == "self" else Q(path__startswith=path)
    return set(Organization.objects.filter(q).values_list("pk", flat=True))


def access_filter_for(user) -> AccessFilter:
    """What ``user`` may open, as ``can_view`` decides it, in a form for the index."""
    subject = subject_for(user)
    if subject.is_anonymous:
        return AccessFilter()
    all_orgs = _org_ids([(p, r) for p, r, what in subject.scopes if what == "all"])
    holding_orgs = _org_ids([(p, r) for p, r, what in subject.scopes if what == "holdings"])
    grants: dict[str, frozenset[int]] = {}
    if subject.person_id is not None:
        for kind in KINDS:
            ids = frozenset(_valid_grants(subject, kind).values_list("object_id", flat=True))
            if ids:
                grants[kind] = ids
    return AccessFilter(
        clearance=subject.clearance,
        user_id=subject.user_id,
        all_orgs=frozenset(all_orgs),
        # Where every record is open, the holdings rule adds nothing.
        holding_orgs=frozenset(holding_orgs - all_orgs),
        grants=grants,
    )


def everything() -> AccessFilter:
    """For administrators at the console only (``luutru search --all``)."""
    return AccessFilter(everything=True)
