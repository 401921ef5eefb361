"""Two-factor authentication through the real pages, with the enforcement as deployed.

Projectleiders and beheerders (and anyone at /beheer/) pass a second factor; on their first
login they set it up by scanning a QR code the portal makes itself. Other roles may opt in.
"""

import re
import time

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.urls import reverse

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ghnt_portal.audit.models import AuditEvent
from tests.two_factor import confirm_device, current_code, forget_used_codes

pytestmark = pytest.mark.django_db

SETUP = reverse("two_factor_setup")
VERIFY = reverse("two_factor_verify")


@pytest.fixture(autouse=True)
def _fresh_codes():
    forget_used_codes()


def _password_login(client, username, password="GHNT-demo-2026!"):
    response = client.post(reverse("login"), {"username": username, "password": password})
    assert response.status_code == 302, "the password step itself should succeed"
    return response


def _code_for(device):
    return f"{totp(device.bin_key, step=30, t0=0, digits=6):06d}"


def test_projectleider_without_device_sets_up_the_app_with_a_qr_code_on_first_login(client):
    _password_login(client, "projectleider-zawa")
    # Every page sends them to the set-up first; nothing of the programme is shown.
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(SETUP)
    programme = client.get(reverse("actions:list"))
    assert programme.status_code == 302 and programme["Location"].startswith(SETUP)

    page = client.get(SETUP)
    assert page.status_code == 200
    text = page.text
    assert "Tweestapsverificatie instellen" in text
    assert "verplicht" in text
    # The QR code is inline SVG made by the portal: no image from anywhere else.
    assert re.search(r'<svg[^>]*class="qr-code"[^>]*role="img"', text)
    assert "<img" not in text.split("<main", 1)[1]
    device = TOTPDevice.objects.get(user__username="projectleider-zawa", confirmed=False)

    wrong = client.post(SETUP, {"token": "000000"})
    assert wrong.status_code == 400
    assert "Deze code klopt niet" in wrong.text
    time.sleep(1.1)  # django-otp refuses every code for a second after a wrong one

    done = client.post(SETUP, {"token": _code_for(device)})
    assert done.status_code == 200
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.text)
    assert len(codes) == 10
    assert "het portaal toont ze maar één keer" in done.text
    assert client.get(reverse("home")).status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    actions = set(
        AuditEvent.objects.filter(actor_name="projectleider-zawa").values_list("action", flat=True)
    )
    assert {"login", "otp_failed", "otp_setup", "otp_backup_codes"} <= actions


def test_projectleider_with_device_must_give_the_code_after_the_password(client, projectleider):
    confirm_device(projectleider)
    _password_login(client, "projectleider-zawa")
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)

    wrong = client.post(VERIFY, {"token": "123456", "next": "/"})
    assert wrong.status_code == 400
    assert "Deze code klopt niet of is verlopen" in wrong.text
    assert client.get(reverse("home")).status_code == 302  # still not through
    throttled = client.post(VERIFY, {"token": current_code("projectleider-zawa"), "next": "/"})
    assert throttled.status_code == 429
    assert "U heeft te vaak een verkeerde code ingevoerd" in throttled.text
    time.sleep(1.1)

    right = client.post(VERIFY, {"token": current_code("projectleider-zawa"), "next": "/"})
    assert right.status_code == 302 and right["Location"] == "/"
    assert client.get(reverse("home")).status_code == 200
    assert AuditEvent.objects.filter(actor_name="projectleider-zawa", action="otp_failed").exists()
    assert AuditEvent.objects.filter(
        actor_name="projectleider-zawa", action="otp_verified"
    ).exists()


def test_a_recovery_code_works_once(client, projectleider):
    from ghnt_portal.accounts.views import new_backup_codes

    confirm_device(projectleider)
    code = new_backup_codes(projectleider)[0]
    _password_login(client, "projectleider-zawa")
    assert client.post(VERIFY, {"token": code, "next": "/"}).status_code == 302
    assert client.get(reverse("home")).status_code == 200
    assert StaticToken.objects.filter(device__user=projectleider).count() == 9
    client.post(reverse("logout"))

    _password_login(client, "projectleider-zawa")
    again = client.post(VERIFY, {"token": code, "next": "/"})
    assert again.status_code == 400
    assert client.get(reverse("home")).status_code == 302


