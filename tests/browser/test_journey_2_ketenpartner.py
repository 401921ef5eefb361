"""Journey 2: Veilig Thuis reports progress on its own action; the projectleider accepts it."""

from tests.browser import journeys


def test_veilig_thuis_posts_an_update_and_the_projectleider_accepts_it(page):
    journeys.journey_2_veilig_thuis_posts_an_update(page)
    journeys.journey_2_projectleider_accepts_the_update(page)
