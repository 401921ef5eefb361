"""htmx (52 KB, more than all the rest of a page's CSS and JS) is loaded only by a page whose
markup uses it (an hx- attribute): base.html's {% with_htmx_when_used %}. A page whose partials
wait for the user only names it (portal.js fetches it on first use, tests/browser/
test_htmx_on_first_use.py); a page with a partial that starts by itself (a status that polls)
loads it at once."""

from django.template import Context, Template
from django.urls import reverse

import pytest

from tests.world import World

HTMX = "/static/vendor/htmx/htmx.min.js"
LOADED = f'<script src="{HTMX}"></script>'
NAMED = f'<div hidden data-htmx-src="{HTMX}"></div>'


def render(body: str) -> str:
    return Template(
        "{% load portal %}{% with_htmx_when_used %}" + body + "{% end_with_htmx_when_used %}"
    ).render(Context({}))


def test_markup_with_a_partial_for_the_user_names_htmx_once_after_it_for_first_use():
    html = render('<form hx-post="/x" hx-target="this"></form>')
    assert html.count(HTMX) == 1 and html.index(NAMED) > html.index("hx-post")
    assert LOADED not in html


@pytest.mark.parametrize(
    "trigger", ["every 2s", "load", "revealed", "load delay:1s", "intersect once"]
)
def test_markup_with_a_partial_that_starts_by_itself_loads_htmx_at_once(trigger):
    html = render(f'<div hx-get="/stand/" hx-trigger="{trigger}" hx-swap="outerHTML"></div>')
    assert html.count(HTMX) == 1 and html.index(LOADED) > html.index("hx-get")


@pytest.mark.parametrize(
    "body",
    [
        "<p>Geen htmx hier.</p>",
        "<p>Een gebruiker schreef hx-get=&quot;/x&quot; in een tekst.</p>",  # escaped text
        "<body hx-headers='{}'>",  # the CSRF header alone needs no htmx
    ],
)
def test_markup_without_one_does_not(body):
    assert HTMX not in render(body)


@pytest.mark.django_db
def test_the_programme_page_with_quick_updates_loads_it_and_the_statements_do_not(
    client_for, projectleider, client
):
    programme = World().zawa_programme
    page = client_for(projectleider).get(programme.get_absolute_url()).text
    assert "hx-post" in page and page.count(HTMX) == 1 and NAMED in page
    statement = client.get(reverse("accessibility_statement")).text
    assert HTMX not in statement and "/static/css/nlds.css" in statement
