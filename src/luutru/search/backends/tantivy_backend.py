"""The default backend: a Tantivy index in ``SEARCH_INDEX_DIR`` (BM25, phrases,
fast-field facets). One writer at a time: the caller holds the writer lease
(``luutru.search.lease``, in the database; this module takes no lock of its own
beyond Tantivy's, which fails a second writer rather than corrupt the index);
readers in any number of processes reload on every search and reopen the index
when the generation pointer names another generation."""

from __future__ import annotations

import os
import shutil
import threading
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import tantivy
from tantivy import Occur, Query

from luutru.search.backends.base import (
    AccessFilter,
    Clause,
    Hit,
    IndexDoc,
    IndexWriter,
    Results,
    SearchBackend,
    SearchRequest,
)
from luutru.search.normalize import fold, index_forms

# 4: a dossier's text holds only its non-secret documents (issue 8): indexes of 3 may
# still hold secret subjects in dossier text, so they are not served until rebuilt.
SCHEMA_VERSION = "4"
VERSION_FILE = "luutru-schema"
LOCK_FILE = (
    ".luutru-writer.lock"  # left by versions that locked a file: kept, never removed as stale
)
TOKENIZER = "luutru_ws"

# One text field, twice (``all_x`` exact, ``all_f`` folded), holding the
# subject (twice: words of the trích yếu weigh more), the number and symbol,
# the issuer and the full text. One scorer finds each word and one optional
# scorer adds the exact-diacritic bonus: Tantivy walks a union of scorers
# document by document but seeks a single one, so the access filter leads
# and a district's search costs a district's worth of work.
# An exact-diacritic match scores this much more than the same folded match,
# so "Đại hội" ranks documents spelled "Đại hội" above those that only fold to it.
EXACT_BOOST = 2.0
# Between the parts of ``all``: no query token can match it, so no phrase
# runs from the end of the subject into the symbol.
PART_BREAK = " | "
FACET_SIZES = {"kind": 10, "year": 1000, "org": 10000, "type": 1000, "secrecy": 10, "status": 50}
NUMERIC_FACETS = {"year", "org", "secrecy"}


class IndexOutdated(Exception):
    """The index on disk was built with another schema: ``luutru reindex``."""


def build_schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("key", stored=True, tokenizer_name="raw")
    for name in ("all",):
        sb.add_text_field(f"{name}_x", tokenizer_name=TOKENIZER, index_option="position")
        sb.add_text_field(f"{name}_f", tokenizer_name=TOKENIZER, index_option="position")
    for name in ("kind", "type", "status"):
        sb.add_text_field(name, fast=True, tokenizer_name="raw", index_option="basic")
    sb.add_unsigned_field("obj_id", indexed=True, fast=True)
    sb.add_unsigned_field("org", indexed=True, fast=True)
    sb.add_unsigned_field("secrecy", indexed=True, fast=True)
    sb.add_unsigned_field("owner", indexed=True)
    sb.add_unsigned_field("archived", indexed=True)
    sb.add_unsigned_field("year", indexed=True, fast=True)
    sb.add_integer_field("day", indexed=True, fast=True)
    return sb.build()


SCHEMA = build_schema()


def to_document(d: IndexDoc) -> tantivy.Document:
    doc = tantivy.Document()
    doc.add_text("key", f"{d.kind}:{d.obj_id}")
    xs, fs = [], []
    for i, text in enumerate((d.title, d.ident, d.issuer, d.body)):
        if text:
            x, f = index_forms(text)
            repeat = 2 if i == 0 else 1
            xs += [x] * repeat
            fs += [f] * repeat
    if xs:
        doc.add_text("all_x", PART_BREAK.join(xs))
        doc.add_text("all_f", PART_BREAK.join(fs))
    doc.add_text("kind", d.kind)
    if d.type:
        doc.add_text("type", d.type)
    if d.status:
        doc.add_text("status", d.status)
    doc.add_unsigned("obj_id", d.obj_id)
    for org_id in d.org_ids:
        doc.add_unsigned("org", org_id)
    doc.add_unsigned("secrecy", d.secrecy)
    doc.add_unsigned("owner", d.owner_id or 0)
    doc.add_unsigned("archived", int(d.archived))
    if d.year:
        doc.add_unsigned("year", d.year)
    doc.add_integer("day", d.day.toordinal() if d.day else 0)
    return doc


