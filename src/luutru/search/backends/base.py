"""The search engine interface. Tantivy is the default; a distributed engine
(OpenSearch) can be added beside it and chosen with ``SEARCH_BACKEND``.

The backend knows nothing of Django models or users: it indexes ``IndexDoc``
rows and answers ``SearchRequest``s whose ``AccessFilter`` was computed by
``luutru.search.access`` from the one access policy.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field

# The kinds the stages index by default (``luutru.search.kinds`` has the registered ones).
KINDS = ("document", "dossier")
FACETS = ("kind", "year", "org", "type", "secrecy", "status")
SORTS = ("relevance", "newest", "oldest")
# Engines allocate ``offset + limit`` result slots up front (Tantivy's top-k
# heap): an unbounded page number became a 320 GB allocation and an abort.
MAX_LIMIT = 1000
MAX_WINDOW = 100_000  # offset + limit


@dataclass
class IndexDoc:
    """What the index holds for one document or dossier."""

    kind: str
    obj_id: int
    title: str  # trích yếu / tiêu đề hồ sơ
    ident: str  # số, ký hiệu / số và ký hiệu hồ sơ
    issuer: str  # tác giả, tên loại
    body: str  # full text / the documents' subjects
    # The access facts (``luutru.search.kinds`` fills them from the access policy).
    org_ids: tuple[int, ...] = ()
    secrecy: int = 0
    owner_id: int | None = None
    archived: bool = False
    day: dt.date | None = None
    year: int | None = None
    type: str = ""
    status: str = ""


@dataclass
class AccessFilter:
    """``access.policy`` for one user, as data a backend can turn into a filter:
    grant OR (secrecy ≤ clearance AND (owner OR org in ``all_orgs`` OR
    (org in ``holding_orgs`` AND archived)))."""

    everything: bool = False  # console --all only
    clearance: int = -1
    user_id: int | None = None
    all_orgs: frozenset[int] = frozenset()
    holding_orgs: frozenset[int] = frozenset()
    grants: dict[str, frozenset[int]] = field(default_factory=dict)

    @property
    def nothing(self) -> bool:
        return not self.everything and self.user_id is None and not any(self.grants.values())


@dataclass
class Clause:
    """One thing the user asked for: a word, or a phrase (several tokens in order)."""

    tokens: list[str]  # exact forms (normalize.tokens)

    @property
    def phrase(self) -> bool:
        return len(self.tokens) > 1


@dataclass
class SearchRequest:
    clauses: list[Clause]
    access: AccessFilter
    filters: dict[str, list] = field(default_factory=dict)  # facet name → accepted values
    sort: str = "relevance"
    offset: int = 0
    limit: int = 20

    def check_window(self) -> None:
        """Refuse an offset or limit no page could need (every backend calls this)."""
        if not 0 <= self.limit <= MAX_LIMIT:
            raise ValueError(f"search limit {self.limit} outside 0..{MAX_LIMIT}")
        if self.offset < 0 or self.offset + self.limit > MAX_WINDOW:
            raise ValueError(f"search window {self.offset}+{self.limit} beyond {MAX_WINDOW}")


@dataclass
class Hit:
    kind: str
    obj_id: int
    score: float


@dataclass
class Results:
    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[object, int]]] = field(default_factory=dict)


class IndexWriter(ABC):
    """Exclusive write access; only one exists at a time across processes."""

    @abstractmethod
    def index(self, docs: Iterable[IndexDoc]) -> int:
        """Add or replace ``docs``; returns how many."""

    @abstractmethod
    def delete(self, keys: Iterable[tuple[str, int]]) -> None: ...

    @abstractmethod
    def clear(self) -> None: ...

    @abstractmethod
    def commit(self) -> None: ...


class SearchBackend(ABC):
    @abstractmethod
    def writer(
        self, *, wait: bool = False, recreate: bool = False, resume: bool = False
    ) -> AbstractContextManager[IndexWriter | None]:
        """A context manager giving the writer. The caller holds the writer lease
        (``luutru.search.lease``): one writer at a time across processes.
        ``recreate`` (a rebuild beside the live index) and ``resume`` (the
        rebuild a killed run left) are what ``services.reindex`` asks for."""

    @abstractmethod
    def search(self, request: SearchRequest) -> Results:
        """Hits for one page, exact total, and facet counts."""

    @abstractmethod
    def count(self, request: SearchRequest) -> int: ...

    @abstractmethod
    def facets(self, request: SearchRequest) -> dict[str, list[tuple[object, int]]]: ...

    @abstractmethod
    def num_docs(self) -> int: ...
