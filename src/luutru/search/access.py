"""``access.policy`` for one user, turned into an ``AccessFilter`` the search
backend applies inside the query (DESIGN.md §4.2). The user's side comes from
the policy (``reach_of``, ``granted_ids``); the object's side is the facts each
indexed kind registered with the policy, stored in its index rows
(``luutru.search.kinds``). The tree is read now, so moving an organization
needs no reindex: the index holds organization ids."""

from __future__ import annotations

from luutru.access.policy import granted_ids, reach_of
from luutru.search import kinds
from luutru.search.backends.base import AccessFilter


def access_filter_for(user) -> AccessFilter:
    """What ``user`` may open, as ``can_view`` decides it, in a form for the index."""
    reach = reach_of(user)
    if reach.user_id is None:
        return AccessFilter()
    grants: dict[str, frozenset[int]] = {}
    for kind in kinds.names():
        ids = granted_ids(user, kind)
        if ids:
            grants[kind] = ids
    return AccessFilter(
        clearance=reach.clearance,
        user_id=reach.user_id,
        all_orgs=reach.all_orgs,
        holding_orgs=reach.holding_orgs,
        grants=grants,
    )


def everything() -> AccessFilter:
    """For administrators at the console only (``luutru search --all``)."""
    return AccessFilter(everything=True)
