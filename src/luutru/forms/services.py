"""Exporting a form: render it, and record an audit event when it carries secret material;
the forms the stages' pages offer as files."""

from __future__ import annotations

from dataclasses import dataclass

from luutru.audit.services import record
from luutru.core.errors import RuleViolation
from luutru.forms import builders
from luutru.forms.layout import Form
from luutru.forms.render import CONTENT_TYPES, FORMAT_LABELS, render, to_docx, to_xlsx


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


# The official forms the stages' own pages offer as one file each (the file plan
# and a dossier's index as XLSX, a deposit's list as XLSX and its handover record
# as DOCX). They are made here, above the stages, so that no stage calls forms.


def export_plan_xlsx(plan) -> bytes:
    """The file plan in the official five columns with its totals footer (read back
    by ``filing.xlsx.import_plan_xlsx``: a plan exported and imported comes back the same)."""
    return to_xlsx(builders.file_plan(plan))


def export_index_xlsx(user, dossier) -> bytes:
    """The document index (mục lục văn bản) of a dossier as ``user`` may read it."""
    return to_xlsx(builders.dossier_index(user, dossier))


def deposit_list_xlsx(user, deposit) -> bytes:
    """Mục lục hồ sơ, tài liệu nộp lưu as XLSX."""
    return to_xlsx(builders.deposit_list(user, deposit))


def handover_docx(user, deposit) -> bytes:
    """Biên bản giao nhận with the deposit list attached, as DOCX."""
    return to_docx(builders.handover_record(user, deposit))
