"""Each notification on a REAL worker (see conftest.py): the task, sent through Redis by the
outbox after the services' commit (pointed at the worker's queue) or as beat sends it, mails
the right person once, with a link under PORTAL_BASE_URL to the page where the work is done. Sent
twice, it mails once."""

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

import pytest

from actions import services, tasks
from ghnt_portal.notifications.models import NotificationPreference
from tests.notifications.conftest import BASE_URL
from tests.world import World

pytestmark = pytest.mark.services


def _user(username):
    return get_user_model().objects.get(username=username)


@pytest.fixture
def demo(worker, monkeypatch):
    call_command("load_demo", verbosity=0)  # committed, so the worker sees it
    # The outbox publishes the update services' tasks on commit onto the worker's queue (in
    # this test process Celery runs tasks eagerly: there is no broker in its settings).
    from ghnt_portal.celery import app

    for task in (tasks.notify_update_submitted, tasks.notify_update_reviewed):
        monkeypatch.setattr(
            app.tasks[task.name],  # the registered task the outbox publishes, not the proxy
            "apply_async",
            lambda args=(), name=task.name, **options: worker.send(name, *args),
        )
    return World()


def _submitted(world):
    """A committed update of Veilig Thuis on 2B; its hook enqueues the notification."""
    return services.submit_status_update(
        action=world.action_2b, author=_user("veiligthuis-zawa"), status="vertraagd", progress=20
    )


def _body(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def test_update_submitted_mails_the_projectleider_on_the_real_worker(worker, demo):
    update = _submitted(demo)  # enqueued on commit
    worker.send("actions.tasks.notify_update_submitted", update.pk)  # and once more
    worker.wait_for_tasks(2)
    [message] = worker.sent_mail()
    assert message["To"] == "projectleider-zawa@example.nl"
    assert message["Subject"] == "Voortgangsupdate op actie 2B te beoordelen"
    assert BASE_URL + reverse("actions:update_review", args=[update.pk]) in _body(message)


def test_update_accepted_mails_the_partner_on_the_real_worker(worker, demo):
    update = services.accept_update(update=_submitted(demo), reviewer=_user("projectleider-zawa"))
    worker.send("actions.tasks.notify_update_reviewed", update.pk)  # once more
    worker.wait_for_tasks(3)  # submitted, accepted (on commit), accepted again
    [message] = [m for m in worker.sent_mail() if m["To"] == "veiligthuis-zawa@example.nl"]
    assert message["Subject"] == "Uw voortgangsupdate op actie 2B is geaccepteerd"
    assert BASE_URL + demo.action_2b.get_absolute_url() in _body(message)


def test_update_returned_mails_the_partner_on_the_real_worker(worker, demo):
    services.return_update(
        update=_submitted(demo), reviewer=_user("projectleider-zawa"), remark="Graag cijfers."
    )
    worker.wait_for_tasks(2)  # submitted, returned: both enqueued on commit
    [message] = [m for m in worker.sent_mail() if m["To"] == "veiligthuis-zawa@example.nl"]
    assert message["Subject"] == "Uw voortgangsupdate op actie 2B is teruggestuurd"
    body = _body(message)
    assert "Graag cijfers." in body
    assert BASE_URL + reverse("actions:update_create", args=[demo.action_2b.pk]) in body


def test_toezegging_due_mails_the_projectleider_on_the_real_worker(worker, demo):
    commitment = demo.zawa_commitment  # due 30 June 2021
    for _ in range(2):
        worker.send("governance.tasks.notify_due_commitments", "2021-06-20")
    worker.wait_for_tasks(2)
    [message] = [m for m in worker.sent_mail() if "TZ-ZW-1" in m["Subject"]]
    assert message["To"] == "projectleider-zawa@example.nl"
    assert BASE_URL + commitment.get_absolute_url() in _body(message)


def test_report_date_notice_mails_the_projectleider_on_the_real_worker(worker, demo):
    for _ in range(2):
        worker.send("monitoring.tasks.notify_report_due", "2021-09-15")
    worker.wait_for_tasks(2)
    mine = [m for m in worker.sent_mail() if m["To"] == "projectleider-zawa@example.nl"]
    assert len(mine) == 1
    assert mine[0]["Subject"].startswith("Rapportage van 1 oktober 2021: ")
    url = BASE_URL + reverse("monitoring:report_list", args=[demo.zawa_programme.pk])
    assert url in _body(mine[0])


def test_daily_digest_on_the_real_worker(worker, demo):
    projectleider = _user("projectleider-zawa")
    NotificationPreference.objects.create(
        user=projectleider, event="update_ingediend", delivery="dagelijks"
    )
    update = _submitted(demo)  # enqueued on commit
    worker.wait_for_tasks(1)
    assert worker.sent_mail() == []  # kept for the digest
    for _ in range(2):
        worker.send("ghnt_portal.notifications.tasks.send_daily_digests")
    worker.wait_for_tasks(3)
    [digest] = worker.sent_mail()
    assert digest["Subject"] == "Samenvatting GHNT-portaal: 1 melding"
    assert BASE_URL + reverse("actions:update_review", args=[update.pk]) in _body(digest)
