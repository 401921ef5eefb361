"""Journey 4: a raadslid opens the dashboard of Zaanstreek-Waterland in a real browser."""

from tests.browser import journeys


def test_raadslid_sees_police_figures_and_progress_with_tables(page):
    journeys.journey_4_raadslid_reads_the_dashboard(page)