class _Writer(IndexWriter):
    """Writes to the live generation and, while a rebuild is under way, to the
    generation being built too (so a change made between a killed rebuild and
    its resumption is not lost when the rebuilt generation is switched in)."""

    def __init__(self, writers: list[tantivy.IndexWriter]):
        self._ws = writers
        self.dirty = False

    @property
    def _w(self) -> tantivy.IndexWriter:
        return self._ws[0]

    def index(self, docs: Iterable[IndexDoc]) -> int:
        self.dirty = True
        n = 0
        for d in docs:
            doc = to_document(d)
            for w in self._ws:
                w.delete_documents_by_term("key", f"{d.kind}:{d.obj_id}")
                w.add_document(doc)
            n += 1
        return n

    def add_new(self, docs: Iterable[IndexDoc]) -> int:
        """Add without deleting first: for an empty index (reindex, bench)."""
        self.dirty = True
        n = 0
        for d in docs:
            doc = to_document(d)
            for w in self._ws:
                w.add_document(doc)
            n += 1
        return n

    def delete(self, keys: Iterable[tuple[str, int]]) -> None:
        self.dirty = True
        for kind, obj_id in keys:
            for w in self._ws:
                w.delete_documents_by_term("key", f"{kind}:{obj_id}")

    def clear(self) -> None:
        self.dirty = True
        for w in self._ws:
            w.delete_all_documents()

    def commit(self) -> None:
        # The generation being built first: if a kill falls between the two,
        # the live one lacks the change and its queue row is still there.
        for w in reversed(self._ws):
            w.commit()
        self.dirty = False


_open: dict[str, tuple[str, tantivy.Index]] = {}
_open_lock = threading.Lock()

# Beside ``VERSION_FILE`` (the live generation: "schema:generation"), the
# generation a rebuild is writing; each generation is the folder ``gen-<id>``.
BUILDING_FILE = "luutru-building"
GENERATION_PREFIX = "gen-"
TRASH_PREFIX = ".old-"


