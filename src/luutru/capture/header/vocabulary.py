"""What the parser knows from the rules: type names and abbreviations, issuer
abbreviations, organization names; cached per profile."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field

from luutru.capture.header.result import Field, ParsedHeader
from luutru.capture.header.text import FRONT, PARTY, STATE, _key
from luutru.core.vn import nfc


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
