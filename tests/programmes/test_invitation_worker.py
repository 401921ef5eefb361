"""The invitation e-mail on a REAL Celery worker with a REAL Redis broker: the task is sent
the way `transaction.on_commit` sends it, twice, and one e-mail goes out (the task marks the
invitation sent in its own transaction). Skipped without the real services, like
tests/monitoring/test_report_worker.py, whose worker fixture this uses."""

from django.contrib.auth import get_user_model
from django.core.management import call_command

import pytest

from ghnt_portal.accounts.models import AccountSetup
from ghnt_portal.audit.models import AuditEvent
from programmes.models import Organisation, Programme
from programmes.people.services import invite_partner
from tests.monitoring.test_report_worker import _wait_for, worker  # noqa: F401 (fixture)

pytestmark = pytest.mark.services


@pytest.fixture
def mail_dir(monkeypatch, tmp_path):
    """The worker writes its e-mail to files here (set before the worker starts)."""
    folder = tmp_path / "mail"
    folder.mkdir()
    monkeypatch.setenv("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
    monkeypatch.setenv("EMAIL_FILE_PATH", str(folder))
    return folder


def test_the_invitation_is_mailed_once_by_a_real_worker(
    mail_dir,
    worker,  # noqa: F811
    monkeypatch,
):
    from ghnt_portal.outbox import services as outbox_services

    sender, queue, log = worker
    call_command("load_demo", verbosity=0)  # committed, so the worker sees it
    # This test process has no broker (its Celery runs tasks eagerly): the outbox row stays
    # queued here, and the worker alone sends the task's e-mail.
    monkeypatch.setattr(outbox_services, "publish", lambda pk: False)
    invited = invite_partner(
        invited_by=get_user_model().objects.get(username="projectleider-zawa"),
        first_name="Sanne",
        last_name="Visser",
        email="sanne.visser@veiligthuis.example.nl",
        organisation=Organisation.objects.get(name="Veilig Thuis Zaanstreek-Waterland"),
        programmes=[Programme.objects.get(region__slug="zaanstreek-waterland")],
    )
    for _ in range(2):
        sender.send_task("programmes.tasks.send_invitation", args=[invited.pk], queue=queue)

    _wait_for(lambda: log.read_text().count("succeeded in") >= 2, log)
    mails = [path.read_text() for path in mail_dir.iterdir()]
    assert len(mails) == 1
    assert "sanne.visser@veiligthuis.example.nl" in mails[0]
    assert "/uitnodiging/" in mails[0]
    assert AccountSetup.objects.get(user=invited).invitation_sent_at is not None
    assert (
        AuditEvent.objects.filter(action="invitation_sent", object_id=str(invited.pk)).count() == 1
    )
