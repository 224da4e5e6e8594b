"""Read the header of a Party or State document (DOMAIN.md §3) into metadata.

Text from PDFs and OCR often merges the two header columns into one line
("TỈNH ỦY QUẢNG NINH ĐẢNG CỘNG SẢN VIỆT NAM", "Số 12-NQ/TU Hạ Long, ngày …"),
so each field is found as a span and taken out of its line; what is left on
the top-left lines is the issuer. Matching is done on the folded text (no
diacritics), so a tone mark lost by OCR still finds its field, at a lower
confidence. Type names and abbreviations come from the rule profile.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from dataclasses import dataclass, field
from typing import Any

from luutru.capture.vietnamese import _corrector, fold, is_syllable, split_glued
from luutru.core.vn import nfc

PARTY, STATE, FRONT = "party", "state", "front"

PARTY_MOTTO = "ĐẢNG CỘNG SẢN VIỆT NAM"
STATE_MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
STATE_MOTTO_2 = "Độc lập - Tự do - Hạnh phúc"
YOUTH_MOTTO = "ĐOÀN TNCS HỒ CHÍ MINH"
MOTTOS = (PARTY_MOTTO, STATE_MOTTO, YOUTH_MOTTO)

SECRECY_MARKS = {"TUYET MAT": 3, "TOI MAT": 2, "MAT": 1}
URGENCY_MARKS = {"HOA TOC": 3, "THUONG KHAN": 2, "KHAN": 1}
SECRECY_WORDS = {3: "TUYỆT MẬT", 2: "TỐI MẬT", 1: "MẬT"}
URGENCY_WORDS = {3: "HỎA TỐC", 2: "THƯỢNG KHẨN", 1: "KHẨN"}

# Authority prefixes of the signature block (State: TM., KT., TL., TUQ., Q.; Party: T/M, K/T, T/L).
AUTHORITY = re.compile(r"^(?:T/M|K/T|T/L|TUQ\.?|TM\.?|KT\.?|TL\.?|Q\.)\s+\S", re.UNICODE)
NAME = re.compile(r"^(?:[A-ZĐÀ-Ỹ][a-zà-ỹđ]+)(?:\s+[A-ZĐÀ-Ỹ][a-zà-ỹđ]*){1,5}$")
SEPARATOR = re.compile(r"^[\s\-–—_*.•=~]{3,}$")
SIGNED = re.compile(r"^\W*\(?\s*(?:đã\s*ký|ký\s*tên|ký)\b[^)]*\)?\W*$", re.I)

# Folded patterns (no diacritics), matched on fold(line).
F_SYMBOL_PARTY = re.compile(
    r"(?<![\w/])S[O0o6]\s*[:.]?\s*(?P<number>[0-9OoIl]{1,11})\s*[-–]\s*"
    r"(?P<type>[A-Z][A-Za-z]{0,3})\s*/\s*(?P<issuer>[A-Z][A-Z0-9]*(?:\s*-\s*[A-Z0-9]{2,}(?![a-z]))*)"
)
# OCR may lose the slash ("Số 1482-ĐATU"): the rules' abbreviations split it again.
F_SYMBOL_NOSLASH = re.compile(
    r"(?<![\w/])S[O0o6]\s*[:.]?\s*(?P<number>[0-9]{1,11})\s*(?P<sep>[-/])\s*(?P<glued>[A-Z][A-Za-z]{0,4} ?[A-Z]{2,10})(?![\w/-])"
)
F_SYMBOL_STATE = re.compile(
    r"(?<![\w/])S[O0o6]\s*[:.]?\s*(?P<number>[0-9OoIl]{1,11})\s*/\s*(?:(?P<year>[12][0-9]{3})\s*/\s*)?"
    r"(?P<notation>[A-Z][A-Za-z0-9]*(?:\s*-\s*[A-Z0-9]+(?![a-z]))*)"
)
F_DATE = re.compile(
    r"(?P<place>[^,;]*?)\s*(?P<comma>[,.]?)\s*[^\w\s]{0,3}\s*\bng[a-z]{1,2}y?\s*(?P<d>[0-9]{1,2})[^\s\d]?\s*"
    r"(?P<th>th[a-z]{1,3}|\S{1,5}(?:\s\S{1,4})?)\s*(?P<m>[0-9]{1,2})[^\s\d]{0,2}\s*"
    r"n[a-z]{1,2}m\s*(?P<y>[0-9]{4})",
    re.I,
)
STRICT_DATE = re.compile(r"^ngày (0[1-9]|[12][0-9]|3[01]) tháng (0[12]|[3-9]|1[0-2]) năm [0-9]{4}$")
F_VV = re.compile(r"^\s*V\s*[/|]\s*[^\w\s]?\s*[vV]\b\.?\s*")
F_VV_LOOSE = re.compile(r"^\s*V\S{0,2}\s+(?=[a-z])")
F_CITED = re.compile(
    r"(?P<type>(?:[A-Z][a-z]+)(?:[\s:.-]+(?!so\b)[a-z]+){0,2})[.,:]?\s*(?:so\s+)?"
    r"(?P<symbol>[0-9]{1,11}(?:\s?-\s?[A-Z][A-Za-z]{0,3}\s?/\s?[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*"
    r"|\s?/\s?(?:[12][0-9]{3}/)?[A-Z][A-Za-z0-9]*(?:\s?-\s?[A-Z0-9]+(?![a-z]))*))"
    r"(?:\s*,?\s*ngay\s+(?P<date>[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}"
    r"|[0-9]{1,2}\s+thang\s+[0-9]{1,2}\s+nam\s+[0-9]{4}))?"
    r"(?:\s*,?\s+cua\s+(?P<issuer>[^,;.:\n(]+?))?(?=\s+(?:ve|V/v)\s|\s*[,;.:\n(]|\s*$)"
)
BODY_CUES = tuple(
    fold(w)
    for w in (
        "Căn cứ", "Thực hiện", "Kính gửi", "Theo", "Xét", "Để", "Nhằm", "Trong", "Sau khi",
        "Qua", "Hôm nay", "Thời gian", "Điều", "Phần", "Nơi nhận", "Ngày", "Tiếp nhận",
        "Vừa qua", "Năm", "Thời gian qua", "Triển khai",
    )
)  # fmt: skip
LEVEL_WORDS = ("TINH", "THANH PHO", "HUYEN", "QUAN", "THI XA", "XA", "PHUONG", "THI TRAN")

REQUIRED = (
    "type_name",
    "doc_type",
    "code_number",
    "code_notation",
    "issued_date",
    "subject",
    "issuer",
)


@dataclass(frozen=True)
class Field:
    value: Any
    confidence: float


@dataclass(frozen=True)
class Citation:
    """A document cited in the text ("Chỉ thị số 35-CT/TW, ngày 30/5/2019 của Bộ Chính trị")."""

    type_name: str
    symbol: str
    issued_date: dt.date | None
    issuer: str
    text: str


@dataclass
class DocType:
    pk: int | None
    name: str
    abbrev: str


@dataclass
class HeaderVocabulary:
    """What the parser knows from the rules: type names and abbreviations, issuer
    abbreviations and names, organization names (for display)."""

    style: str = PARTY
    types: list[DocType] = field(default_factory=list)
    issuers: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # folded upper name -> name
    profile_id: int | None = None
    # Any system's type names: a Party document cites State ones and back.
    cited_types: set[str] = field(default_factory=set)

    @classmethod
    def from_profile(cls, profile, *, org_names: bool = True) -> HeaderVocabulary:
        from luutru.rules.models import DocumentType

        types = [
            DocType(pk, nfc(name), nfc(abbrev))
            for pk, name, abbrev in DocumentType.objects.filter(profile=profile)
            .order_by("pk")
            .values_list("pk", "name", "abbrev")
        ]
        issuers = {nfc(a): nfc(n) for a, n in profile.issuers.values_list("abbrev", "name")}
        names: dict[str, str] = {}
        if org_names:
            from luutru.orgs.models import Organization

            for name in Organization.objects.values_list("name", flat=True):
                names[_key(name)] = nfc(name)
        style = STATE if profile.fonds_system == "state" else PARTY
        cited = {
            _key(n).lower() for n in DocumentType.objects.values_list("name", flat=True).distinct()
        }
        return cls(
            style=style,
            types=types,
            issuers=issuers,
            names=names,
            profile_id=profile.pk,
            cited_types=cited,
        )

    def phrases(self) -> list[str]:
        """Words the OCR correction may trust: type names and issuer names."""
        out = [t.name for t in self.types] + list(self.issuers.values()) + list(self.names.values())
        return out

    def type_by_abbrev(self, abbrev: str) -> list[DocType]:
        return [t for t in self.types if t.abbrev == abbrev]

    def type_by_name(self, line: str) -> DocType | None:
        key = _key(line)
        for t in sorted(self.types, key=lambda t: -len(t.name)):
            if _key(t.name) == key:
                return t
        return None


def _key(text: str) -> str:
    """Folded, upper-case, single-spaced: the form names are compared in."""
    return " ".join(fold(text).upper().split())


@dataclass
class ParsedHeader:
    fields: dict[str, Field] = field(default_factory=dict)
    style: str = ""
    citations: list[Citation] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def value(self, key: str, default: Any = None) -> Any:
        f = self.fields.get(key)
        return f.value if f is not None and f.confidence > 0 else default

    def confidence(self, key: str) -> float:
        f = self.fields.get(key)
        return f.confidence if f is not None else 0.0

    def uncertain(self, threshold: float = 0.9) -> list[str]:
        """Fields a person should look at: required ones missing, any below ``threshold``."""
        out = [k for k in REQUIRED if self.confidence(k) <= 0]
        out += [k for k, f in self.fields.items() if 0 < f.confidence < threshold and k not in out]
        return out

    def needs_review(self, threshold: float = 0.9) -> bool:
        return bool(self.uncertain(threshold))

    @property
    def symbol(self) -> str:
        number, notation = self.value("code_number"), self.value("code_notation")
        if not (number and notation):
            return ""
        return f"{number}/{notation}" if self.style == STATE else f"{number}-{notation}"

    def metadata(self) -> dict:
        """The metadata dict ``registry.services.create_document`` takes."""
        return {
            "doc_type": self.value("doc_type"),
            "symbol": self.symbol,
            "issued_date": self.value("issued_date"),
            "organ_name": self.value("organ_name") or "",
            "subject": self.value("subject") or "",
            "signer_full_name": self.value("signer_full_name") or "",
            "signer_position": display_position(self.value("signer_position") or ""),
            "page_amount": None,
            "secrecy": self.value("secrecy", 0),
            "urgency": self.value("urgency", 0),
            "description": "",
        }


# ------------------------------------------------------------------ lines


@dataclass
class _Line:
    text: str
    folded: str
    spans: list[tuple[int, int]] = field(default_factory=list)

    def take(self, start: int, end: int) -> None:
        self.spans.append((start, end))

    def rest(self) -> str:
        """The text not yet taken by a field, single-spaced."""
        chars = list(self.text)
        for s, e in self.spans:
            for i in range(s, e):
                chars[i] = " "
        return " ".join("".join(chars).split())

    def rest_parts(self) -> list[str]:
        """The untaken pieces, in order."""
        marks = [False] * len(self.text)
        for s, e in self.spans:
            for i in range(s, e):
                marks[i] = True
        parts, cur = [], []
        for ch, m in zip(self.text, marks, strict=True):
            if m:
                if cur:
                    parts.append("".join(cur))
                    cur = []
            else:
                cur.append(ch)
        if cur:
            parts.append("".join(cur))
        return [" ".join(p.split()) for p in parts if p.strip()]


def _lines(text: str) -> list[_Line]:
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = text.replace("\u2013", "-").replace("\u2014", "-").replace("\u2010", "-")
    # OCR confuses Đ with the Icelandic eth, which looks the same.
    text = text.replace("\u00d0", "Đ").replace("\u00f0", "đ").replace("\u2044", "/")
    out = []
    for raw in text.split("\n"):
        line = " ".join(raw.split())
        out.append(_Line(line, fold(line)))
    return out


def _digits(text: str) -> tuple[str, bool]:
    """OCR letters that stand for digits (O, l, I) turned back; says whether any were."""
    fixed = text.translate(str.maketrans("OoIl", "0011"))
    return fixed, fixed != text


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _find_phrase(line: _Line, phrase: str) -> tuple[int, int, bool] | None:
    """Where ``phrase`` sits in the line, by folded comparison; says whether exact.
    OCR noise (stray dots, a lost or wrong letter) is allowed: a few edits."""
    target = fold(phrase).upper()
    hay = line.folded.upper()
    i = hay.find(target)
    if i >= 0:
        j = i + len(target)
        return i, j, line.text[i:j].upper() == nfc(phrase).upper()
    # Compare letters only, then allow one edit per six letters (Sellers' search).
    idx = [k for k, c in enumerate(hay) if c.isalnum()]
    letters = "".join(hay[k] for k in idx)
    want = "".join(c for c in target if c.isalnum())
    if len(letters) < len(want) * 0.8:
        return None
    # Most of the phrase's letter pairs must be there before the costly search.
    pairs = {want[k : k + 2] for k in range(len(want) - 1)}
    if sum(p in letters for p in pairs) < 0.6 * len(pairs):
        return None
    best = _approx_find(want, letters)
    if best is None:
        return None
    dist, start, end = best
    if dist > max(1, len(want) // 6):
        return None
    return idx[start], idx[end - 1] + 1, False


def _approx_find(pattern: str, text: str) -> tuple[int, int, int] | None:
    """Best approximate occurrence of ``pattern`` in ``text``: (edits, start, end)."""
    m = len(pattern)
    if m == 0 or not text:
        return None
    # prev[i] = (distance, start) for pattern[:i] ending at the current text position.
    prev = [(i, 0) for i in range(m + 1)]
    best: tuple[int, int, int] | None = None
    for j, ch in enumerate(text, 1):
        cur = [(0, j)]
        for i in range(1, m + 1):
            sub = (prev[i - 1][0] + (pattern[i - 1] != ch), prev[i - 1][1])
            dele = (prev[i][0] + 1, prev[i][1])
            ins = (cur[i - 1][0] + 1, cur[i - 1][1])
            cur.append(min(sub, dele, ins))
        if best is None or cur[m][0] < best[0]:
            best = (cur[m][0], cur[m][1], j)
        prev = cur
    return best


# ------------------------------------------------------------------ parser


def parse_header(
    text: str,
    profile=None,
    *,
    org=None,
    vocabulary: HeaderVocabulary | None = None,
) -> ParsedHeader:
    """Parse the header of a document's text into fields with confidences.
    Pass the org (its profile in force on the document's date is used), a
    profile, or a prebuilt ``vocabulary``; with none, the style decides."""
    lines = _lines(text)
    out = ParsedHeader()
    f = out.fields
    head = lines[:40]

    # Mottos and decorations.
    style_hint = ""
    wanted = [*MOTTOS, STATE_MOTTO_2]
    for line in head[:12]:
        for phrase in list(wanted):
            hit = _find_phrase(line, phrase)
            if hit:
                s, e, exact = hit
                line.take(s, e)
                if phrase in MOTTOS and "motto" not in f:
                    f["motto"] = Field(phrase, 0.99 if exact else 0.9)
                    style_hint = {PARTY_MOTTO: PARTY, STATE_MOTTO: STATE}.get(phrase, FRONT)
                # One motto per document (the State's has a second line).
                wanted = (
                    [STATE_MOTTO_2]
                    if phrase == STATE_MOTTO
                    else [p for p in wanted if p not in MOTTOS]
                )
                if phrase == STATE_MOTTO_2:
                    wanted = [p for p in wanted if p != STATE_MOTTO_2]
        for m in re.finditer(r"(?<!\S)[*]+(?!\S)|\|", line.text):
            line.take(m.start(), m.end())

    # Number and symbol: Party "Số 127-QĐ/TW", State "Số: 12/QĐ-UBND".
    symbol_at = None
    for idx, line in enumerate(head[:25]):
        m = F_SYMBOL_PARTY.search(line.folded) or F_SYMBOL_STATE.search(line.folded)
        if not m:
            continue
        symbol_at = idx
        line.take(m.start(), m.end())
        number, fixed = _digits(m["number"])
        if m.re is F_SYMBOL_PARTY:
            out.style = PARTY
            type_abbrev = line.text[m.start("type") : m.end("type")]
            issuer = line.text[m.start("issuer") : m.end("issuer")].replace(" ", "")
            notation = f"{type_abbrev}/{issuer}"
        else:
            out.style = STATE
            notation = line.text[m.start("notation") : m.end("notation")].replace(" ", "")
            # "QĐ-UBND" names a type; "UBND-VP" (a công văn) does not.
            type_abbrev, _, issuer = notation.partition("-")
            if not issuer:
                type_abbrev, issuer = "", notation
        exact_so = line.text[m.start() : m.start() + 2] == "Số"
        f["code_number"] = Field(number, 0.85 if fixed else (0.99 if exact_so else 0.95))
        f["code_notation"] = Field(notation, 0.99 if exact_so else 0.95)
        f["_type_abbrev"] = Field(type_abbrev, 1.0)
        f["_issuer_abbrev"] = Field(issuer, 1.0)
        break
    fonds = FRONT if style_hint == FRONT else (out.style or style_hint or PARTY)
    out.style = out.style or (PARTY if style_hint == FRONT else style_hint) or PARTY

    # Place and date.
    date_at = None
    for idx, line in enumerate(head[:25]):
        m = F_DATE.search(line.folded)
        if not m:
            continue
        d, fd = _digits(m["d"])
        mo, fm = _digits(m["m"])
        y, fy = _digits(m["y"])
        try:
            day = dt.date(int(y), int(mo), int(d))
        except ValueError:
            out.warnings.append(f"Ngày ghi trên văn bản “{d}/{mo}/{y}” không có thật.")
            line.take(m.start("place") if m["place"].strip() else m.start(), m.end())
            date_at = idx
            break
        date_text = line.text[m.end("place") : m.end()].lstrip(" ,")
        conf = 0.99 if STRICT_DATE.match(date_text) else 0.93
        if fd or fm or fy or not m["th"].lower().startswith("th") or not m["comma"]:
            conf = 0.8  # a garbled "tháng" between the numbers
        place = _place(line.text[m.start("place") : m.end("place")])
        place_start = m.end("place") - len(place) if place else m.end("place")
        line.take(place_start, m.end())
        f["issued_date"] = Field(day, conf)
        if place:
            f["place"] = Field(place, 0.95 if place[:1].isupper() else 0.7)
        date_at = idx
        break

    # Vocabulary: the profile in force on the document's date.
    vocab = vocabulary or _vocabulary(profile, org, fonds, out.value("issued_date"))
    if symbol_at is None:
        symbol_at = _symbol_without_slash(out, head, vocab)
    _check_symbol(out, vocab)

    # Secrecy and urgency marks: a line left with only marks on it.
    for line in head[:25]:
        rest = line.rest()
        if not rest:
            continue
        key = _key(rest)
        sec, urg, words = _marks(key)
        if words:
            exact = _marks_exact(rest)
            if sec:
                f["secrecy"] = Field(sec, 0.99 if exact else 0.85)
            if urg:
                f["urgency"] = Field(urg, 0.99 if exact else 0.85)
            line.take(0, len(line.text))

    # Type line and subject (or "V/v …" for a công văn).
    start = max(i for i in (symbol_at, date_at, 0) if i is not None)
    type_at = _type_and_subject(out, head, vocab, start, symbol_at)

    # Issuer: the upper-case pieces left above the number line.
    _issuer(out, head, vocab, symbol_at, type_at, org)

    _target_type(out, profile, org)
    _signer(out, lines, vocab)
    _cited(out, lines, vocab)
    # Internal helpers are not fields.
    for key in ("_type_abbrev", "_issuer_abbrev"):
        f.pop(key, None)
    f.setdefault("secrecy", Field(0, 0.95))
    f.setdefault("urgency", Field(0, 0.95))
    return out


_VOCABULARIES: dict[int, tuple[tuple, float, HeaderVocabulary]] = {}
VOCABULARY_SECONDS = 60  # a rename elsewhere shows within a minute; additions at once


def cached_vocabulary(profile) -> HeaderVocabulary:
    """The profile's vocabulary, rebuilt when its types, issuers or the organizations change."""
    from django.db import connection

    from luutru.orgs.models import Organization
    from luutru.rules.models import DocumentType, IssuerAbbrev

    # One cheap query: counts and last ids tell whether anything was added or removed.
    types, issuers, orgs = (m._meta.db_table for m in (DocumentType, IssuerAbbrev, Organization))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT COUNT(*) FROM {types} WHERE profile_id = %s), (SELECT MAX(id) FROM {types} WHERE profile_id = %s),"
            f" (SELECT COUNT(*) FROM {issuers} WHERE profile_id = %s), (SELECT MAX(id) FROM {issuers} WHERE profile_id = %s),"
            f" (SELECT COUNT(*) FROM {orgs}), (SELECT MAX(id) FROM {orgs})",
            [profile.pk] * 4,
        )
        sig = tuple(cursor.fetchone())
    now = time.monotonic()
    hit = _VOCABULARIES.get(profile.pk)
    if hit and hit[0] == sig and now - hit[1] < VOCABULARY_SECONDS:
        return hit[2]
    vocab = HeaderVocabulary.from_profile(profile)
    _VOCABULARIES[profile.pk] = (sig, now, vocab)
    return vocab


