"""Login hardening: lockout after repeated failures, password rules, session expiry, logout."""

import datetime

from django.urls import reverse
from django.utils import timezone

import pytest
from freezegun import freeze_time

pytestmark = pytest.mark.django_db

LOCKED = "Uw account is daarom tijdelijk geblokkeerd"


@pytest.fixture(autouse=True)
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5


def _login(client, password, username="veiligthuis-zawa"):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_sixth_wrong_attempt_is_locked_out_and_then_the_right_password_is_refused(
    client, demo_password
):
    for attempt in range(1, 6):
        response = _login(client, f"fout-{attempt}")
        if attempt < 5:
            assert response.status_code == 200 and LOCKED not in response.text
    response = _login(client, "fout-6")
    assert LOCKED in response.text
    assert "Account tijdelijk geblokkeerd" in response.text
    response = _login(client, demo_password)
    assert LOCKED in response.text
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("home")).status_code == 302  # still not signed in


def test_a_successful_login_before_the_limit_resets_the_count(client, demo_password):
    for attempt in range(4):
        _login(client, f"fout-{attempt}")
    assert _login(client, demo_password).status_code == 302


def test_too_short_new_password_gives_a_dutch_message_and_keeps_the_old_one(
    client_for, veiligthuis, demo_password
):
    client = client_for(veiligthuis)
    response = client.post(
        reverse("password_change"),
        {"old_password": demo_password, "new_password1": "Kort-1", "new_password2": "Kort-1"},
    )
    assert response.status_code == 200
    assert "Dit wachtwoord is te kort. Het moet minstens 12 tekens bevatten." in response.text
    veiligthuis.refresh_from_db()
    assert veiligthuis.check_password(demo_password)


def test_password_change_works(client_for, veiligthuis, demo_password):
    new = "Zaanse-schans-2026!"
    response = client_for(veiligthuis).post(
        reverse("password_change"),
        {"old_password": demo_password, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302 and response["Location"] == reverse("password_change_done")
    veiligthuis.refresh_from_db()
    assert veiligthuis.check_password(new)


def test_session_expires_after_session_cookie_age(client, demo_password, settings):
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    start = timezone.now()
    with freeze_time(start):
        assert _login(client, demo_password).status_code == 302
    with freeze_time(start + datetime.timedelta(hours=7, minutes=59)):
        assert client.get(reverse("home")).status_code == 200
    with freeze_time(start + datetime.timedelta(hours=16)):
        response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_logout_by_post_ends_the_session(client_for, veiligthuis):
    client = client_for(veiligthuis)
    assert client.get(reverse("logout")).status_code == 405  # no logout by a stray link
    assert client.get(reverse("home")).status_code == 200
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302
