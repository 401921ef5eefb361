"""Security headers as deployed: Content-Security-Policy without inline script, HSTS and the
HTTPS redirect behind a TLS proxy, no caching of signed-in pages and downloads, and
`manage.py check --deploy` clean with the production variables of .env.example."""

import os
import re
import subprocess
import sys
from pathlib import Path

from django.urls import reverse

import pytest

from tests.world import World

REPO = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.django_db


def _directives(response):
    policy = response["Content-Security-Policy"]
    return {
        part.split()[0]: part.split()[1:] for part in (p.strip() for p in policy.split(";")) if part
    }


def test_every_page_has_a_csp_without_inline_script(client, client_for, projectleider):
    for response in (
        client.get(reverse("login")),
        client_for(projectleider).get(World().zawa_programme.get_absolute_url()),
    ):
        csp = _directives(response)
        assert csp["script-src"][0] == "'self'"
        assert "'unsafe-inline'" not in csp["script-src"]
        assert "'unsafe-eval'" not in csp["script-src"]
        assert csp["default-src"] == ["'self'"]
        assert csp["object-src"] == ["'none'"]
        assert csp["frame-ancestors"] == ["'none'"]
        assert csp["form-action"] == ["'self'"]


TEMPLATE_DIRS = [REPO / "templates", *REPO.glob("*/templates")]
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*\bnonce=)[^>]*>", re.IGNORECASE)


def test_no_template_has_inline_script_or_event_handlers():
    """The CSP would block them in the browser; better to find them here."""
    offenders = []
    for folder in TEMPLATE_DIRS:
        for path in folder.rglob("*.html"):
            if "/email/" in str(path):  # e-mail bodies: no CSP, no scripts either way
                continue
            text = path.read_text()
            if INLINE_HANDLER.search(text) or INLINE_SCRIPT.search(text):
                offenders.append(str(path.relative_to(REPO)))
    assert offenders == []


def test_signed_in_pages_fragments_and_downloads_are_not_cached(
    client_for, projectleider, wethouder
):
    from tests.monitoring.reports import make_report

    client = client_for(projectleider)
    world = World()
    responses = {
        "page": client.get(world.zawa_programme.get_absolute_url()),
        "csv": client.get(reverse("actions:export_csv")),
        "htmx": client.get(world.action_2b.get_absolute_url(), HTTP_HX_REQUEST="true"),
    }
    report = make_report(world.zawa_programme, "verzonden", "2020-H2")
    responses["pdf"] = client_for(wethouder).get(
        reverse("monitoring:report_download", args=[report.pk])
    )
    for name, response in responses.items():
        assert response.status_code == 200, name
        assert response["Cache-Control"] == "private, no-store", name


def test_behind_a_tls_proxy_http_is_redirected_and_https_gets_hsts(client, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    plain = client.get(reverse("login"), HTTP_X_FORWARDED_PROTO="http")
    assert plain.status_code == 301 and plain["Location"].startswith("https://")
    secure = client.get(reverse("login"), HTTP_X_FORWARDED_PROTO="https")
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def _production_env():
    """The variables of .env.example, as docker compose would pass them."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "AXES_"))}
    for line in (REPO / ".env.example").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("=")
            env[key.strip()] = value.strip()
    env["SECRET_KEY"] = "k3Y-" + "".join(chr(65 + (i * 7) % 58) for i in range(60))
    return env


def test_check_deploy_is_clean_with_the_production_variables():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO,
        env=_production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