def _system_profile(system: str, day: dt.date | None):
    from luutru.rules.models import RuleProfile

    on = day or dt.date.today()
    return (
        RuleProfile.objects.filter(fonds_system=system, valid_from__lte=on)
        .order_by("-valid_from")
        .first()
        or RuleProfile.objects.filter(fonds_system=system).order_by("-valid_from").first()
    )


def _vocabulary(profile, org, style: str, day: dt.date | None) -> HeaderVocabulary:
    """Types and issuers to recognise: the given profile, else the one in force on
    the document's date for the system its header shows (the org's own when it matches)."""
    if profile is None:
        from luutru.rules.queries import profile_in_force

        system = style if style in (STATE, FRONT) else PARTY
        if org is not None and (
            org.fonds_system == system or (system != STATE and org.fonds_system != STATE)
        ):
            profile = profile_in_force(org, day)
        else:
            profile = _system_profile(system, day)
        if profile is None:
            return HeaderVocabulary(style=style)
    return cached_vocabulary(profile)


def _target_type(out: ParsedHeader, profile, org) -> None:
    """Point ``doc_type`` at the type of the same name in the profile the document
    is registered under (the org's today), or drop it when that profile has none."""
    if profile is not None or org is None or "type_name" not in out.fields:
        return
    from luutru.core.errors import RuleViolation
    from luutru.rules.queries import profile_for

    try:
        target = cached_vocabulary(profile_for(org))
    except RuleViolation:
        out.fields.pop("doc_type", None)
        return
    match = target.type_by_name(out.fields["type_name"].value)
    if match is None or match.pk is None:
        out.fields.pop("doc_type", None)
        out.warnings.append(
            f"Loại văn bản “{out.fields['type_name'].value}” không có trong bộ quy tắc của “{org.name}”."
        )
    else:
        out.fields["doc_type"] = Field(match.pk, out.fields["type_name"].confidence)


