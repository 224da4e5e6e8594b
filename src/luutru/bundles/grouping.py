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
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from luutru.bundles import text
from luutru.bundles.identity import (
    AMBIGUOUS,
    SymbolIndex,
    doc_symbol,
    issuer_key,
    ref_identity,
)
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
    near_days: int = 90  # alike subjects this close in time count fully
    far_days: int = 400  # … and further apart than this not at all
    plan: float = 0.2  # cosine to a plan item title to propose it
    outside_days: int = 366  # a member this far from every other lies outside the period
    few: int = 10  # a document cited by at most this many tells its matter
    apart: float = 0.0  # alike subjects citing different documents (of few citers)
    neighbours: int = 3  # a soft link holds between mutual nearest neighbours
    support: float = 0.5  # … and joins two groups when this share of the smaller has one


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
    return 1.0 - (days - t.near_days) / (t.far_days - t.near_days)


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
    guessed: set[tuple[int, object]] = set()
    cited_by: dict[tuple[str, object], list[tuple[int, str]]] = defaultdict(list)
    for a, d in enumerate(docs):
        row: list[tuple[int, object]] = []
        seen: set[tuple[str, object]] = set()
        for r, ref in enumerate(d.cites):
            target = index.resolve(ref, d)
            if isinstance(target, DocFacts):
                found: object = pos[target.key]
                key: tuple[str, object] = ("doc", found)
                if ref.issued_date is None and (
                    len(index.by_symbol.get(doc_symbol(target), ())) > 1
                    or (target.issued_date and d.issued_date)
                    and target.issued_date.year != d.issued_date.year
                ):
                    guessed.add((a, found))  # the year was guessed: the subject must agree
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
                links.add(a, b, t.shared if (a, b) in guessed else base)
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
            answering = {a for a, kind in citers if kind != "cites"}
            for x, y in pairs:
                # A reply (or a replacement) and another document on the one it answers.
                one_answers = x in answering or y in answering
                links.add(x, y, (t.cite if one_answers else t.shared) * rarity)
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

    # Strength of each candidate link: its base plus the subjects' cosine. A link
    # that rests on the subject (alike subjects, a citation many make) is "soft": it
    # holds only when the subjects name no different person, number, year, ordinal
    # or place, and only between documents that are among each other's closest
    # (mutual nearest neighbours), so that one pattern of subject does not chain
    # unrelated matters into one.
    spec = [text.specifics(d.subject) for d in docs]
    strength: dict[tuple[int, int], float] = {}
    soft: dict[tuple[int, int], float] = {}
    cos = text.pair_cosines(x, links.i, links.j)
    for a, b, base, c in zip(links.i, links.j, links.base, cos, strict=True):
        key = (a, b) if a < b else (b, a)
        s = base + float(c)
        if base >= t.cite * 0.6:
            strength[key] = max(strength.get(key, 0.0), s)
        else:
            soft[key] = max(soft.get(key, 0.0), s * text.contrast(spec[a], spec[b]))
    # Time and issuer for every pair at once; the specifics only for pairs that may hold.
    day = np.array(
        [d.issued_date.toordinal() if d.issued_date else -1 for d in docs], dtype=np.int64
    )
    si, sj, sv = text.similar_pairs(x, t.similar - t.issuer, day, t.far_days)
    issuers: dict[str, int] = {}
    who = np.array(
        [issuers.setdefault(issuer_key(d.issuer), len(issuers)) if d.issuer else -1 for d in docs],
        dtype=np.int64,
    )
    apart_days = np.abs(day[si] - day[sj])
    factor = np.clip(1.0 - (apart_days - t.near_days) / (t.far_days - t.near_days), 0.0, 1.0)
    factor = np.where((day[si] < 0) | (day[sj] < 0), 0.9, factor)
    same = (who[si] >= 0) & (who[si] == who[sj])
    scores = (sv * factor + np.where(same, t.issuer, 0.0)) * (t.link / t.similar)
    maybe = scores >= t.link
    # Specifics as one id per slot and document: only pairs whose ids differ are checked.
    for slot in text.VETO:
        ids: dict[frozenset[str], int] = {}
        sid = np.array(
            [ids.setdefault(v, len(ids)) if (v := sp.get(slot)) else -1 for sp in spec],
            dtype=np.int64,
        )
        differ = (sid[si] >= 0) & (sid[sj] >= 0) & (sid[si] != sid[sj])
        for k in np.flatnonzero(maybe & differ).tolist():
            if not (spec[si[k]][slot] & spec[sj[k]][slot]):
                maybe[k] = False
    for a, b, s in zip(si[maybe].tolist(), sj[maybe].tolist(), scores[maybe].tolist(), strict=True):
        if len(few[a]) > 1 and len(few[b]) > 1 and not (few[a] & few[b]):
            continue  # each answers or carries out another document
        soft[(a, b)] = max(soft.get((a, b), 0.0), s)
    near: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for (a, b), s in soft.items():
        if s >= t.link:
            near[a].append((s, b))
            near[b].append((s, a))
    closest = {a: {b for _s, b in sorted(v, reverse=True)[: t.neighbours]} for a, v in near.items()}
    kept = {
        (a, b): s
        for (a, b), s in soft.items()
        if s >= t.link and b in closest[a] and a in closest[b]
    }
    return vec, x, strength, kept, resolved


