"""Subjects as vectors: syllable unigrams and bigrams, folded, TF-IDF weighted
(issue 11). Shared by the grouping and the arrival suggestions. Sparse all the
way: 10,000 subjects make a matrix of a few megabytes."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
from scipy import sparse

from luutru.capture.vietnamese import fold

if TYPE_CHECKING:
    from sklearn.feature_extraction.text import TfidfVectorizer

# Function syllables of a subject that tell no matter apart.
STOP = frozenset(
    "ve viec cua va cac cho tai voi doi nhung trong theo mot so den tu la de nham "
    "v/v vv tren duoi nay do".split()
)
_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    return [w for w in _WORD.findall(fold(text or "").casefold()) if w not in STOP]


def _analyzer(text: str) -> list[str]:
    ws = words(text)
    return ws + [f"{a} {b}" for a, b in zip(ws, ws[1:], strict=False)]


def vectorizer() -> TfidfVectorizer:
    # scikit-learn takes seconds to import: only the processes that group documents pay it
    # (every web and worker process loads this module through the bundles screens).
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(analyzer=_analyzer, sublinear_tf=True, dtype=np.float32)


def fit(texts: Sequence[str]) -> tuple[TfidfVectorizer, sparse.csr_matrix]:
    """The vectorizer fitted on ``texts`` and their rows (L2-normalised)."""
    vec = vectorizer()
    if not any(words(t) for t in texts):
        return vec, sparse.csr_matrix((len(texts), 1), dtype=np.float32)
    return vec, sparse.csr_matrix(vec.fit_transform(texts))


def transform(vec: TfidfVectorizer, texts: Sequence[str]) -> sparse.csr_matrix:
    if not hasattr(vec, "vocabulary_"):
        return sparse.csr_matrix((len(texts), 1), dtype=np.float32)
    return sparse.csr_matrix(vec.transform(texts))


def pair_cosines(x: sparse.csr_matrix, i: Sequence[int], j: Sequence[int]) -> np.ndarray:
    """cos(x[i[k]], x[j[k]]) for each k (rows are L2-normalised)."""
    if not len(i):
        return np.zeros(0, dtype=np.float32)
    prod = x[np.asarray(i)].multiply(x[np.asarray(j)])
    return np.asarray(prod.sum(axis=1)).ravel()


def similar_pairs(
    x: sparse.csr_matrix,
    threshold: float,
    days: np.ndarray | None = None,
    window: int = 0,
    chunk: int = 1000,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every pair (i < j) whose cosine is at least ``threshold``: rows times the
    transpose a chunk at a time, so memory stays at one chunk's products. With
    ``days`` (ordinals, -1 for undated) and ``window``, dated documents are compared
    only with those at most ``window`` days away (and every undated one)."""
    n = x.shape[0]
    if days is None or not window:
        days, window = np.full(n, -1, dtype=np.int64), 0
    order = np.argsort(days, kind="stable")
    xs = sparse.csr_matrix(x[order])
    ds = np.asarray(days)[order]
    undated = int(np.searchsorted(ds, 0, side="left"))
    rows, cols, vals = [], [], []
    starts = list(range(0, undated, chunk)) + list(range(undated, n, chunk))
    for start in starts:
        end = min(start + chunk, undated if start < undated else n)
        if start < undated:
            left, right = 0, n
        else:
            left = max(undated, int(np.searchsorted(ds, ds[start] - window, side="left")))
            right = int(np.searchsorted(ds, ds[end - 1] + window, side="right"))
        block = sparse.csr_matrix(xs[start:end] @ xs[left:right].T).tocoo()
        r, c = block.row + start, block.col + left
        keep = (block.data >= threshold) & (r < c)
        if window and start >= undated:
            keep &= np.abs(ds[r] - ds[c]) <= window
        rows.append(order[r[keep]])
        cols.append(order[c[keep]])
        vals.append(block.data[keep])
    if not rows:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=np.float32)
    a, b = np.concatenate(rows), np.concatenate(cols)
    return np.minimum(a, b), np.maximum(a, b), np.concatenate(vals)


# What makes two matters of one pattern different: the person, the document
# number, the year or term, the congress's ordinal ("lần thứ XXI"), the place.
_TOKEN = re.compile(r"[\w]+(?:[-/–][\w]+)*")
_YEARS = re.compile(r"^(?:19|20)\d\d(?:[-–](?:19|20)\d\d)?$")
_SYMBOL = re.compile(r"^\d+[a-z]?[-/]\w", re.IGNORECASE)
_TRIGGERS = {
    ("dong", "chi"): "person",
    ("xa",): "place",
    ("phuong",): "place",
    ("thon",): "place",
    ("huyen",): "place",
    ("thi", "tran"): "place",
    ("lan", "thu"): "ordinal",
    ("khoa",): "ordinal",
}
_BY_FIRST: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _trigger, _slot in _TRIGGERS.items():
    _BY_FIRST.setdefault(_trigger[0], []).append((_trigger, _slot))
VETO = ("person", "symbol", "years", "ordinal", "place")  # differing: two matters


def specifics(subject: str) -> dict[str, frozenset[str]]:
    """The person, place, number, years and ordinal a subject names, folded."""
    subject = subject or ""
    spans = [m.span() for m in _TOKEN.finditer(subject)]
    whole = fold(subject).casefold()  # one character for one: the spans still fit
    folded = [whole[a:b] for a, b in spans]
    out: dict[str, set[str]] = {}
    n = len(spans)
    for k, low in enumerate(folded):
        if low[:1].isdigit():
            if _YEARS.match(low):
                out.setdefault("years", set()).add(low.replace("–", "-"))
            elif _SYMBOL.match(low):
                out.setdefault("symbol", set()).add(low)
            continue
        for trigger, slot in _BY_FIRST.get(low, ()):
            if tuple(folded[k : k + len(trigger)]) != trigger:
                continue
            after = k + len(trigger)
            if slot == "ordinal":
                if after < n:
                    out.setdefault(slot, set()).add(folded[after])
                break
            name: list[str] = []
            while after < n and len(name) < 4 and subject[spans[after][0]].isupper():
                name.append(folded[after])
                after += 1
            if name:
                out.setdefault(slot, set()).add(" ".join(name))
            break
    return {slot: frozenset(v) for slot, v in out.items()}


def contrast(a: dict[str, frozenset[str]], b: dict[str, frozenset[str]]) -> float:
    """0 when two subjects name a different person, number, year, ordinal or place
    (two matters of one pattern), else 1."""
    for slot in VETO:
        if a.get(slot) and b.get(slot) and not (a[slot] & b[slot]):
            return 0.0
    return 1.0
