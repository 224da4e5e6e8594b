"""A ``Form`` as PDF: an HTML template with a print stylesheet, laid out by WeasyPrint.

Fonts come from Debian packages (Liberation Serif, DejaVu Serif as fallback);
the URL fetcher serves only files under the system font directory, so nothing
is ever fetched from the network while a form is rendered.
"""

from __future__ import annotations

from pathlib import Path

from django.template.loader import render_to_string

from luutru.forms.layout import Form

FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))


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


def to_html(form: Form) -> str:
    return render_to_string("forms/print.html", {"form": form})


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


def to_pdf(form: Form) -> bytes:
    return _lean_html(to_html(form)).write_pdf()
