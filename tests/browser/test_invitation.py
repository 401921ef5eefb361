"""Self-service in a real browser: the projectleider invites a Veilig Thuis employee; the
e-mail's link sets a password; the new partner signs in and posts an update. Every page is
checked with axe."""

import re

from django.core import mail

from actions.models import StatusUpdate
from tests.browser.conftest import login
from tests.browser.journeys import log_out, seen

EMAIL = "noor.bakker@veiligthuis.example.nl"
PASSWORD = "Zaanse-molens-draaien-2026"


def test_an_invited_partner_sets_a_password_signs_in_and_reports(page):
    login(page, "projectleider-zawa")
    page.get_by_role("link", name="Ketenpartners").click()
    page.get_by_role("heading", level=1, name="Ketenpartners Zaanstreek-Waterland").wait_for()
    seen(page, "invitation-01-people")
    page.get_by_role("link", name="Ketenpartner uitnodigen").click()
    page.get_by_label("Voornaam").fill("Noor")
    page.get_by_label("Achternaam").fill("Bakker")
    page.get_by_label("E-mailadres").fill(EMAIL)
    page.get_by_label("Organisatie").select_option(label="Veilig Thuis Zaanstreek-Waterland")
    seen(page, "invitation-02-form")
    page.get_by_role("button", name="Uitnodigen").click()
    page.get_by_text("Noor Bakker is uitgenodigd").wait_for()
    row = page.get_by_role("row", name=re.compile("Noor Bakker"))
    assert "nog geen wachtwoord ingesteld" in row.inner_text()
    seen(page, "invitation-03-invited")
    log_out(page)

    (message,) = [m for m in mail.outbox if m.to == [EMAIL]]
    link = re.search(r"https?://\S+/uitnodiging/\S+/", message.body).group(0)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    page.goto(page.base_url + path)
    page.get_by_role("heading", name="Welkom bij het GHNT-portaal").wait_for()
    seen(page, "invitation-04-set-password")
    page.locator("#id_new_password1").fill(PASSWORD)
    page.locator("#id_new_password2").fill(PASSWORD)
    page.get_by_role("button", name="Wachtwoord instellen").click()
    page.wait_for_url("**/inloggen/")
    assert page.get_by_text("Uw wachtwoord is ingesteld").is_visible()

    login(page, EMAIL, PASSWORD)
    page.get_by_role("link", name="Mijn acties").click()
    page.wait_for_url("**/acties/mijn/")
    seen(page, "invitation-05-mijn-acties")
    page.get_by_role("link", name="Update geven op actie 2B").click()
    page.get_by_label("Status").select_option(label="In uitvoering")
    page.get_by_label("Voortgang (%)").fill("25")
    page.get_by_label("Toelichting").fill("Eerste training gegeven.")
    page.get_by_role("button", name="Update indienen").click()
    page.wait_for_url("**/acties/mijn/")
    assert page.get_by_text("Uw voortgangsupdate op actie 2B is ingediend").is_visible()
    assert StatusUpdate.objects.filter(author__username=EMAIL, action__code="2B").exists()
