"""What the parser knows from the rules: type names and abbreviations, issuer
abbreviations, organization names; cached per profile, keyed by what it is
built from (the rules' version and the organizations' names), so a rename made
in any process is seen at the next document, in every process."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from django.utils import timezone

from luutru.capture.header.result import Field, ParsedHeader
from luutru.capture.header.text import FRONT, PARTY, STATE, _key
from luutru.core.errors import RuleViolation
from luutru.core.vn import nfc
from luutru.orgs.models import Organization
from luutru.rules.book import RuleBook, rulebook
from luutru.rules.models import DocumentType, RuleProfile


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
        types = [
            DocType(pk, nfc(name), nfc(abbrev))
            for pk, name, abbrev in DocumentType.objects.filter(profile=profile)
            .order_by("pk")
            .values_list("pk", "name", "abbrev")
        ]
        issuers = {nfc(a): nfc(n) for a, n in profile.issuers.values_list("abbrev", "name")}
        names: dict[str, str] = {}
        if org_names:
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


_VOCABULARIES: dict[int, tuple[tuple[str, str], HeaderVocabulary]] = {}


def rules_version() -> str:
    """The rules' version: a new token after every change to a rules row, in any
    process (``rules.book``); "" before the first change is recorded."""
    return rulebook().version


def organizations_version() -> str:
    """A digest of the organizations' names (added, removed or renamed)."""
    digest = hashlib.blake2b(digest_size=16)
    for pk, name in Organization.objects.order_by("pk").values_list("pk", "name"):
        digest.update(f"{pk}\x1f{name}\x1e".encode())
    return digest.hexdigest()


class Lookup:
    """What one parse reads from the database, read at most once: the rule book
    (one query for the rules' version) and the organizations' names digest.
    Made per parse call, so nothing it holds outlives the document."""

    def __init__(self) -> None:
        self._book: RuleBook | None = None
        self._orgs: str | None = None

    @property
    def book(self) -> RuleBook:
        if self._book is None:
            self._book = rulebook()
        return self._book

    def key(self) -> tuple[str, str]:
        if self._orgs is None:
            self._orgs = organizations_version()
        return (self.book.version, self._orgs)


def cached_vocabulary(profile, lookup: Lookup | None = None) -> HeaderVocabulary:
    """The profile's vocabulary, rebuilt when the rules or the organizations change."""
    key = (lookup or Lookup()).key()
    hit = _VOCABULARIES.get(profile.pk)
    if key[0] and hit and hit[0] == key:
        return hit[1]
    vocab = HeaderVocabulary.from_profile(profile)
    _VOCABULARIES[profile.pk] = (key, vocab)
    return vocab


def _system_profile(system: str, day: dt.date | None, book: RuleBook | None = None):
    """The ``system``'s profile in force on ``day`` (today), else its latest."""
    on = day or timezone.localdate()
    # The book's profiles are sorted newest first (valid_from, pk).
    mine = [p for p in (book or rulebook()).profiles if p.fonds_system == system]
    return next((p for p in mine if p.valid_from <= on), None) or (mine[0] if mine else None)


def _vocabulary(
    profile, org, style: str, day: dt.date | None, lookup: Lookup | None = None
) -> HeaderVocabulary:
    """Types and issuers to recognise: the given profile, else the one in force on
    the document's date for the system its header shows (the org's own when it matches)."""
    lookup = lookup or Lookup()
    if profile is None:
        system = style if style in (STATE, FRONT) else PARTY
        if org is not None and (
            org.fonds_system == system or (system != STATE and org.fonds_system != STATE)
        ):
            profile = lookup.book.require_profile(org, day)
        else:
            profile = _system_profile(system, day, lookup.book)
        if profile is None:
            return HeaderVocabulary(style=style)
    return cached_vocabulary(profile, lookup)


def _target_type(out: ParsedHeader, profile, org, lookup: Lookup | None = None) -> None:
    """Point ``doc_type`` at the type of the same name in the profile the document
    is registered under (the org's today), or drop it when that profile has none."""
    if profile is not None or org is None or "type_name" not in out.fields:
        return
    lookup = lookup or Lookup()
    try:
        target = cached_vocabulary(lookup.book.require_profile(org), lookup)
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


def correction_vocabulary(org=None) -> list[str]:
    """Names the OCR correction may trust for ``org``: its profile's type and issuer
    names and the organizations' names (pass to ``vietnamese.correct_ocr_text``)."""
    lookup = Lookup()
    profiles = []
    if org is not None:
        try:
            profiles.append(lookup.book.require_profile(org))
        except RuleViolation:
            pass
    profiles += [
        p for p in (_system_profile(s, None, lookup.book) for s in (PARTY, STATE)) if p is not None
    ]
    seen: dict[int, RuleProfile] = {p.pk: p for p in profiles}
    return sorted(
        {phrase for p in seen.values() for phrase in cached_vocabulary(p, lookup).phrases()}
    )
