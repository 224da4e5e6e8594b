"""Box labels (nhãn hộp) and dossier covers (bìa hồ sơ) as PDF, each with a QR
code holding the URL of its record on this installation. What a label says of
its dossiers is judged for the user who prints it: a dossier they may not see
is neither counted nor dated there."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import segno
from django.template.loader import render_to_string

from luutru.access.policy import visible_q
from luutru.holdings.models import Box, PaperDossier


def qr(url: str) -> str:
    """The QR code of ``url`` as an SVG data URI (segno, pure Python)."""
    return str(segno.make(url, error="m").svg_data_uri(scale=4, border=2))


def box_facts(user: Any, box: Box) -> dict[str, Any]:
    rows = PaperDossier.objects.filter(box=box).filter(visible_q(user, object_type="paperdossier"))
    numbers = sorted(rows.values_list("number", flat=True))
    years = sorted(y for y in rows.values_list("year", flat=True) if y)
    return {
        "count": len(numbers),
        "first": numbers[0] if numbers else None,
        "last": numbers[-1] if numbers else None,
        "years": (
            ""
            if not years
            else str(years[0])
            if years[0] == years[-1]
            else f"{years[0]}–{years[-1]}"
        ),
    }


def box_labels_pdf(user: Any, boxes: list[Box], url_of: Callable[[Box], str]) -> bytes:
    labels = []
    for box in boxes:
        labels.append(
            {
                "box": box,
                "fonds": box.inventory.fonds,
                "facts": box_facts(user, box),
                "place": box.location.label if box.location else "Chưa xếp lên giá",
                "qr": qr(url_of(box)),
                "url": url_of(box),
            }
        )
    html = render_to_string("holdings/labels.html", {"labels": labels})
    return _pdf(html)


def cover_pdf(d: PaperDossier, url: str) -> bytes:
    html = render_to_string(
        "holdings/cover.html", {"d": d, "fonds": d.inventory.fonds, "qr": qr(url), "url": url}
    )
    return _pdf(html)


def _pdf(html: str) -> bytes:
    import weasyprint  # lazy: WeasyPrint takes seconds to load, as in forms/pdf_engine.py

    return bytes(weasyprint.HTML(string=html).write_pdf())
