"""Journey 5: the projectleider records a route step and tracks a toezegging to the council."""

from tests.browser import journeys


def test_projectleider_records_a_college_step_and_settles_a_toezegging(page):
    journeys.journey_5_projectleider_records_a_route_step(page)
    journeys.journey_5_projectleider_tracks_a_toezegging(page)