class TantivyBackend(SearchBackend):
    """Generations: the index lives in ``<path>/gen-<id>/``; the file
    ``luutru-schema`` names the live one. A rebuild writes a new generation
    beside it (named in ``luutru-building``, so a killed rebuild resumes it)
    and switches by an atomic rename of the pointer; searches answer from the
    live generation throughout, and old generations go after the switch."""

    def __init__(self, path: Path | str, *, heap_size: int = 64_000_000, threads: int = 1):
        self.path = Path(path)
        self.heap_size = heap_size
        self.threads = threads

    # -- opening -----------------------------------------------------------

    def _pointer(self, name: str) -> str | None:
        try:
            version, generation = (self.path / name).read_text().split(":", 1)
        except (FileNotFoundError, ValueError):
            return None
        if version != SCHEMA_VERSION:
            if name == BUILDING_FILE:
                return None  # a rebuild of another schema: not resumable
            raise IndexOutdated(
                "Chỉ mục tìm kiếm được dựng theo cấu trúc cũ nên tạm thời chưa tìm được. "
                "Quản trị viên cần chạy “luutru reindex” trên máy chủ để dựng lại."
            )
        return generation

    def _generation(self) -> str | None:
        return self._pointer(VERSION_FILE)

    def _dir(self, generation: str) -> Path:
        folder = self.path / f"{GENERATION_PREFIX}{generation}"
        # An index made before generations lived in the folder itself.
        return folder if folder.is_dir() or not (self.path / "meta.json").exists() else self.path

    def _index(self) -> tantivy.Index | None:
        """The open live index, reopened when another process switched generations."""
        generation = self._generation()
        if generation is None:
            return None
        key = str(self.path)
        with _open_lock:
            cached = _open.get(key)
            if cached is None or cached[0] != generation:
                index = self._open_dir(self._dir(generation))
                if len(_open) >= 8:  # tests open one index each; keep a few
                    _open.pop(next(iter(_open)))
                _open[key] = (generation, index)
                cached = _open[key]
        return cached[1]

    @staticmethod
    def _open_dir(folder: Path) -> tantivy.Index:
        index = tantivy.Index(SCHEMA, path=str(folder), reuse=True)
        index.register_tokenizer(TOKENIZER, _analyzer())
        return index

    def _new_generation(self) -> tuple[str, tantivy.Index]:
        """An empty generation folder (under the writer lock), not yet live."""
        generation = uuid.uuid4().hex
        folder = self.path / f"{GENERATION_PREFIX}{generation}"
        folder.mkdir(parents=True)
        index = tantivy.Index(SCHEMA, path=str(folder), reuse=False)
        index.register_tokenizer(TOKENIZER, _analyzer())
        return generation, index

    def _write_pointer(self, name: str, generation: str) -> None:
        tmp = self.path / f"{name}.tmp"
        with open(tmp, "w") as f:
            f.write(f"{SCHEMA_VERSION}:{generation}")
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.path / name)
        _fsync_dir(self.path)

    def _switch(self, generation: str) -> None:
        """Make ``generation`` live (one atomic rename), then remove the others."""
        self._write_pointer(VERSION_FILE, generation)
        (self.path / BUILDING_FILE).unlink(missing_ok=True)
        self._remove_old(keep={generation})

    def _remove_old(self, keep: set[str]) -> None:
        keep_names = {f"{GENERATION_PREFIX}{g}" for g in keep}
        pointers = {LOCK_FILE, VERSION_FILE, BUILDING_FILE}
        legacy = not any(g and (self.path / f"{GENERATION_PREFIX}{g}").is_dir() for g in keep)
        for entry in self.path.iterdir():
            if entry.name in keep_names or entry.name in pointers:
                continue
            removable = entry.name.startswith((GENERATION_PREFIX, TRASH_PREFIX))
            if not removable and legacy:
                continue  # the files of a live index made before generations
            if entry.name.endswith(".tmp") and not entry.is_dir():
                entry.unlink(missing_ok=True)
                continue
            if entry.is_dir():
                # Renamed away first (atomic): a reader that still names this
                # generation finds no folder rather than a half-removed index.
                trash = entry
                if not entry.name.startswith(TRASH_PREFIX):
                    trash = self.path / f"{TRASH_PREFIX}{entry.name}"
                    os.replace(entry, trash)
                shutil.rmtree(trash, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)

    def _create(self) -> tantivy.Index:
        """A new, empty live index (under the writer lock; no index was live).
        A rebuild under way keeps its generation."""
        generation, _ = self._new_generation()
        building = self._pointer(BUILDING_FILE) if self.building() else None
        self._write_pointer(VERSION_FILE, generation)
        self._remove_old(keep={g for g in (generation, building) if g is not None})
        index = self._index()
        assert index is not None  # its pointer was just written
        return index

    def building(self) -> bool:
        """Is a rebuild under way (or killed, waiting to be resumed)?"""
        generation = self._pointer(BUILDING_FILE)
        return bool(generation) and (self.path / f"{GENERATION_PREFIX}{generation}").is_dir()

    # -- writing -----------------------------------------------------------

    @contextmanager
    def writer(
        self, *, wait: bool = False, recreate: bool = False, resume: bool = False
    ) -> Iterator[_Writer | None]:
        """The writer (the caller holds the writer lease; ``wait`` is kept for
        the interface). Plain: the live generation (and one being rebuilt).
        ``recreate``: a new generation beside the live one; ``resume``: the one a
        killed rebuild left (else a new one). Either is switched in when the
        block ends without an exception, and stays for a resumption otherwise."""
        self.path.mkdir(parents=True, exist_ok=True)
        rebuilding = recreate or resume
        indexes = []
        generation = None
        if rebuilding:
            if resume and self.building():
                generation = self._pointer(BUILDING_FILE)
                indexes.append(self._open_dir(self.path / f"{GENERATION_PREFIX}{generation}"))
            else:
                live = self._generation_or_none()
                self._remove_old(keep={live} if live else set())
                generation, index = self._new_generation()
                self._write_pointer(BUILDING_FILE, generation)
                indexes.append(index)
        else:
            indexes.append(self._index() or self._create())
            if self.building():
                building = self._pointer(BUILDING_FILE)
                indexes.append(self._open_dir(self.path / f"{GENERATION_PREFIX}{building}"))
        ws = [i.writer(heap_size=self.heap_size, num_threads=self.threads) for i in indexes]
        writer = _Writer(ws)
        ok = False
        try:
            yield writer
            ok = True
        finally:
            # Uncommitted work is rolled back (a rollback also cancels
            # merges, so only then); files of cancelled merges go; merges
            # finish before the next writer starts.
            for w in ws:
                if writer.dirty:
                    w.rollback()
                w.garbage_collect_files()
                w.wait_merging_threads()
            del ws, writer
        if rebuilding and ok:
            assert generation is not None  # set by either rebuilding branch
            self._switch(generation)

    def _generation_or_none(self) -> str | None:
        try:
            return self._generation()
        except IndexOutdated:
            return None

    # -- reading -----------------------------------------------------------

    def _searcher(self) -> tantivy.Searcher | None:
        for attempt in (1, 2):
            try:
                index = self._index()
                if index is None:
                    return None
                index.reload()
                return index.searcher()
            except ValueError:
                # Its generation was switched out and removed meanwhile: reopen.
                if attempt == 2:
                    raise
                with _open_lock:
                    _open.pop(str(self.path), None)
        return None

    def num_docs(self) -> int:
        searcher = self._searcher()
        return searcher.num_docs if searcher else 0

    def search(self, request: SearchRequest) -> Results:
        searcher = self._searcher()
        query = build_query(request)
        if searcher is None or query is None:
            return Results(total=0, hits=[], facets={})
        hits, total = _top(searcher, query, request)
        return Results(total=total, hits=hits, facets=_facets(searcher, query))

    def count(self, request: SearchRequest) -> int:
        searcher = self._searcher()
        query = build_query(request)
        if searcher is None or query is None:
            return 0
        return searcher.search(query, limit=1, count=True).count  # type: ignore[attr-defined]  # tantivy 0.27's stub omits SearchResult.count (present at run time)

    def facets(self, request: SearchRequest) -> dict[str, list[tuple[object, int]]]:
        searcher = self._searcher()
        query = build_query(request)
        if searcher is None or query is None:
            return {}
        return _facets(searcher, query)

    def top(self, request: SearchRequest) -> tuple[list[Hit], int]:
        """Ranked page and total without facets (what the benchmark times)."""
        searcher = self._searcher()
        query = build_query(request)
        if searcher is None or query is None:
            return [], 0
        return _top(searcher, query, request)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _analyzer() -> tantivy.TextAnalyzer:
    # Tokens were made (and normalized) in Python; the index only splits on spaces.
    return tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build()