def _symbol_without_slash(
    out: ParsedHeader, head: list[_Line], vocab: HeaderVocabulary
) -> int | None:
    """ "Số 1482-ĐATU" / "Số: 56/TTrUBND": the slash or dash OCR lost, put back where
    a type abbreviation of the rules starts the glued letters."""
    abbrevs = sorted({t.abbrev for t in vocab.types if t.abbrev}, key=len, reverse=True)
    for idx, line in enumerate(head[:25]):
        m = F_SYMBOL_NOSLASH.search(line.folded)
        if not m:
            continue
        glued = line.text[m.start("glued") : m.end("glued")].replace(" ", "")
        for abbrev in abbrevs:
            rest = glued[len(abbrev) :]
            if not glued.startswith(abbrev) or len(rest) < 2 or not rest.isupper():
                continue
            if m["sep"] == "-" and (not vocab.issuers or rest in vocab.issuers):
                out.style, notation = PARTY, f"{abbrev}/{rest}"
            elif m["sep"] == "/":
                out.style, notation = STATE, f"{abbrev}-{rest}"
            else:
                continue
            line.take(m.start(), m.end())
            out.fields["code_number"] = Field(m["number"], 0.85)
            out.fields["code_notation"] = Field(notation, 0.8)
            out.fields["_type_abbrev"] = Field(abbrev, 1.0)
            out.fields["_issuer_abbrev"] = Field(rest, 1.0)
            return idx
    return None


