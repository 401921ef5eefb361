"""Journey 3: the projectleider makes the half-yearly report, freezes and sends it; a
wethouder downloads the PDF. Tasks run eagerly (no broker in the tests)."""

from django.core import mail
from django.db import connection

import pytest

from monitoring import db_triggers
from monitoring.models import ProgressReport, ReportDownload
from tests.browser.conftest import login, screenshot


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
    login(page, "projectleider-zawa")
    page.get_by_role(
        "link", name="Regionaal Actieplan Geweld hoort nergens thuis 2020-2021"
    ).click()
    page.get_by_role("link", name="Voortgangsrapportages aan het Rijk").click()
    page.get_by_label("Periode").select_option("2021-H1")
    page.get_by_role("button", name="Rapportage maken").click()

    assert page.get_by_role("heading", level=1).inner_text() == (
        "Voortgangsrapportage 1e halfjaar 2021"
    )
    status = page.get_by_role("status").filter(has_text="Gemaakt op")
    status.wait_for()
    assert "Gereed" in status.inner_text()
    screenshot(page, "journey3-report-concept")

    page.get_by_role("button", name="Definitief maken").click()
    assert "De rapportage is definitief" in page.get_by_role("status").first.inner_text()
    page.get_by_role("button", name="Verzenden aan het Rijk").click()
    assert "verzonden aan voortgang-ghnt@rijk.example.nl" in page.content()
    assert page.locator("#report-state").inner_text() == "Verzonden"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["voortgang-ghnt@rijk.example.nl"]
    assert mail.outbox[0].attachments[0][2] == "application/pdf"
    screenshot(page, "journey3-report-sent")

    page.get_by_role("button", name="Uitloggen").click()
    login(page, "wethouder-zaanstad")
    page.get_by_role(
        "link", name="Regionaal Actieplan Geweld hoort nergens thuis 2020-2021"
    ).click()
    page.get_by_role("link", name="Voortgangsrapportages aan het Rijk").click()
    page.get_by_role("link", name="1e halfjaar 2021").click()
    with page.expect_download() as info:
        page.get_by_role("link", name="PDF downloaden").click()
    download = info.value
    assert download.suggested_filename == "voortgangsrapportage-zaanstreek-waterland-2021-H1-v1.pdf"
    with open(download.path(), "rb") as f:
        assert f.read(5) == b"%PDF-"
    response = page.request.get(page.base_url + download.url.removeprefix(page.base_url))
    assert response.headers["content-type"] == "application/pdf"
    assert ReportDownload.objects.filter(user__username="wethouder-zaanstad").count() == 2
    screenshot(page, "journey3-wethouder")
