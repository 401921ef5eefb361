"""Two-factor authentication in a real browser: the first-login set-up with the portal's own
QR code (checked with axe), and the admin behind the second step."""

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from programmes.demo import DEMO_PASSWORD
from tests.browser.a11y import assert_accessible
from tests.browser.conftest import login, screenshot


def test_projectleider_sets_up_the_authenticator_app_on_first_login(page):
    TOTPDevice.objects.filter(user__username="projectleider-zawa").delete()
    page.goto(page.base_url + "/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("projectleider-zawa")
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/inloggen/tweede-stap/instellen/**")
    qr = page.locator("svg.qr-code")
    assert qr.is_visible() and qr.bounding_box()["width"] >= 150
    screenshot(page, "2fa-01-setup")
    assert_accessible(page)

    device = TOTPDevice.objects.get(user__username="projectleider-zawa", confirmed=False)
    code = f"{totp(device.bin_key):06d}"
    page.get_by_label("Code uit de app").fill(code)
    page.get_by_role("button", name="Instellen").click()
    page.get_by_role("heading", name="Uw herstelcodes").wait_for()
    assert page.locator(".backup-codes li").count() == 10
    screenshot(page, "2fa-02-recovery-codes")
    assert_accessible(page)
    page.get_by_role("link", name="Ik heb de codes bewaard, verder").click()
    page.wait_for_url(page.base_url + "/")
    assert page.get_by_role("heading", level=1).is_visible()


def test_the_beheerder_reaches_the_admin_only_after_the_second_step(page):
    page.goto(page.base_url + "/beheer/")
    assert "/inloggen/" in page.url
    login(page, "beheerder")  # password, then the code from the app
    page.goto(page.base_url + "/beheer/")
    assert page.get_by_role("heading", name="Beheer").first.is_visible()
    page.goto(page.base_url + "/beheer/audit/auditevent/")
    assert page.get_by_text("ingelogd").first.is_visible()
    screenshot(page, "2fa-03-admin-audit-trail")