def _top(searcher: tantivy.Searcher, query: Query, request: SearchRequest) -> tuple[list[Hit], int]:
    request.check_window()
    sort = request.sort
    if sort == "relevance" and not request.clauses:
        sort = "newest"
    if sort == "relevance":
        result = searcher.search(query, limit=request.limit, count=True, offset=request.offset)
    else:
        order = tantivy.Order.Desc if sort == "newest" else tantivy.Order.Asc
        result = searcher.search(
            query,
            limit=request.limit,
            count=True,
            offset=request.offset,
            order_by_field="day",
            order=order,
        )
    hits = []
    for score, address in result.hits:
        kind, _, obj_id = searcher.doc(address)["key"][0].partition(":")
        hits.append(Hit(kind=kind, obj_id=int(obj_id), score=float(score)))
    return hits, result.count  # type: ignore[attr-defined]  # tantivy 0.27's stub omits SearchResult.count (present at run time)


def _facets(searcher: tantivy.Searcher, query: Query) -> dict[str, list[tuple[object, int]]]:
    aggs = {name: {"terms": {"field": name, "size": size}} for name, size in FACET_SIZES.items()}
    raw = searcher.aggregate(query, aggs)
    out: dict[str, list[tuple[object, int]]] = {}
    for name in FACET_SIZES:
        buckets = raw.get(name, {}).get("buckets", [])
        out[name] = [
            (int(b["key"]) if name in NUMERIC_FACETS else b["key"], int(b["doc_count"]))
            for b in buckets
        ]
    return out


