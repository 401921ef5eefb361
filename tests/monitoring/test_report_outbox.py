"""A report goes through the outbox: requested while the broker is away it is not lost, and
the report page says honestly what the background work is doing."""

import datetime

from django.urls import reverse
from django.utils import timezone

import pytest
from kombu.exceptions import OperationalError

from ghnt_portal.celery import app
from ghnt_portal.outbox import services as outbox_services
from ghnt_portal.outbox.constants import OutboxState
from ghnt_portal.outbox.models import OutboxTask
from monitoring.constants import GenerationState
from monitoring.models import ProgressReport
from monitoring.reports.tasks import generate_report, outbox_key

pytestmark = pytest.mark.django_db

WAITING = "wordt gemaakt zodra de achtergrondverwerking weer beschikbaar is"


@pytest.fixture
def broker(monkeypatch):
    class Broker:
        down = False
        original = generate_report.apply_async

        def apply_async(self, *args, **kwargs):
            if self.down:
                raise OperationalError("Error 111 connecting to redis:6379. Connection refused.")
            return self.original(*args, **kwargs)

    broker = Broker()
    monkeypatch.setattr(generate_report, "apply_async", broker.apply_async)
    return broker


def _request(client, programme, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("monitoring:report_generate", args=[programme.pk]), {"period": "2021-H1"}
        )
    return response


def _status(client, report) -> str:
    return client.get(reverse("monitoring:report_status", args=[report.pk])).content.decode()


def test_a_report_requested_while_the_broker_is_down_is_made_when_it_is_back(
    client_for, projectleider, zawa_programme, broker, django_capture_on_commit_callbacks
):
    client = client_for(projectleider)
    broker.down = True
    response = _request(client, zawa_programme, django_capture_on_commit_callbacks)
    assert response.status_code == 302  # no error page: the work is recorded
    report = ProgressReport.objects.get(programme=zawa_programme, period="2021-H1")
    task = OutboxTask.objects.get(key=outbox_key(zawa_programme.pk, "2021-H1"))
    assert task.state == OutboxState.QUEUED and "Connection refused" in task.last_error

    since = f"{timezone.localtime(task.created_at):%H:%M}"
    assert f"In wachtrij sinds {since}." in _status(client, report)
    # Not picked up for more than a few seconds: the user learns why and that it will happen.
    OutboxTask.objects.filter(pk=task.pk).update(
        created_at=task.created_at - datetime.timedelta(seconds=30)
    )
    since = f"{timezone.localtime(task.created_at - datetime.timedelta(seconds=30)):%H:%M}"
    fragment = _status(client, report)
    assert f"In wachtrij sinds {since}; {WAITING}." in fragment
    assert 'hx-trigger="every 2s"' in fragment

    broker.down = False
    outbox_services.sweep()  # beat's sweep, a minute later, with nobody doing anything
    report.refresh_from_db()
    assert report.generation_state == GenerationState.DONE and report.pdf
    assert ProgressReport.objects.filter(programme=zawa_programme).count() == 1
    task.refresh_from_db()
    assert (task.state, task.attempts) == (OutboxState.DONE, 1)
    assert "PDF downloaden" in _status(client, report)


def test_the_page_says_since_when_the_report_is_being_made(
    client_for, projectleider, zawa_programme, broker, django_capture_on_commit_callbacks
):
    client = client_for(projectleider)
    broker.down = True
    _request(client, zawa_programme, django_capture_on_commit_callbacks)
    report = ProgressReport.objects.get(programme=zawa_programme, period="2021-H1")
    task = OutboxTask.objects.get()
    assert outbox_services.claim(task.pk, 300, "worker@host")
    task.refresh_from_db()
    detail = client.get(report.get_absolute_url()).content.decode()
    assert f"Wordt gemaakt sinds {timezone.localtime(task.started_at):%H:%M}." in detail
    assert "In wachtrij" not in detail


def test_a_failed_generation_tells_the_projectleider_what_to_do(
    client_for, projectleider, zawa_programme, monkeypatch, django_capture_on_commit_callbacks
):
    from monitoring.reports import services

    def broken(*args, **kwargs):
        raise RuntimeError("lettertype ontbreekt")

    monkeypatch.setattr(services, "render_to_pdf", broken)
    # Run the retries at once, as a worker does after their countdowns (eager Celery that
    # propagates errors raises the first retry instead).
    monkeypatch.setitem(app.conf, "task_eager_propagates", False)
    client = client_for(projectleider)
    _request(client, zawa_programme, django_capture_on_commit_callbacks)
    report = ProgressReport.objects.get(programme=zawa_programme, period="2021-H1")
    task = OutboxTask.objects.get()
    assert (task.state, task.attempts) == (OutboxState.FAILED, 4)  # the try and three retries
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Het maken van de rapportage is mislukt." in page
    assert "kies <em>Opnieuw maken</em>" in page and "beheerder van het portaal" in page
    assert "lettertype ontbreekt" in page
