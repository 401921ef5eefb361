"""The five journeys of DOMAIN.md as browser steps, written once.

Run twice: by the browser tests in tests/browser (Django's in-thread live server, SQLite or
the test database, tasks eager) and by the end-to-end tests in tests/e2e (gunicorn, a Celery
worker, Redis and PostgreSQL). The steps talk to the portal only through the browser; what
differs between the two set-ups (reading sent mail, counting downloads) stays in the tests.

Every page a journey shows is photographed and checked with axe (`seen`): after each
navigation, after forms that come back with validation errors, and after htmx updates.
"""

import re

from tests.browser.a11y import assert_accessible
from tests.browser.conftest import login, screenshot

PLAN = "Regionaal Actieplan Geweld hoort nergens thuis 2020-2021"
PLAN_SHORT = "Actieplan GHNT ZaWa 2020-2021"
RIJK_ADDRESS = "voortgang-ghnt@rijk.example.nl"
REPORT_PERIOD = "2021-H1"
EXPLANATION = {
    "remark": "Twee MDA++-trainingen gegeven aan de casusregisseurs.",
    "missed": "Mijlpaal j schoof door de coronamaatregelen naar het voorjaar.",
    "next": "Derde training in het najaar.",
    "next_edited": "Derde training in het najaar; evaluatie in het AO van juli.",
    "risks": "Te weinig gecertificeerde trainers in de regio.",
    "bijsturing": "Een extra trainer ingehuurd via Veilig Thuis.",
}
SUMMARY = "Het eerste halfjaar stond in het teken van MDA++: de trainingen lopen, met vertraging."
RISK = "Rijksmiddelen stoppen eind 2021"
REPORT_FILENAME = "voortgangsrapportage-zaanstreek-waterland-2021-H1-v1.pdf"
# How the history names the demo projectleider: full name and organisation, not the login.
PROJECTLEIDER_NAME = "Projectleider Zaanstreek-Waterland (projectleider regio Zaanstreek-Waterland)"


def seen(page, name):
    """What the user sees now: keep a screenshot and check it against WCAG 2.1 A/AA."""
    screenshot(page, name)
    text = page.locator("body").inner_text()
    for leak in ("{#", "#}", "{%", "{{"):  # template syntax shown as text
        assert leak not in text, f"{leak!r} on {page.url} ({name})"
    assert_accessible(page)


def log_in(page, username, name):
    login(page, username)
    seen(page, name)


def log_out(page):
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url("**/inloggen/")


def open_plan(page, name):
    """From the start page: the plan's card under "Mijn programma's" (the panels above may
    link to its reports too)."""
    page.locator(".ghnt-card--programme").get_by_role("link", name=PLAN).click()
    page.get_by_role("heading", level=1).wait_for()
    seen(page, name)


def _open_section(page, prefix):
    """The action form folds its rows away (details/summary); open one as a user does."""
    if page.locator(f"details#{prefix}").get_attribute("open") is None:
        page.locator(f"details#{prefix} > summary").click()


def _planned(page, source):
    return page.locator(f'.budget-per-source tr[data-source="{source}"] .source-planned')


# Journey 1 --------------------------------------------------------------------------------


