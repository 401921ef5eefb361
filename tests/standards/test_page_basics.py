"""Every page opens with the header landmark whose first element is the skip link, and the
public pages describe themselves for search engines with a meta description of their own."""

import html
import re

from django.urls import reverse

import pytest

from tests.two_factor import log_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    from tests.world import World

    return World()


def description(page: str) -> str:
    found = re.findall(r'<meta name="description" content="([^"]*)">', page)
    assert len(found) == 1, found
    return html.unescape(found[0])


def assert_skip_link_first_in_header(page: str, where: str) -> None:
    body = page[page.index("<body") :]
    body = body[body.index(">") + 1 :]
    assert re.match(
        r'\s*<header class="utrecht-page-header">\s*'
        r'<a class="utrecht-skip-link[^"]*" href="#inhoud">',
        body,
    ), (where, body[:200])


def test_public_pages_have_a_meta_description_of_their_own(client, world):
    programme = world.zawa_programme
    pages = {
        reverse("public:index"): "Openbare verantwoording",
        reverse("public:programme", args=[programme.pk]): programme.title,
        reverse("public:action", args=[world.action_2b.pk]): f"Actie {world.action_2b.code}",
        reverse("login"): "Inloggen",
        reverse("accessibility_statement"): "Toegankelijkheidsverklaring",
        reverse("privacy_statement"): "Privacyverklaring",
        reverse("disclosure_policy"): "kwetsbaarheid",
    }
    seen = set()
    for url, expected in pages.items():
        page = client.get(url).content.decode()
        text = description(page)
        assert expected in text, (url, text)
        assert 50 <= len(text) <= 300, (url, len(text))
        seen.add(text)
        assert_skip_link_first_in_header(page, url)
    assert len(seen) == len(pages)  # no two pages share one


def test_signed_in_pages_also_start_with_the_skip_link_in_the_header(client, projectleider):
    log_in(client, projectleider)
    for name in ("home", "actions:list"):
        assert_skip_link_first_in_header(client.get(reverse(name)).content.decode(), name)
