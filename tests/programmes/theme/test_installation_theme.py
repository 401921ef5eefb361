"""The installation's theme (settings THEME_*): on every page without a region theme, the
login page included, and checked at start-up like a region's theme."""

import re

from django.urls import reverse

import pytest

from programmes.theme.checks import installation_theme

from .helpers import png_bytes, woff2_bytes


def _links(html):
    return re.findall(r'<link rel="stylesheet" href="(/thema/[^"]+)">', html)


def test_without_settings_no_theme_css_is_linked(client):
    assert _links(client.get(reverse("login")).content.decode()) == []
    assert installation_theme() == []


@pytest.mark.django_db
def test_the_installation_theme_is_on_the_login_page_with_its_logo_and_font(
    client, settings, tmp_path
):
    logo, font = tmp_path / "logo.png", tmp_path / "letter.woff2"
    logo.write_bytes(png_bytes())
    font.write_bytes(woff2_bytes())
    settings.THEME_COLOURS = {"primary_colour": "#004B23"}
    settings.THEME_LOGO, settings.THEME_FONT = str(logo), str(font)
    assert installation_theme() == []

    links = _links(client.get(reverse("login")).content.decode())
    assert len(links) == 1 and links[0].startswith("/thema/installatie.css?v=")
    response = client.get(links[0])
    css = response.content.decode()
    assert "--ghnt-color-primary: #004b23;" in css
    assert "immutable" in response["Cache-Control"]
    logo_url = re.search(r'--ghnt-logo: url\("([^"]+)"\)', css).group(1)
    served = client.get(logo_url)
    assert served["Content-Type"] == "image/png"
    assert b"".join(served.streaming_content) == logo.read_bytes()
    font_url = re.search(r'src: url\("([^"]+)"\) format\("woff2"\)', css).group(1)
    assert client.get(font_url)["Content-Type"] == "font/woff2"


def test_a_failing_installation_theme_stops_the_check_with_the_pairs(settings, tmp_path):
    settings.THEME_COLOURS = {"primary_colour": "#ffbf47"}
    messages = [e.msg for e in installation_theme()]
    assert any("tekst op de primaire kleur (#ffffff op #ffbf47)" in m for m in messages)

    settings.THEME_COLOURS = {"primary_colour": "rood"}
    assert [e.id for e in installation_theme()] == ["ghnt.theme.E001"]

    svg = tmp_path / "logo.svg"
    svg.write_bytes(b"<svg xmlns='http://www.w3.org/2000/svg'></svg>")
    settings.THEME_COLOURS = {}
    settings.THEME_LOGO = str(svg)
    errors = installation_theme()
    assert [e.id for e in errors] == ["ghnt.theme.E004"]
    assert "SVG" in errors[0].msg