def journey_1_projectleider_edits_action_2b(page):
    """Edit 2B, add a milestone for the January AO, change a budget line; see the recomputed
    totals per funding source and the change in the action's history."""
    page.goto(page.base_url + "/")
    assert "/inloggen/" in page.url  # anonymous visitors see only the login page
    seen(page, "journey1-00-login")
    log_in(page, "projectleider-zawa", "journey1-01-home")
    open_plan(page, "journey1-02-programme")
    assert _planned(page, "Subsidie aan te vragen").inner_text() == "€ 187.000"

    page.get_by_role("link", name="Versterken casusoverleg MDA++", exact=False).first.click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Actie 2B.")
    seen(page, "journey1-03-action")
    page.get_by_role("link", name="Actie bewerken").click()
    page.locator("#id_status").wait_for()
    seen(page, "journey1-04-edit-form")

    # A milestone without its title comes back with an error next to the field.
    _open_section(page, "milestones")
    page.locator("#id_milestones-3-letter").fill("ff")
    page.locator("#id_milestones-3-planned_year").fill("2022")
    page.locator("#id_milestones-3-planned_quarter").fill("1")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    errors = ".utrecht-form-field-error-message, .errorlist, .utrecht-alert--error"
    page.locator(errors).first.wait_for()
    seen(page, "journey1-05-edit-form-errors")

    page.locator("#id_status").select_option(label="Vertraagd")
    # The empty milestone form after 2B's three milestones (j, k, l); the section with the
    # error came back open.
    assert page.locator("details#milestones").get_attribute("open") is not None
    page.locator("#id_milestones-3-letter").fill("ff")
    page.locator("#id_milestones-3-title").fill("Evaluatie MDA++")
    page.locator("#id_milestones-3-planned_year").fill("2022")
    page.locator("#id_milestones-3-planned_quarter").fill("1")
    page.locator("#id_milestones-3-meeting_label").fill("AO-jan")
    page.locator("#id_milestones-3-meeting").select_option(label="AO januari 2021 (AO-jan)")
    _open_section(page, "budget")
    amount = page.locator("#id_budget-3-amount")
    assert amount.input_value() == "50.000"
    amount.fill("60.000")
    screenshot(page, "journey1-06-edit-form-filled")
    page.get_by_role("button", name="Opslaan", exact=True).click()

    page.wait_for_url("**/acties/*/")
    assert page.get_by_text("Actie 2B is opgeslagen.").is_visible()
    history = page.locator("#historie").locator("xpath=..")
    assert history.get_by_text(
        f"{PROJECTLEIDER_NAME} wijzigde Status van 'In uitvoering' naar 'Vertraagd'"
    ).is_visible()
    assert history.get_by_text(
        f"{PROJECTLEIDER_NAME} voegde mijlpaal 'ff. Evaluatie MDA++' toe"
    ).is_visible()
    assert history.get_by_text("van '€ 50.000' naar '€ 60.000'", exact=False).is_visible()
    seen(page, "journey1-07-action-history")

    page.get_by_role("link", name="Actieplan GHNT ZaWa 2020-2021").click()
    assert _planned(page, "Subsidie aan te vragen").inner_text() == "€ 197.000"
    grid = page.locator("table.milestone-grid")
    assert grid.get_by_role("columnheader", name="Q1 2022").is_visible()
    assert "ff AO-jan" in grid.locator("tr", has_text="Versterken casusoverleg").inner_text()
    seen(page, "journey1-08-programme-after")


def journey_1_quick_update_with_htmx(page):
    """The projectleider updates 2B's status from the programme page without a reload."""
    log_in(page, "projectleider-zawa", "journey1-10-home")
    open_plan(page, "journey1-11-programme")
    url = page.url
    # The form comes on demand: the button fetches it into place and the status takes focus.
    page.get_by_role("link", name="Bijwerken status en voortgang van actie 2B").click()
    form = page.locator("form.quick-update", has=page.get_by_label("Status van actie 2B"))
    form.wait_for()
    assert form.get_by_label("Status van actie 2B").evaluate("e => e === document.activeElement")
    form.get_by_label("Status van actie 2B").select_option(label="Afgerond")
    form.get_by_label("Voortgang van actie 2B in procent").fill("100")
    form.get_by_role("button", name="Opslaan voor actie 2B").click()
    page.get_by_text("Actie 2B: Afgerond, 100% opgeslagen.").wait_for()
    assert page.url == url  # no page reload
    seen(page, "journey1-12-quick-update")


# Journey 2 --------------------------------------------------------------------------------


