"""Shared fixtures: the demo data loaded once per test database, and a cast of users per role."""

import json

from django.core.management import call_command

import pytest

from programmes.demo import DEMO_PASSWORD
from programmes.models import Region
from tests.processes import pytest_configure, pytest_sessionfinish  # noqa: F401 (the leak check)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test sees the seed programmes, as a user of a fresh `make run` would."""
    with django_db_blocker.unblock():
        call_command("load_demo", verbosity=0)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path_factory):
    """Uploaded and generated files (report PDFs) go to a temporary folder, not the repo."""
    settings.MEDIA_ROOT = tmp_path_factory.getbasetemp() / "media"


@pytest.fixture(autouse=True)
def _frozen_rows_flushable(request):
    """Some tables refuse DELETE by trigger: the audit trail (ghnt_portal/audit), a report that
    left concept, sent answers to the uitvraag (monitoring). SQLite empties the tables with
    DELETE after a transactional test (live server, real worker), so empty them here first,
    in one transaction (foreign keys are checked at its end, so the order does not matter),
    with every trigger lifted for it and put back as it was. PostgreSQL empties them with
    TRUNCATE, which row triggers do not see."""
    if "transactional_db" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("transactional_db")  # torn down after this fixture's cleanup
    yield
    from django.db import connection

    if connection.vendor == "sqlite":
        _flush_sqlite_with_triggers_lifted(connection)


def _flush_sqlite_with_triggers_lifted(connection):
    from django.core.management.color import no_style
    from django.core.management.sql import sql_flush
    from django.db import transaction

    with connection.cursor() as cursor:
        cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
        triggers = cursor.fetchall()
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        for name, _sql in triggers:
            cursor.execute(f'DROP TRIGGER "{name}"')
        for statement in sql_flush(no_style(), connection):
            cursor.execute(statement)
        for _name, sql in triggers:
            cursor.execute(sql)


@pytest.fixture(autouse=True)
def _empty_cache(settings):
    """Every test starts with an empty cache of its process's memory (never a CACHE_URL of
    the environment): primary keys come back after a rollback (on SQLite), so a dashboard
    cached by one test would show in the next."""
    from django.core.cache import cache

    from monitoring.dashboard.cache import reset_fault_state

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "tests",
        }
    }
    reset_fault_state()
    cache.clear()
    yield
    reset_fault_state()


@pytest.fixture
def demo_password():
    return DEMO_PASSWORD


@pytest.fixture
def zawa(db):
    return Region.objects.get(slug="zaanstreek-waterland")


@pytest.fixture
def zawa_programme(zawa):
    return zawa.programmes.get()


def _user(username):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


# The cast: the demo users of fixtures/users.json, one per role.
@pytest.fixture
def projectleider(db):
    return _user("projectleider-zawa")


@pytest.fixture
def other_projectleider(db):
    return _user("projectleider-kennemerland")


@pytest.fixture
def veiligthuis(db):
    return _user("veiligthuis-zawa")


@pytest.fixture
def politie(db):
    return _user("politie-zawa")


@pytest.fixture
def wethouder(db):
    return _user("wethouder-zaanstad")


@pytest.fixture
def raadslid(db):
    return _user("raadslid-zaanstad")


@pytest.fixture
def rijk(db):
    return _user("rijk")


@pytest.fixture
def beheerder(db):
    return _user("beheerder")


@pytest.fixture
def client_for(client):
    """Log a user in on the test client: `client_for(projectleider)`, with a session that
    passed the second factor where the user's role requires one (tests/two_factor.py)."""
    from tests.two_factor import log_in

    def login(user):
        return log_in(client, user)

    return login


def pytest_sessionstart(session):
    from tests.api import fuzzlog
    from tests.browser.a11y import IBM_LOG_FILE, LOG_FILE

    if not hasattr(session.config, "workerinput"):  # the controller, not an xdist worker
        LOG_FILE.unlink(missing_ok=True)
        IBM_LOG_FILE.unlink(missing_ok=True)
        from tests.browser.pagesizes import LIGHTHOUSE_DEPLOYED_FILE, LIGHTHOUSE_FILE, SIZES_FILE

        for file in (SIZES_FILE, LIGHTHOUSE_FILE, LIGHTHOUSE_DEPLOYED_FILE):
            file.unlink(missing_ok=True)
        fuzzlog.LOG_FILE.unlink(missing_ok=True)


def pytest_terminal_summary(terminalreporter):
    """Print how many access-matrix cases and axe-checked pages ran."""
    from tests.browser.a11y import minor_findings, read_log

    pages, rules = read_log()
    if pages:
        terminalreporter.write_line(
            f"axe: {pages} pages checked against {rules} WCAG 2.1 A/AA rules, "
            "0 serious or critical violations allowed"
        )
        minor = minor_findings()
        terminalreporter.write_line(
            "axe: moderate/minor findings (not blocking): "
            + (", ".join(f"{rule} on {n} pages" for rule, n in sorted(minor.items())) or "none")
        )
    from tests.browser.a11y import IBM_POLICY, ibm_summary

    ibm_pages, potential = ibm_summary()
    if ibm_pages:
        terminalreporter.write_line(
            f"IBM Equal Access: {ibm_pages} pages checked against its {IBM_POLICY} policy, "
            "0 violations allowed; potential violations (for a person to judge): "
            + (", ".join(f"{rule} on {n} pages" for rule, n in sorted(potential.items())) or "none")
        )
    from tests.browser.pagesizes import (
        LIGHTHOUSE_DEPLOYED_FILE,
        LIGHTHOUSE_FILE,
        SIZES_FILE,
        read_sizes,
    )

    sizes = read_sizes()
    if sizes:
        terminalreporter.write_line(
            "CSS+JS per page, first visit (decoded / transferred bytes; "
            f"{SIZES_FILE}): "
            + ", ".join(
                f"{name} {p['total_decoded']:,} / {p['total_transfer']:,}"
                for name, p in sizes["pages"].items()
            )
            + f"; mean {sizes['mean_total_decoded']:,} decoded"
        )
    for where, file in (("", LIGHTHOUSE_FILE), (" as deployed", LIGHTHOUSE_DEPLOYED_FILE)):
        if file.exists():
            scores = json.loads(file.read_text(encoding="utf-8"))
            terminalreporter.write_line(
                f"Lighthouse{where} (performance / accessibility / best practices; {file}): "
                + ", ".join(
                    f"{name} " + " / ".join(f"{round(100 * s)}" for s in r["scores"].values())
                    for name, r in scores.items()
                )
            )
    from tests.api import fuzzlog

    fuzz = fuzzlog.summary()
    if fuzz:
        terminalreporter.write_line(fuzz)
    passed = terminalreporter.stats.get("passed", [])
    failed = terminalreporter.stats.get("failed", [])
    hostile = [r for r in passed + failed if r.nodeid.startswith("tests/hostile/")]
    if hostile:
        tried = sum(v for r in hostile for k, v in r.user_properties if k == "hostile_inputs")
        broken = [r for r in failed if r.nodeid.startswith("tests/hostile/")]
        terminalreporter.write_line(
            f"hostile input: {tried} requests with arbitrary values to every form and upload "
            f"({len(hostile)} tests), "
            + (
                "0 server errors, 0 partial saves, none too slow"
                if not broken
                else f"{len(broken)} tests FAILED"
            )
        )
    matrix = [r for r in passed + failed if "test_access_matrix.py::test_access[" in r.nodeid]
    if matrix:
        terminalreporter.write_line(
            f"access matrix: {len(matrix)} cases checked ({len(failed)} failures in the suite)"
        )
