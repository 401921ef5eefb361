"""One way to make a PDF: render a template to HTML, then WeasyPrint renders the HTML.

WeasyPrint is imported inside the functions (it loads Pango at import time), gets an
explicit base_url (nothing is fetched from the network). The print stylesheet and the font
configuration are made once per process and reused by every PDF it renders (a Celery
worker process renders many). The HTML is returned too, so tests can assert on both.

The cyclic garbage collector is paused while WeasyPrint lays out and writes: it builds
millions of small objects, and the collector walking them over and over took a quarter of
a report's time (benchmarks/report_generation.py). Its garbage is collected once, at the
end of `html_to_pdf`.
"""

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

PRINT_STYLESHEET = "css/print.css"


@cache
def _font_config():
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@cache
def _stylesheet(static_path: str):
    import weasyprint

    path = finders.find(static_path)
    if path is None:
        raise FileNotFoundError(static_path)
    return weasyprint.CSS(
        filename=path, base_url=str(Path(path).parent), font_config=_font_config()
    )


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block; reference counting still frees most
    objects. Then one collection of the youngest generation, which holds everything made
    inside the block (nothing was promoted): WeasyPrint's cyclic garbage, freed at once."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
        gc.collect(0)


def html_to_pdf(html: str, stylesheet: str = PRINT_STYLESHEET) -> bytes:
    """WeasyPrint's part: parse the HTML, lay it out, write the PDF and free its objects."""
    import weasyprint

    with collector_paused():
        return weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR / "static")).write_pdf(
            stylesheets=[_stylesheet(stylesheet)],
            font_config=_font_config(),
            # Tagged PDF (structure tree, language, alt texts) so screen readers can read it.
            pdf_tags=True,
            pdf_variant="pdf/ua-1",
            custom_metadata=True,
        )


def render_to_pdf(
    template_name: str, context: dict, stylesheet: str = PRINT_STYLESHEET
) -> tuple[str, bytes]:
    """Render `template_name` with `context` in Dutch; return (html, pdf_bytes)."""
    with translation.override("nl"):
        html = render_to_string(template_name, context)
    return html, html_to_pdf(html, stylesheet)