# -- query building ---------------------------------------------------------


def _clause_query(clause: Clause) -> Query:
    """Found through ``all_f`` (every exact match is also a folded one); the
    exact field only adds score, and an optional scorer beside a required one
    is only asked about the documents the required one finds."""
    exact = clause.tokens
    folded = [fold(t) for t in exact]
    if clause.phrase:
        # The stub's words are ``list[str | (position, str)]``; lists are invariant.
        found = Query.phrase_query(SCHEMA, "all_f", list[str | tuple[int, str]](folded))
        bonus = Query.phrase_query(SCHEMA, "all_x", list[str | tuple[int, str]](exact))
    else:
        found = Query.term_query(SCHEMA, "all_f", folded[0])
        bonus = Query.term_query(SCHEMA, "all_x", exact[0])
    return Query.boolean_query(
        [(Occur.Must, found), (Occur.Should, Query.boost_query(bonus, EXACT_BOOST))]
    )


def _in(field: str, values) -> Query:
    values = list(values)
    if len(values) == 1:
        return Query.term_query(SCHEMA, field, values[0])
    return Query.term_set_query(SCHEMA, field, values)


def access_query(access: AccessFilter) -> Query | None:
    """The policy as a filter; None when it lets nothing through."""
    if access.everything:
        return Query.all_query()
    alternatives = []
    if access.clearance >= 0 and access.user_id is not None:
        scope = [(Occur.Should, Query.term_query(SCHEMA, "owner", access.user_id))]
        if access.all_orgs:
            scope.append((Occur.Should, _in("org", sorted(access.all_orgs))))
        if access.holding_orgs:
            scope.append(
                (
                    Occur.Should,
                    Query.boolean_query(
                        [
                            (Occur.Must, _in("org", sorted(access.holding_orgs))),
                            (Occur.Must, Query.term_query(SCHEMA, "archived", 1)),
                        ]
                    ),
                )
            )
        cleared = Query.boolean_query(
            [
                (
                    Occur.Must,
                    Query.range_query(
                        SCHEMA, "secrecy", tantivy.FieldType.Unsigned, 0, access.clearance
                    ),
                ),
                (Occur.Must, Query.boolean_query(scope)),
            ]
        )
        alternatives.append((Occur.Should, cleared))
    for kind, ids in access.grants.items():
        if ids:
            alternatives.append(
                (
                    Occur.Should,
                    Query.boolean_query(
                        [
                            (Occur.Must, Query.term_query(SCHEMA, "kind", kind)),
                            (Occur.Must, _in("obj_id", sorted(ids))),
                        ]
                    ),
                )
            )
    if not alternatives:
        return None
    return Query.boolean_query(alternatives)


def build_query(request: SearchRequest) -> Query | None:
    """Clauses (scored) AND access AND filters (not scored); None = nothing visible."""
    access = access_query(request.access)
    if access is None:
        return None
    parts = [(Occur.Must, _clause_query(c)) for c in request.clauses]
    if not parts:
        parts.append((Occur.Must, Query.all_query()))
    # Filters score nothing: relevance comes from the words alone.
    parts.append((Occur.Must, Query.const_score_query(access, 0.0)))
    for name, values in request.filters.items():
        if values:
            parts.append((Occur.Must, Query.const_score_query(_in(name, values), 0.0)))
    return Query.boolean_query(parts)
