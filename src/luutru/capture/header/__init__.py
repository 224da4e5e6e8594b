"""Read the header of a Party or State document (DOMAIN.md §3) into metadata.

Text from PDFs and OCR often merges the two header columns into one line
("TỈNH ỦY QUẢNG NINH ĐẢNG CỘNG SẢN VIỆT NAM", "Số 12-NQ/TU Hạ Long, ngày …"),
so each field is found as a span and taken out of its line; what is left on
the top-left lines is the issuer. Matching is done on the folded text (no
diacritics), so a tone mark lost by OCR still finds its field, at a lower
confidence. Type names and abbreviations come from the rule profile.
"""

from luutru.capture.header.names import display_name, display_position
from luutru.capture.header.parse import parse_header
from luutru.capture.header.result import Citation, Field, ParsedHeader
from luutru.capture.header.vocabulary import (
    HeaderVocabulary,
    cached_vocabulary,
    correction_vocabulary,
)

__all__ = [
    "Citation",
    "Field",
    "HeaderVocabulary",
    "ParsedHeader",
    "cached_vocabulary",
    "correction_vocabulary",
    "display_name",
    "display_position",
    "parse_header",
]
