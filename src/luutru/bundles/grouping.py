"""Documents into proposed dossiers (issue 11).

Links between two documents, each with a strength:
- one cites the other (a citation names a document only with its number,
  notation, year and issuer: ``bundles.identity``); a reply or a replacement is
  always strong; a plain citation of a document many others cite (a regulation
  every matter rests on) must also share some of the subject;
- both cite the same document (present or not): strong when both reply to it,
  else it must share some of the subject, the more so the more documents cite it;
- the subjects are alike (syllable TF-IDF cosine), less so the further apart
  in time, a little more so from one issuer.
Links at least ``LINK`` strong join their documents (union of the links); a
document with no such link stays unassigned, never forced into a group.
Each group gets its title, period, plan item, gaps (documents cited by members
and found nowhere in the set) and confidence.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from luutru.bundles import text
from luutru.bundles.identity import AMBIGUOUS, SymbolIndex, issuer_key, ref_identity
from luutru.bundles.titles import title_for
from luutru.bundles.types import DocFacts, Group, MissingRef, PlanItemFacts, Proposal


@dataclass(frozen=True)
class Tuning:
    link: float = 0.45  # a link this strong joins two documents
    similar: float = 0.45  # subject cosine alone that joins
    cite: float = 0.5  # strength of a plain citation of a rare one (plus the subject cosine)
    shared: float = 0.2  # strength of a citation both make (plus the subject cosine)
    reply: float = 1.0  # a reply, a replacement, two replies to one document
    rare: int = 3  # cited by at most this many: a citation counts fully
    issuer: float = 0.05  # one issuer
    near_days: int = 180  # alike subjects this close in time count fully
    far_days: int = 730  # … and further apart than this not at all
    plan: float = 0.2  # cosine to a plan item title to propose it
    outside_days: int = 366  # a member this far from every other lies outside the period
    few: int = 10  # a document cited by at most this many tells its matter
    apart: float = 0.0  # alike subjects citing different documents (of few citers)


TUNING = Tuning()


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, a: int) -> int:
        while self.parent[a] != a:
            self.parent[a] = self.parent[self.parent[a]]
            a = self.parent[a]
        return a

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _rarity(cited_by: int, t: Tuning) -> float:
    return 1.0 if cited_by <= t.rare else t.rare / cited_by


def _time_factor(a: dt.date | None, b: dt.date | None, t: Tuning) -> float:
    if a is None or b is None:
        return 0.9
    days = abs((a - b).days)
    if days <= t.near_days:
        return 1.0
    if days >= t.far_days:
        return 0.0
    return 1.0 - 0.4 * (days - t.near_days) / (t.far_days - t.near_days)


@dataclass
class _Links:
    """Candidate links as parallel lists: i, j, base strength (before the cosine)."""

    i: list[int]
    j: list[int]
    base: list[float]

    def add(self, i: int, j: int, base: float) -> None:
        if i != j:
            self.i.append(i)
            self.j.append(j)
            self.base.append(base)


def _citation_links(
    docs: Sequence[DocFacts], index: SymbolIndex, pos: dict[str | int, int], t: Tuning
) -> tuple[_Links, list[list[tuple[int, object]]], list[frozenset]]:
    """Links made by citations; each document's citations resolved: a list of
    (ref position, target) with target an index, AMBIGUOUS or None (absent); and
    what each document cites that few others cite (``few``), with itself."""
    resolved: list[list[tuple[int, object]]] = []
    keys: list[set[tuple[str, object]]] = []
    cited_by: dict[tuple[str, object], list[tuple[int, str]]] = defaultdict(list)
    for a, d in enumerate(docs):
        row: list[tuple[int, object]] = []
        seen: set[tuple[str, object]] = set()
        for r, ref in enumerate(d.cites):
            target = index.resolve(ref, d)
            if isinstance(target, DocFacts):
                found: object = pos[target.key]
                key: tuple[str, object] = ("doc", found)
            elif target is AMBIGUOUS:
                found, key = AMBIGUOUS, ("ref", ref_identity(ref)[:2])
            else:
                found, key = None, ("ref", ref_identity(ref))
            row.append((r, found))
            if key not in seen:
                seen.add(key)
                cited_by[key].append((a, ref.kind))
        resolved.append(row)
        keys.append(seen)
    few = [
        frozenset([("doc", a), *(k for k in seen if len(cited_by[k]) <= t.few)])
        for a, seen in enumerate(keys)
    ]
    links = _Links([], [], [])
    for key, citers in cited_by.items():
        rarity = _rarity(len(citers), t)
        if key[0] == "doc":
            b = key[1]
            assert isinstance(b, int)
            for a, kind in citers:
                base = t.reply if kind != "cites" else t.cite * (0.3 + 0.7 * rarity)
                links.add(a, b, base)
        replies = [a for a, kind in citers if kind == "replies"]
        for a, b in zip(replies, replies[1:], strict=False):
            links.add(a, b, t.reply)
        if len(citers) > 1:
            # Pairs of citers: all of them when few, else each with its neighbours in time
            # (their subjects still decide).
            order = sorted((c[0] for c in citers), key=lambda k: docs[k].issued_date or dt.date.min)
            if len(order) <= 12:
                pairs = [(x, y) for n, x in enumerate(order) for y in order[n + 1 :]]
            else:
                pairs = [(x, y) for n, x in enumerate(order) for y in order[n + 1 : n + 6]]
            for x, y in pairs:
                links.add(x, y, t.shared * rarity)
    return links, resolved, few


def _period(
    members: list[int], docs: Sequence[DocFacts], t: Tuning
) -> tuple[dt.date | None, dt.date | None, list[int]]:
    """Start, end and the members lying outside: a dated member further than
    ``outside_days`` from every other member's date, while most lie together."""
    dated: list[tuple[dt.date, int]] = sorted(
        (day, m) for m in members if (day := docs[m].issued_date) is not None
    )
    if not dated:
        return None, None, []
    outside: list[int] = []
    if len(dated) >= 3:
        for k, (day, m) in enumerate(dated):
            gaps = []
            if k > 0:
                gaps.append((day - dated[k - 1][0]).days)
            if k + 1 < len(dated):
                gaps.append((dated[k + 1][0] - day).days)
            if min(gaps) > t.outside_days:
                outside.append(m)
        if len(outside) * 2 >= len(dated):
            outside = []
    core = [d for d, m in dated if m not in outside]
    return core[0], core[-1], outside


