"""Exporting a form: render it, and record an audit event when it carries secret material."""

from __future__ import annotations

from dataclasses import dataclass

from luutru.audit.services import record
from luutru.core.errors import RuleViolation
from luutru.forms.layout import Form
from luutru.forms.render import CONTENT_TYPES, FORMAT_LABELS, render


@dataclass
class Download:
    content: bytes
    filename: str
    content_type: str


def export_form(actor, form: Form, fmt: str, *, obj=None, org_id: int | None = None) -> Download:
    """Render ``form`` as ``fmt``; an export of secret material is an audit event (a read of it)."""
    if fmt not in form.formats:
        labels = ", ".join(FORMAT_LABELS[f] for f in form.formats)
        raise RuleViolation(f"Biểu mẫu “{form.title}” chỉ tải được dạng: {labels}.")
    content = render(form, fmt)
    if form.secrecy:
        record(
            actor,
            "form.export",
            obj,
            object_type="" if obj is not None else "organization",
            object_id="" if obj is not None else org_id,
            org_id=org_id,
            after={"form": form.slug, "format": fmt, "secrecy": form.secrecy},
        )
    return Download(content, f"{form.slug}.{fmt}", CONTENT_TYPES[fmt])
