"""A first run without a phone: under DEBUG (`make run`), the demo users who must pass a
second step get an authenticator device whose secret only this demo database knows, and
`manage.py democode <username>` prints the code the app would show. The second step itself
stays as in production.

Never in production: `load_demo` makes these devices only when DEBUG is on, and `democode`
refuses to run when it is off; it reads only the demo device (by its name), never a device a
user set up with their own app."""

import secrets
import time

from django.conf import settings
from django.db import transaction

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import policy

DEMO_DEVICE_NAME = "Demo-app (alleen met DEBUG)"


class DemoCodeError(Exception):
    """Why no code can be given (Dutch, for the command line)."""


def add_demo_devices(users) -> list[str]:
    """Give each of `users` who must use a second factor and has no app yet a confirmed demo
    device with a random key. Returns the usernames that got one. Does nothing without DEBUG."""
    if not settings.DEBUG:
        return []
    added = []
    with transaction.atomic():
        for user in users:
            if not policy.requires_second_factor(user) or policy.totp_device(user) is not None:
                continue
            TOTPDevice.objects.create(
                user=user,
                name=DEMO_DEVICE_NAME,
                key=secrets.token_hex(20),
                confirmed=True,
            )
            added.append(user.get_username())
    return added


def current_code(username: str, now: float | None = None) -> tuple[str, int]:
    """The code the demo app shows for `username`, and the seconds it stays valid. A code is
    accepted once (django-otp remembers the last time step used), so after one was used this
    gives the next step's code, which the device accepts already (one step of tolerance)."""
    if not settings.DEBUG:
        raise DemoCodeError("democode werkt alleen met DEBUG aan (make run), nooit in productie.")
    device = TOTPDevice.objects.filter(
        user__username=username, name=DEMO_DEVICE_NAME, confirmed=True
    ).first()
    if device is None:
        raise DemoCodeError(
            f"{username!r} heeft geen demo-app: alleen demogebruikers met tweestapsverificatie "
            "krijgen er een, van load_demo met DEBUG aan."
        )
    now = time.time() if now is None else now
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    totp.time = now
    current = totp.t()
    step = max(current, device.last_t + 1)
    if step > current + device.tolerance:
        wait = int(device.step - (now - device.t0) % device.step) + 1
        raise DemoCodeError(f"De code van nu is al gebruikt; probeer het over {wait} seconden.")
    totp.drift = step - current
    valid_for = int((step + 1) * device.step + device.t0 - now)
    return f"{totp.token():0{device.digits}d}", valid_for
