"""The uitvraag: composed by the Rijk (reuse, validation), published to every region at once
through the outbox, a reminder before the deadline to regions that have not answered, and a
region without an adopted programme answering on its own page."""

import datetime

from django.core import mail
from django.urls import reverse

import pytest

from ghnt_portal.notifications.models import Notification
from ghnt_portal.outbox.models import OutboxTask
from monitoring.national.tasks import remind_uitvraag
from monitoring.uitvraag import services
from monitoring.uitvraag.models import AnswerSheet, Questionnaire
from monitoring.uitvraag.tasks import notify_published
from programmes.models import Region
from tests.monitoring.reports import make_report
from tests.monitoring.uitvraag import make_questionnaire

pytestmark = pytest.mark.django_db


def test_the_rijk_composes_reusing_the_questions_of_an_earlier_uitvraag(client_for, rijk):
    earlier = make_questionnaire("2021-H1")
    client = client_for(rijk)
    response = client.post(
        reverse("monitoring:uitvraag_create"),
        {
            "title": "Thema-uitvraag najaar",
            "period": "2021-H2",
            "kind": "thema",
            "deadline": "2022-01-31",
            "based_on": earlier.pk,
        },
    )
    new = Questionnaire.objects.get(period="2021-H2")
    assert response.status_code == 302
    assert [q.text for q in new.questions.order_by("order")] == [
        q.text for q in earlier.questions.order_by("order")
    ]
    assert new.based_on == earlier


@pytest.mark.parametrize(
    ("data", "field_error"),
    [
        ({"period": "2021-H3"}, "Geef een halfjaar als 2021-H1 of 2021-H2."),
        ({"deadline": "morgen"}, "Vul een datum in, zoals 2021-09-15."),
        ({"period": "2021-H1"}, "Voor dit halfjaar is al een uitvraag."),
    ],
)
def test_bad_input_on_composing_is_named_at_the_field_and_nothing_is_made(
    client_for, rijk, data, field_error
):
    make_questionnaire("2021-H1")
    before = Questionnaire.objects.count()
    base = {"title": "Uitvraag", "period": "2022-H1", "kind": "volledig", "deadline": "2022-08-01"}
    response = client_for(rijk).post(reverse("monitoring:uitvraag_create"), base | data)
    assert response.status_code == 200
    assert field_error in response.content.decode()
    assert Questionnaire.objects.count() == before


def test_a_choice_question_needs_options_and_a_bouwsteen_question_a_bouwsteen(client_for, rijk):
    concept = make_questionnaire("2022-H1", published=False, questions=[])
    url = reverse("monitoring:uitvraag_detail", args=[concept.pk])
    page = client_for(rijk).post(url, {"theme": "A", "text": "Hoe gaat het?", "kind": "keuze"})
    assert "Geef bij een keuzevraag minstens twee opties" in page.content.decode()
    page = client_for(rijk).post(url, {"theme": "A", "text": "Stand?", "kind": "bouwsteen"})
    assert "Kies de bouwsteen waarnaar deze vraag vraagt." in page.content.decode()
    assert not concept.questions.exists()


def test_publishing_tells_every_projectleider_once_through_the_outbox(
    client_for, rijk, django_capture_on_commit_callbacks
):
    concept = make_questionnaire("2022-H1", published=False)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(rijk).post(reverse("monitoring:uitvraag_publish", args=[concept.pk]))
    assert response.status_code == 302
    concept.refresh_from_db()
    assert concept.is_published
    row = OutboxTask.objects.get(key=f"uitvraag-publicatie:{concept.pk}")
    assert row.task_name == "monitoring.uitvraag.tasks.notify_published"
    told = Notification.objects.filter(key=f"uitvraag-{concept.pk}-gepubliceerd")
    projectleiders = {"projectleider-zawa", "projectleider-kennemerland"}
    assert projectleiders <= set(told.values_list("user__username", flat=True))
    assert "rijk" not in set(told.values_list("user__username", flat=True))
    count = told.count()
    assert notify_published(concept.pk) == 0  # a second run tells nobody again
    assert told.count() == count
    # Published: the questions no longer change.
    with pytest.raises(services.UitvraagError):
        services.add_question(concept, {"theme": "X", "text": "Nog een?", "kind": "tekst"})


def test_an_uitvraag_without_questions_is_not_published(rijk):
    concept = make_questionnaire("2022-H1", published=False, questions=[])
    with pytest.raises(services.UitvraagError, match="zonder vragen"):
        services.publish(concept, rijk)
    concept.refresh_from_db()
    assert not concept.is_published


def test_the_reminder_reaches_only_regions_that_have_not_answered_and_only_once(
    zawa_programme,
):
    questionnaire = make_questionnaire("2021-H2", deadline=datetime.date(2022, 1, 31))
    make_report(
        zawa_programme,
        "verzonden",
        "2021-H2",
        texts={"uitvraag": {"questionnaire": questionnaire.pk, "answers": {}}},
    )
    assert remind_uitvraag("2022-01-10") == 0  # three weeks before: nothing yet
    told = remind_uitvraag("2022-01-26")
    reminded = set(
        Notification.objects.filter(key=f"uitvraag-{questionnaire.pk}-herinnering").values_list(
            "user__username", flat=True
        )
    )
    assert told >= 1
    assert "projectleider-kennemerland" in reminded
    assert "projectleider-zawa" not in reminded  # Zaanstreek-Waterland sent its answers
    assert remind_uitvraag("2022-01-27") == 0  # beat again next morning: nobody twice


def test_a_region_without_an_adopted_programme_answers_on_its_own_page(client_for, beheerder):
    questionnaire = make_questionnaire("2021-H2")
    groningen = Region.objects.get(slug="groningen")
    url = reverse("monitoring:uitvraag_sheet", args=[questionnaire.pk, groningen.slug])
    questions = {q.kind: q for q in questionnaire.questions.all()}
    client = client_for(beheerder)
    page = client.get(url)
    assert "geen vastgesteld actieprogramma" in page.content.decode()
    response = client.post(url, {f"q{questions['getal'].pk}": "drie"})
    assert "Vul een getal in, bijvoorbeeld 12 of 3,5." in response.content.decode()
    assert not AnswerSheet.objects.filter(region=groningen).exists() or not (
        AnswerSheet.objects.get(region=groningen).answers
    )
    response = client.post(
        url,
        {
            f"q{questions['getal'].pk}": "3,5",
            f"q{questions['tekst'].pk}": "Wij leren van Kennemerland.",
            "send": "1",
        },
    )
    assert response.status_code == 302
    sheet = AnswerSheet.objects.get(region=groningen)
    assert sheet.is_sent
    assert sheet.answers["answers"][str(questions["getal"].pk)]["value"] == "3,5"
    with pytest.raises(services.UitvraagError):
        services.save_sheet(sheet, {}, False, beheerder)