def _check_symbol(out: ParsedHeader, vocab: HeaderVocabulary) -> None:
    f = out.fields
    if "code_notation" not in f:
        return
    type_abbrev, issuer = f["_type_abbrev"].value, f["_issuer_abbrev"].value
    known_types = {t.abbrev for t in vocab.types if t.abbrev}
    conf = f["code_notation"].confidence
    undoubled = re.sub(r"(.)\1", r"\1", type_abbrev)
    if type_abbrev and known_types and type_abbrev not in known_types and undoubled in known_types:
        # OCR doubles a letter ("QĐĐ"): the rules know only one reading.
        value = f["code_notation"].value.replace(type_abbrev, undoubled, 1)
        f["code_notation"] = Field(value, 0.85)
        f["_type_abbrev"] = Field(undoubled, 1.0)
        type_abbrev, conf = undoubled, 0.85
    if out.style == STATE and type_abbrev and type_abbrev not in known_types:
        type_abbrev, issuer = "", f["code_notation"].value
        f["_type_abbrev"] = Field("", 1.0)
    if out.style == STATE and not type_abbrev and "-" not in issuer:
        # "TTrUBND": the dash lost between a type of the rules and the issuer.
        for abbrev in sorted(known_types, key=len, reverse=True):
            rest = issuer[len(abbrev) :]
            if issuer.startswith(abbrev) and len(rest) >= 2 and rest.isupper():
                f["code_notation"] = Field(f"{abbrev}-{rest}", 0.8)
                f["_type_abbrev"] = Field(abbrev, 1.0)
                type_abbrev, issuer, conf = abbrev, rest, 0.8
                break
    if type_abbrev and known_types and type_abbrev not in known_types:
        conf = min(conf, 0.6)
        out.warnings.append(f"“{type_abbrev}” không phải chữ viết tắt loại văn bản trong quy tắc.")
    if out.style == PARTY and vocab.issuers and issuer.split("-")[0] not in vocab.issuers:
        conf = min(conf, 0.88)
        out.warnings.append(
            f"Chữ viết tắt cơ quan ban hành “{issuer}” chưa có trong danh mục quy tắc."
        )
    if out.style == PARTY and "QyĐ" in type_abbrev:
        conf = min(conf, 0.5)
    f["code_notation"] = Field(f["code_notation"].value, conf)


