"""A definitief or sent report is a record: PDF/A-2a (archival) and PDF/UA-1 (accessible)
at once, with the identification in its XMP metadata and its structure tree intact."""

import hashlib
import re
from io import BytesIO
from xml.etree import ElementTree

from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import translation

import pypdf
import pytest
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from ghnt_portal import pdf
from monitoring.constants import ReportStatus
from monitoring.models import ProgressReport
from monitoring.reports import services
from monitoring.reports.tasks import generate_report
from tests.monitoring.reports import adopt, approve, make_report
from tests.pdfa_rules import problems, xmp

pytestmark = pytest.mark.django_db

SMALL = """<!doctype html><html lang="nl"><head><meta charset="utf-8">
<title>Proef</title><meta name="author" content="Regio Proef"></head>
<body><h1 id="top">Proef</h1><p>Tekst met een <a href="#top">koppeling</a>.</p></body></html>"""


def _struct(element, found=None):
    """The structure elements in reading order: (type, alt text) per element."""
    found = [] if found is None else found
    element = element.get_object()
    if "/S" in element:
        found.append((str(element["/S"]), element.get("/Alt")))
    kids = element.get("/K")
    for kid in kids if isinstance(kids, ArrayObject) else [kids]:
        if isinstance(kid, IndirectObject | DictionaryObject) and "/S" in kid.get_object():
            _struct(kid, found)
    return found


def _sent_report(programme, user):
    report = ProgressReport.objects.get(pk=generate_report(programme.pk, "2021-H1", user.pk))
    report = services.finalise(approve(report, user), user)
    return services.send(report, user)


def test_a_sent_report_is_pdf_a_2a_and_pdf_ua_1_and_stays_tagged(zawa_programme, projectleider):
    report = _sent_report(zawa_programme, projectleider)
    assert report.status == ReportStatus.SENT
    with report.pdf.open("rb") as f:
        data = f.read()
    title = "Voortgangsrapportage Zaanstreek-Waterland – 1e halfjaar 2021"

    # The XMP identification: PDF/A-2 level A, PDF/UA-1, pdfuaid declared for PDF/A.
    claims = xmp(data)
    assert (claims["pdfa_part"], claims["pdfa_conformance"], claims["pdfua_part"]) == (
        "2",
        "A",
        "1",
    )
    assert claims["extension_schemas"] == "http://www.aiim.org/pdfua/ns/id/"
    assert claims["title"] == title
    assert problems(data) == []

    # Title, language, marked content, the structure tree with its alt texts and order.
    reader = pypdf.PdfReader(BytesIO(data))
    root = reader.trailer["/Root"]
    assert reader.metadata["/Title"] == title
    assert root["/Lang"] == "nl"
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a pypdf BooleanObject)
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712
    elements = _struct(root["/StructTreeRoot"])
    figures = [alt for kind, alt in elements if kind == "/Figure"]
    assert figures and all(alt and alt.strip() for alt in figures)
    assert "Voortgang per actielijn" in figures
    # Reading order: the tree's headings come in the order of the report's HTML.
    with translation.override("nl"):
        html = render_to_string(services.REPORT_TEMPLATE, services.report_context(report))
    in_html = [f"/H{level}" for level in re.findall(r"<h([1-6])[\s>]", html)]
    assert [kind for kind, _ in elements if re.fullmatch(r"/H[1-6]", kind)] == in_html
    assert in_html[0] == "/H1"


def test_the_rule_checks_tell_an_archival_pdf_from_a_merely_tagged_one():
    """The checks our README reports on can fail: a PDF/UA-only file breaks PDF/A rules."""
    archival = pdf.html_to_pdf(SMALL, archival=True)
    tagged = pdf.html_to_pdf(SMALL)
    assert problems(archival) == []
    found = "\n".join(problems(tagged))
    assert "6.2.3: no PDF/A output intent" in found
    assert "6.6.4: XMP pdfaid:part is not 2" in found
    assert "6.3.2: annotation /Link is not set to print" in found
    assert "6.6.2.3.1: XMP schema http://www.aiim.org/pdfua/ns/id/" in found
    assert pdf.is_archival(archival) and not pdf.is_archival(tagged)
    # Both are tagged and in Dutch; the XMP packet of the archival one is well-formed XML.
    for data in (archival, tagged):
        root = pypdf.PdfReader(BytesIO(data)).trailer["/Root"]
        assert "/StructTreeRoot" in root and root["/Lang"] == "nl"
    packet = pypdf.PdfReader(BytesIO(archival)).trailer["/Root"]["/Metadata"].get_data()
    ElementTree.fromstring(packet)


def test_a_report_rendered_before_pdf_a_cannot_become_definitief(zawa_programme, projectleider):
    """A concept adopted before reports were archival keeps its old PDF until it is made
    again; finalise refuses it (the file here is small, the rule is the same)."""
    report = adopt(make_report(zawa_programme))

    def store(data):
        report.pdf.save("rapportage.pdf", ContentFile(data), save=False)
        report.pdf_sha256 = hashlib.sha256(data).hexdigest()
        report.save()

    store(pdf.html_to_pdf(SMALL))  # tagged only, as reports were made before
    with pytest.raises(services.ReportError, match="archiefwaardig"):
        services.finalise(report, projectleider)
    report.refresh_from_db()
    assert report.status == ReportStatus.CONCEPT

    store(pdf.html_to_pdf(SMALL, archival=True))
    assert services.finalise(report, projectleider).status == ReportStatus.FINAL
