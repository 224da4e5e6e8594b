"""What the index holds for each registered kind (``luutru.search.kinds``), read
from the database: the stages build the rows, search only asks."""

from __future__ import annotations

from collections.abc import Iterator

from luutru.search import kinds
from luutru.search.backends.base import IndexDoc

# Full text beyond this is not indexed: a 2,000-page OCR result would
# otherwise dominate the writer's memory for little gain in recall.
MAX_BODY_CHARS = 2_000_000


def load(kind: str, ids: list[int]) -> tuple[list[IndexDoc], list[int]]:
    """Index rows for ``ids`` that still exist, and the ids that are gone."""
    return kinds.get(kind).load(ids)


def chunks(kind: str, after: int, size: int) -> Iterator[list[IndexDoc]]:
    return kinds.get(kind).chunks(after, size)


def count(kind: str, *, upto: int | None = None) -> int:
    return kinds.get(kind).count(upto=upto)
