"""The header bench corpus of issue 10: 60+ layout families of Party, State,
Fatherland Front and mass-organization documents, drawn without any code or
word list of the parser, with a held-apart part (``split.py``).

    .venv/bin/python -m bench.extraction.layouts OUT --part open --docs 120 [--scans 40]

Each document is a born-digital PDF ``ID.pdf``, the same document as a Word file
``ID.docx`` (its header a table, as offices make it; the bench prints it to PDF with
LibreOffice), optionally a scan ``ID.jpg`` (200 or 300 dpi) and the same paper as the registry
receives it (``ID.received.jpg``: the sender's seal and signature, the "ĐẾN" stamp),
and its ground truth ``ID.json``.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from bench.extraction.layouts import split
from bench.extraction.layouts.families import FAMILIES, Doc, family_names, long_plan, make_doc

TRUTH_FIELDS = (
    "number_symbol", "doc_type", "issuer", "issuer_parent", "place", "date", "title",
    "signer", "secrecy", "urgency",
)  # fmt: skip

__all__ = ["FAMILIES", "TRUTH_FIELDS", "Doc", "build", "documents", "family_names", "make_doc"]


def documents(part: str, n: int, seed: int | None = None) -> list[Doc]:
    """``n`` documents of a part, families taken in turn so every family is drawn."""
    families = split.families_of(part, family_names())
    s = split.seed_of(part, seed)
    return [make_doc(families[i % len(families)], s, i // len(families)) for i in range(n)]


def scan_dpi(doc: Doc) -> int:
    """Two scans in three at 200 dpi, the rest at 300."""
    return 200 if random.Random(f"dpi/{doc.id}").random() < 0.67 else 300


def build(
    out: Path,
    part: str,
    n: int,
    scans: int = 0,
    seed: int | None = None,
    received: bool = False,
    long: bool = False,
) -> list[dict]:
    """Write ``n`` born-digital PDFs, scans of the first ``scans`` of them, and
    the ground truth; return the truth records. A written document is kept. With
    ``received``, each scanned document is also scanned as the registry receives
    it (``ID.received.jpg``: seal, signature, the "ĐẾN" stamp). With ``long``, each
    document is also drawn running past its first page with what is attached
    after its signature (``ID.long.pdf``, ``families.long_plan``)."""
    from bench.extraction.layouts.render import (
        render_pdf,
        render_received,
        render_scan,
        render_scans,
        render_word,
    )

    out.mkdir(parents=True, exist_ok=True)
    records = []
    for k, doc in enumerate(documents(part, n, seed)):
        path = out / f"{doc.id}.json"
        want_scan = k < scans
        word = out / f"{doc.id}.docx"
        if not word.exists():
            word.write_bytes(render_word(doc, random.Random(f"word/{doc.id}")))
        if path.exists():
            rec = json.loads(path.read_text("utf-8"))
            if long and ("long" not in rec or (want_scan and "longscan" not in rec)):
                _write_long(out, doc, rec, render_pdf, render_scans if want_scan else None)
                path.write_text(json.dumps(rec, ensure_ascii=False, indent=1), "utf-8")
            if not want_scan or "scan" in rec:
                if want_scan and received and "received" not in rec:
                    _write_received(out, doc, rec, render_received)
                    path.write_text(json.dumps(rec, ensure_ascii=False, indent=1), "utf-8")
                records.append(rec)
                continue
        pdf = render_pdf(doc, random.Random(f"pdf/{doc.id}"))
        (out / f"{doc.id}.pdf").write_bytes(pdf)
        rec = {
            "id": doc.id,
            "family": doc.family,
            "org_kind": doc.org_kind,
            "held_apart": split.is_held(doc.family, doc.seed),
            **doc.truth,
        }
        if long:
            _write_long(out, doc, rec, render_pdf, render_scans if want_scan else None)
        if want_scan:
            image, how = render_scan(pdf, random.Random(f"scan/{doc.id}"), scan_dpi(doc))
            (out / f"{doc.id}.jpg").write_bytes(image)
            rec["scan"] = how
            if received:
                _write_received(out, doc, rec, render_received)
        path.write_text(json.dumps(rec, ensure_ascii=False, indent=1), "utf-8")
        records.append(rec)
    return records


def _write_long(out: Path, doc: Doc, rec: dict, render, scan=None) -> None:
    """``ID.long.pdf``, and with ``scan`` its scan ``ID.long.scan.pdf`` (every page,
    at the dpi of the document's own scan)."""
    import pypdfium2 as pdfium

    plan = long_plan(doc)
    pdf = render(doc, random.Random(f"pdf/{doc.id}"), long=plan)
    (out / f"{doc.id}.long.pdf").write_bytes(pdf)
    rec["long"] = {"pages": len(pdfium.PdfDocument(pdf)), "attached": plan["appendix"]["kind"]}
    if scan is not None:
        data, how = scan(pdf, random.Random(f"longscan/{doc.id}"), scan_dpi(doc))
        (out / f"{doc.id}.long.scan.pdf").write_bytes(data)
        rec["longscan"] = how


def _write_received(out: Path, doc: Doc, rec: dict, render) -> None:
    image, how = render(doc, rec["scan"]["dpi"], random.Random(f"received/{doc.id}"))
    (out / f"{doc.id}.received.jpg").write_bytes(image)
    rec["received"] = how
