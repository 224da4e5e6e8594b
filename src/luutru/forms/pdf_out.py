"""A ``Form`` as PDF: an HTML template with a print stylesheet, laid out by WeasyPrint.

Fonts come from Debian packages (Liberation Serif, DejaVu Serif as fallback);
the URL fetcher serves only files under the system font directory, so nothing
is ever fetched from the network while a form is rendered.

WeasyPrint lays a 500-row table out in about 2.7 s of CPU here, over the 2 s
the issue allows. A long table is therefore cut at a major heading near its
middle (that heading starts a new page) and both halves are laid out at once
in two worker processes, then joined. Page numbers are stamped afterwards, so
they run on across the join.
"""

from __future__ import annotations

import atexit
import copy
import io
import os
from pathlib import Path

from django.template.loader import render_to_string

from luutru.forms.layout import Form, Table

FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
# Below this many rows one process is quicker than the round trip to two.
PARALLEL_ROWS = 200
MM = 72 / 25.4


def _fetcher():
    from weasyprint.urls import URLFetcher

    class FontFilesOnly(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("file://"):
                path = Path(url.removeprefix("file://")).resolve()
                if any(path.is_relative_to(d) for d in FONT_DIRS):
                    return super().fetch(url, headers)
            raise ValueError(f"Biểu mẫu không được tải tài nguyên ngoài: {url}")

    return FontFilesOnly(allowed_protocols={"file"})


def to_html(form: Form, *, continuation: bool = False) -> str:
    return render_to_string("forms/print.html", {"form": form, "continuation": continuation})


_UA = None


def _lean_html(html: str):
    """WeasyPrint's HTML with the forms' own small user-agent stylesheet."""
    global _UA
    from weasyprint import CSS, HTML

    if _UA is None:
        _UA = CSS(filename=str(Path(__file__).with_name("print_ua.css")))

    class FormHTML(HTML):
        def _ua_stylesheets(self, forms=False):
            return [_UA]

    return FormHTML(string=html, url_fetcher=_fetcher())


def render_html(html: str) -> bytes:
    """Lay out and write one HTML document (also run in the worker processes)."""
    return _lean_html(html).write_pdf()


# ---------------------------------------------------------------- long tables


def split(form: Form) -> tuple[Form, Form] | None:
    """Cut the form's long table at the major heading nearest its middle; None if short."""
    tables = [i for i, b in enumerate(form.blocks) if isinstance(b, Table)]
    if len(tables) != 1 or len(form.blocks[tables[0]].rows) < PARALLEL_ROWS:
        return None
    at = tables[0]
    table = form.blocks[at]
    n = len(table.rows)
    headings = [
        i for i, r in enumerate(table.rows) if r.kind == "heading" and n // 4 <= i <= 3 * n // 4
    ]
    # No major heading near the middle: the middle row starts the next page.
    cut = min(headings, key=lambda i: abs(i - n // 2)) if headings else n // 2
    first, second = copy.copy(form), copy.copy(form)
    first.blocks = [*form.blocks[:at], copy.copy(table)]
    first.blocks[-1].rows = table.rows[:cut]
    second.blocks = [copy.copy(table), *form.blocks[at + 1 :]]
    second.blocks[0].rows = table.rows[cut:]
    return first, second


_POOL = None


def _pool():
    global _POOL
    if _POOL is None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # forkserver: workers start from a clean process with WeasyPrint loaded,
        # never from a copy of a threaded web server.
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["luutru.forms.pdf_out", "weasyprint"])
        _POOL = ProcessPoolExecutor(max_workers=2, mp_context=ctx)
        atexit.register(_POOL.shutdown)
    return _POOL


def _render_parts(htmls: list[str]) -> list[bytes]:
    if (os.cpu_count() or 1) < 2:
        return [render_html(h) for h in htmls]
    try:
        return list(_pool().map(render_html, htmls))
    except Exception:  # a broken pool must not cost the user the form: render here
        global _POOL
        _POOL = None
        return [render_html(h) for h in htmls]


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
        parts = _render_parts([to_html(halves[0]), to_html(halves[1], continuation=True)])
    return finish(parts)
