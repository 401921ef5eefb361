"""Journey 1 in Chromium: the projectleider edits action 2B, adds a milestone for the January AO,
changes a budget line, and sees the recomputed totals and the history."""

from tests.browser import journeys


def test_projectleider_edits_action_2b(page):
    journeys.journey_1_projectleider_edits_action_2b(page)


def test_quick_update_with_htmx_on_the_programme_page(page):
    journeys.journey_1_quick_update_with_htmx(page)
