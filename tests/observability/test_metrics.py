"""GET /metrics: refused without the token, and after a page, a report and an import it shows
what happened (names and values), plus the outbox and beat's heartbeat read from the database.

In the tests there is one process (no PROMETHEUS_MULTIPROC_DIR): the counters are this
process's, so each test compares a scrape before with one after. The multi-process mode under
gunicorn and the worker's own port are run in tests/ops/test_image.py."""

import datetime

from django.urls import reverse
from django.utils import timezone

import pytest
from django_celery_beat.models import PeriodicTask

from ghnt_portal.health import HEARTBEAT_TASK_NAME
from ghnt_portal.outbox.constants import OutboxState
from ghnt_portal.outbox.models import OutboxTask
from monitoring.reports.tasks import generate_report
from tests.monitoring.helpers import csv_upload, police_rows_2021
from tests.observability.helpers import TOKEN, scrape, value

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def token(monkeypatch):
    monkeypatch.setenv("METRICS_TOKEN", TOKEN)


def test_without_the_right_token_the_metrics_are_refused(client, monkeypatch):
    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 401
    assert client.get("/metrics", HTTP_AUTHORIZATION=TOKEN).status_code == 401  # no scheme
    refused = client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong")
    assert refused["WWW-Authenticate"].startswith("Bearer")
    assert b"ghnt_" not in refused.content
    monkeypatch.delenv("METRICS_TOKEN")
    assert client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}").status_code == 404


def test_metrics_are_answered_for_any_host_header_as_a_scraper_uses_the_pod_address(client):
    response = client.get(
        "/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}", HTTP_HOST="10.1.2.3:8000"
    )
    assert response.status_code == 200


def test_a_page_is_counted_and_timed_per_view_with_its_queries(client_for, projectleider):
    client = client_for(projectleider)
    before = scrape(client)
    for _ in range(2):
        assert client.get(reverse("home")).status_code == 200
    after = scrape(client)
    labels = {"view": "home", "method": "GET", "status": "200"}
    assert (
        value(after, "ghnt_http_requests_total", **labels)
        - value(before, "ghnt_http_requests_total", **labels)
        == 2
    )
    timed = value(after, "ghnt_http_request_duration_seconds_count", view="home") - value(
        before, "ghnt_http_request_duration_seconds_count", view="home"
    )
    assert timed == 2
    took = value(after, "ghnt_http_request_duration_seconds_sum", view="home") - value(
        before, "ghnt_http_request_duration_seconds_sum", view="home"
    )
    assert 0 < took < 60
    queries = value(after, "ghnt_db_queries_total", source="home") - value(
        before, "ghnt_db_queries_total", source="home"
    )
    assert queries >= 2  # the home page reads the database on each of the two requests


def test_a_generated_report_is_counted_with_its_duration(client, zawa_programme):
    before = scrape(client)
    generate_report(zawa_programme.pk, "2021-H1")
    after = scrape(client)
    assert (
        value(after, "ghnt_report_generations_total", outcome="done")
        - value(before, "ghnt_report_generations_total", outcome="done")
        == 1
    )
    count = "ghnt_report_generation_duration_seconds_count"
    assert value(after, count, outcome="done") - value(before, count, outcome="done") == 1
    seconds = value(after, "ghnt_report_generation_duration_seconds_sum", outcome="done") - value(
        before, "ghnt_report_generation_duration_seconds_sum", outcome="done"
    )
    assert seconds > 0


def test_a_failed_report_is_counted_as_failed(client, zawa_programme, monkeypatch):
    from monitoring.reports import services

    def broken(*args, **kwargs):
        raise RuntimeError("layout too large")

    monkeypatch.setattr(services, "generate", broken)
    before = scrape(client)
    with pytest.raises(RuntimeError):
        generate_report(zawa_programme.pk, "2021-H1")
    after = scrape(client)
    assert (
        value(after, "ghnt_report_generations_total", outcome="failed")
        - value(before, "ghnt_report_generations_total", outcome="failed")
        == 1
    )


def test_import_rows_are_counted_per_outcome(client_for, projectleider, zawa):
    client = client_for(projectleider)
    before = scrape(client)
    url = reverse("monitoring:import_upload", kwargs={"slug": zawa.slug})
    bad = "politie-incidenten-hg;Haarlem;jaar;2021-01-01;2021-12-31;2021;12;"
    client.post(url, {"bestand": csv_upload(bad)})  # its preview lists the error: refused
    response = client.post(url, {"bestand": csv_upload(*police_rows_2021())})
    client.post(response["Location"])  # confirm: 3 new rows
    after = scrape(client)

    def delta(outcome):
        return value(after, "ghnt_import_rows_total", outcome=outcome) - value(
            before, "ghnt_import_rows_total", outcome=outcome
        )

    assert (delta("created"), delta("updated"), delta("rejected")) == (3, 0, 1)


def test_failed_logins_and_lockouts_are_counted(client, projectleider, settings):
    settings.AXES_FAILURE_LIMIT = 2
    before = scrape(client)
    for _ in range(3):
        client.post(reverse("login"), {"username": projectleider.username, "password": "nee"})
    after = scrape(client)
    failed = value(after, "ghnt_login_failures_total") - value(before, "ghnt_login_failures_total")
    assert failed >= 2
    assert value(after, "ghnt_lockouts_total") - value(before, "ghnt_lockouts_total") >= 1


def test_outbox_rows_and_the_oldest_waiting_one_are_read_at_scrape_time(client):
    now = timezone.now()
    OutboxTask.objects.create(task_name="x", state=OutboxState.QUEUED, created_at=now)
    OutboxTask.objects.create(
        task_name="x", state=OutboxState.SENT, created_at=now - datetime.timedelta(minutes=12)
    )
    OutboxTask.objects.create(task_name="x", state=OutboxState.FAILED)
    samples = scrape(client)
    assert value(samples, "ghnt_outbox_tasks", state="queued") == 1
    assert value(samples, "ghnt_outbox_tasks", state="sent") == 1
    assert value(samples, "ghnt_outbox_tasks", state="failed") == 1
    assert value(samples, "ghnt_outbox_tasks", state="started") == 0
    age = value(samples, "ghnt_outbox_oldest_waiting_age_seconds")
    assert 12 * 60 <= age < 13 * 60
    assert value(samples, "ghnt_database_readable") == 1


def test_beats_heartbeat_age_is_read_at_scrape_time(client):
    PeriodicTask.objects.filter(name=HEARTBEAT_TASK_NAME).update(
        last_run_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    age = value(scrape(client), "ghnt_beat_heartbeat_age_seconds")
    assert 5 * 60 <= age < 6 * 60


def test_a_scrape_skips_a_file_a_new_process_has_not_sized_yet(tmp_path, monkeypatch):
    """Under gunicorn and Celery every process writes its own file; a pool child that has just
    created its file (still empty) made the whole scrape fail once in CI."""
    from prometheus_client import CollectorRegistry, Counter, generate_latest
    from prometheus_client.values import MultiProcessValue

    from ghnt_portal.observability.metrics import scrape_registry

    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    # One settled file, as a process that counted something leaves it ...
    monkeypatch.setattr("prometheus_client.values.ValueClass", MultiProcessValue(lambda: 4241))
    Counter("ghnt_probe_total", "a probe", registry=CollectorRegistry()).inc(3)
    # ... and one a new process has only just created.
    (tmp_path / "counter_4242.db").write_bytes(b"")

    body = generate_latest(scrape_registry()).decode()
    assert "ghnt_probe_total 3.0" in body