def _place(chunk: str) -> str:
    """The place name at the end of the text before ", ngày": title-case words."""
    words = [w.strip(EDGE_JUNK + ",;:-°").lstrip(".") for w in chunk.split()]
    out: list[str] = []
    for w in reversed([w for w in words if w]):
        bare = w.rstrip(".")
        title = bare[:1].isupper() and bare.isalpha() and (len(bare) == 1 or not bare[1:].isupper())
        if title or w in ("TP.", "Tp.", "TX.", "Q.", "H."):
            out.append(bare if title else w)
            continue
        break
    return " ".join(reversed(out))


def _marks(key: str) -> tuple[int, int, bool]:
    """Secrecy and urgency from a folded line made only of marks."""
    rest, sec, urg = f" {' '.join(re.sub(r'[^A-Z ]', ' ', key).split())} ", 0, 0
    for word, level in SECRECY_MARKS.items():
        if f" {word} " in rest:
            sec = max(sec, level)
            rest = rest.replace(f" {word} ", " ", 1)
    for word, level in URGENCY_MARKS.items():
        if f" {word} " in rest:
            urg = max(urg, level)
            rest = rest.replace(f" {word} ", " ", 1)
    rest = re.sub(r"[^A-Z]", "", rest.replace("DO", ""))
    if rest:
        return 0, 0, False
    return sec, urg, bool(sec or urg)


def _marks_exact(text: str) -> bool:
    words = (
        set(SECRECY_WORDS.values())
        | set(URGENCY_WORDS.values())
        | {"HOẢ TỐC", "ĐỘ", "MẬT:", "KHẨN:"}
    )
    return all(w in words or any(w in x.split() for x in words) for w in nfc(text).upper().split())


def _type_and_subject(
    out: ParsedHeader, head: list[_Line], vocab: HeaderVocabulary, start: int, symbol_at: int | None
) -> int | None:
    f = out.fields
    abbrev = f["_type_abbrev"].value if "_type_abbrev" in f else ""
    # A công văn: "V/v …" under the number.
    vv_from = symbol_at if symbol_at is not None else start
    cv = next((t for t in vocab.types if _key(t.name) == "CONG VAN"), None)
    # The symbol says công văn (State: no type; Party: CV): OCR may have lost the
    # slash of "V/v" ("VA đôn đốc", "Vý tăng cường").
    cong_van = symbol_at is not None and (abbrev == "" or (cv is not None and abbrev == cv.abbrev))
    for idx in range(vv_from, min(len(head), vv_from + 7)):
        line = head[idx]
        rest = line.rest().lstrip(EDGE_JUNK + ".,;:-")
        m = F_VV.match(fold(rest))
        loose = None if m else (F_VV_LOOSE.match(fold(rest)) if cong_van else None)
        if loose and rest.startswith("Về "):
            loose = None
        m = m or loose
        if m:
            parts = [rest]
            for nxt in head[idx + 1 : idx + 4]:
                r = nxt.rest()
                if not r or SEPARATOR.match(r) or _cue(r) or _is_upper(r):
                    break
                parts.append(r)
                nxt.take(0, len(nxt.text))
            line.take(0, len(line.text))
            subject = " ".join(parts)
            # The recipients line may be glued on ("… 2025 ___ Kính gửi: …").
            cut = re.search(r"\bKinh gui\b", fold(subject))
            if cut:
                subject = subject[: cut.start()]
            subject = " ".join(
                w
                for w in subject[m.end() :].split()
                if not re.fullmatch(r"[.,;:'`_|~*\"“”‘’»«•]+", w)
            )
            subject = _clean_subject("V/v " + subject)
            f["subject"] = Field(
                subject, 0.95 if rest.startswith("V/v") else (0.85 if loose else 0.9)
            )
            conf = 0.97 if (not abbrev or abbrev == getattr(cv, "abbrev", None)) else 0.7
            f["type_name"] = Field("Công văn", conf if cv else 0.9)
            if cv:
                f["doc_type"] = Field(cv.pk, conf)
            return idx
    # Otherwise the type name on a line of its own, the subject below it.
    for idx in range(start, min(len(head), start + 12)):
        line = head[idx]
        rest = line.rest().strip(EDGE_JUNK + ".,;:-")
        if not rest or not _is_upper(rest):
            continue
        letters = " ".join(re.sub(r"[^\w\s]|\d|_", " ", rest).split())
        t = vocab.type_by_name(letters)
        if t is None:
            continue
        exact = nfc(letters).upper() == t.name.upper()
        conf = (0.99 if letters == rest else 0.95) if exact else 0.88
        if abbrev and t.abbrev and abbrev != t.abbrev:
            conf = 0.6
            out.warnings.append(f"Tên loại “{t.name}” không khớp ký hiệu “{abbrev}”.")
        f["type_name"] = Field(t.name, conf)
        if t.pk is not None:
            f["doc_type"] = Field(t.pk, conf)
        line.take(0, len(line.text))
        parts, how = _subject_lines(head[idx + 1 : idx + 9])
        if parts:
            # A trích yếu has no full stop; one at the end is OCR noise.
            f["subject"] = Field(_clean_subject(" ".join(parts)), SUBJECT_END[how])
        return idx
    # No type line: the symbol's abbreviation may still tell the type.
    if abbrev:
        candidates = vocab.type_by_abbrev(abbrev)
        if len(candidates) == 1:
            f["type_name"] = Field(candidates[0].name, 0.8)
            if candidates[0].pk is not None:
                f["doc_type"] = Field(candidates[0].pk, 0.8)
    return None


