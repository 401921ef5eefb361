"""The whole half-yearly cycle: the September reminder asks for the first half year, the
partner answers through the e-mail's link in September, the projectleider accepts, and the
October report over the first half year holds the update and its explanation."""

import re

from django.core import mail
from django.urls import reverse

import pytest
from freezegun import freeze_time

from actions.models import StatusUpdate
from actions.tasks import send_update_reminders
from monitoring.models import ProgressReport
from monitoring.reports import texts
from monitoring.reports.tasks import generate_due_reports, generate_report

pytestmark = pytest.mark.django_db


def test_reminder_then_update_in_the_reported_period_then_accepted_then_in_the_report(
    client_for, veiligthuis, projectleider, zawa_programme, monkeypatch
):
    action = zawa_programme.actions.get(code="2B")
    with freeze_time("2021-09-13 07:00"):
        assert send_update_reminders() == 1
        [message] = mail.outbox
        path = f"/acties/{action.pk}/voortgang/?periode=2021-H1"
        assert "1e halfjaar 2021" in message.subject
        assert any(u.endswith(path) for u in re.findall(r"https?://\S+", message.body))

        partner = client_for(veiligthuis)
        form = partner.get(path).context["form"]
        assert form["period"].value() == "2021-H1"
        response = partner.post(
            path,
            {
                "period": "2021-H1",
                "status": "in_uitvoering",
                "progress": "40",
                "judgement": "aandachtspunt",
                "remark": "MDA++ draait in vier van de acht gemeenten.",
                "next_steps": "De overige gemeenten volgen in het najaar.",
                "risks": "Wachtlijst bij de forensische zorg.",
                "corrective_action": "Afspraken met de zorgaanbieder over voorrang.",
            },
        )
        assert response.status_code == 302
        update = StatusUpdate.objects.get(action=action)
        assert update.reporting_period == "2021-H1"  # written in September, about H1

    with freeze_time("2021-09-20 09:00"):
        review = reverse("actions:update_review", args=[update.pk])
        data = {
            "decision": "accepteren",
            **{f: getattr(update, f) for f in ("judgement", "remark", "next_steps", "risks")},
            "corrective_action": update.corrective_action,
        }
        assert client_for(projectleider).post(review, data).status_code == 302

    # 1 October: the beat asks the report over the first half year.
    queued = []
    monkeypatch.setattr(generate_report, "delay", lambda *args: queued.append(args))
    with freeze_time("2021-10-01 06:00"):
        from django.db import transaction

        with transaction.atomic():
            generate_due_reports()
    # (on_commit callbacks do not run inside the test transaction; run the task itself)
    report = ProgressReport.objects.get(pk=generate_report(zawa_programme.pk, "2021-H1"))
    [entry] = [
        a for line in report.snapshot["action_lines"] for a in line["actions"] if a["code"] == "2B"
    ]
    assert [u["remark"] for u in entry["updates"]] == [
        "MDA++ draait in vier van de acht gemeenten."
    ]
    assert report.snapshot["basis"]["accepted_updates"] == 1
    composed = report.texts["actions"]["2B"]
    assert composed["corrective_action"] == "Afspraken met de zorgaanbieder over voorrang."
    assert composed == texts.composed_texts(report)["actions"]["2B"]
