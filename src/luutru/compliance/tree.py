"""The tree of bodies as it stood on a date (``OrgParentPeriod``): bodies dissolved
before the date stay under their last parent, so nothing is lost or counted twice."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from luutru.compliance.measures import Figures, check_question
from luutru.orgs.models import Organization, OrgParentPeriod


@dataclass
class Tree:
    """A subtree as it stood on ``on``: ``children`` by parent id, ``own`` and
    ``total`` figures by org id (``total`` includes everything below)."""

    root: Organization
    on: dt.date
    year: int | None
    orgs: dict[int, Organization]
    children: dict[int, list[int]]
    own: dict[int, Figures] = field(default_factory=dict)
    total: dict[int, Figures] = field(default_factory=dict)

    def dissolved(self, org_id: int) -> bool:
        o = self.orgs[org_id]
        return o.valid_to is not None and o.valid_to < self.on

    def walk(self, org_id: int | None = None, depth: int = 0) -> Iterable[tuple[int, int]]:
        """(org id, depth) in tree order, active bodies before dissolved ones."""
        org_id = self.root.pk if org_id is None else org_id
        yield org_id, depth
        for child in self.children.get(org_id, []):
            yield from self.walk(child, depth + 1)

    def subtree_ids(self, org_id: int) -> list[int]:
        return [i for i, _ in self.walk(org_id)]


def parents_on(on: dt.date) -> tuple[dict[int, Organization], dict[int, int | None]]:
    """Every body founded by ``on`` and its parent that day; a body dissolved
    before ``on`` keeps its last parent (its records stay counted once)."""
    orgs = {o.pk: o for o in Organization.objects.filter(valid_from__lte=on)}
    parent: dict[int, int | None] = {}
    last: dict[int, tuple[dt.date, int | None]] = {}
    periods = OrgParentPeriod.objects.filter(org__in=list(orgs), valid_from__lte=on).values_list(
        "org_id", "parent_id", "valid_from", "valid_to"
    )
    for org_id, parent_id, start, end in periods:
        if end is None or end >= on:
            parent[org_id] = parent_id
        elif org_id not in last or start > last[org_id][0]:
            last[org_id] = (start, parent_id)
    for org_id, o in orgs.items():
        if org_id not in parent:
            parent[org_id] = last[org_id][1] if org_id in last else o.parent_id
        if parent[org_id] is not None and parent[org_id] not in orgs:
            parent[org_id] = None
    return orgs, parent


def _gone(org: Organization, on: dt.date) -> bool:
    return org.valid_to is not None and org.valid_to < on


def tree_on(root: Organization, on: dt.date) -> Tree:
    check_question(on, None, root)
    orgs, parent = parents_on(on)
    children: dict[int, list[int]] = defaultdict(list)
    for org_id, p in parent.items():
        if p is not None:
            children[p].append(org_id)
    for kids in children.values():
        kids.sort(key=lambda i: (_gone(orgs[i], on), orgs[i].path))
    tree = Tree(root=orgs.get(root.pk, root), on=on, year=None, orgs=orgs, children=children)
    keep = set(tree.subtree_ids(root.pk))
    tree.orgs = {i: o for i, o in orgs.items() if i in keep}
    tree.children = {i: k for i, k in children.items() if i in keep}
    return tree
