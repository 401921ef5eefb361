"""Reminder e-mails to ketenpartners without a status update, weeks before each report."""

import datetime

from django.core import mail
from django.urls import reverse

import pytest
from freezegun import freeze_time

from actions import services
from actions.models import ReminderLog
from actions.tasks import next_report_deadline, reminder_deadline, send_update_reminders
from programmes.models import Organisation
from tests.world import World

pytestmark = pytest.mark.django_db

VT_OWNED = ("1A", "1B", "2B", "3B", "4A")


@pytest.fixture(autouse=True)
def locmem(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PORTAL_BASE_URL = "https://ghnt.example.nl"
    settings.REMINDER_WEEKS_BEFORE_REPORT = 3


@pytest.fixture
def world():
    return World()


def _recipients():
    return sorted(address for m in mail.outbox for address in m.to)


@pytest.mark.parametrize(
    ("today", "deadline"),
    [
        ("2021-09-10", "2021-10-01"),  # exactly 3 weeks before 1 October
        ("2021-09-30", "2021-10-01"),
        ("2021-12-11", "2022-01-01"),
        ("2021-12-31", "2022-01-01"),
        ("2021-09-09", None),  # 3 weeks and 1 day before
        ("2021-10-01", None),  # the report day itself: too late for a reminder
        ("2021-06-15", None),
    ],
)
def test_the_reminder_window_is_n_weeks_before_1_january_and_1_october(today, deadline):
    day = datetime.date.fromisoformat(today)
    expected = datetime.date.fromisoformat(deadline) if deadline else None
    assert reminder_deadline(day, 3) == expected
    assert next_report_deadline(datetime.date(2021, 10, 1)) == datetime.date(2022, 1, 1)


@freeze_time("2021-12-15 08:00")
def test_only_partners_with_missing_updates_get_a_reminder(veiligthuis, politie, world):
    # Politie owns 2C (added here); Veilig Thuis reports on all its own actions but one.
    politie_org = Organisation.objects.get(name="Politie Zaanstreek-Waterland")
    world.zawa_programme.actions.get(code="2C").owners.add(politie_org)
    for code in VT_OWNED:
        services.submit_status_update(
            action=world.zawa_programme.actions.get(code=code),
            author=veiligthuis,
            status="in_uitvoering",
            progress=50,
        )
    assert send_update_reminders() == 1
    assert _recipients() == ["politie-zawa@example.nl"]
    message = mail.outbox[0]
    assert "2C." in message.body and "2B." not in message.body


@freeze_time("2021-12-15 08:00")
def test_reminder_lists_the_actions_with_links_in_dutch_text_and_html(veiligthuis):
    assert send_update_reminders() == 1  # Veilig Thuis owns 5 actions; politie owns none
    (message,) = mail.outbox
    assert message.to == ["veiligthuis-zawa@example.nl"]
    assert message.subject == (
        "Herinnering: voortgangsupdate over het 2e halfjaar 2021 voor de rapportage van "
        "1 januari 2022"
    )
    assert "Beste Medewerker Veilig Thuis," in message.body
    assert "nog geen voortgangsupdate over het 2e halfjaar 2021 gegeven" in message.body
    for code in VT_OWNED:
        assert f"- {code}. " in message.body
    assert "https://ghnt.example.nl" + reverse("actions:mine") in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and '<html lang="nl">' in html
    assert 'href="https://ghnt.example.nl/acties/mijn/"' in html


@freeze_time("2021-12-15 08:00")
def test_a_reminder_is_sent_at_most_once_per_address_per_report():
    assert send_update_reminders() == 1
    assert send_update_reminders() == 0
    assert len(mail.outbox) == 1
    log = ReminderLog.objects.get()
    assert (log.email, log.deadline, log.action_count) == (
        "veiligthuis-zawa@example.nl",
        datetime.date(2022, 1, 1),
        5,
    )
    assert log.user.username == "veiligthuis-zawa"


def test_the_next_report_gets_its_own_reminder():
    with freeze_time("2021-09-20"):
        assert send_update_reminders() == 1
    with freeze_time("2021-12-20"):
        assert send_update_reminders() == 1
    assert len(mail.outbox) == 2


@freeze_time("2021-11-01")
def test_no_reminder_outside_the_window(settings):
    assert send_update_reminders() == 0
    settings.REMINDER_WEEKS_BEFORE_REPORT = 9  # the setting moves the window
    assert send_update_reminders() == 1


@freeze_time("2021-12-15 08:00")
def test_organisation_contact_address_is_reminded_too():
    Organisation.objects.filter(name="Veilig Thuis Zaanstreek-Waterland").update(
        contact_email="secretariaat@veiligthuis.example.nl"
    )
    assert send_update_reminders() == 2
    assert _recipients() == ["secretariaat@veiligthuis.example.nl", "veiligthuis-zawa@example.nl"]
    contact = next(m for m in mail.outbox if m.to == ["secretariaat@veiligthuis.example.nl"])
    assert "Beste ketenpartner," in contact.body


@freeze_time("2021-12-15 08:00")
def test_returned_updates_do_not_count_as_an_update(projectleider, veiligthuis, world):
    for code in VT_OWNED:
        update = services.submit_status_update(
            action=world.zawa_programme.actions.get(code=code),
            author=veiligthuis,
            status="in_uitvoering",
            progress=50,
        )
    services.return_update(update=update, reviewer=projectleider, remark="Graag aanvullen")
    assert send_update_reminders() == 1
    assert "4A." in mail.outbox[0].body and "2B." not in mail.outbox[0].body


def test_the_task_is_scheduled_in_celery_beat():
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(task="actions.tasks.send_update_reminders")
    assert task.enabled and task.crontab.day_of_week == "1"


@freeze_time("2021-09-15 08:00")
def test_the_september_reminder_asks_for_the_first_half_year_that_october_reports(veiligthuis):
    """The report of 1 October covers the first half year: the reminder asks for that
    period, says so, and its links preselect it (the old reminder asked for the current,
    second half year, which the October report does not count)."""
    assert send_update_reminders() == 1
    (message,) = mail.outbox
    assert "1e halfjaar 2021" in message.subject
    assert "Die rapportage gaat over het 1e halfjaar 2021 (1 januari tot en met 30 juni 2021)" in (
        message.body
    )
    assert "nog geen voortgangsupdate over het 1e halfjaar 2021 gegeven" in message.body
    assert "?periode=2021-H1" in message.body
    assert "2e halfjaar" not in message.body


@freeze_time("2021-09-15 08:00")
def test_an_update_about_the_first_half_year_written_in_spring_needs_no_september_reminder(
    veiligthuis, world
):
    with freeze_time("2021-04-15"):
        for code in VT_OWNED:
            services.submit_status_update(
                action=world.zawa_programme.actions.get(code=code),
                author=veiligthuis,
                status="in_uitvoering",
                progress=50,
            )
    assert send_update_reminders() == 0
