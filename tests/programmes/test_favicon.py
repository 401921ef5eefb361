"""Browsers ask every page for an icon: the portal serves one, so no page logs a 404."""

import re

from django.urls import reverse

import pytest

pytestmark = pytest.mark.django_db


def test_favicon_ico_is_served_at_the_root_without_logging_in(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file


def test_every_page_links_an_icon_that_is_served(client_for, projectleider, client):
    for html in (
        client.get(reverse("login")).text,
        client_for(projectleider).get(reverse("home")).text,
    ):
        icons = re.findall(r'<link rel="icon" href="([^"]+)"', html)
        assert icons, "no icon link on the page"
        for href in icons:
            assert client.get(href).status_code == 200, href
