"""HTML to PDF with WeasyPrint, the forms' own user-agent stylesheet and a URL
fetcher that serves only font files: nothing is fetched from the network.

No Django and nothing of ours is imported here, so that ``python -m
luutru.forms.pdf_engine`` (an HTML file or stdin in, PDF on stdout) starts quickly as the
helper process that lays out the second half of a long table (``pdf_out``).
"""

from __future__ import annotations

import sys
from pathlib import Path

FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
UA_CSS = Path(__file__).with_name("print_ua.css")

_UA = None


def _fetcher():
    from weasyprint.urls import URLFetcher  # lazy: WeasyPrint loads in a second

    class FontFilesOnly(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("file://"):
                path = Path(url.removeprefix("file://")).resolve()
                if any(path.is_relative_to(d) for d in FONT_DIRS):
                    return super().fetch(url, headers)
            raise ValueError(f"Biểu mẫu không được tải tài nguyên ngoài: {url}")

    return FontFilesOnly(allowed_protocols={"file"})


def _lean_html(html: str):
    """WeasyPrint's HTML with the forms' own small user-agent stylesheet."""
    global _UA
    from weasyprint import CSS, HTML  # lazy: WeasyPrint loads in a second

    if _UA is None:
        _UA = CSS(filename=str(UA_CSS))

    class FormHTML(HTML):
        def _ua_stylesheets(self, forms=False):
            return [_UA]

    return FormHTML(string=html, url_fetcher=_fetcher())


def render_html(html: str) -> bytes:
    """Lay out and write one HTML document as PDF."""
    return _lean_html(html).write_pdf()


def main() -> None:
    """``python -m luutru.forms.pdf_engine [page.html]``: the PDF on stdout."""
    if len(sys.argv) > 1:
        html = Path(sys.argv[1]).read_text(encoding="utf-8")
    else:
        html = sys.stdin.buffer.read().decode("utf-8")
    sys.stdout.buffer.write(render_html(html))


if __name__ == "__main__":
    main()
