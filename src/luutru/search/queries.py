"""Searching as a user: parse what was typed, apply the access policy inside
the query, and turn the engine's hits into rows with highlighted snippets."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from luutru.access.policy import visible_q
from luutru.core.params import as_int
from luutru.orgs.models import Organization, Secrecy
from luutru.search import kinds
from luutru.search.access import access_filter_for
from luutru.search.backends import get_backend
from luutru.search.backends.base import MAX_WINDOW, SORTS, Clause, SearchRequest
from luutru.search.backends.tantivy_backend import IndexOutdated
from luutru.search.normalize import fold, nfc, spans, tokens

MAX_QUERY_CHARS = 500
MAX_CLAUSES = 32
PER_PAGE = 20
MAX_PER_PAGE = 100
SNIPPET_TOKENS = 30
SNIPPET_SOURCE_CHARS = 200_000

SORT_LABELS = {"relevance": "Phù hợp nhất", "newest": "Mới nhất", "oldest": "Cũ nhất"}
FACET_LABELS = {
    "kind": "Loại kết quả",
    "year": "Năm",
    "org": "Cơ quan, tổ chức",
    "type": "Tên loại",
    "secrecy": "Độ mật",
    "status": "Trạng thái hồ sơ",
}
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})


@dataclass
class ParsedQuery:
    text: str
    clauses: list[Clause]
    messages: list[str] = field(default_factory=list)


def parse_query(raw: str | None) -> ParsedQuery:
    """Words, and phrases in quotes. Query syntax is not ours to interpret:
    ``:``, ``(``, ``*`` and the like only separate words."""
    text = nfc(raw or "").translate(_QUOTES).strip()
    messages = []
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS]
        messages.append(
            f"Nội dung tìm quá dài: chỉ dùng {MAX_QUERY_CHARS} ký tự đầu. Hãy rút gọn vào các từ chính."
        )
    parts = text.split('"')
    unclosed = len(parts) % 2 == 0  # an odd number of quotes: the last one opens nothing
    clauses: list[Clause] = []
    seen: set[tuple[str, ...]] = set()
    for i, part in enumerate(parts):
        quoted = i % 2 == 1 and not (unclosed and i == len(parts) - 1)
        # A quoted phrase, or each word; "12-NQ/TU" is one word of three tokens.
        chunks = [part] if quoted else part.split()
        for chunk in chunks:
            toks = tokens(chunk)
            if toks and tuple(toks) not in seen:
                seen.add(tuple(toks))
                clauses.append(Clause(toks))
    if len(clauses) > MAX_CLAUSES:
        clauses = clauses[:MAX_CLAUSES]
        messages.append(f"Chỉ dùng {MAX_CLAUSES} từ đầu tiên của nội dung tìm.")
    return ParsedQuery(text=text, clauses=clauses, messages=messages)


@dataclass
class Filters:
    values: dict[str, list] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)


def parse_filters(params) -> Filters:
    """Filter values from a query dict (``getlist``); a value we do not know
    is left out with a message naming it, never guessed."""
    out = Filters()
    bad: list[str] = []

    def ints(name: str, allowed=None):
        vals = []
        for v in params.getlist(name):
            v = v.strip()
            if not v:
                continue
            n = as_int(v)
            if n is not None and (allowed is None or n in allowed):
                vals.append(n)
            else:
                bad.append(f"{FACET_LABELS[name].lower()} “{v[:40]}”")
        return vals

    def strs(name: str, allowed=None):
        vals = []
        for v in params.getlist(name):
            v = v.strip()
            if not v:
                continue
            if allowed is None or v in allowed:
                vals.append(v[:200])
            else:
                bad.append(f"{FACET_LABELS[name].lower()} “{v[:40]}”")
        return vals

    years = []
    for y in ints("year"):
        if 1900 <= y <= 2200:
            years.append(y)
        else:
            bad.append(f"năm “{y}”")
    values = {
        "kind": strs("kind", set(kinds.names())),
        "year": years,
        "org": ints("org"),
        "type": strs("type"),
        "secrecy": ints("secrecy", set(Secrecy.values)),
        "status": strs("status", set(kinds.all_statuses())),
    }
    if values["org"]:
        known = set(Organization.objects.filter(pk__in=values["org"]).values_list("pk", flat=True))
        for o in values["org"]:
            if o not in known:
                bad.append(f"cơ quan số {o}")
        values["org"] = [o for o in values["org"] if o in known]
    out.values = {k: v for k, v in values.items() if v}
    if bad:
        out.messages.append(
            "Bỏ qua điều kiện lọc không hợp lệ: "
            + ", ".join(bad)
            + ". Hãy chọn lại từ danh sách bên cạnh."
        )
    return out


@dataclass
class ResultRow:
    kind: str
    obj_id: int
    url: str
    title_html: SafeString
    snippet_html: SafeString
    symbol: str
    date: str
    org_name: str
    type: str
    secrecy: int
    secrecy_label: str
    status_label: str
    score: float

    def as_json(self) -> dict:
        return {
            "kind": self.kind,
            "id": self.obj_id,
            "url": self.url,
            "title": _strip_marks(self.title_html),
            "title_html": str(self.title_html),
            "snippet_html": str(self.snippet_html),
            "symbol": self.symbol,
            "date": self.date,
            "org": self.org_name,
            "type": self.type,
            "secrecy": self.secrecy_label,
            "status": self.status_label,
            "score": round(self.score, 4),
        }


@dataclass
class FacetValue:
    value: object
    label: str
    count: int
    selected: bool


@dataclass
class Outcome:
    query: ParsedQuery
    filters: Filters
    sort: str
    page: int
    per_page: int
    total: int = 0
    rows: list[ResultRow] = field(default_factory=list)
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)
    asked: bool = False  # False: nothing to search for yet (show help)
    unavailable: bool = False  # the index cannot answer (see messages)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def first(self) -> int:
        return (self.page - 1) * self.per_page + 1 if self.total else 0

    @property
    def last(self) -> int:
        return min(self.total, self.page * self.per_page)


def _int(value, default: int, lo: int, hi: int) -> tuple[int, bool]:
    try:
        n = int(str(value))
    except (TypeError, ValueError):
        return default, value not in (None, "")
    return min(max(n, lo), hi), not lo <= n <= hi


def search(user, params, *, access=None) -> Outcome:
    """Search as ``user`` with GET-style ``params`` (q, kind, year, org, type,
    secrecy, status, sort, page, per_page). ``access`` overrides the user's
    filter (console ``--all`` only)."""
    parsed = parse_query(params.get("q"))
    filters = parse_filters(params)
    messages = parsed.messages + filters.messages
    sort = params.get("sort") or "relevance"
    if sort not in SORTS:
        messages.append(f"Không có cách sắp xếp “{sort[:40]}”: xếp theo mức phù hợp.")
        sort = "relevance"
    per_page, _ = _int(params.get("per_page"), PER_PAGE, 1, MAX_PER_PAGE)
    page, bad_page = _int(params.get("page") or params.get("trang"), 1, 1, 10**9)
    if bad_page:
        messages.append("Số trang không hợp lệ: hiển thị trang đầu.")
    out = Outcome(
        query=parsed, filters=filters, sort=sort, page=page, per_page=per_page, messages=messages
    )
    if not parsed.clauses and not filters.values:
        if parsed.text:
            messages.append(
                "Nội dung tìm không có chữ hay số nào để tìm. Hãy gõ vài từ trong trích yếu, "
                "số, ký hiệu hoặc tên cơ quan ban hành."
            )
        return out
    out.asked = True
    try:
        # A web process only reads: the worker writes (``services.drain``).
        backend = get_backend()
        request = SearchRequest(
            clauses=parsed.clauses,
            access=access if access is not None else access_filter_for(user),
            filters=filters.values,
            sort=sort,
            offset=0,
            limit=per_page,
        )
        if page > 1:
            # Bound the page by what there is before asking for it: the engine
            # allocates room for offset + limit hits (page 10⁹ aborted the process).
            out.page = page = _bounded_page(page, per_page, backend.count(request), messages)
            request.offset = (page - 1) * per_page
        results = backend.search(request)
    except IndexOutdated as e:
        messages.append(str(e))
        out.unavailable = True
        return out
    out.total = results.total
    out.rows = _rows(user, results.hits, parsed.clauses, trusted=access is not None)
    out.facets = _facets(results.facets, filters.values)
    return out


def _bounded_page(page: int, per_page: int, total: int, messages: list[str]) -> int:
    """``page``, or the last page there is (and the last the engine may page to)."""
    pages = max(1, -(-total // per_page))
    reachable = max(1, MAX_WINDOW // per_page)
    if page > reachable and pages > reachable:
        messages.append(
            f"Chỉ xem được {reachable} trang đầu trong {total} kết quả: "
            "hãy thêm từ tìm hoặc điều kiện lọc để thu hẹp."
        )
        return reachable
    if page > pages:
        if total:
            messages.append(f"Chỉ có {pages} trang kết quả: hiển thị trang cuối.")
        return pages
    return page


def _rows(user, hits, clauses, *, trusted: bool) -> list[ResultRow]:
    # The index already applied the policy; asking the database again costs
    # one query per kind and keeps a stale index from ever showing a title.
    by_key: dict[tuple[str, int], Any] = {}
    for name in kinds.names():
        ids = [h.obj_id for h in hits if h.kind == name]
        if not ids:
            continue
        rows = kinds.get(name).for_hits(ids)
        if not trusted:
            rows = rows.filter(visible_q(user, object_type=name))
        by_key |= {(name, obj.pk): obj for obj in rows}
    wanted = _wanted(clauses)
    out = []
    for h in hits:
        obj = by_key.get((h.kind, h.obj_id))
        if obj is None:
            continue
        shown = kinds.get(h.kind).show(obj)
        out.append(
            ResultRow(
                kind=h.kind,
                obj_id=h.obj_id,
                url=shown.url,
                title_html=highlight(shown.title, wanted, whole=True),
                snippet_html=highlight(shown.text, wanted),
                symbol=shown.symbol,
                date=shown.date,
                org_name=shown.org_name,
                type=shown.type,
                secrecy=shown.secrecy,
                secrecy_label=shown.secrecy_label,
                status_label=shown.status_label,
                score=h.score,
            )
        )
    return out


def _wanted(clauses: list[Clause]) -> tuple[set[str], set[str]]:
    exact = {t for c in clauses for t in c.tokens}
    return exact, {fold(t) for t in exact}


def highlight(text: str, wanted: tuple[set[str], set[str]], *, whole: bool = False) -> SafeString:
    """``text`` escaped, matching words in <mark>. Unless ``whole``, only a
    window of about 30 words around the most matches (empty if none)."""
    # Snippets come from the start of very long texts (OCR of whole books).
    text = nfc((text or "")[:SNIPPET_SOURCE_CHARS])
    exact, folded = wanted
    toks = spans(text)
    hits = [i for i, s in enumerate(toks) if s.exact in exact or s.folded in folded]
    if whole:
        lo, hi = 0, len(text)
    else:
        if not hits:
            return mark_safe("")
        # The window of SNIPPET_TOKENS tokens holding the most matches.
        best, best_n, j = hits[0], 0, 0
        for i, start in enumerate(hits):
            while j < len(hits) and hits[j] < start + SNIPPET_TOKENS:
                j += 1
            if j - i > best_n:
                best, best_n = start, j - i
        first = max(0, best - 5)
        last = min(len(toks) - 1, first + SNIPPET_TOKENS - 1)
        # From just after the word before the window (keeping its punctuation).
        lo = 0 if first == 0 else toks[first - 1].end
        hi = len(text) if last == len(toks) - 1 else toks[last].end
    marked = set(hits)
    out: list[str] = []
    pos = lo
    for i, s in enumerate(toks):
        if s.end <= lo or s.start >= hi:
            continue
        if i in marked:
            out.append(escape(text[pos : s.start]))
            out.append(f"<mark>{escape(text[s.start : s.end])}</mark>")
            pos = s.end
    out.append(escape(text[pos:hi]))
    html = re.sub(r"\s+", " ", "".join(out)).strip()
    if not whole:
        html = ("… " if lo > 0 else "") + html + (" …" if hi < len(text) else "")
    return mark_safe(html)


def _strip_marks(html: str) -> str:
    import html as html_lib

    return html_lib.unescape(re.sub(r"</?mark>", "", html))


def _facets(raw: dict, selected: dict) -> dict[str, list[FacetValue]]:
    org_names = dict(
        Organization.objects.filter(pk__in=[v for v, _ in raw.get("org", [])]).values_list(
            "pk", "name"
        )
    )
    labels: dict[str, Callable[[Any], str]] = {
        "kind": lambda v: kinds.get(v).label if v in kinds.names() else v,
        "year": str,
        "org": lambda v: org_names.get(v, f"Cơ quan số {v}"),
        "type": str,
        "secrecy": lambda v: Secrecy(v).label if v in Secrecy.values else str(v),
        "status": lambda v: kinds.all_statuses().get(v, v),
    }
    out = {}
    for name, buckets in raw.items():
        if name == "year":
            buckets = sorted(buckets, key=lambda b: -b[0])
        values = [
            FacetValue(
                value=v, label=labels[name](v), count=n, selected=v in selected.get(name, [])
            )
            for v, n in buckets
        ]
        if values:
            out[name] = values
    return out