def _join(
    n: int, strong: dict[tuple[int, int], float], soft: dict[tuple[int, int], float], t: Tuning
):
    """Union of the strong links; then two groups so formed join through soft links
    only when enough of the smaller one's documents have one (a lone document needs
    one), so that one pair of alike subjects does not merge two matters."""
    union = _Union(n)
    best = [0.0] * n
    for (a, b), s in strong.items():
        if s >= t.link:
            union.join(a, b)
            best[a], best[b] = max(best[a], s), max(best[b], s)
    size: dict[int, int] = defaultdict(int)
    for k in range(n):
        size[union.find(k)] += 1
    support: dict[tuple[int, int], set[int]] = defaultdict(set)
    strongest: dict[tuple[int, int], list[tuple[int, int, float]]] = defaultdict(list)
    for (a, b), s in soft.items():
        ra, rb = union.find(a), union.find(b)
        if ra == rb:
            best[a], best[b] = max(best[a], s), max(best[b], s)
            continue
        key = (ra, rb) if size[ra] <= size[rb] else (rb, ra)
        support[key].add(a if key[0] == ra else b)  # documents of the smaller group
        strongest[key].append((a, b, s))
    # Each group joins at most one larger one, the best supported: a document alike
    # to two matters does not bind them together.
    moved: set[int] = set()
    order = sorted(
        support,
        key=lambda k: (-len(support[k]) / size[k[0]], -max(s for _a, _b, s in strongest[k])),
    )
    for key in order:
        small, _large = key
        if small in moved or len(support[key]) < max(1, math.ceil(t.support * size[small])):
            continue
        moved.add(small)
        for a, b, s in strongest[key]:
            best[a], best[b] = max(best[a], s), max(best[b], s)
        union.join(*key)
    return union, best


def propose(
    docs: Sequence[DocFacts], plan_items: Sequence[PlanItemFacts], tuning: Tuning = TUNING
) -> Proposal:
    """Groups of ``docs`` that belong to one matter, and the documents fitting none."""
    t = tuning
    docs = list(docs)
    n = len(docs)
    if n == 0:
        return Proposal(groups=[], unassigned=[])
    vec, x, strong, soft, resolved = strengths(docs, t)
    union, best = _join(n, strong, soft, t)
    parts: dict[int, list[int]] = defaultdict(list)
    for k in range(n):
        parts[union.find(k)].append(k)

    unassigned: list[str | int] = [docs[m[0]].key for m in parts.values() if len(m) == 1]
    several = [m for m in parts.values() if len(m) > 1]
    # Every group's subject centroid at once (one sparse product, not one per group).
    rows = np.concatenate([np.asarray(m) for m in several]) if several else np.zeros(0, int)
    cols = np.repeat(np.arange(len(several)), [len(m) for m in several])
    member_of = sparse.csr_matrix(
        (np.ones(len(rows), dtype=np.float32), (cols, rows)), shape=(len(several), n)
    )
    centroids = sparse.csr_matrix(member_of @ x)
    norms = np.sqrt(np.asarray(centroids.multiply(centroids).sum(axis=1)).ravel())
    closeness = np.asarray(x[rows].multiply(centroids[cols]).sum(axis=1)).ravel()
    self_sq = np.asarray(x.multiply(x).sum(axis=1)).ravel()
    plan_sims = None
    if plan_items and several:
        plan_x = text.transform(vec, [p.title for p in plan_items])
        unit = sparse.diags(np.where(norms > 0, 1.0 / np.maximum(norms, 1e-12), 0.0)) @ centroids
        plan_sims = np.asarray((sparse.csr_matrix(unit) @ plan_x.T).todense())
    near = dict(zip(rows.tolist(), closeness.tolist(), strict=True))
    groups = [
        _group(
            members,
            docs,
            resolved,
            best,
            plan_items,
            None if plan_sims is None else plan_sims[g],
            float(norms[g]),
            float(sum(self_sq[m] for m in members)),
            near,
            t,
        )  # fmt: skip
        for g, members in enumerate(several)
    ]
    groups.sort(key=lambda g: (g.start or dt.date.max, g.title))
    order = {d.key: k for k, d in enumerate(_by_date(docs))}
    unassigned.sort(key=lambda key: order[key])
    return Proposal(groups=groups, unassigned=unassigned)


def _by_date(docs: Sequence[DocFacts]) -> list[DocFacts]:
    return sorted(docs, key=lambda d: (d.issued_date or dt.date.max, str(d.key)))


def _group(
    members: list[int],
    docs: Sequence[DocFacts],
    resolved: list[list[tuple[int, object]]],
    best: list[float],
    plan_items: Sequence[PlanItemFacts],
    plan_sims,
    norm: float,
    self_sq: float,
    closeness: dict[int, float],
    t: Tuning,
) -> Group:
    ordered = sorted(members, key=lambda m: (docs[m].issued_date or dt.date.max, str(docs[m].key)))
    facts = [docs[m] for m in ordered]
    # The head, whose subject names the matter: the member the others cite most
    # (the plan, the letter answered), then the one whose subject is closest to theirs.
    inside = set(ordered)
    cited: dict[int, int] = defaultdict(int)
    for m in ordered:
        for _r, found in resolved[m]:
            if isinstance(found, int) and found in inside:
                cited[found] += 1
    head = docs[max(ordered, key=lambda m: (cited[m], closeness[m] if norm else 0.0, -m))]
    mean_cos = (norm * norm - self_sq) / (len(ordered) * (len(ordered) - 1))
    start, end, outside = _period(ordered, docs, t)
    plan = None
    if plan_sims is not None and norm:
        years = {start.year, end.year} if start and end else set()
        best_k, best_s = -1, t.plan
        for k, p in enumerate(plan_items):
            if years and p.year not in years:
                continue
            if plan_sims[k] >= best_s:
                best_k, best_s = k, float(plan_sims[k])
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
