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
