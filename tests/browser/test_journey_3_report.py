"""Journey 3: the projectleider makes the half-yearly report, freezes and sends it; a
wethouder downloads the PDF. Tasks run eagerly (no broker in the tests); tests/e2e runs the
same steps on a real Celery worker."""

from django.core import mail
from django.db import connection

import pytest

from monitoring.models import ProgressReport, ReportDownload
from monitoring.reports import triggers as db_triggers
from tests.browser import journeys


@pytest.fixture
def report_page(page):
    yield page
    # SQLite empties tables with DELETE after a live-server test, which the freeze trigger
    # refuses for a sent report; lift it for the cleanup only (PostgreSQL uses TRUNCATE).
    if connection.vendor == "sqlite":
        with db_triggers.suspended(connection), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {ReportDownload._meta.db_table}")
            cursor.execute(f"DELETE FROM {ProgressReport._meta.db_table}")


def test_projectleider_sends_the_report_and_wethouder_downloads_it(report_page):
    page = report_page
    journeys.journey_3_projectleider_makes_and_sends_the_report(page)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [journeys.RIJK_ADDRESS]
    name, content, mimetype = mail.outbox[0].attachments[0]
    assert (name, mimetype) == (journeys.REPORT_FILENAME, "application/pdf")
    assert content.startswith(b"%PDF-")

    journeys.journey_3_wethouder_downloads_the_pdf(page)
    # The click and the header check are two downloads, both recorded.
    assert ReportDownload.objects.filter(user__username="wethouder-zaanstad").count() == 2
