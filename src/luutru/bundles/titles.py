"""Titles of proposed dossiers in the archivist's style (issue 11).

"Hồ sơ về việc tổ chức Đại hội đại biểu Đảng bộ huyện lần thứ XXII" names the
matter from the subject the documents share; "Tập lưu công văn đi năm 2024"
names a run of one type with no common matter. Pure functions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from luutru.bundles.types import DocFacts
from luutru.capture.vietnamese import fold

DIRECTION_WORDS = {"outgoing": "đi", "incoming": "đến"}
# Opening words of a subject that the title's "về việc" already says.
_LEADS = ("về việc ", "v/v ", "v/v: ", "về ", "vv ")


def matter(subject: str) -> str:
    """The subject without its opening "về việc" / "V/v", first letter lower case
    unless it begins a proper name ("Đại hội", "Nghị quyết")."""
    s = " ".join((subject or "").split()).strip(" .;:-")
    changed = True
    while changed:
        changed = False
        for lead in _LEADS:
            if s.casefold().startswith(lead):
                s, changed = s[len(lead) :].lstrip(" :"), True
    if s and s[0].isupper() and not (len(s) > 1 and s[1].isupper()):
        word = s.split(" ", 1)[0]
        if fold(word).casefold() not in _PROPER_STARTS:
            s = s[0].lower() + s[1:]
    return s


# Words that begin a proper name and keep their capital ("Đại hội", "Đảng", "Nghị quyết").
_PROPER_STARTS = {"dai", "dang", "nghi", "chi", "quy", "ban", "uy", "hoi", "mat", "doan", "cong"}


def dossier_title(subject: str) -> str:
    """ "Hồ sơ về việc …" from the matter's subject."""
    m = matter(subject)
    return f"Hồ sơ về việc {m}" if m else "Hồ sơ chưa đặt tiêu đề"


def run_title(type_name: str, direction: str, year: int | None) -> str:
    """ "Tập lưu công văn đi năm 2024": a run of one type, one direction, one year."""
    words = ["Tập lưu", (type_name or "văn bản").lower()]
    if direction in DIRECTION_WORDS:
        words.append(DIRECTION_WORDS[direction])
    if year:
        words.append(f"năm {year}")
    return " ".join(words)


def _has_year(text: str) -> bool:
    return bool(re.search(r"\b(19|20)\d\d\b", text))


def title_for(members: Sequence[DocFacts], head: DocFacts, cohesive: bool) -> str:
    """The group's title: from the head document's subject when the members share a
    matter (``cohesive``), else a run's title when they are one type; the year is
    added when the dossier lies in one year and the subject does not say it."""
    types = {fold(m.type_name).casefold() for m in members if m.type_name}
    years = sorted({m.issued_date.year for m in members if m.issued_date})
    if not cohesive and len(types) == 1:
        directions = {m.direction for m in members}
        return run_title(
            members[0].type_name,
            directions.pop() if len(directions) == 1 else "",
            years[-1] if len(years) == 1 else None,
        )
    title = dossier_title(head.subject)
    if len(years) == 1 and not _has_year(title):
        title += f" năm {years[0]}"
    return title