def journey_2_veilig_thuis_posts_an_update(page):
    """Veilig Thuis sees only its own actions and posts a status update on 2B."""
    log_in(page, "veiligthuis-zawa", "journey2-01-home")
    page.get_by_role("link", name="Mijn acties").click()
    page.wait_for_url("**/acties/mijn/")
    table = page.get_by_role("table").first
    assert table.get_by_role("rowheader", name="2B").is_visible()
    # 2C belongs to Projectteam GHNT only: not on Veilig Thuis's list.
    assert page.get_by_role("rowheader", name="2C").count() == 0
    seen(page, "journey2-02-mijn-acties")

    page.get_by_role("link", name="Update geven op actie 2B").click()
    page.get_by_label("Status").wait_for()
    seen(page, "journey2-03-update-form")
    page.get_by_label("Verslagperiode").select_option(REPORT_PERIOD)
    page.get_by_label("Status").select_option(label="In uitvoering")
    page.get_by_label("Voortgang (%)").fill("140")
    page.get_by_label("Aandachtspunt").check()
    page.get_by_label("Toelichting: wat is er gedaan en bereikt?").fill(EXPLANATION["remark"])
    page.get_by_role("button", name="Update indienen").click()
    page.locator(".utrecht-form-field-error-message").first.wait_for()
    # At the field (exact), and linked from the error summary at the top of the page.
    assert page.get_by_text("De voortgang ligt tussen 0 en 100 procent.", exact=True).is_visible()
    summary = page.locator("[data-error-summary]")
    assert summary.get_by_role("link", name="Voortgang (%): De voortgang").is_visible()
    # A judgement other than "op schema" asks for the corrective action.
    bijsturing = "Beschrijf de bijsturing: bij een aandachtspunt of achterstand is die nodig."
    assert page.get_by_text(bijsturing, exact=True).is_visible()
    seen(page, "journey2-04-update-form-errors")

    page.get_by_label("Voortgang (%)").fill("40")
    page.get_by_label("Mijlpalen niet gehaald: waarom?").fill(EXPLANATION["missed"])
    page.get_by_label("Volgende stappen").fill(EXPLANATION["next"])
    page.get_by_label("Risico's", exact=True).fill(EXPLANATION["risks"])
    page.get_by_label("Bijsturing: wat doet u aan de risico's of de achterstand?").fill(
        EXPLANATION["bijsturing"]
    )
    page.get_by_role("button", name="Update indienen").click()
    page.wait_for_url("**/acties/mijn/")
    assert page.get_by_text("Uw voortgangsupdate op actie 2B is ingediend").is_visible()
    seen(page, "journey2-05-update-sent")
    log_out(page)


def journey_2_projectleider_accepts_the_update(page):
    log_in(page, "projectleider-zawa", "journey2-06-home-projectleider")
    open_plan(page, "journey2-07-programme")
    assert page.get_by_text("laatste update door Veilig Thuis Zaanstreek-Waterland").is_visible()
    page.get_by_role("link", name="Versterken casusoverleg MDA++", exact=False).first.click()
    page.get_by_text(EXPLANATION["remark"]).wait_for()  # the action page, after the click
    # The judgement in words, not only in colour.
    assert page.locator("[data-status=aandachtspunt]").inner_text() == "Aandachtspunt"
    summary = page.locator("p", has_text="Actielijn:")
    assert "Voortgang 0%" in summary.inner_text()  # not applied before acceptance
    seen(page, "journey2-08-action-with-update")
    # in the page itself; the navigation's "Te beoordelen (1)" leads to the same review
    page.get_by_role("main").get_by_role("link", name="Beoordelen").click()
    page.get_by_label("Accepteren: de waarden worden in de actie overgenomen").wait_for()
    # The projectleider may edit the explanation before accepting it.
    next_steps = page.get_by_label("Volgende stappen")
    assert next_steps.input_value() == EXPLANATION["next"]
    next_steps.fill(EXPLANATION["next_edited"])
    seen(page, "journey2-09-review-form")
    page.get_by_label("Accepteren: de waarden worden in de actie overgenomen").check()
    page.get_by_role("button", name="Besluit opslaan").click()
    page.get_by_text("De update is geaccepteerd").wait_for()
    assert "Voortgang 40%" in summary.inner_text()
    assert page.get_by_text("Geaccepteerd door Projectleider Zaanstreek-Waterland").is_visible()
    seen(page, "journey2-10-accepted")


# Journey 3 --------------------------------------------------------------------------------


def _wait_until_made(page, timeout):
    """The page polls the background job (htmx); wait until it says the PDF is made."""
    status = page.get_by_role("status").filter(has_text="Gemaakt op")
    status.wait_for(timeout=timeout)
    assert "Gereed" in status.inner_text()


