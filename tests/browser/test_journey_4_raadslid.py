"""Journey 4: a raadslid opens the dashboard of Zaanstreek-Waterland in a real browser."""

import re

from tests.browser.conftest import login, screenshot


def test_raadslid_sees_police_figures_and_progress_with_tables(page):
    login(page, "raadslid-zaanstad")
    page.get_by_role("link", name="Dashboard", exact=True).click()
    page.get_by_role("link", name=re.compile("Zaanstreek-Waterland")).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Dashboard Zaanstreek-Waterland"

    # Police figures of appendix 1, per municipality, as a table with the chart.
    incidents = page.get_by_role("table", name=re.compile("Politie: incidenten huiselijk geweld"))
    zaanstad = incidents.get_by_role("row", name=re.compile("^Zaanstad"))
    cells = zaanstad.get_by_role("cell").all_inner_texts()
    assert cells == ["487", "517", "667", "272"]
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
    screenshot(page, "journey-4-dashboard-raadslid")

    # No report was sent yet: the switch to "as reported" is disabled, with a message.
    assert page.get_by_label(re.compile("Zoals gerapporteerd")).is_disabled()
    assert page.get_by_text("nog geen voortgangsrapportage verzonden").is_visible()
