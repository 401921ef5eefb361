"""One way to make a PDF: render a template to HTML, then WeasyPrint renders the HTML.

WeasyPrint is imported inside the functions (it loads Pango at import time), gets an
explicit base_url (nothing is fetched from the network). The print stylesheet and the font
configuration are made once per process and reused by every PDF it renders (a Celery
worker process renders many). The HTML is returned too, so tests can assert on both.

The cyclic garbage collector is paused while WeasyPrint lays out and writes: it builds
millions of small objects, and the collector walking them over and over took a quarter of
a report's time (benchmarks/report_generation.py). Its garbage is collected once, at the
end of `html_to_pdf`.

Every PDF is tagged (structure tree, language, alt texts, reading order: PDF/UA-1). An
archival one (`archival=True`: a report that becomes a record) is PDF/A-2a as well: the
"a" level of PDF/A is the tagged one, so the same structure tree stays, plus an sRGB output
intent, a file identifier, printable annotations and embedded fonts (WeasyPrint embeds every
font, subsetted). WeasyPrint writes one identification into the XMP metadata, PDF/A's; the
finisher `_declare_pdf_ua` adds PDF/UA's, with the extension schema PDF/A asks for every
property outside its own schemas. PDF/A-2 rather than -3: -3 allows any file embedded, which
archives do not want in a record (the Nationaal Archief prefers PDF/A-1 and -2).
"""

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

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


ARCHIVAL_VARIANT = "pdf/a-2a"
TAGGED_VARIANT = "pdf/ua-1"
# Added inside WeasyPrint's rdf:RDF element, whose start tag declares the rdf prefix.
PDF_UA_XMP = b"""
<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"
 pdfuaid:part="1"/>
<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
 xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
 xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>The part of ISO 14289 (PDF/UA) followed</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
"""


def _declare_pdf_ua(document: Any, pdf: Any) -> None:
    """WeasyPrint's finisher: put PDF/UA-1's identification into the XMP packet beside
    PDF/A's, one rdf:RDF (some readers take only the first), left uncompressed (a few KiB)
    so that even a byte search finds which standards the file claims."""
    stream = pdf.objects[int(pdf.catalog["Metadata"].split()[0])]  # "12 0 R"
    packet = b"\n".join(bytes(part) for part in stream.stream)
    stream.stream = [packet.replace(b"</rdf:RDF>", PDF_UA_XMP + b"</rdf:RDF>", 1)]
    stream.compress = False


def is_archival(data: bytes) -> bool:
    """Whether a PDF made here claims PDF/A-2 (its XMP packet is written uncompressed)."""
    return b'pdfaid:part="2"' in data


def html_to_pdf(html: str, stylesheet: str = PRINT_STYLESHEET, archival: bool = False) -> bytes:
    """WeasyPrint's part: parse the HTML, lay it out, write the PDF and free its objects.
    Tagged PDF/UA-1 always; PDF/A-2a and PDF/UA-1 together when `archival`."""
    import weasyprint

    with collector_paused():
        return weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR / "static")).write_pdf(
            stylesheets=[_stylesheet(stylesheet)],
            font_config=_font_config(),
            # Tagged PDF (structure tree, language, alt texts) so screen readers can read it.
            pdf_tags=True,
            pdf_variant=ARCHIVAL_VARIANT if archival else TAGGED_VARIANT,
            finisher=_declare_pdf_ua if archival else None,
            custom_metadata=True,
        )


def render_to_pdf(
    template_name: str,
    context: dict,
    stylesheet: str = PRINT_STYLESHEET,
    archival: bool = False,
) -> tuple[str, bytes]:
    """Render `template_name` with `context` in Dutch; return (html, pdf_bytes)."""
    with translation.override("nl"):
        html = render_to_string(template_name, context)
    return html, html_to_pdf(html, stylesheet, archival)
