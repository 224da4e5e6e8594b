"""Subjects as vectors: syllable unigrams and bigrams, folded, TF-IDF weighted
(issue 11). Shared by the grouping and the arrival suggestions. Sparse all the
way: 10,000 subjects make a matrix of a few megabytes."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from luutru.capture.vietnamese import fold

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
    x: sparse.csr_matrix, threshold: float, chunk: int = 1000
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every pair (i < j) whose cosine is at least ``threshold``: rows times the
    transpose a chunk at a time, so memory stays at one chunk's products."""
    xt = x.T.tocsc()
    rows, cols, vals = [], [], []
    for start in range(0, x.shape[0], chunk):
        block = sparse.csr_matrix(x[start : start + chunk] @ xt).tocoo()
        keep = (block.data >= threshold) & (block.row + start < block.col)
        rows.append(block.row[keep] + start)
        cols.append(block.col[keep])
        vals.append(block.data[keep])
    if not rows:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=np.float32)
    return np.concatenate(rows), np.concatenate(cols), np.concatenate(vals)


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
VETO = ("person", "symbol", "years", "ordinal")  # differing: two matters
PLACE_DISCOUNT = 0.7  # differing places: likely two matters


def specifics(subject: str) -> dict[str, frozenset[str]]:
    """The person, place, number, years and ordinal a subject names, folded."""
    tokens = _TOKEN.findall(subject or "")
    folded = [fold(t).casefold() for t in tokens]
    out: dict[str, set[str]] = {}
    k = 0
    while k < len(tokens):
        low = folded[k]
        if _YEARS.match(low):
            out.setdefault("years", set()).add(low.replace("–", "-"))
        elif _SYMBOL.match(low):
            out.setdefault("symbol", set()).add(low)
        for trigger, slot in _TRIGGERS.items():
            if tuple(folded[k : k + len(trigger)]) == trigger:
                after = k + len(trigger)
                if slot == "ordinal":
                    if after < len(tokens):
                        out.setdefault(slot, set()).add(folded[after])
                    break
                name: list[str] = []
                while after < len(tokens) and len(name) < 4 and tokens[after][:1].isupper():
                    name.append(folded[after])
                    after += 1
                if name:
                    out.setdefault(slot, set()).add(" ".join(name))
                break
        k += 1
    return {slot: frozenset(v) for slot, v in out.items()}


def contrast(a: dict[str, frozenset[str]], b: dict[str, frozenset[str]]) -> float:
    """How far two subjects' specifics allow one matter: 0 when they name a different
    person, number, year or ordinal, ``PLACE_DISCOUNT`` for another place, else 1."""
    for slot in VETO:
        if a.get(slot) and b.get(slot) and not (a[slot] & b[slot]):
            return 0.0
    if a.get("place") and b.get("place") and not (a["place"] & b["place"]):
        return PLACE_DISCOUNT
    return 1.0