def journey_3_projectleider_makes_and_sends_the_report(
    page, *, generation_timeout=90_000, explanation_prefilled=False
):
    """Add a risk; request the 2021-H1 report and wait while the page polls the background
    job; write the summary in the concept (per action the accepted explanation is already
    there); record the AO's discussion and the BO's adoption; make it definitief and send it
    to the Rijk, each after a confirmation page."""
    # Without a broker (the live-server tests) the PDF is made eagerly inside the request
    # that asks for it, so a click may wait for it; with a worker (e2e) it returns at once.
    page.set_default_timeout(generation_timeout)
    log_in(page, "projectleider-zawa", "journey3-01-home")
    open_plan(page, "journey3-02-programme")
    page.get_by_role("link", name="Risicoregister bijhouden").click()
    page.get_by_role("link", name="Risico toevoegen").click()
    page.get_by_label(re.compile(r"^\s*Risico\s*\*?\s*$")).fill(RISK)
    page.get_by_label("Kans").select_option(label="Groot")
    page.get_by_label("Gevolgen").select_option(label="Groot")
    page.get_by_label("Beheersmaatregel").fill("Borging in de reguliere begroting voorbereiden.")
    seen(page, "journey3-02a-risk-form")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("cell", name=RISK).wait_for()
    seen(page, "journey3-02b-risk-register")

    page.get_by_role("link", name=PLAN_SHORT).click()
    page.get_by_role("link", name="Voortgangsrapportages aan het Rijk").click()
    page.get_by_label("Periode").wait_for()
    seen(page, "journey3-03-report-list")
    page.get_by_label("Periode").select_option(REPORT_PERIOD)
    # On the live server tasks run eagerly, so the click's navigation waits for the PDF
    # (seconds, more on a busy machine); with a worker (tests/e2e) it returns at once.
    page.get_by_role("button", name="Rapportage maken").click(timeout=60_000)

    assert page.get_by_role("heading", level=1).inner_text() == (
        "Voortgangsrapportage 1e halfjaar 2021"
    )
    if page.get_by_role("status").filter(has_text="Gemaakt op").count() == 0:
        seen(page, "journey3-04-report-in-progress")  # the htmx poll is on screen
    _wait_until_made(page, generation_timeout)
    seen(page, "journey3-05-report-concept")

    # The concept as an editable document, prefilled from the accepted updates.
    page.get_by_role("link", name="Teksten bewerken").click()
    page.get_by_label("Samenvatting").wait_for()
    if explanation_prefilled:
        assert (
            page.get_by_label("Volgende stappen 2B").input_value() == (EXPLANATION["next_edited"])
        )
        assert page.get_by_label("Oordeel over actie 2B").input_value() == "aandachtspunt"
    seen(page, "journey3-06-report-texts")
    page.get_by_label("Samenvatting").fill(SUMMARY)
    page.get_by_role("button", name="Teksten opslaan").click()
    page.get_by_text("De teksten zijn opgeslagen").wait_for()
    # Saving makes no PDF: the page says the PDF is older, the HTML preview shows the texts.
    page.get_by_text("de teksten zijn daarna gewijzigd").wait_for()
    page.get_by_role("link", name="Voorbeeld bekijken").click()
    page.get_by_text(SUMMARY).first.wait_for()
    seen(page, "journey3-06b-report-preview")
    page.get_by_role("link", name="Terug naar de rapportage").click()

    # The route: AO, then BO (the region's own bodies), each with date and conclusion.
    page.get_by_role("link", name="Bespreking in AO vastleggen").click()
    page.get_by_label(re.compile(r"^\s*Overleg\s*\*?\s*$")).select_option(
        label="Ambtelijk Overleg Zorg en Veiligheid"
    )
    page.get_by_label("Datum van het overleg").fill("2021-07-05")
    page.get_by_label("Conclusie").select_option(label="Positief")
    page.get_by_label("Opmerkingen en afspraken").fill("Besproken; geen wijzigingen.")
    seen(page, "journey3-07-ao-step")
    page.get_by_role("button", name="Vastleggen").click()
    page.get_by_text("Bespreking in het ambtelijk overleg is vastgelegd").wait_for()
    _wait_until_made(page, generation_timeout)  # the PDF with the texts the AO discussed
    assert page.get_by_text("de teksten zijn daarna gewijzigd").count() == 0
    page.get_by_role("link", name="Vaststelling in BO vastleggen").click()
    page.get_by_label(re.compile(r"^\s*Overleg\s*\*?\s*$")).select_option(
        label="Bestuurlijk Overleg Zorg en Veiligheid"
    )
    page.get_by_label("Datum van het overleg").fill("2021-07-12")
    page.get_by_label("Conclusie").select_option(label="Akkoord")
    seen(page, "journey3-08-bo-step")
    page.get_by_role("button", name="Vastleggen").click()
    page.get_by_text("De vaststelling is vastgelegd").wait_for()
    _wait_until_made(page, generation_timeout)  # once more, with the adoption on the cover
    route = page.locator(".report-route")
    assert "Bestuurlijk Overleg Zorg en Veiligheid, 12 juli 2021" in route.inner_text()
    seen(page, "journey3-09-report-adopted")

    page.get_by_role("link", name="Definitief maken…").click()
    page.get_by_role("heading", name="Rapportage definitief maken?").wait_for()
    assert page.get_by_text("Er wordt nog niets verzonden", exact=False).is_visible()
    seen(page, "journey3-10-confirm-final")
    page.get_by_role("button", name="Ja, definitief maken").click()
    page.get_by_role("status").filter(has_text="De rapportage is definitief").wait_for()
    seen(page, "journey3-11-report-final")

    page.get_by_role("link", name="Verzenden aan het Rijk…").click()
    page.get_by_role("heading", name="Rapportage verzenden aan het Rijk?").wait_for()
    assert page.get_by_text(f"Er gaat één e-mail naar {RIJK_ADDRESS}", exact=False).is_visible()
    seen(page, "journey3-12-confirm-send")
    page.get_by_role("button", name=f"Ja, verzenden aan {RIJK_ADDRESS}").click()
    page.get_by_text(f"verzonden aan {RIJK_ADDRESS}", exact=False).first.wait_for()
    assert page.locator("#report-state").inner_text() == "Verzonden"
    # Sent once: no send button any more.
    assert page.get_by_role("link", name="Verzenden aan het Rijk…").count() == 0
    seen(page, "journey3-13-report-sent")
    log_out(page)
    page.set_default_timeout(10_000)