# How sure a subject is, by what ended it.
SUBJECT_END = {"separator": 0.96, "blank": 0.94, "cue": 0.93, "punct": 0.9, "limit": 0.8}
EDGE_JUNK = " _|~*»«ˆ`'‘’“”\"•"


def _clean_subject(text: str) -> str:
    """Specks OCR leaves in a trích yếu: lone marks and letters, a dot inside it."""
    words = text.split()
    out: list[str] = []
    for i, w in enumerate(words):
        if (
            re.fullmatch(r"[^\w\s]+", w)
            and w != "-"
            or (len(w) == 1 and w.isalpha() and not is_syllable(w))
        ):
            continue
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if w.endswith(".") and nxt[:1].islower():
            w = w.rstrip(".")
        out.append(w)
    return " ".join(out).rstrip(" .,;:-" + EDGE_JUNK)


def _subject_lines(lines: list[_Line]) -> tuple[list[str], str]:
    """The lines of a trích yếu below the type name, and what ended it."""
    parts: list[str] = []
    for nxt in lines:
        raw = nxt.text.strip()
        if parts and SEPARATOR.match(raw):
            return parts, "separator"
        r = nxt.rest().strip(EDGE_JUNK).lstrip(".,;:-").strip()
        # Specks read as lone punctuation between words.
        r = " ".join(w for w in r.split() if not re.fullmatch(r"[.,;:'`_|~*\"“”‘’»«•]+", w))
        # A line of digits is a page number, unless the subject broke at "2021 -".
        page_number = r.isdigit() and not (parts and parts[-1].endswith("-"))
        if not r or page_number:
            if parts and (raw == "" or page_number):
                return parts, "blank"
            continue
        if not parts:
            if _is_upper(r) or _cue(r):
                return parts, "cue"
        else:
            if _cue(r) or _is_upper(r):
                return parts, "cue"
            if len(parts) >= 4:
                return parts, "limit"
            # A wrapped subject goes on in lower case; a capital starts the body,
            # unless the line above was full (wrapped) and this one is short.
            if not (r[:1].islower() or r[:1].isdigit()) and not (
                len(parts[-1]) >= 40 and len(r) <= len(parts[-1]) + 3
            ):
                return parts, "cue"
        parts.append(r)
        nxt.take(0, len(nxt.text))
        if r.endswith((".", ":", ";")):
            return parts, "punct"
    return parts, "limit"


def _cue(text: str) -> bool:
    key = fold(text)
    return (
        key.startswith(BODY_CUES)
        or bool(re.match(r"^(?:[IVX]+|[0-9]+|[a-z])[.)]\s", text))
        # A bullet starts the body; "- 2025" is a subject wrapped inside "2021 - 2025".
        or bool(re.match(r"^[-+•]\s*[^\W\d_]", text))
    )


def _trim_specks(text: str) -> str:
    """Drop what OCR glued to the ends of a name: a word not in capitals, or two
    letters that are no syllable ("… QUẢNG LONG ST", "BAN THƯỜNG TRỰC Siớn")."""
    words = text.split()

    def speck(w: str) -> bool:
        if w.isdigit():
            return False  # "CHI BỘ KHU PHỐ 3"
        return not w.isupper() or (len(w) <= 2 and not is_syllable(w) and w not in _KEEP_UPPER)

    while words and speck(words[-1]):
        words.pop()
    while words and speck(words[0]):
        words.pop(0)
    return " ".join(words)


def _plausible_name(text: str) -> bool:
    """Capitals that can be an organization's name, not specks read as letters."""
    tokens = text.split()
    letters = sum(len(t) for t in tokens if t.isalpha())
    good = sum(
        1 for t in tokens if is_syllable(t) or t in _KEEP_UPPER or (t.isalpha() and len(t) >= 3)
    )
    return letters >= 4 and good >= 0.6 * len(tokens)


def _unglue(text: str, corrector) -> str:
    return " ".join(" ".join(split_glued(w, corrector.unigrams) or [w]) for w in text.split())


_LEVELS = {"TINH": "TỈNH", "HUYEN": "HUYỆN", "PHUONG": "PHƯỜNG", "XA": "XÃ"}


def _level_words(text: str) -> str:
    """In a name, a level word before a place keeps its one spelling ("TĨNH LÂM ĐỒNG"
    is "TỈNH LÂM ĐỒNG"; "HÀ TĨNH" is a place and stays)."""
    words = text.split()
    for i, w in enumerate(words[:-1]):
        level = _LEVELS.get(fold(w).upper())
        if level and w.upper() != level and not (i and fold(words[i - 1]).upper() == "HA"):
            words[i] = level if w.isupper() else level.lower()
    return " ".join(words)


