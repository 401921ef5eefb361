"""Headless Chromium (Debian's package) driven by Playwright against a live server.

The browser tests run against `live_server`, which uses a transactional database that is
emptied after each test; each test therefore loads the demo data itself.
"""

import os
import re
import shutil
from pathlib import Path

from django.core.management import call_command

import pytest

from programmes.demo import DEMO_PASSWORD
from tests.two_factor import confirm_demo_devices, current_code, forget_used_codes

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", "artifacts/screenshots"))
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


# One Playwright and one Chromium per process, shared by tests/browser and tests/e2e (each
# folder registers the `chromium` fixture; Playwright's sync API runs only once per thread).
_SHARED = {"users": 0}


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        if os.environ.get("REQUIRE_REAL_SERVICES"):
            pytest.fail(f"Chromium not found at {CHROMIUM}; CI must install Debian's chromium")
        pytest.skip("Chromium is not installed (apt-get install chromium); CI runs these tests")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop
    if not _SHARED["users"]:
        from playwright.sync_api import sync_playwright

        _SHARED["playwright"] = sync_playwright().start()
        _SHARED["browser"] = _SHARED["playwright"].chromium.launch(
            executable_path=CHROMIUM, args=LAUNCH_ARGS
        )
    _SHARED["users"] += 1
    try:
        yield _SHARED["browser"]
    finally:
        _SHARED["users"] -= 1
        if not _SHARED["users"]:
            _SHARED.pop("browser").close()
            _SHARED.pop("playwright").stop()


@pytest.fixture
def live_demo(live_server, transactional_db):
    """The live server with the demo data of a fresh `make run`."""
    call_command("load_demo", verbosity=0)
    confirm_demo_devices()
    forget_used_codes()
    return live_server


@pytest.fixture
def page(chromium, live_demo, request):
    context = chromium.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.base_url = live_demo.url
    violations = watch_csp(page)
    yield page
    context.close()
    assert not violations, f"Content-Security-Policy violations: {violations}"


def watch_csp(page):
    """Collect what the browser refused under the Content-Security-Policy (an inline script
    or handler, a style or script from elsewhere): every journey must run without any."""
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return violations


def login(page, username, password=DEMO_PASSWORD):
    """Log in through the login page; where the role requires it, pass the second step with
    the code the user's authenticator app would show (tests/two_factor.py)."""
    page.goto(page.base_url + "/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(rf"^{re.escape(page.base_url)}/(inloggen/tweede-stap/.*)?$"))
    if "/inloggen/tweede-stap/" in page.url:
        page.get_by_label("Code uit de app of herstelcode").fill(current_code(username))
        page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_url(page.base_url + "/")


def screenshot(page, name):
    """Save what the user sees, for a reviewer (CI keeps artifacts/screenshots)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    prefix = getattr(page, "screenshot_prefix", "")  # "e2e-" on the real services
    page.screenshot(path=str(SCREENSHOTS / f"{prefix}{name}.png"), full_page=True)
