"""The five journeys of DOMAIN.md in Chromium against the portal as it runs in production:
gunicorn (DEBUG off, manifest static files), a Celery worker on Redis, PostgreSQL.

The steps are the same as the live-server browser tests (tests/browser/journeys.py); here
the report is made by the real worker while the page polls, and the mail is read from the
files the portal's e-mail backend writes.
"""

import time

from monitoring.models import ReportDownload
from tests.browser import journeys


def _mail_to(e2e, address, timeout=30):
    """The messages to `address`, once the worker has sent at least one."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        messages = [m for m in e2e.sent_mail() if m["To"] == address]
        if messages:
            return messages
        time.sleep(0.3)
    raise AssertionError(f"no mail to {address} in {timeout}s: {e2e.sent_mail()}")


def test_journey_1_projectleider_edits_action_2b(page):
    journeys.journey_1_projectleider_edits_action_2b(page)


def test_journey_1_quick_update_with_htmx(page):
    journeys.journey_1_quick_update_with_htmx(page)


def test_journey_2_veilig_thuis_update_accepted_by_the_projectleider(page, e2e):
    journeys.journey_2_veilig_thuis_posts_an_update(page)
    # The worker tells the projectleider, with the link to the review page.
    [message] = _mail_to(e2e, "projectleider-zawa@example.nl")
    assert message["Subject"] == "Voortgangsupdate op actie 2B te beoordelen"
    assert "/acties/voortgang/" in message.get_body(preferencelist=("plain",)).get_content()
    journeys.journey_2_projectleider_accepts_the_update(page)
    # ... and Veilig Thuis that its update was accepted.
    [accepted] = _mail_to(e2e, "veiligthuis-zawa@example.nl")
    assert accepted["Subject"] == "Uw voortgangsupdate op actie 2B is geaccepteerd"


def test_journey_3_report_made_by_the_worker_sent_and_downloaded(page, e2e):
    journeys.journey_3_projectleider_makes_and_sends_the_report(page)
    assert "succeeded in" in e2e.logs["celery"].read_text()  # the worker made it

    [message] = [m for m in e2e.sent_mail() if m["To"] == journeys.RIJK_ADDRESS]
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename() == journeys.REPORT_FILENAME
    assert attachment.get_content().startswith(b"%PDF-")

    pdf = journeys.journey_3_wethouder_downloads_the_pdf(page)
    assert pdf == attachment.get_content()  # the frozen PDF: what the Rijk got
    [(downloads,)] = e2e.query(
        f"SELECT count(*) FROM {ReportDownload._meta.db_table} d "
        "JOIN auth_user u ON u.id = d.user_id WHERE u.username = %s",
        ["wethouder-zaanstad"],
    )
    assert downloads == 2  # the click and the header check


def test_journey_4_raadslid_reads_the_dashboard(page):
    journeys.journey_4_raadslid_reads_the_dashboard(page)


def test_journey_5_route_step_and_toezegging(page):
    journeys.journey_5_projectleider_records_a_route_step(page)
    journeys.journey_5_projectleider_tracks_a_toezegging(page)


def test_journey_6_invited_partner_sets_a_password_and_reports(page, e2e):
    """The invitation e-mail is sent by the real worker after the invitation is committed."""
    import time

    journeys.journey_6_projectleider_invites_a_partner(page)
    deadline = time.monotonic() + 60
    while not e2e.sent_mail() and time.monotonic() < deadline:
        time.sleep(0.5)
    [message] = e2e.sent_mail()
    assert message["To"] == journeys.INVITED_EMAIL
    assert "succeeded in" in e2e.logs["celery"].read_text()
    text = message.get_body(preferencelist=("plain",)).get_content()
    journeys.journey_6_invited_partner_sets_a_password_and_reports(
        page, journeys.invitation_path(text)
    )


def test_large_measurement_import_checked_and_imported_by_the_worker(page, e2e, tmp_path):
    """6,000 rows (over the 5,000 checked in the request): stored, checked by the worker
    while the page follows it, confirmed, imported by the worker in one transaction."""
    import datetime

    from tests.monitoring.helpers import HEADER

    lines = [HEADER]
    for week in range(2100):  # weekly from 1900 for two municipalities and the region
        start = datetime.date(1900, 1, 1) + datetime.timedelta(weeks=week)
        end = start + datetime.timedelta(days=6)
        if start.year == end.year:
            for area in ("GM0479", "Purmerend", "regio"):
                lines.append(f"politie-incidenten-hg;{area};deelperiode;{start};{end};;{week};")
    lines = lines[:6001]
    path = tmp_path / "metingen.csv"
    path.write_text("\n".join(lines))
    journeys.log_in(page, "projectleider-zawa", "Projectleider Zaanstreek-Waterland")
    page.goto(e2e.base_url + "/monitoring/regio/zaanstreek-waterland/metingen/importeren/")
    page.get_by_label("Bestand met metingen (CSV of xlsx)").set_input_files(str(path))
    page.get_by_role("button", name="Bekijk voorbeeld").click()
    # The page polls the worker's progress and reloads with the preview when it is checked.
    confirm = page.get_by_role("button", name="Bevestig de import van 6000 regels")
    confirm.wait_for(timeout=120_000)
    confirm.click()
    page.get_by_text(": 6000 nieuw, 0 gewijzigd, 0 ongewijzigd.").wait_for(timeout=120_000)
    [(imported,)] = e2e.query(
        "SELECT count(*) FROM monitoring_measurement WHERE period_start < '1950-01-01'"
    )
    assert imported == 6000
    log = e2e.logs["celery"].read_text()
    assert "monitoring.imports.check_import" in log and "monitoring.imports.run_import" in log
