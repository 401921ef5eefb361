"""The portal under faults, run as in production: gunicorn with DEBUG off and
DATABASE_CONN_MAX_AGE=60, PostgreSQL, Redis, a Celery worker and beat (tests/ops/realservices.py).

Each test breaks one thing, checks what users and the health endpoints see, repairs it and
checks that everything is green again, without restarting the portal. Each prints what it
survived.
"""

import re
import signal
import time

import pytest

from programmes.demo import DEMO_PASSWORD

from . import realservices as rs

pytestmark = pytest.mark.services

REQUESTS = 20
# Short limits, so a dead worker's task comes back within the test: Redis hands it out again
# VISIBILITY seconds after delivery, found by a worker's sweep (every 30 s, settings.py).
HARD_LIMIT, VISIBILITY, SWEEP = 30, 35, 30


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    cluster = rs.PostgresCluster()
    redis = rs.RedisServer()
    processes = []
    root = tmp_path_factory.mktemp("faults")
    try:
        cluster.start()
        cluster.create_database("ghnt")
        redis.start()
        env = rs.portal_env(
            cluster.url("ghnt"),
            redis.url(),
            root,
            CELERY_TASK_TIME_LIMIT=str(HARD_LIMIT),
            CELERY_TASK_SOFT_TIME_LIMIT=str(HARD_LIMIT - 5),
            CELERY_VISIBILITY_TIMEOUT=str(VISIBILITY),
        )
        rs.run_manage(["migrate", "--noinput"], env, root / "setup.log")
        rs.run_manage(["load_demo"], env, root / "setup.log")
        confirm = "from tests.two_factor import confirm_demo_devices; confirm_demo_devices()"
        rs.run_manage(["shell", "-c", confirm], env, root / "setup.log")
        port = rs.free_port()
        web = rs.gunicorn(port, env, root).start()
        worker = rs.worker(env, root).start()
        beat = rs.beat(env, root).start()
        processes += [web, worker, beat]
        browser = rs.Browser(f"http://127.0.0.1:{port}")
        rs.wait_for(lambda: browser.get("/health/live")[0] == 200, 60, "gunicorn", web.log)
        stack = Stack(cluster, redis, web, worker, beat, browser, env)
        stack.wait_green(90)
        browser.login("projectleider-zawa", DEMO_PASSWORD)
        yield stack
    finally:
        for process in processes:
            process.stop()
        redis.stop()
        cluster.destroy()


class Stack:
    def __init__(self, cluster, redis, web, worker, beat, browser, env):
        self.cluster, self.redis, self.env = cluster, redis, env
        self.web, self.worker, self.beat, self.browser = web, worker, beat, browser

    def query(self, sql, params=()):
        import psycopg2

        connection = psycopg2.connect(self.cluster.url("ghnt"), connect_timeout=3)
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()
        finally:
            connection.close()

    def ready(self):
        return self.browser.json("/health/ready")

    def wait_green(self, timeout=60):
        rs.wait_for(lambda: self.ready()[0] == 200, timeout, f"all green ({self.ready()[1]})")

    def wait_failed(self, *names, timeout=30):
        def failed():
            status, body = self.ready()
            return status == 503 and set(names) <= set(body["failed"])

        rs.wait_for(failed, timeout, f"{names} reported as failed ({self.ready()[1]})")
        return self.ready()[1]

    def pages(self, n=REQUESTS, paths=("/", "/acties/")):
        """Statuses of n page requests of the logged-in projectleider."""
        return [self.browser.get(paths[i % len(paths)])[0] for i in range(n)]


def test_everything_green_when_everything_runs(stack):
    status, body = stack.ready()
    assert status == 200, body
    assert body["checks"] == {name: "ok" for name in rs_names()}
    assert stack.browser.get("/health/web")[0] == 200
    print(f"green: {sorted(body['checks'])} in {body['ms']} ms")


def rs_names():
    return ["database", "storage", "broker", "worker", "beat"]


def test_worker_absent_is_red_then_green_when_it_is_back(stack):
    stack.worker.stop()
    body = stack.wait_failed("worker")
    assert body["failed"] == ["worker"], body
    assert set(stack.pages(6)) == {200}  # pages do not need the worker
    stack.worker.start()
    stack.wait_green(60)
    print(f"worker stopped: readiness said {body['checks']['worker']!r}; green again")


