"""E-mail notifications, tasks run eagerly (tests/notifications/test_worker.py runs them on a
real worker): who is told what, with a link to where the work is done, once, as they chose."""

from django.core import mail
from django.urls import reverse

import pytest

from actions import services
from ghnt_portal.notifications.models import Notification, NotificationPreference
from ghnt_portal.notifications.tasks import send_daily_digests
from governance.tasks import notify_due_commitments_task
from monitoring.reports.tasks import notify_report_due
from tests.world import World

pytestmark = pytest.mark.django_db

BASE = "https://ghnt.test"


@pytest.fixture(autouse=True)
def _base_url(settings):
    settings.PORTAL_BASE_URL = BASE + "/"


@pytest.fixture
def world():
    return World()


def _submit(world, author, capture, progress=30):
    with capture(execute=True):
        return services.submit_status_update(
            action=world.action_2b, author=author, status="in_uitvoering", progress=progress
        )


def _to(address):
    return [m for m in mail.outbox if address in m.to]


def test_a_submitted_update_is_mailed_to_the_regions_projectleider_with_the_review_link(
    world, veiligthuis, projectleider, other_projectleider, django_capture_on_commit_callbacks
):
    update = _submit(world, veiligthuis, django_capture_on_commit_callbacks)
    [message] = _to(projectleider.email)
    assert message.subject == "Voortgangsupdate op actie 2B te beoordelen"
    assert BASE + reverse("actions:update_review", args=[update.pk]) in message.body
    assert "Medewerker Veilig Thuis (Veilig Thuis Zaanstreek-Waterland) diende op" in message.body
    assert not _to(other_projectleider.email)  # another region's projectleider
    assert not _to(veiligthuis.email)


