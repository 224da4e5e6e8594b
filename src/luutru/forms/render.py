"""Render a ``Form`` to bytes in one of its formats."""

from __future__ import annotations

from luutru.forms.layout import Form

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMAT_LABELS = {"docx": "Word (DOCX)", "pdf": "PDF", "xlsx": "Excel (XLSX)"}


def to_docx(form: Form) -> bytes:
    from luutru.forms.docx_out import to_docx as render

    return render(form)


def to_pdf(form: Form) -> bytes:
    from luutru.forms.pdf_out import to_pdf as render

    return render(form)


def to_xlsx(form: Form) -> bytes:
    from luutru.forms.xlsx_out import to_xlsx as render

    return render(form)


RENDERERS = {"docx": to_docx, "pdf": to_pdf, "xlsx": to_xlsx}


def render(form: Form, fmt: str) -> bytes:
    if fmt not in form.formats:
        raise ValueError(fmt)
    return RENDERERS[fmt](form)
