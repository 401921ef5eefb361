"""Journey 3: the half-yearly report as the accountability document. A partner explains
its action, the projectleider accepts it, composes the concept (prefilled), takes it
through AO and BO, makes it definitief and sends it once, after confirming each; a
wethouder downloads the PDF, which holds the explanation, the risks and the summary.
Tasks run eagerly (no broker in the tests); tests/e2e runs the report steps on a real
Celery worker."""

import re
from io import BytesIO

from django.core import mail

import pypdf
import pytest

from monitoring.models import ReportDownload
from tests.browser import journeys


@pytest.fixture
def report_page(page):
    """A sent report cannot be deleted (a trigger): tests/conftest.py empties the tables after
    the test with the triggers lifted."""
    return page


def test_the_full_cycle_from_partner_update_to_the_wethouders_download(report_page):
    page = report_page
    journeys.journey_2_veilig_thuis_posts_an_update(page)
    journeys.journey_2_projectleider_accepts_the_update(page)
    journeys.log_out(page)
    journeys.journey_3_projectleider_makes_and_sends_the_report(page, explanation_prefilled=True)
    # The notifications of the update (submitted, accepted) went to people; the report
    # went to the Rijk once.
    [report_mail] = [m for m in mail.outbox if m.to == [journeys.RIJK_ADDRESS]]
    assert all(not m.attachments for m in mail.outbox if m is not report_mail)
    name, content, mimetype = report_mail.attachments[0]
    assert (name, mimetype) == (journeys.REPORT_FILENAME, "application/pdf")

    pdf = journeys.journey_3_wethouder_downloads_the_pdf(page)
    assert pdf == content  # the frozen PDF: what the Rijk got
    # The click and the header check are two downloads, both recorded.
    assert ReportDownload.objects.filter(user__username="wethouder-zaanstad").count() == 2

    reader = pypdf.PdfReader(BytesIO(pdf))
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))
    assert journeys.SUMMARY in text
    assert journeys.EXPLANATION["remark"] in text
    assert journeys.EXPLANATION["next_edited"] in text  # as the projectleider accepted it
    assert journeys.EXPLANATION["bijsturing"] in text
    assert "Oordeel: Aandachtspunt" in text
    assert journeys.RISK in text  # the risk register
    assert journeys.EXPLANATION["risks"] in text  # the partner's risks
    assert "Bestuurlijk Overleg Zorg en Veiligheid, 12-07-2021: vaststellen – akkoord" in text
