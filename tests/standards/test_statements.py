"""The accessibility and privacy statements and the disclosure policy: public, linked in the
footer of every page (public pages, the login page, pages behind the login), and the privacy
statement states the retention periods the portal is configured with."""

import re
from pathlib import Path

from django.urls import reverse

import pytest

from tests.two_factor import log_in

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[2]
FOOTER_LINKS = ("/toegankelijkheidsverklaring/", "/privacyverklaring/", "/kwetsbaarheid-melden/")
STATEMENTS = ("accessibility_statement", "privacy_statement", "disclosure_policy")


def footer(html: str) -> str:
    match = re.search(r"<footer\b.*?</footer>", html, re.S)
    assert match, "page without a footer"
    return match[0]


def assert_footer_links(html: str, where: str) -> None:
    hrefs = re.findall(r'href="([^"]+)"', footer(html))
    for link in FOOTER_LINKS:
        assert link in hrefs, (where, hrefs)


@pytest.fixture
def world():
    from tests.world import World

    return World()


def test_statements_are_public_and_linked_in_the_footer_of_public_pages(client, world):
    pages = [
        reverse("login"),
        reverse("public:index"),
        reverse("public:programme", args=[world.zawa_programme.pk]),
        reverse("public:action", args=[world.action_2b.pk]),
        *(reverse(name) for name in STATEMENTS),
        "/bestaat-niet/",  # the 404 page
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert_footer_links(response.content.decode(), url)
    for link in FOOTER_LINKS:
        assert client.get(link).status_code == 200


@pytest.mark.parametrize(
    "url_name",
    ["home", "actions:list", "monitoring:dashboard_index", "two_factor_manage", "password_change"],
)
def test_pages_behind_the_login_carry_the_links_too(client, projectleider, url_name):
    log_in(client, projectleider)
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert_footer_links(response.content.decode(), url_name)


def test_the_error_pages_that_do_not_extend_the_base_carry_the_links(client):
    # Every full HTML page of the portal extends base.html, except the two error pages that
    # must render without the database; the PDF and the e-mails are no web pages.
    standalone = {
        str(p.relative_to(REPO))
        for p in REPO.glob("**/templates/**/*.html")
        if ".venv" not in p.parts and "<html" in p.read_text(encoding="utf-8")
    }
    assert standalone == {
        "templates/base.html",
        "templates/500.html",
        "templates/503.html",
        "monitoring/templates/monitoring/pdf/report.html",
        "monitoring/templates/monitoring/national/document_pdf.html",
        "actions/templates/actions/email/update_reminder.html",
        "programmes/templates/programmes/email/invitation.html",
    }
    for name in ("500.html", "503.html"):
        assert_footer_links((REPO / "templates" / name).read_text(encoding="utf-8"), name)


def test_before_the_second_step_and_without_a_role_the_statements_stay_readable(
    client, projectleider, django_user_model
):
    client.force_login(projectleider)  # password given, second factor not yet
    assert client.get(reverse("home")).status_code == 302  # the rest of the portal waits
    for name in STATEMENTS:
        assert client.get(reverse(name)).status_code == 200, name
    client.force_login(django_user_model.objects.create_user("zonder-rol", password="x"))
    for name in STATEMENTS:
        assert client.get(reverse(name)).status_code == 200, name


def _row(page: str, heading: str) -> str:
    row = rf"<tr[^>]*><th scope=\"row\"[^>]*>{re.escape(heading)}</th>(.*?)</tr>"
    match = re.search(row, page, re.S)
    assert match, heading
    return re.sub(r"<[^>]+>", " ", match[1])


@pytest.mark.parametrize(
    ("ip", "failed", "inactive", "audit"),
    [(12, 6, 180, 7), (3, 2, 45, 10)],
)
def test_privacy_statement_states_the_configured_retention_periods(
    client, settings, ip, failed, inactive, audit
):
    settings.RETENTION_LOGIN_IP_MONTHS = ip
    settings.RETENTION_FAILED_LOGIN_MONTHS = failed
    settings.RETENTION_INACTIVE_ACCOUNT_DAYS = inactive
    settings.RETENTION_AUDIT_YEARS = audit
    settings.SESSION_COOKIE_AGE = 8 * 3600
    page = client.get(reverse("privacy_statement")).content.decode()
    assert f"{ip} maanden" in _row(page, "IP-adressen bij het inloggen (audittrail)")
    assert f"{failed} maanden" in _row(page, "Mislukte inlogpogingen")
    assert f"{audit} jaar" in _row(page, "Audittrail")
    assert f"{inactive} dagen" in _row(page, "Account waarmee niet meer is ingelogd")
    assert "8 uur" in _row(page, "Sessie")
    for kept in ("naam", "e-mailadres", "IP-adres"):
        assert kept in page


def test_retention_defaults_are_the_documented_ones():
    from django.conf import settings

    # Read from the environment; .env.example and the README name these defaults.
    example = (REPO / ".env.example").read_text(encoding="utf-8")
    for name, default in (
        ("RETENTION_LOGIN_IP_MONTHS", 12),
        ("RETENTION_FAILED_LOGIN_MONTHS", 6),
        ("RETENTION_INACTIVE_ACCOUNT_DAYS", 180),
        ("RETENTION_AUDIT_YEARS", 7),
    ):
        assert f"\n{name}={default}\n" in example
        assert isinstance(getattr(settings, name), int)


def test_accessibility_statement_follows_the_model(client, settings):
    settings.PORTAL_OWNER = "Gemeente Zaanstad"
    settings.PORTAL_CONTACT_EMAIL = "toegankelijkheid@zaanstad.example.nl"
    page = client.get(reverse("accessibility_statement")).content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert "Status: voldoet gedeeltelijk" in text
    assert "WCAG 2.1" in text and "axe" in text and "toetsenbord" in text
    assert re.search(r'<time datetime="\d{4}-\d{2}-\d{2}">', page)  # the date of assessment
    assert "Wat is nog niet toegankelijk?" in text
    assert 'href="mailto:toegankelijkheid@zaanstad.example.nl"' in page
    assert "Gemeente Zaanstad" in text


def test_without_a_contact_address_the_statements_point_to_people_instead(client, settings):
    settings.PORTAL_CONTACT_EMAIL = ""
    for name in ("accessibility_statement", "privacy_statement"):
        page = client.get(reverse(name)).content.decode()
        assert "mailto:" not in page.split("<footer")[0].split("<main")[1]
        assert "projectleider van uw regio" in page


@pytest.mark.parametrize("url_name", [*STATEMENTS, "security_txt"])
def test_statements_need_no_query_for_a_visitor(client, django_assert_num_queries, url_name):
    # Static text and settings only: no query, whatever the data grows to.
    with django_assert_num_queries(0):
        assert client.get(reverse(url_name)).status_code == 200
