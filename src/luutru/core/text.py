"""Text that a person typed and a service keeps: reasons, notes.

A reason is what an official writes to justify a decision (returning a deposit, lowering a
secrecy level, reopening a dossier). It is stored and shown in the audit trail, so it must be
printable text: NFC-normalized, stripped, with control characters (NUL, escapes, bidi overrides)
removed. A value made only of control characters is no reason at all.
"""

from __future__ import annotations

import unicodedata

# Keep ordinary line breaks and tabs inside a reason (multi-line text areas); drop every other
# control (Cc), format (Cf: bidi overrides, zero-width), surrogate (Cs), private-use (Co) and
# unassigned (Cn) code point.
_KEEP = {"\n", "\t"}
_DROP_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn"}


def clean_reason(value: object) -> str:
    """The printable text of ``value``: NFC, controls removed, stripped; "" if nothing remains."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value).replace("\r\n", "\n").replace("\r", "\n"))
    kept = "".join(
        ch for ch in text if ch in _KEEP or unicodedata.category(ch) not in _DROP_CATEGORIES
    )
    return kept.strip()
