"""Readers for the generated files (python-docx, openpyxl, pypdfium2, Tesseract)
and records built with the real services."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
from pathlib import Path

import pytest

from luutru.archive.tests.conftest import make_dossier
from luutru.filing.tests.conftest import build_plan


def docx_tables(content: bytes) -> list[list[list[str]]]:
    from docx import Document

    return [
        [[c.text for c in row.cells] for row in t.rows]
        for t in Document(io.BytesIO(content)).tables
    ]


def docx_text(content: bytes) -> str:
    from docx import Document

    doc = Document(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def docx_paragraphs(content: bytes) -> list[str]:
    from docx import Document

    return [p.text for p in Document(io.BytesIO(content)).paragraphs if p.text]


def sheet_rows(content: bytes) -> list[tuple]:
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(content)).active
    return [
        tuple(c if c is not None else "" for c in row) for row in ws.iter_rows(values_only=True)
    ]


def pdf_text(content: bytes) -> str:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(content)
    try:
        return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()


def pdf_pages(content: bytes) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(content)
    try:
        return len(pdf)
    finally:
        pdf.close()


def ocr_first_page(content: bytes, workdir: Path) -> str:
    """Page 1 at 100 dpi through pdftoppm, read by Tesseract with the Vietnamese model."""
    pdf = workdir / "form.pdf"
    pdf.write_bytes(content)
    subprocess.run(
        ["pdftoppm", "-r", "100", "-f", "1", "-l", "1", "-png", str(pdf), str(workdir / "page")],
        check=True,
        capture_output=True,
    )
    png = next(workdir.glob("page*.png"))
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    out = subprocess.run(
        ["tesseract", str(png), "-", "-l", "vie"], check=True, capture_output=True, env=env
    )
    return out.stdout.decode("utf-8")


@pytest.fixture
def issued_plan(world):
    return build_plan(world, issue=True)


@pytest.fixture
def closed_dossier(world):
    return make_dossier(
        world.office,
        world.official,
        notation="01.VP",
        title="Kế hoạch công tác năm 2024 của Văn phòng Tỉnh ủy",
        years=None,
        documents=3,
    )


@pytest.fixture
def deposit(world, closed_dossier):
    from luutru.archive.services import create_deposit

    other = make_dossier(
        world.office,
        world.official,
        notation="02.VP",
        title="Công văn trao đổi về công tác văn thư năm 2024",
        years=10,
        documents=2,
    )
    return create_deposit(world.official, world.office, [closed_dossier, other])


def register_documents(world, *, direction: str, count: int, secrecy_last: int = 0):
    """``count`` documents of Văn phòng registered through the registry service."""
    from luutru.filing.tests.conftest import pdf_bytes
    from luutru.registry.services import create_document
    from luutru.registry.tests.files import metadata_for

    docs = []
    for n in range(1, count + 1):
        secret = secrecy_last if n == count else 0
        meta = metadata_for(
            world.office,
            type_abbrev="CV",
            symbol=f"{n}-CV/VPTU",
            issued_date=dt.date(2024, 3, n),
            subject=f"Về việc tổ chức hội nghị số {n}",
            organ_name="Ban Tổ chức Tỉnh ủy" if direction == "incoming" else "",
            secrecy=secret,
        )
        doc, _ = create_document(
            world.head if secret else world.clerk,
            world.office,
            content=io.BytesIO(pdf_bytes(f"Văn bản {n}")),
            filename=f"vb{n}.pdf",
            metadata=meta,
            direction=direction,
        )
        docs.append(doc)
    return docs
