"""The open dossiers and plan items a newly arrived document most likely goes
into (issue 11), learnt per body from what its officials accepted and refused.

A candidate scores from what the document shares with it:
- citations: the document cites (or replies to) a member, or cites what a
  member cites (``bundles.identity``: number, notation, year and issuer);
- subject: the best syllable TF-IDF cosine to a member's subject, the dossier's
  title and its plan item's title;
- issuer: a member from the same issuer; time: the dossier's documents near.
Then the body's answers move it: each earlier answer on that candidate counts
by how alike that answer's document is to this one (accepted raises, refused
lowers). Everything is computed here, on this machine.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from luutru.bundles import text
from luutru.bundles.identity import SymbolIndex, issuer_key, same_cited
from luutru.bundles.types import Candidate, DocFacts, Feedback

W_CITES = 2.0  # the document cites or replies to a member
W_SHARED = 0.8  # the document and a member cite the same document
W_SUBJECT = 1.6  # best subject cosine to a member
W_TITLE = 1.2  # cosine to the dossier's title or its plan item's title
W_ISSUER = 0.15  # a member from the same issuer
W_FEEDBACK = 1.5  # an answer on the same candidate for an identical document
BIAS = -1.2  # the logistic's offset: a candidate with nothing in common scores low


def _cites_as_a_member(doc: DocFacts, candidate: Candidate) -> bool:
    return any(same_cited(a, b) for a in doc.cites for m in candidate.member_facts for b in m.cites)


def _cites_member(doc: DocFacts, candidate: Candidate) -> bool:
    if not candidate.member_facts or not doc.cites:
        return False
    index = SymbolIndex.of(candidate.member_facts)
    return any(isinstance(index.resolve(ref, doc), DocFacts) for ref in doc.cites)


def _member_cites_doc(doc: DocFacts, candidate: Candidate) -> bool:
    if not (doc.code_number or doc.number_symbol):
        return False
    index = SymbolIndex.of([doc])
    return any(
        isinstance(index.resolve(ref, m), DocFacts)
        for m in candidate.member_facts
        for ref in m.cites
    )


def rank(
    doc: DocFacts,
    candidates: Sequence[Candidate],
    feedback: Sequence[Feedback] = (),
    k: int = 3,
) -> list[tuple[Candidate, float]]:
    """The ``k`` likeliest candidates for ``doc``, best first, each with a score in
    (0, 1); candidates with nothing in common with the document are left out."""
    if not candidates:
        return []
    # One vocabulary for the document, every member, title and answered document.
    texts: list[str] = [doc.subject]
    spans: list[tuple[int, int, int]] = []  # per candidate: members from, to; title at
    for c in candidates:
        first = len(texts)
        texts.extend(m.subject for m in c.member_facts)
        last = len(texts)
        texts.append(" ".join([c.title, c.plan_item.title if c.plan_item else ""]))
        spans.append((first, last, last))
    fb_at = len(texts)
    texts.extend(f.document.subject for f in feedback)
    _vec, x = text.fit(texts)
    sims = np.asarray((x @ x[0].T).todense()).ravel()

    own_issuer = issuer_key(doc.issuer)
    scored: list[tuple[Candidate, float]] = []
    for c, (first, last, title_at) in zip(candidates, spans, strict=True):
        z = BIAS
        evidence = 0.0
        if _cites_member(doc, c) or _member_cites_doc(doc, c):
            z += W_CITES
            evidence += 1
        if doc.cites and _cites_as_a_member(doc, c):
            z += W_SHARED
            evidence += 1
        subject = float(sims[first:last].max()) if last > first else 0.0
        title = float(sims[title_at])
        z += W_SUBJECT * subject + W_TITLE * title
        evidence += subject + title
        if own_issuer and any(issuer_key(m.issuer) == own_issuer for m in c.member_facts):
            z += W_ISSUER
        for n, f in enumerate(feedback):
            if f.candidate_kind == c.kind and f.candidate_id == c.id:
                alike = float(sims[fb_at + n])
                z += (W_FEEDBACK if f.accepted else -W_FEEDBACK) * alike
        if evidence <= 0.0:
            continue
        scored.append((c, 1.0 / (1.0 + math.exp(-z))))
    scored.sort(key=lambda p: (-p[1], p[0].kind != "dossier", p[0].id))
    return [(c, round(s, 4)) for c, s in scored[: max(0, k)]]