def test_nothing_is_sent_before_the_update_is_committed(
    world, veiligthuis, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.submit_status_update(
            action=world.action_2b, author=veiligthuis, status="in_uitvoering", progress=30
        )
    assert len(callbacks) == 1 and not mail.outbox


def test_an_accepted_update_is_mailed_to_its_author_with_the_action_link(
    world, veiligthuis, projectleider, django_capture_on_commit_callbacks
):
    update = _submit(world, veiligthuis, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.accept_update(update=update, reviewer=projectleider)
    [message] = mail.outbox
    assert message.to == [veiligthuis.email]
    assert message.subject == "Uw voortgangsupdate op actie 2B is geaccepteerd"
    assert BASE + world.action_2b.get_absolute_url() in message.body


def test_a_returned_update_is_mailed_with_the_remark_and_the_link_to_a_new_update(
    world, veiligthuis, projectleider, django_capture_on_commit_callbacks
):
    update = _submit(world, veiligthuis, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.return_update(update=update, reviewer=projectleider, remark="Cijfers ontbreken")
    [message] = mail.outbox
    assert message.subject == "Uw voortgangsupdate op actie 2B is teruggestuurd"
    assert "Cijfers ontbreken" in message.body
    assert BASE + reverse("actions:update_create", args=[world.action_2b.pk]) in message.body


def test_a_projectleiders_own_update_mails_nobody(
    world, projectleider, django_capture_on_commit_callbacks
):
    _submit(world, projectleider, django_capture_on_commit_callbacks)
    assert not mail.outbox


def test_a_toezegging_due_is_mailed_once_to_the_projectleider(world, projectleider):
    commitment = world.zawa_commitment  # due 30 June 2021
    assert notify_due_commitments_task("2021-06-01") == 0  # not within 14 days yet
    assert notify_due_commitments_task("2021-06-20") == 1
    assert notify_due_commitments_task("2021-06-21") == 0  # once
    [message] = _to(projectleider.email)
    assert message.subject == "Toezegging TZ-ZW-1 moet uiterlijk 30 juni 2021 af zijn"
    assert BASE + commitment.get_absolute_url() in message.body


def test_a_new_due_date_gives_a_new_notice(world, projectleider):
    commitment = world.zawa_commitment
    notify_due_commitments_task("2021-06-20")
    commitment.due_date = "2021-07-31"
    commitment.save()
    assert notify_due_commitments_task("2021-08-02") == 1
    assert "is te laat" in _to(projectleider.email)[-1].subject


def test_before_a_report_date_the_projectleider_is_told_once(
    world, projectleider, veiligthuis, django_capture_on_commit_callbacks
):
    assert notify_report_due("2021-08-01") == 0  # more than 21 days before 1 October
    _submit(world, veiligthuis, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    assert notify_report_due("2021-09-15") >= 1
    assert notify_report_due("2021-09-16") == 0
    [message] = _to(projectleider.email)
    assert message.subject.startswith("Rapportage van 1 oktober 2021: ")
    assert "over het 1e halfjaar 2021" in message.body
    assert "Er wacht nog 1 voortgangsupdate op uw beoordeling" in message.body
    assert BASE + reverse("monitoring:report_list", args=[world.zawa_programme.pk]) in (
        message.body
    )


def test_a_daily_digest_collects_the_days_notifications_in_one_mail(
    world, veiligthuis, projectleider, django_capture_on_commit_callbacks
):
    for event in ("update_ingediend", "toezegging_af"):
        NotificationPreference.objects.create(user=projectleider, event=event, delivery="dagelijks")
    world.zawa_commitment  # noqa: B018
    _submit(world, veiligthuis, django_capture_on_commit_callbacks)
    notify_due_commitments_task("2021-06-20")
    assert not _to(projectleider.email)  # kept for the digest
    assert send_daily_digests() == 1
    [digest] = _to(projectleider.email)
    assert digest.subject == "Samenvatting GHNT-portaal: 2 meldingen"
    assert "Voortgangsupdate op actie 2B te beoordelen" in digest.body
    assert "Toezegging TZ-ZW-1" in digest.body
    assert send_daily_digests() == 0  # sent once
    assert len(_to(projectleider.email)) == 1


def test_notifications_switched_off_are_not_sent_or_kept(
    world, veiligthuis, projectleider, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(
        user=projectleider, event="update_ingediend", delivery="uit"
    )
    _submit(world, veiligthuis, django_capture_on_commit_callbacks)
    assert not _to(projectleider.email)
    assert not Notification.objects.filter(user=projectleider).exists()


def test_the_preferences_page_offers_the_roles_events_and_saves_the_choice(
    client_for, projectleider, veiligthuis
):
    client = client_for(projectleider)
    page = client.get(reverse("notifications:preferences")).text
    assert "Een ketenpartner dient een voortgangsupdate in" in page
    assert "Een toezegging moet binnenkort af zijn" in page
    assert "Het Rijk heeft een uitvraag gepubliceerd" in page
    assert "Uw voortgangsupdate is geaccepteerd" not in page  # a partner's event
    response = client.post(
        reverse("notifications:preferences"),
        {
            "update_ingediend": "dagelijks",
            "toezegging_af": "uit",
            "rapportage_komt": "direct",
            "uitvraag_gepubliceerd": "direct",
            "uitvraag_herinnering": "uit",
        },
    )
    assert response.status_code == 302
    choices = dict(
        NotificationPreference.objects.filter(user=projectleider).values_list("event", "delivery")
    )
    assert choices == {
        "update_ingediend": "dagelijks",
        "toezegging_af": "uit",
        "rapportage_komt": "direct",
        "uitvraag_gepubliceerd": "direct",
        "uitvraag_herinnering": "uit",
    }
    partner_page = client_for(veiligthuis).get(reverse("notifications:preferences")).text
    assert "Uw voortgangsupdate is geaccepteerd of teruggestuurd" in partner_page


def test_a_missing_choice_is_refused_in_dutch(client_for, projectleider):
    response = client_for(projectleider).post(
        reverse("notifications:preferences"), {"update_ingediend": "dagelijks"}
    )
    assert response.status_code == 200
    assert "Kies hoe u deze meldingen wilt ontvangen." in response.text


def test_a_partner_who_switched_reminders_off_is_not_reminded(veiligthuis):
    from actions.tasks import send_update_reminders

    choice = NotificationPreference.objects.create(
        user=veiligthuis, event="herinnering_update", delivery="uit"
    )
    send_update_reminders("2021-12-15")  # within three weeks of 1 January
    assert not _to(veiligthuis.email)
    choice.delete()  # switched on again: reminded at the next run
    send_update_reminders("2021-12-16")
    assert _to(veiligthuis.email)


def test_reminders_offer_only_at_once_or_off(client_for, veiligthuis):
    page = client_for(veiligthuis).get(reverse("notifications:preferences")).text
    section = page[page.index("Herinnering: uw acties") :]
    section = section[: section.index("</fieldset>")]
    assert "Direct, één e-mail per melding" in section and "Niet" in section
    assert "samenvatting" not in section
