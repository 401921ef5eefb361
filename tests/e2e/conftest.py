"""End to end on the real services: gunicorn, a Celery worker, Redis and PostgreSQL.

The portal runs as it does in production (DEBUG off, collectstatic with the manifest
storage, a Redis broker, a separate worker process), served on loopback. The tests only
talk to it through the browser, and read the mail it sends from files.

Runs when DATABASE_URL points to PostgreSQL and TEST_REDIS_URL is set (CI: .ci/run); skipped
with the reason otherwise, unless REQUIRE_REAL_SERVICES is set, when a missing service fails.

Once per session (and per xdist worker): a template database is migrated and filled with the
demo data by `manage.py`, then gunicorn and the worker start. Before each test the portal's
database is recreated from the template, so every test starts from a fresh `make run`.
The tests use no pytest-django database fixtures.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import pytest

from tests import processes
from tests.browser.conftest import (
    chromium,  # noqa: F401  (the session's browser)
    watch_csp,
)
from tests.two_factor import forget_used_codes

REPO = Path(__file__).resolve().parents[2]
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
STARTUP_TIMEOUT = 60


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.services)
            # With `--dist loadgroup` all e2e tests share one worker and one server set.
            item.add_marker(pytest.mark.xdist_group("e2e"))


def _need(condition: bool, reason: str):
    if condition:
        return
    if os.environ.get("REQUIRE_REAL_SERVICES"):
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


@dataclass
class Services:
    base_url: str
    database_url: str  # the portal's database (psycopg2 DSN URL)
    mail_dir: Path
    media_dir: Path
    logs: dict
    processes: dict
    admin_url: str  # the `postgres` maintenance database, for DROP/CREATE DATABASE
    database: str
    template: str
    env: dict = field(default_factory=dict)  # the portal's environment, for manage()

    def reset_database(self):
        """A fresh copy of the demo data for the next test."""
        _recreate(self.admin_url, self.database, template=self.template)

    def sent_mail(self):
        """The messages the portal sent, parsed (filebased e-mail backend)."""
        import email
        from email import policy

        messages = []
        for path in sorted(self.mail_dir.glob("*.log")):
            # One file per connection; messages are separated by a line of 79 dashes.
            for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
                if chunk.strip():
                    messages.append(email.message_from_bytes(chunk, policy=policy.default))
        return messages

    def manage(self, *args):
        """A management command on the portal's database (as an operator would run one)."""
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=REPO,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def query(self, sql, params=()):
        import psycopg2

        connection = psycopg2.connect(self.database_url)
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()
        finally:
            connection.close()


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + quote(name)))


def _recreate(admin_url: str, name: str, template: str | None = None):
    import psycopg2
    from psycopg2 import sql

    connection = psycopg2.connect(admin_url)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
            if template:
                cursor.execute(
                    sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                        sql.Identifier(name), sql.Identifier(template)
                    )
                )
            else:
                cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    finally:
        connection.close()


