"""Large imports when the background processing fails: the broker (Redis) away when the
projectleider uploads, and the worker's pool process killed in the middle of the import
(what the out-of-memory killer does). The page never errs and never stays "bezig": the
outbox hands the job out again, and the import ends with every row once or with none."""

import datetime
import os
import signal
import time

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

import pytest

from ghnt_portal.outbox import services as outbox_services
from ghnt_portal.outbox.constants import OutboxState
from ghnt_portal.outbox.models import OutboxTask
from monitoring.imports import services
from monitoring.imports.models import ImportBatch, ImportPhase
from monitoring.imports.tasks import run_import
from monitoring.models import Measurement
from programmes.models import Region
from tests.celery_worker import running_worker
from tests.monitoring.helpers import HEADER, csv_upload
from tests.monitoring.test_import_background import weekly_rows
from tests.ops.test_celery_settings import _closed_port, _sender


def _ours():
    return Measurement.objects.filter(period_start__year__lt=1991)


@pytest.mark.django_db
def test_an_upload_while_redis_is_away_waits_and_is_checked_once_it_is_back(
    client_for, projectleider, zawa, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.IMPORT_SYNC_MAX_ROWS = 5
    away = _sender(f"redis://127.0.0.1:{_closed_port()}/0")
    eager = outbox_services._celery_app()
    monkeypatch.setattr(outbox_services, "_celery_app", lambda: away)
    client = client_for(projectleider)
    url = reverse("monitoring:import_upload", kwargs={"slug": zawa.slug})
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"bestand": csv_upload(*weekly_rows(40))})
    waited = time.monotonic() - started
    assert response.status_code == 302 and waited < 3  # no error page, no long wait
    batch = ImportBatch.objects.latest("pk")
    task = OutboxTask.objects.get(key=services.outbox_key(batch.pk))
    assert task.state == OutboxState.QUEUED and task.last_error
    OutboxTask.objects.filter(pk=task.pk).update(
        created_at=task.created_at - datetime.timedelta(minutes=2)
    )
    page = client.get(response["Location"])
    assert "zodra de achtergrondverwerking weer beschikbaar is" in page.text
    assert 'data-import-phase="checking"' in page.text

    monkeypatch.setattr(outbox_services, "_celery_app", lambda: eager)  # Redis is back
    assert outbox_services.sweep()["published"] == 1  # beat's sweep hands it out
    batch.refresh_from_db()
    assert batch.phase == ImportPhase.CHECKED and batch.row_count == 40
    away.close()


@pytest.fixture
def worker(transactional_db, tmp_path):
    with running_worker(tmp_path, "test-import", pool="prefork") as started:
        yield started


def _wait_for(predicate, log, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.02)
    pytest.fail(f"{what} did not happen within {timeout}s; log:\n{log.read_text()[-4000:]}")


def _copying_in_an_open_transaction() -> bool:
    """The worker has inserted measurements (COPY) in its import transaction, not committed."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL "
            "AND query LIKE 'COPY %%monitoring_measurement%%'"
        )
        return cursor.fetchone() is not None


@pytest.mark.services
def test_a_pool_process_killed_mid_import_leaves_nothing_then_imports_every_row_once(worker):
    sender, queue, log = worker
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)  # committed, so the worker sees it
    zawa = Region.objects.get(slug="zaanstreek-waterland")
    lines = []  # about 59,000 rows: weekly from 1600 for two municipalities and the region
    for week in range(20_000):  # until 1983
        start = datetime.date(1600, 1, 3) + datetime.timedelta(weeks=week)
        end = start + datetime.timedelta(days=6)
        if end.year != start.year:  # a deelperiode lies within one year
            continue
        for area in ("GM0479", "Purmerend", "regio"):
            lines.append(f"politie-incidenten-hg;{area};deelperiode;{start};{end};;{week};")
    count = len(lines)
    content = "\n".join([HEADER, *lines]).encode()
    batch = services.start_upload(SimpleUploadedFile("metingen.csv", content), zawa, None)
    batch.refresh_from_db()  # checked here, eagerly after the commit (no broker in this process)
    assert (batch.phase, batch.error_count, batch.row_count) == (ImportPhase.CHECKED, 0, count)
    ImportBatch.objects.filter(pk=batch.pk).update(phase=ImportPhase.IMPORTING)
    row = OutboxTask.objects.create(
        task_name=run_import.name,
        args=[batch.pk],
        key=services.outbox_key(batch.pk),
        state=OutboxState.SENT,
    )
    # As outbox.publish hands it out after the confirmation.
    sender.send_task(run_import.name, args=row.args, task_id=f"outbox-{row.pk}-1", queue=queue)
    _wait_for(_copying_in_an_open_transaction, log, 120, "rows being inserted")
    row.refresh_from_db()
    assert row.state == OutboxState.STARTED and row.pid and row.pid != os.getpid()
    os.kill(row.pid, signal.SIGKILL)
    killed = time.monotonic()
    assert not _ours().exists()  # what the killed run inserted was never committed
    batch.refresh_from_db()
    assert batch.phase == ImportPhase.IMPORTING  # not done: the page keeps following it

    _wait_for(
        lambda: OutboxTask.objects.filter(pk=row.pk, state=OutboxState.DONE).exists(),
        log,
        180,
        "the import being made again",
    )
    took = time.monotonic() - killed
    row.refresh_from_db()
    batch.refresh_from_db()
    assert batch.phase == ImportPhase.IMPORTED
    assert (row.state, row.attempts) == (OutboxState.DONE, 2), row.last_error
    assert _ours().count() == count  # every row, once
    batch.refresh_from_db()
    assert batch.result == {"created": count, "updated": 0, "unchanged": 0}
    print(f"pool process {row.pid} SIGKILLed mid-import: {count} rows imported {took:.1f}s later")