def journey_3_wethouder_downloads_the_pdf(page):
    """Returns the bytes of the downloaded PDF."""
    log_in(page, "wethouder-zaanstad", "journey3-08-home-wethouder")
    open_plan(page, "journey3-09-programme-wethouder")
    page.get_by_role("link", name="Voortgangsrapportages aan het Rijk").click()
    page.get_by_role("link", name="1e halfjaar 2021").wait_for()
    seen(page, "journey3-10-report-list-wethouder")
    page.get_by_role("link", name="1e halfjaar 2021").click()
    page.get_by_role("link", name="PDF downloaden").wait_for()
    seen(page, "journey3-11-report-wethouder")
    with page.expect_download() as info:
        page.get_by_role("link", name="PDF downloaden").click()
    download = info.value
    assert download.suggested_filename == REPORT_FILENAME
    with open(download.path(), "rb") as f:
        pdf = f.read()
    assert pdf.startswith(b"%PDF-")
    response = page.request.get(page.base_url + download.url.removeprefix(page.base_url))
    assert response.headers["content-type"] == "application/pdf"
    return pdf


# Journey 4 --------------------------------------------------------------------------------


def journey_4_raadslid_reads_the_dashboard(page):
    """Police figures per municipality and progress per action line; every chart with its
    numbers as a table."""
    log_in(page, "raadslid-zaanstad", "journey4-01-home")
    page.get_by_role("link", name="Dashboard", exact=True).click()
    page.get_by_role("link", name=re.compile("Zaanstreek-Waterland")).wait_for()
    seen(page, "journey4-02-dashboard-index")
    page.get_by_role("link", name=re.compile("Zaanstreek-Waterland")).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Dashboard Zaanstreek-Waterland"

    # Police figures of appendix 1, per municipality, as a table with the chart.
    incidents = page.get_by_role("table", name=re.compile("Politie: incidenten huiselijk geweld"))
    zaanstad = incidents.get_by_role("row", name=re.compile("^Zaanstad"))
    assert zaanstad.get_by_role("cell").all_inner_texts() == ["487", "517", "667", "272"]
    headers = incidents.get_by_role("columnheader").all_inner_texts()
    assert "t/m mei 2020 (deel van een jaar)" in headers
    chart = page.get_by_role("img", name=re.compile("Politie: incidenten huiselijk geweld"))
    assert "deel van een jaar" in chart.inner_html()

    # Progress of every action line, with the rule stated, as chart and table.
    assert page.get_by_text("afgeronde acties tellen als 100%").first.is_visible()
    progress = page.get_by_role("table", name=re.compile("Voortgang per actielijn"))
    for line in ("Eerder en beter in beeld", "Stoppen en duurzaam oplossen", "Borgen"):
        assert progress.get_by_role("row", name=re.compile(line)).count() == 1

    # Every chart on the page has a table and a one-sentence summary.
    figures = page.locator("figure.dashboard-chart")
    assert figures.count() >= 6
    for i in range(figures.count()):
        figure = figures.nth(i)
        assert figure.locator("table caption").count() == 1
        assert figure.locator("figcaption").inner_text().startswith("Samenvatting:")

    # No report was sent yet: the switch to "as reported" is disabled, with a message.
    assert page.get_by_label(re.compile("Zoals gerapporteerd")).is_disabled()
    assert page.get_by_text("nog geen voortgangsrapportage verzonden").is_visible()
    seen(page, "journey4-03-dashboard-raadslid")


