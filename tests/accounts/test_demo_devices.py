"""A first run without a phone: under DEBUG `load_demo` gives the demo users who must pass the
second step a demo authenticator, and `manage.py democode <username>` prints its code, which
the portal's own second step accepts. Without DEBUG neither happens."""

from io import StringIO

from django.core.management import CommandError, call_command
from django.urls import reverse

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from ghnt_portal.accounts.demo_devices import DEMO_DEVICE_NAME
from tests.two_factor import confirm_demo_devices, current_code, forget_used_codes

pytestmark = pytest.mark.django_db

MUST_VERIFY = {
    "projectleider-zawa",
    "projectleider-kennemerland",
    "projectleider-groningen",
    "projectleider-gooi",
    "projectleider-zhz",
    "beheerder",
}


def demo_devices():
    return TOTPDevice.objects.filter(name=DEMO_DEVICE_NAME)


def democode(username: str) -> str:
    out = StringIO()
    call_command("democode", username, stdout=out, stderr=StringIO())
    return out.getvalue().strip()


@pytest.fixture
def demo_run(settings):
    """`make run`: DEBUG on, then load_demo."""
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    return settings


def test_load_demo_without_debug_creates_no_device(settings):
    settings.DEBUG = False
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert not demo_devices().exists()
    assert "democode" not in out.getvalue()


def test_load_demo_with_debug_gives_the_users_who_must_verify_a_device(demo_run):
    owners = set(demo_devices().values_list("user__username", flat=True))
    assert owners == MUST_VERIFY  # not the ketenpartners, wethouder, raadslid or rijk
    assert all(d.confirmed for d in demo_devices())
    keys = set(demo_devices().values_list("key", flat=True))
    assert len(keys) == len(MUST_VERIFY)  # random per user, not derived from the name
    call_command("load_demo", stdout=StringIO())  # a second run adds none
    assert demo_devices().count() == len(MUST_VERIFY)


def test_a_user_who_set_up_their_own_app_gets_no_demo_device(settings, projectleider):
    TOTPDevice.objects.create(user=projectleider, name="Authenticator-app", confirmed=True)
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    assert not demo_devices().filter(user=projectleider).exists()


def test_democode_prints_a_code_the_second_step_accepts(demo_run, client, demo_password):
    response = client.post(
        reverse("login"), {"username": "projectleider-zawa", "password": demo_password}
    )
    # The second step is kept: the password alone does not open the portal.
    assert client.get(reverse("home")).status_code == 302
    assert response.status_code == 302
    code = democode("projectleider-zawa")
    assert len(code) == 6 and code.isdigit()
    verified = client.post(reverse("two_factor_verify"), {"token": code, "next": "/"})
    assert verified.status_code == 302 and verified["Location"] == "/"
    assert client.get(reverse("home")).status_code == 200
    # A code is accepted once; democode then gives the next step's, which is accepted now.
    following = democode("projectleider-zawa")
    assert following != code
    device = demo_devices().get(user__username="projectleider-zawa")
    assert device.verify_token(following)
    assert not device.verify_token(code)


def test_democode_refuses_without_debug(demo_run):
    demo_run.DEBUG = False
    out = StringIO()
    with pytest.raises(CommandError, match="alleen met DEBUG"):
        call_command("democode", "projectleider-zawa", stdout=out)
    assert out.getvalue() == ""


def test_democode_gives_no_code_for_a_user_without_a_demo_device(demo_run, projectleider):
    with pytest.raises(CommandError, match="geen demo-app"):
        democode("veiligthuis-zawa")
    own = demo_devices().get(user=projectleider)
    own.name = "Authenticator-app"  # a device the user set up: never read by democode
    own.save()
    with pytest.raises(CommandError, match="geen demo-app"):
        democode("projectleider-zawa")


def test_the_tests_own_two_factor_helpers_still_work_next_to_a_demo_device(
    demo_run, client, demo_password
):
    forget_used_codes()
    confirm_demo_devices()  # the tests' device, next to the demo one
    client.post(reverse("login"), {"username": "beheerder", "password": demo_password})
    response = client.post(reverse("two_factor_verify"), {"token": current_code("beheerder")})
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200
