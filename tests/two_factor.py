"""Second factor for the tests: every demo user gets a confirmed authenticator device with
a key derived from the username, so tests (and the browser journeys) can compute the code
the user's app would show.

`log_in(client, user)` is Django's `force_login` plus a session that passed the second step,
the way `django_otp.login` leaves it after a correct code. It is used for tests about
something else than signing in; tests/programmes/test_two_factor.py signs in through the
real pages with the enforcement on.
"""

import hashlib
import time

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp

from ghnt_portal.accounts import policy


def demo_key(username: str) -> str:
    """20 bytes as hex, as django-otp stores TOTP keys (test data only)."""
    return hashlib.sha1(f"ghnt-test-totp:{username}".encode()).hexdigest()


def confirm_device(user):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _ = TOTPDevice.objects.get_or_create(
        user=user,
        name="Authenticator-app",
        defaults={"key": demo_key(user.get_username()), "confirmed": True},
    )
    return device


def needs_second_factor(user) -> bool:
    required = policy.requires_second_factor(user)
    user.__dict__.pop("_ghnt_scope", None)  # do not leave a cached scope on the test's user
    return required


def confirm_demo_devices():
    """A device for every demo user who must use one (projectleiders, the beheerder)."""
    from django.contrib.auth import get_user_model

    for user in get_user_model().objects.all():
        if needs_second_factor(user):
            confirm_device(user)


def log_in(client, user):
    client.force_login(user)
    if needs_second_factor(user):
        device = confirm_device(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


_last_step: dict[str, int] = {}


def current_code(username: str) -> str:
    """The code the user's app shows now. django-otp accepts each time step once (no replay)
    and one step of drift, so a second login within 30 s uses the next step's code, and a
    third waits for the next step."""
    key = bytes.fromhex(demo_key(username))
    now = int(time.time()) // 30
    step = max(now, _last_step.get(username, -1) + 1)
    if step > now + 1:
        time.sleep(30 - time.time() % 30 + 0.1)
        now = int(time.time()) // 30
        step = max(now, _last_step.get(username, -1) + 1)
    _last_step[username] = step
    return f"{totp(key, t0=0, step=30, digits=6, drift=step - now):06d}"


def forget_used_codes():
    """A fresh database (a new test) has fresh devices that accepted no code yet."""
    _last_step.clear()