# Journey 5 --------------------------------------------------------------------------------


def journey_5_projectleider_records_a_route_step(page):
    """The college is informed of the plan on 2 November 2021."""
    log_in(page, "projectleider-zawa", "journey5-01-home")
    page.get_by_role("link", name="Besluitvorming").click()
    page.get_by_role("heading", level=1, name="Besluitvorming Zaanstreek-Waterland").wait_for()
    seen(page, "journey5-02-besluitvorming")
    page.get_by_role("link", name=PLAN).click()
    page.get_by_text("Geen volgende stap gepland.").wait_for()
    seen(page, "journey5-03-route")

    page.get_by_role("link", name="Route en behandelingen wijzigen").click()
    new_row = page.get_by_role("group", name="Nieuwe behandeling")
    new_row.wait_for()
    seen(page, "journey5-04-route-form")
    new_row.locator('input[name="steps-6-date"]').fill("2021-11-02")
    new_row.locator('select[name="steps-6-body"]').select_option(label="College van B&W Zaanstad")
    new_row.locator('select[name="steps-6-purpose"]').select_option(label="Informeren")
    new_row.locator('textarea[name="steps-6-remarks"]').fill("Collegebrief over de voortgang")
    new_row.locator('input[name="steps-6-ORDER"]').fill("7")
    screenshot(page, "journey5-05-route-form-filled")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("De besluitvormingsroute is opgeslagen").wait_for()
    assert page.get_by_text("College van B&W Zaanstad: informeren op 2 november 2021").is_visible()
    assert page.get_by_text("Vastgesteld").first.is_visible()  # the BO's akkoord still adopts
    seen(page, "journey5-06-route-saved")


def journey_5_projectleider_tracks_a_toezegging(page):
    """A promise to the council with a deadline, settled with the answer."""
    page.get_by_role("link", name="Besluitvorming Zaanstreek-Waterland").click()
    page.get_by_role("link", name="Toezeggingen", exact=True).first.click()
    page.get_by_role("link", name="Nieuwe toezegging").wait_for()
    seen(page, "journey5-07-toezeggingen")
    page.get_by_role("link", name="Nieuwe toezegging").click()
    page.get_by_label("Nummer").wait_for()
    seen(page, "journey5-08-toezegging-form")

    # Without a number and a text the form comes back with errors next to the fields.
    page.get_by_role("button", name="Opslaan").click()
    page.locator(".utrecht-form-field-error-message").first.wait_for()
    seen(page, "journey5-09-toezegging-form-errors")

    page.get_by_label("Nummer").fill("TZ-2021-07")
    page.get_by_label("Toezegging", exact=False).first.fill(
        "De raad ontvangt vóór 1 december de resultaten van de pilot Veilig Thuis."
    )
    page.get_by_label("Gedaan aan").select_option(label="College van B&W Zaanstad")
    page.get_by_label("Uiterlijk af").fill("2021-12-01")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("heading", name="Toezegging TZ-2021-07").wait_for()
    assert page.get_by_text("De toezegging is opgeslagen.").is_visible()
    seen(page, "journey5-10-toezegging")

    page.get_by_role("link", name="Toezegging afdoen").click()
    page.get_by_label("Antwoord").wait_for()
    seen(page, "journey5-11-afdoen-form")
    page.get_by_label("Antwoord").fill("De resultaten staan in de raadsinformatiebrief.")
    page.get_by_label("Afgedaan met (document)").fill("Raadsinformatiebrief 2021-58")
    page.get_by_label("Afgedaan op").fill("2021-11-25")
    page.get_by_role("button", name="Afdoen").click()
    page.get_by_text("Toezegging TZ-2021-07 is afgedaan.").wait_for()
    assert page.get_by_text("Raadsinformatiebrief 2021-58").is_visible()
    assert page.get_by_text("25 november 2021").is_visible()
    seen(page, "journey5-12-toezegging-settled")

    page.get_by_role("link", name="Besluitvorming Zaanstreek-Waterland").click()
    page.get_by_role("link", name="Toezeggingen", exact=True).first.click()
    page.get_by_role("link", name="Nieuwe toezegging").wait_for()
    assert (
        page.get_by_text("0 open").is_visible() or page.locator("strong").first.inner_text() == "0"
    )
    seen(page, "journey5-13-toezeggingen-after")


