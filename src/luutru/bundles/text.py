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
