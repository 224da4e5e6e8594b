"""Compliance figures per organization, official and subtree, on a chosen date.

Public interface (names stable; other apps call these):

``Figures``
    A dataclass of named integer fields (all summable with ``+``):
    ``organizations`` (bodies counted), ``plans_due``, ``plan_issued_on_time``,
    ``plans_late``, ``plans_missing``, ``plan_items``, ``plan_items_opened``,
    ``dossiers_opened``, ``dossiers_outside_plan``, ``dossiers_closed``,
    ``deposit_required``, ``deposited_on_time``, ``deposited_late``,
    ``overdue_now``, ``kept_back``, ``loose_documents``, ``quality_problems``
    (+ one ``quality_<kind>`` per problem), ``documents_in``, ``documents_out``,
    ``documents_internal``, ``holdings_dossiers``. ``compliance`` (0–100 or
    None) summarizes them for colouring.

``org_figures(org_ids, *, on, year) -> Figures``
    The sum of the organizations' OWN figures (records they created), ``None``
    = every body that existed by ``on``.

``figures_by_org(root_org, *, on, year) -> dict[int, Figures]``
    Own figures of every body in ``root_org``'s subtree **as it stood on**
    ``on`` (``OrgParentPeriod``; bodies dissolved before ``on`` stay under
    their last parent, so nothing is lost or counted twice).

``rollup(root_org, *, on, year) -> Tree``
    The same subtree with subtree totals: ``tree.total[org_id]`` is the sum of
    ``tree.own`` over the node and everything below it on ``on``.

``person_figures(person, *, on, year) -> Figures``
    An official's own figures (dossiers they formed, items assigned to them,
    documents they registered that sit in no dossier).

Semantics: ``year`` picks the records of a year (a dossier's year of
formation, a document's date, a plan's year); ``None`` = every year.
``overdue_now`` and ``holdings_dossiers`` are stocks on ``on`` over all years.
A plan is due from bodies existing on the plan deadline of its year (the rule
book's ``plan_deadline``) once that deadline has passed on ``on``.
Deposits count as done on the day they were handed over (deposit submitted,
not returned), on time when that day is not after the due date.

Every figure is read from the stored facts (``compliance.facts``), which the
worker keeps current (``compliance.refresh``); nothing here computes facts.
Results are cached in the shared cache under the facts' token and the rules'
version, so a cached figure never outlives a change. The parts: ``measures``
(names, labels, which records each figure counts), ``tree`` (the tree on a
date), ``plans`` (plan deadlines), ``counting`` (own figures).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.core.cache import cache

from luutru.compliance.counting import (
    handed_after,
    own_figures,
    person_own_figures,
    stocks_after,
)
from luutru.compliance.measures import (
    DOSSIER_FIGURES,
    FIRST_YEAR,
    LABELS,
    PROBLEM_FIGURES,
    STOCKS,
    STORED,
    FigureError,
    Figures,
    check_question,
    dossier_q,
)
from luutru.compliance.plans import plan_table
from luutru.compliance.refresh import facts_status
from luutru.compliance.tree import Tree, parents_on, tree_on
from luutru.orgs.models import Organization, in_figures

T = TypeVar("T")


def cached(key: str, compute: Callable[[], T]) -> T:
    """``compute()``, cached in the shared cache for this state of the facts and
    of the rules (a refresh or a rules edit makes a new key; nothing is computed
    here that the facts do not already hold)."""
    full = f"compliance:{facts_status().key}:{key}"
    value = cache.get(full)
    if value is None:
        value = compute()
        cache.set(full, value)
    return value


def org_figures(org_ids: Iterable[int] | None, *, on: dt.date, year: int | None = None) -> Figures:
    """Sum of the own figures of ``org_ids`` (None: every body founded by ``on``)."""
    check_question(on, year)
    ids = None if org_ids is None else sorted(set(org_ids))

    def compute() -> Figures:
        qs = Organization.objects.filter(in_figures(), valid_from__lte=on)
        if ids is not None:
            qs = qs.filter(pk__in=ids)
        orgs = {o.pk: o for o in qs}
        total = Figures()
        for f in own_figures(list(orgs), orgs, on, year).values():
            total = total + f
        return total

    named = "all" if ids is None else hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()
    return cached(f"orgs:{on}:{year}:{named}", compute)


def figures_by_org(
    root_org: Organization, *, on: dt.date, year: int | None = None
) -> dict[int, Figures]:
    """Own figures of each body in the subtree of ``root_org`` as it stood on ``on``."""
    return rollup(root_org, on=on, year=year).own


def rollup(root_org: Organization, *, on: dt.date, year: int | None = None) -> Tree:
    """The subtree on ``on`` with own and subtree-total figures per body."""
    check_question(on, year, root_org)

    def compute() -> Tree:
        tree = tree_on(root_org, on)
        tree.year = year
        tree.own = own_figures(list(tree.orgs), tree.orgs, on, year)
        for org_id, _depth in reversed(list(tree.walk())):
            total = tree.own[org_id]
            for child in tree.children.get(org_id, []):
                total = total + tree.total[child]
            tree.total[org_id] = total
        return tree

    return cached(f"tree:{root_org.pk}:{on}:{year}", compute)


def person_figures(person, *, on: dt.date, year: int | None = None) -> Figures:
    """An official's own figures: dossiers they form, plan items assigned to them,
    documents they registered that sit in no dossier."""
    check_question(on, year)
    return cached(f"person:{person.pk}:{on}:{year}", lambda: person_own_figures(person, on, year))


__all__ = [
    "DOSSIER_FIGURES",
    "FIRST_YEAR",
    "LABELS",
    "PROBLEM_FIGURES",
    "STOCKS",
    "STORED",
    "FigureError",
    "Figures",
    "Tree",
    "cached",
    "check_question",
    "dossier_q",
    "figures_by_org",
    "handed_after",
    "org_figures",
    "parents_on",
    "person_figures",
    "plan_table",
    "rollup",
    "stocks_after",
    "tree_on",
]