def _issuer(out, head, vocab, symbol_at, type_at, org) -> None:
    stop = symbol_at if symbol_at is not None else (type_at if type_at is not None else 6)
    pieces: list[str] = []
    noisy = False
    for line in head[: stop + 1]:
        for part in line.rest_parts():
            # OCR leaves specks as stray dots, commas and underscores.
            cleaned = " ".join(re.sub(r"[.,;:'`ˆ_|~*\"“”‘’»«•°]", " ", part).split()).strip(" -")
            cleaned = _trim_specks(cleaned)
            if not _is_upper(cleaned) or not _plausible_name(cleaned):
                continue
            noisy = noisy or cleaned != part.strip(" ,;:")
            pieces.append(cleaned)
    if not pieces:
        return
    f = out.fields
    # "ỦY BAN NHÂN DÂN" + "TỈNH QUẢNG NINH" is one name on two lines.
    if (
        len(pieces) >= 2
        and _key(pieces[-1]).startswith(LEVEL_WORDS)
        and not re.search(r"\b(?:UY|DOAN|BO)\b", _key(pieces[-1]))
    ):
        pieces = [*pieces[:-2], f"{pieces[-2]} {pieces[-1]}"]
    # Marks OCR lost or swapped in the header words ("ỦY BẠN", "TĨNH") come back
    # where the rules' names and the header vocabulary pair the words.
    corrector = _corrector(tuple(sorted(set(vocab.phrases()))))
    fixed = [
        " ".join(corrector.correct_words(_level_words(_unglue(p, corrector)).split()))
        for p in pieces
    ]
    corrected = fixed != pieces
    pieces = fixed
    issuer = pieces[-1]
    parent = " ".join(pieces[:-1])
    clean = all(re.fullmatch(r"[A-ZĐÀ-Ỹ0-9 .,\-()&/]+", p) for p in pieces)
    known = _key(issuer) in vocab.names or (
        org is not None and _key(org.name).startswith(_key(issuer))
    )
    # Specks wiped off the ends cost little; marks restored from the vocabulary's
    # word pairs a little more; a word that is no syllable nor known abbreviation
    # (a misread, or a name the rules do not know) sends it to a person.
    odd = any(
        not (
            is_syllable(t)
            or t in _KEEP_UPPER
            or t.isdigit()
            or t in vocab.issuers
            or t.lower() in corrector.unigrams
        )
        for p in pieces
        for t in p.split()
    )
    conf = 0.93 if clean else 0.6
    if noisy:
        conf = min(conf, 0.92)
    if corrected:
        conf = min(conf, 0.9)
    if odd:
        conf = min(conf, 0.85)
    if known:
        conf = 0.98
    f["issuer"] = Field(issuer, conf)
    if parent:
        f["issuer_parent"] = Field(parent, conf if not known else 0.93)
    # A body under a committee is named with it: "Ban Tổ chức Tỉnh ủy".
    full = issuer
    pk = _key(parent)
    if (
        parent
        and re.match(r"(?:TINH|HUYEN|THANH|THI|QUAN|DANG) UY\b", pk)
        and _key(issuer).startswith(("BAN ", "VAN PHONG", "UY BAN KIEM TRA", "TRUONG CHINH TRI"))
    ):
        full = f"{issuer} {' '.join(parent.split()[:2])}"
    organ = None
    for key in (_key(issuer), _key(full), _key(f"{issuer} {parent}")):
        organ = vocab.names.get(key) or (
            org.name if org is not None and key == _key(org.name) else None
        )
        if organ:
            break
    f["organ_name"] = Field(organ or display_name(full), conf if organ else min(conf, 0.9))


def _signer(out: ParsedHeader, lines: list[_Line], vocab: HeaderVocabulary) -> None:
    """The authority line, position and name at the end of the document: the name
    is the last name-like line; the position is the capitals just above it (past
    "(Đã ký)"), the authority line above that."""
    tail = [line for line in lines[-40:] if line.text.strip()][-14:]
    types = {_key(t.name) for t in vocab.types}
    f = out.fields
    for i in range(len(tail) - 1, -1, -1):
        name = _trailing_name(tail[i].text)
        if not name:
            continue
        found: list[str] = []
        for j in range(i - 1, max(-1, i - 5), -1):
            text = _trailing_upper(tail[j].text)
            if not text:
                if not found and SIGNED.match(tail[j].text.strip()):
                    continue
                if not found:
                    continue
                break
            if _key(text) in types:
                break  # a type name in the body is not a position
            found.insert(0, text)
            if AUTHORITY.match(text) or len(found) == 2:
                break
        if not found:
            continue
        if AUTHORITY.match(found[-1]):
            # Signed for the body with no position line: "T/M BAN THƯỜNG VỤ" then the name.
            authority, position, conf = found[-1], re.sub(r"^\S+\s+", "", found[-1]), 0.8
        else:
            position = found[-1]
            authority = found[0] if len(found) == 2 else ""
            conf = 0.95
        f["signer_full_name"] = Field(name, 0.95)
        f["signer_position"] = Field(position, conf)
        if authority:
            f["signer_authority"] = Field(authority, 0.95 if AUTHORITY.match(authority) else 0.8)
        return


AUTHORITY_WORDS = ("T/M", "K/T", "T/L", "TM.", "KT.", "TL.", "TUQ.", "Q.", "TM", "KT", "TL", "TUQ")


def _trailing_name(text: str) -> str:
    words = [w.strip(EDGE_JUNK + ".:;-—") for w in text.replace(",", " , ").split()]
    words = [w for w in words if w]
    run: list[str] = []
    for w in reversed(words):
        if re.fullmatch(r"[A-ZĐÀ-Ỹ][a-zà-ỹđ]*", w) and not (len(w) == 1 and run == []):
            run.insert(0, w)
            continue
        break
    if 2 <= len(run) <= 6 and NAME.match(" ".join(run)):
        return " ".join(run)
    return ""


def _trailing_upper(text: str) -> str:
    """The capitals at the end of a line (the signature block sits on the right)."""
    from luutru.capture.vietnamese import is_syllable

    words = [w for w in (w.strip(EDGE_JUNK + ",;:-—") for w in text.split()) if w]
    run: list[str] = []
    for w in reversed(words):
        bare = w.strip(".")
        if fold(bare).upper() in ("LUU", "NHAN"):
            break  # "- Lưu: VT." and "Nơi nhận:" are the recipients' column
        if w in AUTHORITY_WORDS or (
            _is_upper(bare) and len(bare) >= 2 and (is_syllable(bare) or bare in _KEEP_UPPER)
        ):
            run.insert(0, w if w in AUTHORITY_WORDS else bare)
            continue
        break
    joined = " ".join(run)
    # "- Lưu: VT." ends in capitals too; a position has two words or a long one.
    if len(run) < 2 and len(joined) < 5:
        return ""
    if not re.search(r"[A-ZĐÀ-Ỹ]{2,}", joined):
        return ""
    return joined


def _undouble_type(symbol: str, abbrevs: set[str]) -> str:
    """OCR doubles a letter of the type ("199-QĐĐ/TU"); the rules know the one reading."""
    m = re.match(r"^(\d+-)([^/]+)(/.*)$", symbol) or re.match(r"^(\d+/)([^-]+)(-.*)$", symbol)
    if m and m[2] not in abbrevs:
        single = re.sub(r"(.)\1", r"\1", m[2])
        if single in abbrevs:
            return f"{m[1]}{single}{m[3]}"
    return symbol