# Self-service (issue 16): a partner's employee invited by the projectleider --------------

INVITED_EMAIL = "noor.bakker@veiligthuis.example.nl"
INVITED_PASSWORD = "Zaanse-molens-draaien-2026"


def invitation_path(mail_text: str) -> str:
    """The path of the one-time link in the invitation e-mail (the host is the portal's)."""
    link = re.search(r"https?://\S+/uitnodiging/\S+/", mail_text)
    assert link, mail_text
    return "/" + link.group(0).split("://", 1)[1].split("/", 1)[1]


def journey_6_projectleider_invites_a_partner(page):
    log_in(page, "projectleider-zawa", "journey6-01-home")
    page.get_by_role("link", name="Ketenpartners").click()
    page.get_by_role("heading", level=1, name="Ketenpartners Zaanstreek-Waterland").wait_for()
    seen(page, "journey6-02-people")
    page.get_by_role("link", name="Ketenpartner uitnodigen").click()
    page.get_by_label("Voornaam").fill("Noor")
    page.get_by_label("Achternaam").fill("Bakker")
    page.get_by_label("E-mailadres").fill(INVITED_EMAIL)
    page.get_by_label("Organisatie").select_option(label="Veilig Thuis Zaanstreek-Waterland")
    seen(page, "journey6-03-invite-form")
    page.get_by_role("button", name="Uitnodigen").click()
    page.get_by_text("Noor Bakker is uitgenodigd").wait_for()
    row = page.get_by_role("row", name=re.compile("Noor Bakker"))
    assert "nog geen wachtwoord ingesteld" in row.inner_text()
    seen(page, "journey6-04-invited")
    log_out(page)


def journey_6_invited_partner_sets_a_password_and_reports(page, path):
    page.goto(page.base_url + path)
    page.get_by_role("heading", name="Welkom bij het GHNT-portaal").wait_for()
    seen(page, "journey6-05-set-password")
    page.locator("#id_new_password1").fill(INVITED_PASSWORD)
    page.locator("#id_new_password2").fill(INVITED_PASSWORD)
    page.get_by_role("button", name="Wachtwoord instellen").click()
    page.wait_for_url("**/inloggen/")
    assert page.get_by_text("Uw wachtwoord is ingesteld").is_visible()

    login(page, INVITED_EMAIL, INVITED_PASSWORD)
    page.get_by_role("link", name="Mijn acties").click()
    page.wait_for_url("**/acties/mijn/")
    seen(page, "journey6-06-mijn-acties")
    page.get_by_role("link", name="Update geven op actie 2B").click()
    page.get_by_label("Status").select_option(label="In uitvoering")
    page.get_by_label("Voortgang (%)").fill("25")
    page.get_by_label("Op schema").check()
    page.get_by_label("Toelichting: wat is er gedaan en bereikt?").fill("Eerste training gegeven.")
    page.get_by_role("button", name="Update indienen").click()
    page.wait_for_url("**/acties/mijn/")
    assert page.get_by_text("Uw voortgangsupdate op actie 2B is ingediend").is_visible()

    # The link worked once.
    log_out(page)
    page.goto(page.base_url + path)
    page.get_by_text("Deze link werkt niet (meer)").wait_for()
