"""A ``Form`` as PDF: an HTML template with a print stylesheet, laid out by WeasyPrint
(``pdf_engine``: fonts from Debian packages, nothing fetched from the network).

WeasyPrint lays a 500-row table out in about 2.7 s of CPU here, over the 2 s
the issue allows. A long table is therefore cut at a major heading near its
middle (that heading starts a new page); this process lays out the first half
while a helper process started for this one form lays out the second, then the
halves are joined. Page numbers are stamped afterwards, so they run on across
the join. The helper lives only as long as the form: no pool outlives a
request, whatever number of app servers run. A process runs at most
``MAX_HELPERS`` at once; a long table asked for beyond that, or on one CPU, is
laid out here alone (slower, never refused).
"""

from __future__ import annotations

import copy
import io
import os
import subprocess
import sys
import tempfile
import threading

from django.template.loader import render_to_string

from luutru.forms.layout import Form, Table
from luutru.forms.pdf_engine import render_html

# A table this long is cut in two halves (the second starts a page).
PARALLEL_ROWS = 200
# Starting a helper costs about 0.8 s of CPU (Python and WeasyPrint): it pays only
# for halves longer than that to lay out, so a shorter table's halves are laid out here.
HELPER_ROWS = 400
MAX_HELPERS = 2
HELPER_TIMEOUT = 120  # seconds; a helper that takes longer is stopped, the half laid out here
MM = 72 / 25.4

__all__ = ["HELPER_ROWS", "PARALLEL_ROWS", "finish", "render_html", "split", "to_html", "to_pdf"]


def to_html(form: Form, *, continuation: bool = False) -> str:
    return render_to_string("forms/print.html", {"form": form, "continuation": continuation})


# ---------------------------------------------------------------- long tables


def split(form: Form) -> tuple[Form, Form] | None:
    """Cut the form's long table at the major heading nearest its middle; None if short."""
    tables = [(i, b) for i, b in enumerate(form.blocks) if isinstance(b, Table)]
    if len(tables) != 1 or len(tables[0][1].rows) < PARALLEL_ROWS:
        return None
    at, table = tables[0]
    n = len(table.rows)
    headings = [
        i for i, r in enumerate(table.rows) if r.kind == "heading" and n // 4 <= i <= 3 * n // 4
    ]
    # No major heading near the middle: the middle row starts the next page.
    cut = min(headings, key=lambda i: abs(i - n // 2)) if headings else n // 2
    first, second = copy.copy(form), copy.copy(form)
    head, tail = copy.copy(table), copy.copy(table)
    head.rows = table.rows[:cut]
    tail.rows = table.rows[cut:]
    first.blocks = [*form.blocks[:at], head]
    second.blocks = [tail, *form.blocks[at + 1 :]]
    return first, second


_helpers = threading.BoundedSemaphore(MAX_HELPERS)


def _render_parts(htmls: list[str]) -> list[bytes]:
    """Both halves at once: the second in a helper process, the first here."""
    if (os.cpu_count() or 1) < 2 or not _helpers.acquire(blocking=False):
        return [render_html(h) for h in htmls]
    try:
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".html") as second:
            second.write(htmls[1])
            second.flush()
            first, out = _with_helper(htmls[0], second.name)
    finally:
        _helpers.release()
    # A helper that failed must not cost the user the form: lay its half out here.
    return [first, out if out.startswith(b"%PDF") else render_html(htmls[1])]


def _with_helper(first_html: str, second_path: str) -> tuple[bytes, bytes]:
    """The first half laid out here while a helper lays out the file at ``second_path``;
    the helper's PDF, or nothing if it failed or took longer than ``HELPER_TIMEOUT``."""
    try:
        helper = subprocess.Popen(
            [sys.executable, "-m", "luutru.forms.pdf_engine", second_path],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
    except OSError:
        return render_html(first_html), b""
    try:
        first = render_html(first_html)
        out, _ = helper.communicate(timeout=HELPER_TIMEOUT)
    except subprocess.TimeoutExpired:
        out = b""
    finally:
        if helper.poll() is None:
            helper.kill()
        helper.wait()
    return first, out if helper.returncode == 0 else b""


# ---------------------------------------------------------------- joining, numbering


def finish(parts: list[bytes]) -> bytes:
    """Join the parts and number the pages from the second, at the top centre (NĐ 30)."""
    import pikepdf

    out = pikepdf.open(io.BytesIO(parts[0]))
    extras = [pikepdf.open(io.BytesIO(p)) for p in parts[1:]]
    for extra in extras:
        out.pages.extend(extra.pages)
    font = out.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font,
            Subtype=pikepdf.Name.Type1,
            BaseFont=pikepdf.Name("/Times-Roman"),
            Encoding=pikepdf.Name.WinAnsiEncoding,
        )
    )
    for number, page in enumerate(out.pages, start=1):
        if number == 1:
            continue
        x0, _y0, x1, y1 = (float(v) for v in page.mediabox)
        # Centre of the text block: margins are 30 mm left, 15 mm right.
        centre = x0 + 30 * MM + (x1 - x0 - 45 * MM) / 2
        text = str(number)
        name = page.add_resource(font, pikepdf.Name.Font, prefix="LuutruPage")
        page.contents_add(pikepdf.Stream(out, b"q\n"), prepend=True)
        stamp = f"\nQ\nq BT {name} 12 Tf {centre - 3 * len(text):.2f} {y1 - 12 * MM:.2f} Td ({text}) Tj ET Q\n"
        page.contents_add(pikepdf.Stream(out, stamp.encode("ascii")))
    buffer = io.BytesIO()
    out.save(buffer, compress_streams=True)
    for pdf in (out, *extras):
        pdf.close()
    return buffer.getvalue()


def to_pdf(form: Form) -> bytes:
    halves = split(form)
    if halves is None:
        parts = [render_html(to_html(form))]
    else:
        htmls = [to_html(halves[0]), to_html(halves[1], continuation=True)]
        rows = sum(len(half.tables[0].rows) for half in halves)
        parts = _render_parts(htmls) if rows >= HELPER_ROWS else [render_html(h) for h in htmls]
    return finish(parts)
