"""Password guessing is stopped per username *and* client address (django-axes).

Each test here failed on the earlier configuration (lockout by username *or* address, reset
of every failure from the address on any successful login, no failure log, the proxy's
address taken for the client's)."""

import datetime
import zoneinfo

from django.urls import reverse

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from freezegun import freeze_time

from ghnt_portal.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

LOCKED = "Uw account is daarom tijdelijk geblokkeerd"
OFFICE = "192.0.2.10"  # one municipal NAT address for many employees


@pytest.fixture(autouse=True)
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_COOLOFF_TIME = 0.5  # hours


def _login(client, username, password, **meta):
    meta.setdefault("REMOTE_ADDR", OFFICE)
    return client.post(reverse("login"), {"username": username, "password": password}, **meta)


def _fail(client, username, times, **meta):
    for attempt in range(times):
        _login(client, username, f"fout-{attempt}", **meta)


def test_wrong_passwords_for_one_account_do_not_lock_out_colleagues_behind_the_same_address(
    client, demo_password
):
    _fail(client, "veiligthuis-zawa", 6)
    assert LOCKED in _login(client, "veiligthuis-zawa", demo_password).text
    colleague = _login(client, "politie-zawa", demo_password)
    assert colleague.status_code == 302 and LOCKED not in colleague.text


def test_a_login_to_another_account_does_not_wipe_the_failures_of_the_guessed_one(
    client, demo_password
):
    """The attacker interleaves logins to an account of their own, from the same address."""
    for _round in range(3):
        _fail(client, "veiligthuis-zawa", 2)
        assert _login(client, "politie-zawa", demo_password).status_code == 302
        client.post(reverse("logout"), REMOTE_ADDR=OFFICE)
    # 6 wrong passwords for veiligthuis-zawa in all: locked, even with the right password.
    assert LOCKED in _login(client, "veiligthuis-zawa", demo_password).text


def test_the_right_password_resets_only_its_own_username_and_address(client, demo_password):
    _fail(client, "veiligthuis-zawa", 4)
    _fail(client, "politie-zawa", 4)
    assert _login(client, "veiligthuis-zawa", demo_password).status_code == 302
    assert not AccessAttempt.objects.filter(username="veiligthuis-zawa").exists()
    assert AccessAttempt.objects.get(username="politie-zawa").failures_since_start == 4


def test_every_failed_attempt_is_kept_on_record_after_a_successful_login(client, demo_password):
    _fail(client, "veiligthuis-zawa", 3)
    assert _login(client, "veiligthuis-zawa", demo_password).status_code == 302
    failures = AccessFailureLog.objects.filter(username="veiligthuis-zawa")
    assert failures.count() == 3
    assert set(failures.values_list("ip_address", flat=True)) == {OFFICE}
    events = AuditEvent.objects.filter(action="login_failed", actor_name="veiligthuis-zawa")
    assert events.count() == 3 and {e.ip_address for e in events} == {OFFICE}


def test_lockout_is_in_the_audit_trail(client):
    _fail(client, "veiligthuis-zawa", 5)
    lockout = AuditEvent.objects.filter(action="lockout").get()
    assert (lockout.actor_name, lockout.ip_address, lockout.result) == (
        "veiligthuis-zawa",
        OFFICE,
        "geweigerd",
    )


def test_the_lockout_page_says_in_dutch_when_to_try_again(client):
    start = datetime.datetime(2026, 3, 2, 9, 15, tzinfo=zoneinfo.ZoneInfo("Europe/Amsterdam"))
    with freeze_time(start):
        _fail(client, "veiligthuis-zawa", 5)
        response = _login(client, "veiligthuis-zawa", "nog-een-keer")
    assert response.status_code == 429
    assert LOCKED in response.text
    assert "vanaf 2 maart 2026 om 09:45 uur" in response.text
    assert "over 30 minuten" in response.text
    # After the cool-off the right password works again.
    with freeze_time(start + datetime.timedelta(minutes=31)):
        assert _login(client, "veiligthuis-zawa", "GHNT-demo-2026!").status_code == 302


# --- the client address behind reverse proxies ------------------------------------------------

PROXY = "10.0.0.5"


def test_behind_one_trusted_proxy_the_address_it_added_counts_not_what_the_client_wrote(
    client, settings, demo_password
):
    settings.TRUSTED_PROXY_COUNT = 1
    # The attacker writes a new X-Forwarded-For each time; the proxy appends the real address.
    for attempt in range(6):
        _login(
            client,
            "veiligthuis-zawa",
            f"fout-{attempt}",
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=f"198.18.0.{attempt}, 203.0.113.7",
        )
    attempt = AccessAttempt.objects.get(username="veiligthuis-zawa")
    assert attempt.ip_address == "203.0.113.7"
    assert (
        LOCKED
        in _login(
            client,
            "veiligthuis-zawa",
            demo_password,
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR="198.18.9.9, 203.0.113.7",
        ).text
    )
    # The same user from home (another real address, through the same proxy) is not locked.
    home = _login(
        client,
        "veiligthuis-zawa",
        demo_password,
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="198.51.100.20",
    )
    assert home.status_code == 302


def test_without_trusted_proxies_x_forwarded_for_is_ignored(client, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for attempt in range(6):
        _login(
            client,
            "veiligthuis-zawa",
            f"fout-{attempt}",
            REMOTE_ADDR="203.0.113.50",
            HTTP_X_FORWARDED_FOR=f"198.18.0.{attempt}",
        )
    assert AccessAttempt.objects.get(username="veiligthuis-zawa").ip_address == "203.0.113.50"
    assert AccessAttempt.objects.get().failures_since_start == 6