def _drop(admin_url: str, *names: str):
    import psycopg2
    from psycopg2 import sql

    connection = psycopg2.connect(admin_url)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            for name in names:
                cursor.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )
    finally:
        connection.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run(args, env, log: Path):
    with open(log, "ab") as out:
        result = subprocess.run(
            [sys.executable, *args], cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    if result.returncode:
        pytest.fail(f"{' '.join(args)} failed; log:\n{log.read_text()[-4000:]}", pytrace=False)


def _start(args, env, log: Path) -> subprocess.Popen:
    return processes.start([sys.executable, *args], cwd=REPO, env=env, log=log)


def _wait_until_answering(url: str, processes: dict, logs: dict):
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        for name, process in processes.items():
            if process.poll() is not None:
                pytest.fail(
                    f"{name} stopped while starting; log:\n{logs[name].read_text()[-4000:]}",
                    pytrace=False,
                )
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    pytest.fail(f"gunicorn did not answer {url} in {STARTUP_TIMEOUT}s", pytrace=False)


def _wait_for_worker(log: Path):
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if b" ready." in log.read_bytes():
            return
        time.sleep(0.2)
    pytest.fail(f"the Celery worker did not start; log:\n{log.read_text()[-4000:]}")


def _redis_url_for_worker(url: str) -> str:
    """Each xdist worker's portal gets its own Redis database, so one worker's Celery never
    takes another's tasks (and the PostgreSQL database it names)."""
    index = int("".join(ch for ch in WORKER if ch.isdigit()) or 0)
    return urlunsplit(urlsplit(url)._replace(path=f"/{10 + index % 6}"))


@pytest.fixture(scope="session")
def services(tmp_path_factory):
    import dj_database_url

    database_url = os.environ.get("DATABASE_URL", "")
    redis_url = os.environ.get("TEST_REDIS_URL")
    _need(
        database_url.startswith(("postgres://", "postgresql://")),
        "end-to-end tests need DATABASE_URL on PostgreSQL (CI: .ci/run starts one)",
    )
    _need(bool(redis_url), "end-to-end tests need TEST_REDIS_URL (CI: .ci/run starts Redis)")

    import psycopg2
    import redis

    admin_url = _with_database(database_url, "postgres")
    try:
        psycopg2.connect(admin_url, connect_timeout=3).close()
    except psycopg2.OperationalError as exc:
        _need(False, f"PostgreSQL at {database_url} does not answer: {exc}")
    broker_url = _redis_url_for_worker(redis_url)
    try:
        client = redis.Redis.from_url(broker_url, socket_connect_timeout=3)
        client.ping()
        client.flushdb()  # no tasks left over from an earlier run
        client.close()
    except redis.RedisError as exc:
        _need(False, f"Redis at {redis_url} does not answer: {exc}")

    parsed = dj_database_url.parse(database_url)
    assert parsed["ENGINE"].endswith("postgresql")
    template, database = f"ghnt_e2e_template_{WORKER}", f"ghnt_e2e_{WORKER}"
    root = tmp_path_factory.mktemp("e2e")
    mail_dir, media_dir, static_dir = root / "mail", root / "media", root / "static"
    for folder in (mail_dir, media_dir, static_dir):
        folder.mkdir()
    logs = {name: root / f"{name}.log" for name in ("setup", "gunicorn", "celery")}
    port = _free_port()
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "e2e-only-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_COOKIES": "0",
        "SECURE_SSL_REDIRECT": "0",  # plain HTTP on loopback (production: TLS proxy)
        "STATIC_MANIFEST": "1",
        "STATIC_ROOT": str(static_dir),
        "MEDIA_ROOT": str(media_dir),
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
        "PORTAL_BASE_URL": f"http://127.0.0.1:{port}",
        "CELERY_BROKER_URL": broker_url,
        # The dashboard cache shared by both gunicorn workers, as in production; the same
        # Redis database as the broker, emptied above with it.
        "CACHE_URL": broker_url,
        "AXES_ENABLED": "1",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)

    # The template: migrated and filled by the same commands as a deployment.
    _recreate(admin_url, template)
    setup_env = {**env, "DATABASE_URL": _with_database(database_url, template)}
    _run(["manage.py", "migrate", "--noinput"], setup_env, logs["setup"])
    _run(["manage.py", "load_demo"], setup_env, logs["setup"])
    # Projectleiders and the beheerder have set up their authenticator app (known test keys).
    confirm = "from tests.two_factor import confirm_demo_devices; confirm_demo_devices()"
    _run(["manage.py", "shell", "-c", confirm], setup_env, logs["setup"])
    _run(["manage.py", "collectstatic", "--noinput"], setup_env, logs["setup"])
    _recreate(admin_url, database, template=template)

    run_env = {**env, "DATABASE_URL": _with_database(database_url, database)}
    started = {}
    try:
        started["gunicorn"] = _start(
            [
                "-m",
                "gunicorn",
                "ghnt_portal.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--timeout",
                "60",
                "--access-logfile",
                "-",
            ],
            run_env,
            logs["gunicorn"],
        )
        started["celery"] = _start(
            [
                "-m",
                "celery",
                "-A",
                "ghnt_portal",
                "worker",
                "--pool=solo",
                "--loglevel=INFO",
                "-n",
                f"e2e-{WORKER}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            run_env,
            logs["celery"],
        )
        base_url = f"http://127.0.0.1:{port}"
        _wait_until_answering(base_url + "/inloggen/", started, logs)
        _wait_for_worker(logs["celery"])
        services = Services(
            base_url=base_url,
            database_url=run_env["DATABASE_URL"],
            mail_dir=mail_dir,
            media_dir=media_dir,
            logs=logs,
            processes=started,
            admin_url=admin_url,
            database=database,
            template=template,
            env=run_env,
        )
        yield services
    finally:
        for process in started.values():
            processes.stop(process)
        _drop(admin_url, database, template)


@pytest.fixture
def e2e(services):
    """The services with a fresh demo database and an empty mailbox for this test."""
    for process_name, process in services.processes.items():
        if process.poll() is not None:
            pytest.fail(
                f"{process_name} has stopped; log:\n{services.logs[process_name].read_text()}"
            )
    services.reset_database()
    for message in services.mail_dir.iterdir():
        message.unlink()
    return services


@pytest.fixture
def page(chromium, e2e, request):  # noqa: F811
    context = chromium.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = e2e.base_url
    page.screenshot_prefix = "e2e-"
    forget_used_codes()  # a fresh database: the devices accepted no code yet
    violations = watch_csp(page)
    yield page
    context.close()
    assert not violations, f"Content-Security-Policy violations: {violations}"
