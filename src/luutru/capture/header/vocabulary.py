"""What the parser knows from the rules: type names and abbreviations, issuer
abbreviations, organization names; cached per profile, keyed by what it is
built from (the rules' version and the organizations' names), so a rename made
in any process is seen at the next document, in every process."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from luutru.capture.header.result import Field, ParsedHeader
from luutru.capture.header.text import FRONT, PARTY, STATE, _key
from luutru.core.errors import RuleViolation
from luutru.core.vn import nfc
from luutru.orgs.models import Organization
from luutru.rules.book import rulebook
from luutru.rules.models import DocumentType, RuleProfile
from luutru.rules.queries import profile_for, profile_in_force


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


def cached_vocabulary(profile) -> HeaderVocabulary:
    """The profile's vocabulary, rebuilt when the rules or the organizations change."""
    version = rules_version()
    key = (version, organizations_version())
    hit = _VOCABULARIES.get(profile.pk)
    if version and hit and hit[0] == key:
        return hit[1]
    vocab = HeaderVocabulary.from_profile(profile)
    _VOCABULARIES[profile.pk] = (key, vocab)
    return vocab


def _system_profile(system: str, day: dt.date | None):
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


def correction_vocabulary(org=None) -> list[str]:
    """Names the OCR correction may trust for ``org``: its profile's type and issuer
    names and the organizations' names (pass to ``vietnamese.correct_ocr_text``)."""
    profiles = []
    if org is not None:
        try:
            profiles.append(profile_for(org))
        except RuleViolation:
            pass
    profiles += [p for p in (_system_profile(s, None) for s in (PARTY, STATE)) if p is not None]
    seen: dict[int, RuleProfile] = {p.pk: p for p in profiles}
    return sorted({phrase for p in seen.values() for phrase in cached_vocabulary(p).phrases()})
