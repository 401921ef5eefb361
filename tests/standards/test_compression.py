"""Gzip only where BREACH cannot read a secret: anonymous GETs of pages without a CSRF token
(public pages, statements, open data) are compressed when the browser accepts
it; the login page and every other form, every signed-in page, requests with credentials and
POSTs are not."""

import gzip

from django.urls import reverse

import pytest

from tests.two_factor import log_in

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}
TOKEN_MARKS = ("csrfmiddlewaretoken", "X-CSRFToken")


@pytest.fixture
def world():
    from tests.world import World

    return World()


def body(response) -> str:
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Encoding") == "gzip":
        raw = gzip.decompress(raw)
    return raw.decode("utf-8")


def test_a_public_page_is_gzipped_when_the_browser_accepts_it(client, world):
    url = reverse("public:programme", args=[world.zawa_programme.pk])
    plain = client.get(url)
    packed = client.get(url, **GZIP)
    assert plain.status_code == packed.status_code == 200
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert body(packed) == body(plain)  # the same page, only smaller on the wire
    assert len(packed.content) < len(plain.content) / 3
    assert not any(mark in body(packed) for mark in TOKEN_MARKS)


@pytest.mark.parametrize(
    "url",
    ["/openbaar/", "/toegankelijkheidsverklaring/", "/privacyverklaring/", "/api/v1/programmes"],
)
def test_other_anonymous_pages_without_a_form_are_gzipped(client, url):
    assert client.get(url, **GZIP)["Content-Encoding"] == "gzip", url


def test_the_login_page_with_its_csrf_token_is_not_gzipped(client):
    response = client.get(reverse("login") + "?next=/iets-van-de-aanvaller/", **GZIP)
    assert response.status_code == 200
    page = body(response)
    assert "csrfmiddlewaretoken" in page and "iets-van-de-aanvaller" in page  # token + echo
    assert "Content-Encoding" not in response


def test_signed_in_pages_are_never_gzipped(client, world, projectleider):
    log_in(client, projectleider)
    for url in (
        reverse("monitoring:dashboard", args=[world.zawa_programme.pk]),
        reverse("actions:list") + "?q=echo",
        reverse("public:programme", args=[world.zawa_programme.pk]),  # public, but signed in
        "/api/v1/programmes",
    ):
        response = client.get(url, **GZIP)
        assert response.status_code == 200, url
        assert "Content-Encoding" not in response, url


def test_requests_with_credentials_or_that_change_something_are_not_gzipped(client):
    with_token = client.get("/api/v1/programmes", HTTP_AUTHORIZATION="Token nope", **GZIP)
    assert "Content-Encoding" not in with_token
    failed_login = client.post(
        reverse("login"), {"username": "niemand", "password": "x" * 300}, **GZIP
    )
    assert failed_login.status_code == 200
    assert "Content-Encoding" not in failed_login


def test_no_compressed_response_carries_a_csrf_token(client, world, projectleider):
    """Over anonymous and signed-in pages alike: compressed implies no token in the page."""
    urls = [
        reverse("login"),
        reverse("public:index"),
        reverse("public:action", args=[world.action_2b.pk]),
        reverse("accessibility_statement"),
        reverse("disclosure_policy"),
        reverse("privacy_statement"),
        # Short answers (security.txt) may stay plain: Django's gzip adds up to 100 random
        # bytes against BREACH and keeps the original when that is not smaller.
        "/.well-known/security.txt",
        "/static/css/portal.css",
    ]
    signed_in = [reverse("home"), reverse("actions:list"), reverse("two_factor_manage")]
    seen = {"compressed": [], "plain": []}
    for url in urls:
        response = client.get(url, **GZIP)
        compressed = response.get("Content-Encoding") == "gzip"
        seen["compressed" if compressed else "plain"].append(url)
        if compressed:
            assert not any(mark in body(response) for mark in TOKEN_MARKS), url
    log_in(client, projectleider)
    for url in signed_in:
        response = client.get(url, **GZIP)
        assert "Content-Encoding" not in response, url
    assert len(seen["compressed"]) >= 5 and len(seen["plain"]) >= 1, seen
