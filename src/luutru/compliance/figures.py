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
profile's, default 31 January) once that deadline has passed on ``on``.
Deposits count as done on the day they were handed over (deposit submitted,
not returned), on time when that day is not after the due date.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, fields

from django.core.cache import cache
from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q, Sum

from luutru.compliance.facts import ensure_current
from luutru.compliance.models import DossierFacts, OrgYearFacts, Problem
from luutru.compliance.profiles import Profiles
from luutru.core.vn import short_date
from luutru.orgs.models import Organization, OrgParentPeriod

FIRST_YEAR = 1930  # the Party's founding: no record is older
CACHE_SECONDS = 600


class FigureError(ValueError):
    """A figure asked for a date, year or body it cannot be computed for (message in Vietnamese)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Figures:
    organizations: int = 0
    plans_due: int = 0
    plan_issued_on_time: int = 0
    plans_late: int = 0
    plans_missing: int = 0
    plan_items: int = 0
    plan_items_opened: int = 0
    dossiers_opened: int = 0
    dossiers_outside_plan: int = 0
    dossiers_closed: int = 0
    deposit_required: int = 0
    deposited_on_time: int = 0
    deposited_late: int = 0
    overdue_now: int = 0
    kept_back: int = 0
    loose_documents: int = 0
    quality_problems: int = 0
    quality_empty: int = 0
    quality_no_index: int = 0
    quality_no_certificate: int = 0
    quality_dates_outside: int = 0
    quality_out_of_order: int = 0
    quality_cited_missing: int = 0
    documents_in: int = 0
    documents_out: int = 0
    documents_internal: int = 0
    holdings_dossiers: int = 0

    def __add__(self, other: Figures) -> Figures:
        return Figures(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)}
        )

    def as_dict(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @property
    def documents_total(self) -> int:
        return self.documents_in + self.documents_out + self.documents_internal

    @property
    def compliance(self) -> int | None:
        """0–100: the share of what was due that was done (plans on time, dossiers
        deposited on time, nothing overdue); None when nothing was due."""
        due = self.plans_due + self.deposited_on_time + self.deposited_late + self.overdue_now
        if due == 0:
            return None
        done = self.plan_issued_on_time + self.deposited_on_time
        return round(100 * done / due)


# Labels (Vietnamese) and whether the figure is "bad" (more is worse).
LABELS: dict[str, tuple[str, bool]] = {
    "organizations": ("Cơ quan, tổ chức", False),
    "plans_due": ("Danh mục hồ sơ phải ban hành", False),
    "plan_issued_on_time": ("Danh mục ban hành đúng hạn", False),
    "plans_late": ("Danh mục ban hành muộn", True),
    "plans_missing": ("Chưa ban hành danh mục", True),
    "plan_items": ("Hồ sơ trong danh mục", False),
    "plan_items_opened": ("Hồ sơ trong danh mục đã được lập", False),
    "dossiers_opened": ("Hồ sơ đã lập", False),
    "dossiers_outside_plan": ("Hồ sơ lập ngoài danh mục", False),
    "dossiers_closed": ("Hồ sơ đã kết thúc", False),
    "deposit_required": ("Hồ sơ phải nộp lưu", False),
    "deposited_on_time": ("Nộp lưu đúng hạn", False),
    "deposited_late": ("Nộp lưu muộn", True),
    "overdue_now": ("Quá hạn nộp lưu", True),
    "kept_back": ("Đang giữ lại", False),
    "loose_documents": ("Văn bản chưa vào hồ sơ", True),
    "quality_problems": ("Hồ sơ có vấn đề chất lượng", True),
    "quality_empty": (Problem.LABELS[Problem.EMPTY], True),
    "quality_no_index": (Problem.LABELS[Problem.NO_INDEX], True),
    "quality_no_certificate": (Problem.LABELS[Problem.NO_CERTIFICATE], True),
    "quality_dates_outside": (Problem.LABELS[Problem.DATES_OUTSIDE], True),
    "quality_out_of_order": (Problem.LABELS[Problem.OUT_OF_ORDER], True),
    "quality_cited_missing": (Problem.LABELS[Problem.CITED_MISSING], True),
    "documents_in": ("Văn bản đến", False),
    "documents_out": ("Văn bản đi", False),
    "documents_internal": ("Văn bản nội bộ", False),
    "holdings_dossiers": ("Hồ sơ đã nộp lưu (tài liệu lưu trữ)", False),
}
STOCKS = {"overdue_now", "holdings_dossiers"}

# ---------------------------------------------------------------- checking the question


def check_question(on: dt.date, year: int | None, org: Organization | None = None) -> None:
    """Refuse a date in the future, a year after the date, a body not yet founded."""
    today = dt.date.today()
    if on > today:
        raise FigureError(
            f"Ngày {short_date(on)} ở tương lai: số liệu chỉ tính được đến hôm nay ({short_date(today)})."
        )
    if on.year < FIRST_YEAR:
        raise FigureError(
            f"Ngày {short_date(on)} quá xa: không có hồ sơ nào trước năm {FIRST_YEAR}."
        )
    if year is not None and not FIRST_YEAR <= year <= on.year:
        raise FigureError(
            f"Năm {year} không hợp lệ: chọn một năm từ {FIRST_YEAR} đến năm của ngày xem ({on.year})."
        )
    if org is not None and org.valid_from > on:
        raise FigureError(
            f"“{org.name}” được thành lập ngày {short_date(org.valid_from)}: vào ngày "
            f"{short_date(on)} tổ chức này chưa tồn tại, nên chưa có số liệu. Chọn một ngày từ "
            f"{short_date(org.valid_from)} trở đi."
        )


# ---------------------------------------------------------------- the tree on a date


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


def tree_on(root: Organization, on: dt.date) -> Tree:
    check_question(on, None, root)
    orgs, parent = parents_on(on)
    children: dict[int, list[int]] = defaultdict(list)
    for org_id, p in parent.items():
        if p is not None:
            children[p].append(org_id)
    for kids in children.values():
        kids.sort(
            key=lambda i: (
                orgs[i].valid_to is not None and orgs[i].valid_to < on,
                orgs[i].path,
            )
        )
    tree = Tree(root=orgs.get(root.pk, root), on=on, year=None, orgs=orgs, children=children)
    keep = set(tree.subtree_ids(root.pk))
    tree.orgs = {i: o for i, o in orgs.items() if i in keep}
    tree.children = {i: k for i, k in children.items() if i in keep}
    return tree


# ---------------------------------------------------------------- own figures


def _dossier_q(name: str, on: dt.date) -> Q:
    """Which ``DossierFacts`` rows a dossier figure counts: the one definition
    used both for the number and for the list behind it."""
    handed_by = Q(handed_on__isnull=False, handed_on__lte=on)
    return {
        "dossiers_opened": Q(),
        "dossiers_outside_plan": Q(planned=False),
        "dossiers_closed": Q(closed=True),
        "deposit_required": Q(requires_deposit=True),
        "deposited_on_time": Q(requires_deposit=True, handed_on__lte=F("due")) & handed_by,
        "deposited_late": Q(requires_deposit=True, handed_on__gt=F("due")) & handed_by,
        "overdue_now": Q(overdue_from__lte=on) & ~handed_by,
        "kept_back": Q(kept_back=True),
        "quality_problems": Q(problems__gt=0),
        "holdings_dossiers": Q(accepted_on__isnull=False, accepted_on__lte=on),
    }[name]


DOSSIER_FIGURES = [
    "dossiers_opened",
    "dossiers_outside_plan",
    "dossiers_closed",
    "deposit_required",
    "deposited_on_time",
    "deposited_late",
    "kept_back",
    "quality_problems",
]
PROBLEM_FIGURES = {bit: f"quality_{key}" for bit, key in Problem.KEYS.items()}


# Final per-year counts stored on ``OrgYearFacts`` under the figure's own name.
STORED = [
    "dossiers_opened",
    "dossiers_outside_plan",
    "dossiers_closed",
    "deposit_required",
    "kept_back",
    "quality_problems",
    *PROBLEM_FIGURES.values(),
    "plan_items",
    "plan_items_opened",
    "documents_in",
    "documents_out",
    "documents_internal",
    "loose_documents",
]
TOTALS = ["handed_on_time", "handed_late", "overdue_starts", "overdue_ends", "accepted"]


def _later(
    column: str, on: dt.date, org_ids: list[int], key: str, where: Q, split_on_time: bool = False
) -> Iterable[tuple]:
    """(key, [on time,] count) of ``DossierFacts`` rows whose ``column`` is after
    ``on``, for ``org_ids``. Grouped on ``key + 0`` so that SQLite reads the range
    of the date's covering index: grouping on the bare column, its planner walks
    the organization index through every row instead."""
    qs = DossierFacts.objects.filter(where, **{f"{column}__gt": on})
    few = len(org_ids) <= 50
    if few:
        qs = qs.filter(org__in=org_ids)
    wanted = None if few else set(org_ids)
    group = ["k", "o"] if key == "year" else ["k"]
    qs = qs.annotate(k=F(key) + 0, o=F("org_id"))
    if split_on_time:
        qs = qs.annotate(
            t=ExpressionWrapper(Q(handed_on__lte=F("due")), output_field=BooleanField())
        )
        group.append("t")
    for row in qs.values_list(*group).annotate(n=Count("pk")).order_by():
        org_id = row[1] if key == "year" else row[0]
        if wanted is None or org_id in wanted:
            yield (row[0], *row[len(group) - (1 if split_on_time else 0) :])


def handed_after(org_ids: list[int], on: dt.date, key: str, where: Q | None = None) -> dict:
    """Deposits handed over after ``on``, on time or late, counted by ``key``
    ("org_id" or "year"): subtracted from the final counts to answer as of ``on``."""
    out: dict = defaultdict(lambda: defaultdict(int))
    where = Q(requires_deposit=True) & (where or Q())
    for k, in_time, n in _later("handed_on", on, org_ids, key, where, split_on_time=True):
        out[k]["handed_on_time" if in_time else "handed_late"] += n
    return out


def stocks_after(org_ids: list[int], on: dt.date, key: str, where: Q | None = None) -> dict:
    """Dossiers falling overdue, ceasing to be overdue and accepted after ``on``,
    counted by ``key`` ("org_id" or "year")."""
    out: dict = defaultdict(lambda: defaultdict(int))
    for column, name in (
        ("overdue_from", "overdue_starts"),
        ("overdue_end", "overdue_ends"),
        ("accepted_on", "accepted"),
    ):
        for k, n in _later(column, on, org_ids, key, where or Q()):
            out[k][name] += n
    return out


def _own(
    org_ids: list[int], orgs: dict[int, Organization], on: dt.date, year: int | None
) -> dict[int, Figures]:
    """Own figures of each body: final per-year counts minus what happened after ``on``."""
    out = {i: Figures(organizations=1) for i in org_ids}
    if not org_ids:
        return out
    totals: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    rows = OrgYearFacts.objects.filter(org__in=org_ids)
    # Stocks (overdue, holdings) span every year; the rest only the year asked.
    stocks = ["overdue_starts", "overdue_ends", "accepted"]
    for r in rows.values("org_id").annotate(**{n: Sum(n) for n in stocks}).order_by():
        totals[r["org_id"]].update({n: r[n] for n in stocks})
    asked = rows.filter(year=year) if year is not None else rows.filter(year__lte=on.year)
    summed = [*STORED, "handed_on_time", "handed_late"]
    for r in asked.values("org_id").annotate(**{n: Sum(n) for n in summed}).order_by():
        f = out[r["org_id"]]
        for n in STORED:
            setattr(f, n, r[n])
        totals[r["org_id"]]["handed_on_time"] = r["handed_on_time"]
        totals[r["org_id"]]["handed_late"] = r["handed_late"]
    issued = {
        (org_id, y): day
        for org_id, y, day in asked.exclude(plan_state="").values_list(
            "org_id", "year", "plan_issued_on"
        )
    }
    stock_later = stocks_after(org_ids, on, "org_id")
    of_year = Q(year=year) if year is not None else Q(year__lte=on.year)
    handed_later = handed_after(org_ids, on, "org_id", of_year)
    for org_id, f in out.items():
        t, late, stock = totals[org_id], handed_later.get(org_id, {}), stock_later.get(org_id, {})
        f.deposited_on_time = t["handed_on_time"] - late.get("handed_on_time", 0)
        f.deposited_late = t["handed_late"] - late.get("handed_late", 0)
        f.overdue_now = (t["overdue_starts"] - stock.get("overdue_starts", 0)) - (
            t["overdue_ends"] - stock.get("overdue_ends", 0)
        )
        f.holdings_dossiers = t["accepted"] - stock.get("accepted", 0)
    _plans(out, orgs, issued, on, year)
    return out


def first_plan_year() -> int | None:
    return (
        OrgYearFacts.objects.exclude(plan_state="")
        .order_by("year")
        .values_list("year", flat=True)
        .first()
    )


def plan_status(
    org: Organization, year: int, issued_on: dt.date | None, deadline: dt.date, on: dt.date
) -> str | None:
    """'on_time', 'late', 'missing' or None (not due: deadline not passed, body not there)."""
    if issued_on is not None and issued_on <= on:
        return "on_time" if issued_on <= deadline else "late"
    if deadline >= on or not org.is_active_on(deadline):
        return None
    return "missing"


def plan_table(
    orgs: dict[int, Organization],
    years: Iterable[int] | None,
    on: dt.date,
    issued: dict[tuple[int, int], dt.date | None] | None = None,
) -> list[tuple[Organization, int, str]]:
    """(body, year, status) of every plan due or issued for ``years`` (None: every
    year since the system holds plans at all, up to ``on``), as the figures count them."""
    if issued is None:
        rows = OrgYearFacts.objects.filter(org__in=list(orgs), year__lte=on.year).exclude(
            plan_state=""
        )
        if years is not None:
            rows = rows.filter(year__in=list(years))
        issued = {
            (org_id, y): day
            for org_id, y, day in rows.values_list("org_id", "year", "plan_issued_on")
        }
    profiles = Profiles()
    first = None if years is not None else first_plan_year()
    deadlines: dict[tuple[str, int], dt.date] = {}
    out = []
    for org_id, org in orgs.items():
        if years is not None:
            span: Iterable[int] = years
        elif first is None:
            span = []
        else:
            span = range(max(first, org.valid_from.year), on.year + 1)
        for y in span:
            key = (org.fonds_system, y)
            if key not in deadlines:
                deadlines[key] = profiles.plan_deadline(org.fonds_system, y)
            status = plan_status(org, y, issued.get((org_id, y)), deadlines[key], on)
            if status is not None:
                out.append((org, y, status))
    return out


def _plans(
    out: dict[int, Figures],
    orgs: dict[int, Organization],
    issued: dict[tuple[int, int], dt.date | None],
    on: dt.date,
    year: int | None,
) -> None:
    field_for = {"on_time": "plan_issued_on_time", "late": "plans_late", "missing": "plans_missing"}
    for org, _y, status in plan_table(orgs, None if year is None else [year], on, issued):
        f = out[org.pk]
        f.plans_due += 1
        setattr(f, field_for[status], getattr(f, field_for[status]) + 1)


# ---------------------------------------------------------------- the interface


def cached(key: str, compute):
    """``compute()``, cached for this version of the records (any change makes a new key)."""
    version = ensure_current()
    full = f"compliance:{version}:{key}"
    value = cache.get(full)
    if value is None:
        value = compute()
        cache.set(full, value, CACHE_SECONDS)
    return value


def org_figures(org_ids: Iterable[int] | None, *, on: dt.date, year: int | None = None) -> Figures:
    """Sum of the own figures of ``org_ids`` (None: every body founded by ``on``)."""
    check_question(on, year)
    ids = None if org_ids is None else sorted(set(org_ids))

    def compute() -> Figures:
        qs = Organization.objects.filter(valid_from__lte=on)
        if ids is not None:
            qs = qs.filter(pk__in=ids)
        orgs = {o.pk: o for o in qs}
        total = Figures()
        for f in _own(list(orgs), orgs, on, year).values():
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
        tree.own = _own(list(tree.orgs), tree.orgs, on, year)
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
    return cached(f"person:{person.pk}:{on}:{year}", lambda: _person_figures(person, on, year))


def _person_figures(person, on: dt.date, year: int | None) -> Figures:
    from luutru.compliance.facts import document_year, filed
    from luutru.filing.models import FilePlanItem
    from luutru.registry.models import Direction, Document

    f = Figures()
    facts = DossierFacts.objects.filter(creator=person)
    of_year = facts.filter(year__lte=on.year) if year is None else facts.filter(year=year)
    counts = {n: Count("pk", filter=_dossier_q(n, on)) for n in DOSSIER_FIGURES}
    row = of_year.aggregate(**counts)
    for n in DOSSIER_FIGURES:
        setattr(f, n, row[n] or 0)
    for mask in of_year.filter(problems__gt=0).values_list("problems", flat=True):
        for bit, name in PROBLEM_FIGURES.items():
            if mask & bit:
                setattr(f, name, getattr(f, name) + 1)
    for n in STOCKS:
        setattr(f, n, facts.filter(_dossier_q(n, on)).count())
    items = FilePlanItem.objects.filter(creator=person, plan__year__lte=on.year)
    if year is not None:
        items = items.filter(plan__year=year)
    f.plan_items = items.count()
    f.plan_items_opened = items.filter(dossiers__isnull=False).distinct().count()
    if person.user_id:
        docs = Document.objects.filter(created_by_id=person.user_id).annotate(y=document_year())
        docs = docs.filter(y__lte=on.year) if year is None else docs.filter(y=year)
        by_dir = dict(docs.values_list("direction").annotate(n=Count("pk")).order_by())
        f.documents_in = by_dir.get(Direction.INCOMING, 0)
        f.documents_out = by_dir.get(Direction.OUTGOING, 0)
        f.documents_internal = by_dir.get(Direction.INTERNAL, 0)
        f.loose_documents = docs.exclude(filed()).count()
    return f


__all__ = [
    "Figures",
    "FigureError",
    "LABELS",
    "Tree",
    "check_question",
    "figures_by_org",
    "org_figures",
    "person_figures",
    "rollup",
    "tree_on",
]