def strengths(docs: Sequence[DocFacts], t: Tuning = TUNING):
    """The subjects' vectorizer and rows, each candidate link's strength by pair of
    positions (i < j), and each document's citations resolved."""
    pos = {d.key: k for k, d in enumerate(docs)}
    vec, x = text.fit([d.subject for d in docs])
    index = SymbolIndex.of(docs)
    links, resolved, few = _citation_links(docs, index, pos, t)

    # Strength of each candidate link: its base plus the subjects' cosine.
    # A link that rests on the subject (alike subjects, a citation many make) holds
    # only when the subjects name no different person, number, year or place.
    spec = [text.specifics(d.subject) for d in docs]
    strength: dict[tuple[int, int], float] = {}
    cos = text.pair_cosines(x, links.i, links.j)
    for a, b, base, c in zip(links.i, links.j, links.base, cos, strict=True):
        key = (a, b) if a < b else (b, a)
        s = base + float(c)
        if base < t.cite * 0.6:
            s *= text.contrast(spec[a], spec[b])
        strength[key] = max(strength.get(key, 0.0), s)
    si, sj, sv = text.similar_pairs(x, t.similar - t.issuer)
    for a, b, c in zip(si.tolist(), sj.tolist(), sv.tolist(), strict=True):
        da, db = docs[a], docs[b]
        s = c * _time_factor(da.issued_date, db.issued_date, t) * text.contrast(spec[a], spec[b])
        if len(few[a]) > 1 and len(few[b]) > 1 and not (few[a] & few[b]):
            s *= t.apart  # each answers or carries out another document
        if da.issuer and issuer_key(da.issuer) == issuer_key(db.issuer):
            s += t.issuer
        s = s * t.link / t.similar  # on the scale of the link threshold
        key = (a, b)
        strength[key] = max(strength.get(key, 0.0), s)

    return vec, x, strength, resolved