def test_the_admin_needs_the_second_factor_even_with_the_right_password(client, beheerder):
    _password_login(client, "beheerder")
    admin_page = client.get("/beheer/")
    assert admin_page.status_code == 302
    assert admin_page["Location"].startswith(SETUP)
    assert client.get("/beheer/auth/user/").status_code == 302
    # The admin's own login form is not a way around it.
    assert client.get("/beheer/login/")["Location"].startswith(reverse("login"))

    confirm_device(beheerder)
    client.post(reverse("logout"))
    _password_login(client, "beheerder")
    assert client.get("/beheer/")["Location"].startswith(VERIFY)
    client.post(VERIFY, {"token": current_code("beheerder")})
    assert client.get("/beheer/").status_code == 200


def test_staff_without_a_role_needs_the_second_factor_at_the_admin(client):
    get_user_model().objects.create_user(
        "medewerker-beheer", password="Lang-genoeg-wachtwoord-1", is_staff=True
    )
    _password_login(client, "medewerker-beheer", "Lang-genoeg-wachtwoord-1")
    response = client.get("/beheer/")
    assert response.status_code == 302 and response["Location"].startswith(SETUP)


def test_the_admin_site_itself_refuses_an_unverified_session(beheerder):
    """The second lock, behind the middleware: the admin site's own permission check."""
    from django.contrib.sessions.backends.db import SessionStore

    request = RequestFactory().get("/beheer/")
    request.user = beheerder
    request.session = SessionStore()
    assert not admin.site.has_permission(request)
    request.session["otp_device_id"] = confirm_device(beheerder).persistent_id
    assert admin.site.has_permission(request)


def test_force_login_alone_does_not_pass_the_second_factor(client, projectleider):
    """The tests' own helper (tests/two_factor.log_in) adds the verified session; without it a
    projectleider's session is stopped like any other."""
    client.force_login(projectleider)
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(SETUP)


def test_the_second_factor_is_optional_for_a_ketenpartner(client, veiligthuis):
    _password_login(client, "veiligthuis-zawa")
    assert client.get(reverse("home")).status_code == 200
    manage = client.get(reverse("two_factor_manage"))
    assert "Tweestapsverificatie staat <strong>uit</strong>" in manage.text
    # Opting in: from then on, the code is asked at login.
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=veiligthuis, confirmed=False)
    assert client.post(SETUP, {"token": _code_for(device)}).status_code == 200
    client.post(reverse("logout"))
    _password_login(client, "veiligthuis-zawa")
    assert client.get(reverse("home"))["Location"].startswith(VERIFY)


def test_a_projectleider_cannot_switch_the_second_factor_off(client_for, projectleider):
    client = client_for(projectleider)
    assert client.post(reverse("two_factor_disable")).status_code == 403
    assert TOTPDevice.objects.filter(user=projectleider, confirmed=True).exists()


# --- users without a role ----------------------------------------------------------------------


def test_a_user_without_a_role_sees_no_access_yet_until_a_membership_is_granted(client, zawa):
    from programmes.models import Membership

    user = get_user_model().objects.create_user("nieuw", password="Lang-genoeg-wachtwoord-1")
    _password_login(client, "nieuw", "Lang-genoeg-wachtwoord-1")
    response = client.get(reverse("home"), follow=True)
    assert response.status_code == 403
    assert "U heeft nog geen toegang" in response.text
    assert client.get(reverse("actions:list"))["Location"] == reverse("no_access")

    Membership.objects.create(user=user, role="raadslid", municipality=zawa.municipalities.first())
    assert client.get(reverse("home")).status_code == 200


def test_the_admin_never_shows_a_users_key_or_recovery_codes(client_for, beheerder, projectleider):
    """A beheerder deletes a lost device (recorded), but cannot copy it to sign in as them."""
    from ghnt_portal.accounts.views import new_backup_codes

    device = confirm_device(projectleider)
    codes = new_backup_codes(projectleider)
    client = client_for(beheerder)
    page = client.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk]))
    assert page.status_code == 200
    assert device.key not in page.text
    static = projectleider.staticdevice_set.get()
    page = client.get(reverse("admin:otp_static_staticdevice_change", args=[static.pk]))
    assert not any(code in page.text for code in codes)
    response = client.post(
        reverse("admin:otp_totp_totpdevice_delete", args=[device.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    removed = AuditEvent.objects.get(action="otp_removed", object_repr="projectleider-zawa")
    assert removed.actor_name == "beheerder"
