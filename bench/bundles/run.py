"""Issue 11's bench: grouping quality, gaps, arrival suggestions, speed and memory.

    .venv/bin/python -m bench.bundles                 # the held-apart seed, every figure
    .venv/bin/python -m bench.bundles --seeds 1 2 3   # the seeds one may tune on
    .venv/bin/python -m bench.bundles --scale 10000   # also time 10,000 documents

Prints a table; not a test. The seed ``HELD_APART`` is never used for tuning.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections import defaultdict

from bench.bundles.cases import Case, build, build_docs

from luutru.bundles.grouping import propose
from luutru.bundles.suggest import rank
from luutru.bundles.types import Candidate, CitedRef, Proposal

HELD_APART = 20261203
TUNING_SEEDS = (1, 2, 3)


def pairwise(case: Case, proposal: Proposal) -> tuple[float, float, float]:
    truth: set[tuple[str, str]] = set()
    by_matter: dict[int, list[str]] = defaultdict(list)
    for key, m in case.matter.items():
        if case.kinds[m] != "stray":
            by_matter[m].append(str(key))
    for keys in by_matter.values():
        keys.sort()
        truth.update((a, b) for n, a in enumerate(keys) for b in keys[n + 1 :])
    got: set[tuple[str, str]] = set()
    for g in proposal.groups:
        keys = sorted(str(k) for k in g.members)
        got.update((a, b) for n, a in enumerate(keys) for b in keys[n + 1 :])
    tp = len(truth & got)
    p = tp / len(got) if got else 1.0
    r = tp / len(truth) if truth else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _same(a: CitedRef, b: CitedRef) -> bool:
    if a.number_symbol != b.number_symbol:
        return False
    if a.issued_date and b.issued_date and a.issued_date.year != b.issued_date.year:
        return False
    return not (a.issuer and b.issuer) or a.issuer == b.issuer


def gaps(case: Case, proposal: Proposal) -> tuple[float, float, int, int]:
    """Share of (document, absent cited document) named as a gap of the document's
    group, and share of named gaps that name a document present in the bundle."""
    group_of = {k: g for g in proposal.groups for k in g.members}
    wanted = named = 0
    for key, refs in case.absent_refs.items():
        g = group_of.get(key)
        for ref in refs:
            wanted += 1
            if g is not None and any(
                key in m.cited_by
                and _same(
                    ref, CitedRef(m.number_symbol, issued_date=m.issued_date, issuer=m.issuer)
                )
                for m in g.missing
            ):
                named += 1
    false = total = 0
    for g in proposal.groups:
        for m in g.missing:
            total += 1
            as_ref = CitedRef(m.number_symbol, issued_date=m.issued_date, issuer=m.issuer)
            if any(any(_same(as_ref, r) for r in case.present_refs.get(k, ())) for k in m.cited_by):
                false += 1
    return (named / wanted if wanted else 1.0), (false / total if total else 0.0), wanted, total


def arrivals(case: Case) -> tuple[float, float, int]:
    """Each matter of 3 or more documents loses its latest document; that document
    arrives and is ranked against every matter's other documents as open dossiers."""
    by_matter: dict[int, list] = defaultdict(list)
    for d in case.docs:
        if case.kinds[case.matter[d.key]] != "stray":
            by_matter[case.matter[d.key]].append(d)
    arriving = {}
    candidates = []
    for m, docs in by_matter.items():
        docs.sort(key=lambda d: d.issued_date)
        if len(docs) >= 3:
            arriving[m] = docs[-1]
            docs = docs[:-1]
        title = f"Hồ sơ về việc {docs[0].subject}"
        candidates.append(Candidate("dossier", m, title, member_facts=tuple(docs)))
    first = top3 = 0
    for m, doc in arriving.items():
        ranked = [c.id for c, _ in rank(doc, candidates, k=3)]
        first += bool(ranked) and ranked[0] == m
        top3 += m in ranked
    n = len(arriving)
    return first / n, top3 / n, n


def measure(seed: int) -> dict:
    case = build(seed)
    t0 = time.perf_counter()
    proposal = propose(case.docs, [])
    took = time.perf_counter() - t0
    p, r, f1 = pairwise(case, proposal)
    named, false, wanted, total = gaps(case, proposal)
    first, top3, n_arr = arrivals(case)
    return {
        "seed": seed,
        "matters": sum(1 for k in case.kinds.values() if k != "stray"),
        "docs": len(case.docs),
        "groups": len(proposal.groups),
        "unassigned": len(proposal.unassigned),
        "precision": p,
        "recall": r,
        "f1": f1,
        "gaps_named": named,
        "gaps_false": false,
        "gaps_wanted": wanted,
        "gaps_total": total,
        "first": first,
        "top3": top3,
        "arrivals": n_arr,
        "seconds": took,
    }


def scale(n: int) -> tuple[int, float, float, float]:
    case = build_docs(7, n)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0, c0 = time.perf_counter(), time.process_time()
    proposal = propose(case.docs, [])
    took, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    assert proposal.groups
    return len(case.docs), took, cpu, max(peak, before)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, nargs="*", default=[HELD_APART])
    ap.add_argument("--scale", type=int, default=0, help="also group this many documents")
    args = ap.parse_args(argv)
    cols = ("seed", "matters", "docs", "groups", "unassigned", "precision", "recall", "f1",
            "gaps_named", "gaps_false", "first", "top3", "arrivals", "seconds")  # fmt: skip
    print(" | ".join(cols))
    for seed in args.seeds:
        row = measure(seed)
        print(
            " | ".join(f"{row[c]:.3f}" if isinstance(row[c], float) else str(row[c]) for c in cols)
        )
    if args.scale:
        n, took, cpu, peak = scale(args.scale)
        print(
            f"scale: {n} documents grouped in {took:.2f} s wall, {cpu:.2f} s CPU; "
            f"peak memory {peak:.0f} MB (the whole process)"
        )
    sys.stdout.flush()
    return 0
