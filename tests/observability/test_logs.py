"""JSON log lines (LOG_FORMAT=json): every line parses, each request has an id (taken from
X-Request-ID or made) that comes back in the response, and the task a request enqueues logs
under the same id on a REAL Celery worker (Redis, the test database)."""

import io
import json
import logging
import time

from django.core.management import call_command
from django.urls import reverse

import pytest
from celery import Celery

from ghnt_portal.observability.logs import ContextFilter, JsonFormatter
from ghnt_portal.outbox import services as outbox_services
from tests.celery_worker import running_worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def json_log():
    """The root logger's lines as JSON, as settings.LOGGING makes them with LOG_FORMAT=json."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(ContextFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    level = root.level
    root.setLevel(logging.INFO)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


def _request_lines(lines):
    return [line for line in lines if line["logger"] == "ghnt_portal.request"]


def test_a_request_logs_one_json_line_with_its_id_view_user_status_and_duration(
    client_for, projectleider, json_log
):
    client = client_for(projectleider)
    response = client.get(reverse("home"), HTTP_X_REQUEST_ID="proxy-7f3a")
    assert response["X-Request-ID"] == "proxy-7f3a"
    (line,) = _request_lines(json_log())
    assert line["event"] == "request"
    assert line["level"] == "INFO"
    assert line["request_id"] == "proxy-7f3a"
    assert line["view"] == "home"
    assert line["status"] == 200
    assert line["user_id"] == projectleider.pk
    assert line["method"] == "GET" and line["path"] == reverse("home")
    assert 0 < line["duration_ms"] < 60_000
    assert line["timestamp"].endswith("+00:00")


def test_no_name_email_or_password_of_the_user_is_logged(client, projectleider, json_log):
    client.post(
        reverse("login"), {"username": projectleider.username, "password": "geheim-wachtwoord"}
    )
    lines = json_log()
    assert any(line["event"].startswith("audit: login_failed") for line in lines)
    text = json.dumps(lines)  # every line: the request's and the audit trail's
    for secret in ("geheim-wachtwoord", projectleider.email, projectleider.username):
        assert secret not in text


def test_without_a_usable_request_id_one_is_made_and_returned(client, json_log):
    first = client.get(reverse("login"))
    hostile = client.get(reverse("login"), HTTP_X_REQUEST_ID='x" \n{"level": "forged"}' * 3)
    made = [first["X-Request-ID"], hostile["X-Request-ID"]]
    assert all(len(rid) == 32 and rid.isalnum() for rid in made)
    assert made[0] != made[1]
    assert [line["request_id"] for line in _request_lines(json_log())] == made


def test_lines_logged_while_a_request_runs_carry_its_id(client, json_log):
    client.post(
        reverse("login"), {"username": "niemand", "password": "fout"}, HTTP_X_REQUEST_ID="r-1"
    )
    inside = [line for line in json_log() if line.get("request_id") == "r-1"]
    assert {line["logger"] for line in inside} > {"ghnt_portal.request"}  # axes/audit too


@pytest.fixture
def json_worker(transactional_db, tmp_path, monkeypatch):
    """A real worker logging JSON, and the outbox publishing to its queue."""
    # Committed, so the worker sees it; a transactional test before this one flushed the demo.
    call_command("load_demo", verbosity=0)
    with running_worker(tmp_path, "test-logs", {"LOG_FORMAT": "json"}) as (sender, queue, log):
        publisher = Celery("test-publisher", set_as_current=False)
        publisher.config_from_object("django.conf:settings", namespace="CELERY")
        publisher.conf.broker_url = sender.conf.broker_url
        publisher.conf.task_always_eager = False
        publisher.conf.task_default_queue = queue
        monkeypatch.setattr(outbox_services, "_celery_app", lambda: publisher)
        try:
            yield log
        finally:
            publisher.close()


def _wait_for_lines(log, predicate, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        lines = [json.loads(x) for x in log.read_text().splitlines() if x.startswith("{")]
        if any(predicate(line) for line in lines):
            return lines
        time.sleep(0.5)
    pytest.fail(f"no such line in {timeout}s; worker log:\n{log.read_text()[-4000:]}")


@pytest.mark.services
def test_the_task_a_request_enqueues_logs_under_the_requests_id(
    json_worker, client_for, projectleider, zawa_programme, django_capture_on_commit_callbacks
):
    client = client_for(projectleider)
    with django_capture_on_commit_callbacks(execute=True):  # the outbox publishes on commit
        response = client.post(
            reverse("monitoring:report_generate", args=[zawa_programme.pk]),
            {"period": "2021-H1"},
            HTTP_X_REQUEST_ID="req-report-42",
        )
    assert response.status_code == 302
    assert response["X-Request-ID"] == "req-report-42"

    task = "monitoring.tasks.generate_report"
    lines = _wait_for_lines(
        json_worker,
        lambda line: line.get("task") == task and "succeeded" in line["event"],
    )
    # From "ready" on, every line is one JSON object (the start banner before it is left out
    # by the image's entrypoint with --quiet: tests/ops/test_image.py).
    after_ready = json_worker.read_text().split(" ready.", 1)[1].splitlines()[1:]
    assert after_ready and all(json.loads(x) for x in after_ready if x.strip())
    of_task = [line for line in lines if line.get("task") == task]
    assert of_task and all(line["request_id"] == "req-report-42" for line in of_task)
    assert all(line["task_id"].startswith("outbox-") for line in of_task)


def test_a_page_of_a_programme_names_its_region_in_the_request_line(
    client_for, projectleider, zawa_programme, json_log
):
    client = client_for(projectleider)
    assert client.get(reverse("programmes:detail", args=[zawa_programme.pk])).status_code == 200
    (line,) = _request_lines(json_log())
    assert line["region"] == zawa_programme.region_id
    assert line["view"] == "programmes:detail"


def test_logging_the_user_adds_no_query_to_a_public_page(client_for, projectleider, settings):
    """A public page does not load the session's user; the request line must not either."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(projectleider)
    url = reverse("public:index")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    queries()  # warm caches alike for both runs
    with_logging = queries()
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "observability" not in m]
    assert with_logging == queries()
