"""/.well-known/security.txt follows RFC 9116: Contact and Expires present, Expires once and
in the future (less than a year ahead), Preferred-Languages nl and en, a Policy and the
Canonical address; configured by the environment."""

import os
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.urls import reverse

import pytest
from freezegun import freeze_time

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[2]
# RFC 9116, section 2.5: the fields it defines; any other field is allowed but ignored.
KNOWN = {"Acknowledgments", "Canonical", "Contact", "Encryption", "Expires", "Hiring"}
KNOWN |= {"Policy", "Preferred-Languages", "CSAF"}
URI = re.compile(r"^(mailto:[^@\s]+@[^@\s]+|https?://\S+|tel:\+?[\d\s-]+)$")


def parse(body: str) -> dict[str, list[str]]:
    """Field name -> values; fails on a line that is neither a comment, blank nor a field."""
    fields: dict[str, list[str]] = {}
    for line in body.splitlines():
        if not line or line.startswith("#"):
            continue
        match = re.fullmatch(r"([A-Za-z0-9-]+): (\S.*)", line)
        assert match, f"not an RFC 9116 line: {line!r}"
        fields.setdefault(match[1], []).append(match[2])
    return fields


def fetch(client) -> tuple[object, dict[str, list[str]]]:
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    return response, parse(response.content.decode("utf-8"))


def test_security_txt_has_every_required_field_and_a_future_expiry(client, settings):
    settings.PORTAL_BASE_URL = "https://ghnt.example.nl"
    response, fields = fetch(client)
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert set(fields) <= KNOWN
    assert fields["Contact"] and all(URI.match(c) for c in fields["Contact"])
    assert len(fields["Expires"]) == 1
    expires = datetime.strptime(fields["Expires"][0], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    now = datetime.now(UTC)
    assert now < expires < now + timedelta(days=366)  # RFC: less than a year ahead
    assert fields["Preferred-Languages"] == ["nl, en"]
    assert fields["Policy"] == ["https://ghnt.example.nl/kwetsbaarheid-melden/"]
    assert fields["Canonical"] == ["https://ghnt.example.nl/.well-known/security.txt"]
    # The policy it points to is served, without signing in.
    assert client.get(reverse("disclosure_policy")).status_code == 200


@pytest.mark.parametrize("moment", ["2026-12-07 02:00:00", "2031-03-01 23:59:59"])
def test_expires_is_computed_from_the_moment_of_the_request(client, settings, moment):
    settings.SECURITY_TXT_EXPIRES_DAYS = 30
    with freeze_time(moment):
        _, fields = fetch(client)
    asked = datetime.fromisoformat(moment).replace(tzinfo=UTC)
    assert fields["Expires"] == [f"{asked + timedelta(days=30):%Y-%m-%dT%H:%M:%SZ}"]


def test_contacts_and_policy_come_from_the_settings(client, settings):
    settings.SECURITY_TXT_CONTACT = ["mailto:cert@gemeente.example.nl", "tel:+31-20-1234567"]
    settings.SECURITY_TXT_POLICY = "https://gemeente.example.nl/cvd"
    _, fields = fetch(client)
    assert fields["Contact"] == ["mailto:cert@gemeente.example.nl", "tel:+31-20-1234567"]
    assert fields["Policy"] == ["https://gemeente.example.nl/cvd"]
    page = client.get(reverse("disclosure_policy")).content.decode()
    assert 'href="mailto:cert@gemeente.example.nl"' in page


def test_signed_in_users_read_it_too_even_before_the_second_step(client, projectleider):
    client.force_login(projectleider)  # password done, second factor not yet
    response, fields = fetch(client)
    assert "Contact" in fields


@pytest.mark.parametrize(
    ("variable", "value"),
    [("SECURITY_TXT_CONTACT", "security@example.nl"), ("SECURITY_TXT_EXPIRES_DAYS", "400")],
)
def test_a_bad_setting_stops_the_portal_from_starting(variable, value):
    env = {**os.environ, "SECRET_KEY": "test-only", variable: value}
    result = subprocess.run(
        [sys.executable, "-c", "import ghnt_portal.settings"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and variable in result.stderr


def test_head_requests_are_answered_like_get(client):
    response = client.head("/.well-known/security.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    assert client.post("/.well-known/security.txt").status_code == 405


def test_check_deploy_warns_while_nobody_would_receive_a_report(settings):
    from ghnt_portal.checks import public_contacts

    settings.DEBUG = False
    settings.SECURITY_TXT_CONTACT = ["mailto:security@ghnt-portaal.invalid"]
    settings.PORTAL_CONTACT_EMAIL = ""
    assert {w.id for w in public_contacts(None)} == {"ghnt.W002", "ghnt.W003"}
    settings.SECURITY_TXT_CONTACT = ["mailto:security@zaanstad.example.nl"]
    settings.PORTAL_CONTACT_EMAIL = "ghnt@zaanstad.example.nl"
    assert public_contacts(None) == []
