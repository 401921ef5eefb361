"""htmx (52 KB, more than all the rest of a page's CSS and JS) is loaded only by a page whose
markup uses it (an hx- attribute): base.html's {% with_htmx_when_used %}."""

from django.template import Context, Template
from django.urls import reverse

import pytest

from tests.world import World

HTMX = "/static/vendor/htmx/htmx.min.js"


def render(body: str) -> str:
    return Template(
        "{% load portal %}{% with_htmx_when_used %}" + body + "{% end_with_htmx_when_used %}"
    ).render(Context({}))


def test_markup_with_an_hx_attribute_gets_htmx_once_after_it():
    html = render('<form hx-post="/x" hx-target="this"></form>')
    assert html.count(HTMX) == 1 and html.index(HTMX) > html.index("hx-post")


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
    assert "hx-post" in page and page.count(HTMX) == 1
    statement = client.get(reverse("accessibility_statement")).text
    assert HTMX not in statement and "/static/css/nlds.css" in statement