def propose(
    docs: Sequence[DocFacts], plan_items: Sequence[PlanItemFacts], tuning: Tuning = TUNING
) -> Proposal:
    """Groups of ``docs`` that belong to one matter, and the documents fitting none."""
    t = tuning
    docs = list(docs)
    n = len(docs)
    if n == 0:
        return Proposal(groups=[], unassigned=[])
    vec, x, strength, resolved = strengths(docs, t)
    union = _Union(n)
    best = [0.0] * n
    for (a, b), s in strength.items():
        if s >= t.link:
            union.join(a, b)
            best[a] = max(best[a], s)
            best[b] = max(best[b], s)
    parts: dict[int, list[int]] = defaultdict(list)
    for k in range(n):
        parts[union.find(k)].append(k)

    groups: list[Group] = []
    unassigned: list[str | int] = []
    plan_x = text.transform(vec, [p.title for p in plan_items]) if plan_items else None
    for members in parts.values():
        if len(members) == 1:
            unassigned.append(docs[members[0]].key)
            continue
        groups.append(_group(members, docs, x, resolved, best, plan_items, plan_x, t))
    groups.sort(key=lambda g: (g.start or dt.date.max, g.title))
    order = {d.key: k for k, d in enumerate(_by_date(docs))}
    unassigned.sort(key=lambda key: order[key])
    return Proposal(groups=groups, unassigned=unassigned)


def _by_date(docs: Sequence[DocFacts]) -> list[DocFacts]:
    return sorted(docs, key=lambda d: (d.issued_date or dt.date.max, str(d.key)))


def _group(
    members: list[int],
    docs: Sequence[DocFacts],
    x,
    resolved: list[list[tuple[int, object]]],
    best: list[float],
    plan_items: Sequence[PlanItemFacts],
    plan_x,
    t: Tuning,
) -> Group:
    ordered = sorted(members, key=lambda m: (docs[m].issued_date or dt.date.max, str(docs[m].key)))
    facts = [docs[m] for m in ordered]
    sub = x[ordered]
    centroid = np.asarray(sub.sum(axis=0)).ravel()
    norm = float(np.linalg.norm(centroid))
    # The head: the member whose subject is closest to the others'.
    closeness = np.asarray(sub @ centroid).ravel()
    head = facts[int(np.argmax(closeness))] if norm else facts[0]
    mean_cos = (
        (norm * norm - float(sub.multiply(sub).sum())) / (len(ordered) * (len(ordered) - 1))
        if len(ordered) > 1
        else 1.0
    )
    start, end, outside = _period(ordered, docs, t)
    plan = None
    if plan_x is not None and norm:
        sims = np.asarray(plan_x @ (centroid / norm)).ravel()
        years = {start.year, end.year} if start and end else set()
        best_k, best_s = -1, t.plan
        for k, p in enumerate(plan_items):
            if years and p.year not in years:
                continue
            if sims[k] >= best_s:
                best_k, best_s = k, float(sims[k])
        plan = plan_items[best_k] if best_k >= 0 else None
    missing: dict[tuple, MissingRef] = {}
    for m in ordered:
        d = docs[m]
        for r, found in resolved[m]:
            if found is not None:
                continue
            ref = d.cites[r]
            ident = ref_identity(ref)
            prior = missing.get(ident)
            if prior is None:
                missing[ident] = MissingRef(
                    number_symbol=ref.number_symbol,
                    issued_date=ref.issued_date,
                    issuer=ref.issuer,
                    cited_by=(d.key,),
                )
            elif d.key not in prior.cited_by:
                missing[ident] = MissingRef(
                    number_symbol=prior.number_symbol,
                    issued_date=prior.issued_date or ref.issued_date,
                    issuer=prior.issuer or ref.issuer,
                    cited_by=(*prior.cited_by, d.key),
                )
    confidence = sum(min(1.0, best[m]) for m in ordered) / len(ordered)
    confidence *= 1.0 - 0.5 * len(outside) / len(ordered)
    return Group(
        title=title_for(facts, head, cohesive=mean_cos >= 0.15),
        start=start,
        end=end,
        members=[docs[m].key for m in ordered],
        plan_item=plan,
        missing=sorted(
            missing.values(), key=lambda r: (r.issued_date or dt.date.max, r.number_symbol)
        ),
        outside_period=[docs[m].key for m in outside],
        confidence=round(max(0.0, min(1.0, confidence)), 3),
    )


def pairs_of(proposal: Proposal) -> set[tuple[str, str]]:
    """Every pair of keys placed in one group (for measuring against a truth)."""
    out: set[tuple[str, str]] = set()
    for g in proposal.groups:
        keys = sorted(str(k) for k in g.members)
        out.update((a, b) for n, a in enumerate(keys) for b in keys[n + 1 :])
    return out