def test_redis_down_is_red_pages_keep_working_and_green_when_it_is_back(stack):
    stack.redis.stop()
    try:
        body = stack.wait_failed("broker")
        assert body["checks"]["database"] == "ok"
        started = time.monotonic()
        statuses = stack.pages()
        took = time.monotonic() - started
        assert set(statuses) == {200}, statuses
        assert stack.browser.get("/health/web")[0] == 200
    finally:
        stack.redis.start()
    stack.wait_green(90)
    print(
        f"Redis stopped: readiness said broker {body['checks']['broker']!r}; "
        f"{len(statuses)} pages answered 200 in {took:.1f}s; worker and beat reconnected"
    )


def test_database_restart_gives_no_errors_with_persistent_connections(stack):
    assert set(stack.pages()) == {200}  # every gunicorn worker holds a connection now
    pids_before = stack.web.popen.pid
    stack.cluster.restart()
    statuses = stack.pages()
    assert statuses == [200] * REQUESTS, statuses
    assert stack.web.popen.pid == pids_before and stack.web.running()
    stack.wait_green(60)
    print(f"PostgreSQL restarted: {REQUESTS} requests after it, 0 errors, no app restart")


def test_database_down_gives_a_friendly_503_and_recovers_without_restart(stack):
    stack.cluster.stop()
    try:
        status, headers, html = stack.browser.get("/")
        assert status == 503, html[:1000]
        assert headers.get("Retry-After") == "30"
        assert "Het portaal is even niet beschikbaar" in html
        assert "Traceback" not in html and "OperationalError" not in html
        assert stack.browser.get("/health/live")[0] == 200
        assert stack.browser.get("/health/web")[0] == 503
        body = stack.wait_failed("database")
    finally:
        stack.cluster.start()
    statuses = stack.pages()
    assert statuses == [200] * REQUESTS, statuses
    stack.wait_green(60)
    print(
        f"PostgreSQL stopped: pages answered 503 with Retry-After, readiness said database "
        f"{body['checks']['database']!r}; after the start {REQUESTS} requests, 0 errors"
    )


def test_a_worker_killed_mid_report_is_redelivered_and_gives_one_report(stack):
    """SIGKILL, as a container kill or the out-of-memory killer does: nothing acknowledges
    the task, and Redis hands it out again after the visibility timeout."""
    from celery import Celery

    [(programme_id,)] = stack.query(
        "SELECT p.id FROM programmes_programme p JOIN programmes_region r "
        "ON r.id = p.region_id WHERE r.slug = 'zaanstreek-waterland'"
    )
    period = "2021-H2"
    sender = Celery("fault-test", broker=stack.env["CELERY_BROKER_URL"])
    log_before = stack.worker.log.read_text()
    sender.send_task("monitoring.tasks.generate_report", args=[programme_id, period])
    sender.close()

    def received():
        new = stack.worker.log.read_text()[len(log_before) :]
        return re.search(r"Task monitoring\.tasks\.generate_report\[\S+\] received", new)

    rs.wait_for(received, 30, "the worker receiving the task", stack.worker.log)
    rs.wait_for(
        lambda: (
            stack.query(
                "SELECT generation_state FROM monitoring_progressreport WHERE period = %s", [period]
            )
            == [("bezig",)]
        ),
        30,
        "the report being made",
        stack.worker.log,
    )
    stack.worker.stop(signal.SIGKILL)
    killed = time.monotonic()
    stack.worker.start()

    def done():
        return stack.query(
            "SELECT generation_state, count(*) FROM monitoring_progressreport "
            "WHERE period = %s GROUP BY 1",
            [period],
        ) == [("gereed", 1)]

    rs.wait_for(done, VISIBILITY + SWEEP + HARD_LIMIT, "the report being made again")
    took = time.monotonic() - killed
    assert took <= VISIBILITY + SWEEP + HARD_LIMIT
    stack.wait_green(60)
    print(
        f"worker SIGKILLed mid-report: redelivered and made once {took:.0f}s later "
        f"(visibility timeout {VISIBILITY}s, sweep every {SWEEP}s)"
    )
