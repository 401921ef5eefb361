"""A database that is away gives a friendly Dutch 503 with Retry-After, never a stack trace.

The real outage (PostgreSQL stopped under gunicorn) is in test_database_outage.py; here the
database driver fails on every query, as it does when the server has gone."""

from django.db import OperationalError
from django.db.backends import utils
from django.test import Client

import pytest

from tests.two_factor import log_in


@pytest.fixture
def database_away(db):
    """Undone before the test database is torn down (which needs queries)."""
    patch = pytest.MonkeyPatch()

    def fail(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    def away():
        patch.setattr(utils.CursorWrapper, "_execute", fail)
        patch.setattr(utils.CursorWrapper, "_executemany", fail)

    yield away
    patch.undo()


def _assert_friendly_503(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-cache" in response["Cache-Control"]
    html = response.content.decode()
    assert "Het portaal is even niet beschikbaar" in html
    assert "niet</strong> opgeslagen" in html
    for leak in ("Traceback", "OperationalError", "server closed"):
        assert leak not in html


def test_a_logged_in_user_gets_a_503_when_the_session_cannot_be_loaded(
    projectleider, database_away
):
    client = Client(raise_request_exception=False)
    log_in(client, projectleider)
    database_away()
    _assert_friendly_503(client.get("/"))


def test_a_failing_save_gives_a_503_not_a_500(projectleider, database_away, zawa_programme):
    client = Client(raise_request_exception=False)
    log_in(client, projectleider)
    action = zawa_programme.actions.first()
    url = action.get_absolute_url()
    assert client.get(url).status_code == 200
    database_away()
    _assert_friendly_503(client.post(url, {"title": "Nieuwe titel"}))


def test_other_errors_still_give_the_500_page(projectleider, monkeypatch):
    from programmes import views

    def broken(*args, **kwargs):
        raise ValueError("a bug, not an outage")

    monkeypatch.setattr(views.HomeView, "get", broken)
    client = Client(raise_request_exception=False)
    log_in(client, projectleider)
    response = client.get("/")
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert "Er ging iets mis" in response.content.decode()
