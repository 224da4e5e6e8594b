"""The third face of the access policy: what the search index lets each user
find is what the matrix's oracle allows (``test_access_matrix.expected``), on
every user × object, like ``can_view`` and ``visible_q`` in
``test_access_matrix.py``. The index is asked directly (the access filter made
from the policy, applied by the engine to the facts the index stores), not
through the search page, which checks each hit against the database again and
would hide an index that let too much through."""

from __future__ import annotations

from collections import Counter

import pytest
from test_access_matrix import _fresh, build_matrix

from luutru.search.access import access_filter_for
from luutru.search.backends import get_backend
from luutru.search.backends.base import MAX_LIMIT, SearchRequest
from luutru.search.services import reindex


@pytest.fixture
def matrix(db):
    return build_matrix()


def _found(user) -> set[tuple[str, int]]:
    backend = get_backend()
    request = SearchRequest(
        clauses=[], access=access_filter_for(user), sort="oldest", offset=0, limit=MAX_LIMIT
    )
    out: set[tuple[str, int]] = set()
    total = backend.count(request)
    while request.offset < total:
        out |= {(h.kind, h.obj_id) for h in backend.search(request).hits}
        request.offset += MAX_LIMIT
    return out


def test_search_finds_exactly_what_the_rule_allows_for_every_pair(matrix):
    reindex()  # the matrix is bulk-created (no signals): build the index from the rows
    key_of = {(o.kind, matrix.objects[o.key].pk): o.key for o in matrix.object_specs}
    spec = {o.key: o for o in matrix.object_specs}
    mismatches, reasons = [], Counter()
    for u in matrix.user_specs:
        user = _fresh(matrix.users[u.key])
        found = {key_of[hit] for hit in _found(user) if hit in key_of}
        for o in matrix.object_specs:
            want, why = matrix.expected(u, o)
            reasons[(why, want)] += 1
            if (o.key in found) != want:
                mismatches.append(
                    f"{u.key} × {o.key}: expected {want} ({why}), found={o.key in found}"
                )
    assert not mismatches, f"{len(mismatches)} disagreements:\n" + "\n".join(mismatches[:40])
    # Every branch of the rule, both ways, went through the index.
    for why, want in [
        ("grant", True),
        ("secrecy", False),
        ("owner", True),
        ("own body", True),
        ("body and below", True),
        ("holdings", True),
        ("out of scope", False),
    ]:
        assert reasons[(why, want)] > 0, f"the matrix never exercised {why} → {want}"
    assert any(o.holding and o.kind == "document" for o in spec.values())
