"""What the parser returns: fields with confidences, citations, and the
metadata dict the registry takes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from luutru.capture.header.names import display_position
from luutru.capture.header.text import STATE

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
class ParsedHeader:
    fields: dict[str, Field] = field(default_factory=dict)
    style: str = ""
    citations: list[Citation] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Why a field is not confident, in Vietnamese, for the review screen.
    reasons: dict[str, str] = field(default_factory=dict)

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

    def doubt(self, key: str, confidence: float, reason: str) -> None:
        """Lower a field's confidence to at most ``confidence``, saying why."""
        f = self.fields.get(key)
        if f is None or f.confidence <= confidence:
            return
        self.fields[key] = Field(f.value, confidence)
        self.reasons.setdefault(key, reason)

    def why(self, key: str, threshold: float = 0.9) -> str:
        """Why a person should look at this field ("" when it is confident)."""
        f = self.fields.get(key)
        if f is None or f.confidence <= 0:
            return "không đọc được trên văn bản"
        if f.confidence >= threshold:
            return ""
        return self.reasons.get(key, "đọc chưa chắc chắn")

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
            "issuer": self.value("issuer") or "",
            "issuer_parent": self.value("issuer_parent") or "",
            "place": self.value("place") or "",
            "subject": self.value("subject") or "",
            "signer_full_name": self.value("signer_full_name") or "",
            "signer_position": display_position(self.value("signer_position") or ""),
            "page_amount": None,
            "secrecy": self.value("secrecy", 0),
            "urgency": self.value("urgency", 0),
            "description": "",
            "citations": [
                {
                    "type_name": c.type_name,
                    "symbol": c.symbol,
                    "issued_date": c.issued_date,
                    "issuer": c.issuer,
                    "text": c.text,
                }
                for c in self.citations
            ],
        }