# Instruments of the State a Party document may cite, besides the profile's types.
LEGAL_TYPES = (
    "luat",
    "bo luat",
    "nghi dinh",
    "thong tu",
    "thong tu lien tich",
    "phap lenh",
    "cong van",
    "quyet dinh",
)


def _cited(out: ParsedHeader, lines: list[_Line], vocab: HeaderVocabulary) -> None:
    own = out.symbol
    body = "\n".join(line.text for line in lines)
    folded = fold(body)
    seen: list[str] = []
    types = {_key(t.name).lower() for t in vocab.types} | set(vocab.cited_types) | set(LEGAL_TYPES)
    abbrevs = {t.abbrev for t in vocab.types if t.abbrev}
    for m in F_CITED.finditer(folded):
        if " ".join(re.sub(r"[:.-]", " ", m["type"].lower()).split()) not in types:
            continue
        symbol = body[m.start("symbol") : m.end("symbol")].replace(" ", "")
        symbol = _undouble_type(symbol, abbrevs)
        if symbol == own or symbol in seen:
            continue
        seen.append(symbol)
        date = None
        if m["date"]:
            nums = [int(x) for x in re.findall(r"[0-9]+", m["date"])]
            try:
                date = dt.date(nums[2], nums[1], nums[0])
            except ValueError:
                date = None
        issuer = body[m.start("issuer") : m.end("issuer")].strip() if m["issuer"] else ""
        out.citations.append(
            Citation(
                type_name=body[m.start("type") : m.end("type")],
                symbol=symbol,
                issued_date=date,
                issuer=issuer,
                text=body[m.start() : m.end()],
            )
        )
    if seen:
        out.fields["cited"] = Field(seen, 0.95)


# ------------------------------------------------------------------ display

_CAPITALIZE_AFTER = {"BAN", "VĂN PHÒNG", "ỦY BAN", "HỘI", "ĐẢNG ỦY KHỐI"}
_KEEP_UPPER = {"UBND", "HĐND", "MTTQ", "TNCS", "TW", "LĐLĐ", "BCH", "UBKT", "VN"}
_PROPER = ("Việt Nam", "Hồ Chí Minh", "Đảng", "Trung ương", "Tổ quốc", "Chính phủ", "Quốc hội")
_POSITIONS = (
    "Bí thư", "Phó Bí thư", "Chủ tịch", "Phó Chủ tịch", "Chánh Văn phòng", "Phó Chánh Văn phòng",
    "Trưởng ban", "Phó Trưởng ban", "Chủ nhiệm", "Phó Chủ nhiệm", "Giám đốc", "Phó Giám đốc",
    "Bí thư Chi bộ", "Phó Bí thư Chi bộ", "Chánh Thanh tra", "Trưởng phòng", "Phó Trưởng phòng",
    "Ủy viên", "Thủ trưởng", "Trưởng đoàn", "Trưởng Ban",
)  # fmt: skip


def display_name(upper: str) -> str:
    """ "TỈNH ỦY QUẢNG NINH" → "Tỉnh ủy Quảng Ninh" (best effort; names of known
    organizations are taken from the records instead)."""
    words = nfc(upper).split()
    if not words:
        return ""
    keys = [w.upper().strip(".,").replace("UỶ", "ỦY") for w in words]  # both spellings
    low = [w.lower() for w in words]
    cap = [False] * len(words)
    cap[0] = True
    place_from = len(words)
    for i, k in enumerate(keys):
        nxt = keys[i + 1] if i + 1 < len(keys) else ""
        if k in ("TỈNH", "HUYỆN", "THÀNH", "THỊ", "QUẬN", "ĐẢNG", "CHI", "VĂN") and nxt in (
            "ỦY",
            "BỘ",
            "ĐOÀN",
            "PHÒNG",
        ):
            cap[i] = True  # "Tỉnh ủy", "Đảng bộ", "Chi bộ", "Văn phòng" inside a name
            if k not in ("ĐẢNG", "CHI", "VĂN") and nxt in ("ỦY", "ĐOÀN"):
                place_from = i + 2
        elif k in ("TỈNH", "HUYỆN", "XÃ", "PHƯỜNG", "QUẬN") and nxt:
            place_from = i + 1
        elif k == "PHỐ" and i and keys[i - 1] == "THÀNH" and nxt:
            place_from = i + 1
        elif k == "BAN" and nxt and not (i and keys[i - 1] == "ỦY" and nxt == "NHÂN"):
            cap[i + 1] = True  # "Ban Tổ chức", "Ủy ban Kiểm tra"; not "Ủy ban nhân dân"
        elif k in ("SỞ", "HỘI", "PHÒNG", "TRƯỜNG") and nxt and i + 1 < place_from:
            cap[i + 1] = True  # "Sở Nội vụ", "Hội Nông dân", "Đảng ủy Khối"
        if k == "KHỐI" and i and keys[i - 1] == "ỦY":
            cap[i] = True
    out = []
    for i, w in enumerate(words):
        if w.upper() in _KEEP_UPPER:
            out.append(w)
        elif cap[i] or i >= place_from:
            out.append(low[i][:1].upper() + low[i][1:])
        else:
            out.append(low[i])
    text = " ".join(out)
    for p in _PROPER:
        text = re.sub(rf"(?<!\w){re.escape(p.lower())}(?!\w)", p, text)
    return text


def display_position(upper: str) -> str:
    """ "PHÓ BÍ THƯ" → "Phó Bí thư"."""
    if not upper:
        return ""
    key = _key(upper)
    for p in sorted(_POSITIONS, key=len, reverse=True):
        if _key(p) == key:
            return p
    low = nfc(upper).lower()
    return low[:1].upper() + low[1:]


def correction_vocabulary(org=None) -> list[str]:
    """Names the OCR correction may trust for ``org``: its profile's type and issuer
    names and the organizations' names (pass to ``vietnamese.correct_ocr_text``)."""
    from luutru.core.errors import RuleViolation
    from luutru.rules.models import RuleProfile
    from luutru.rules.queries import profile_for

    profiles = []
    if org is not None:
        try:
            profiles.append(profile_for(org))
        except RuleViolation:
            pass
    profiles += [p for p in (_system_profile(s, None) for s in (PARTY, STATE)) if p is not None]
    seen: dict[int, RuleProfile] = {p.pk: p for p in profiles}
    return sorted({phrase for p in seen.values() for phrase in cached_vocabulary(p).phrases()})
