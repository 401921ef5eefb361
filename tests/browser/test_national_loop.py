"""The national loop in the browser: the Rijk publishes an uitvraag; the projectleiders of
Zaanstreek-Waterland and Kennemerland answer it inside their reports (prefilled answers
visible), take them through AO and BO, make them definitief and send them; Groningen is late
and gets the reminder; the Rijk sees both answers side by side, downloads the xlsx and the
national PDF, whose text holds both answers and not the late region's concept. Tasks run
eagerly here (no broker); every page is checked with axe (`journeys.seen`). The steps are in
tests/browser/national_loop.py; tests/e2e runs them on the real worker."""

from django.contrib.auth import get_user_model
from django.core import mail

import pytest

from monitoring.national.tasks import remind_uitvraag
from monitoring.uitvraag.models import Questionnaire
from programmes.models import Membership, Programme
from tests.browser import national_loop
from tests.browser.national_loop import CONCEPT, QUESTION, REGIONS, TOLD
from tests.monitoring.reports import make_report


def _groningen_is_late():
    """Groningen has a projectleider and only a concept with an answer in it."""
    user, _ = get_user_model().objects.get_or_create(
        username="projectleider-groningen",
        defaults={"email": "projectleider-groningen@example.nl"},
    )
    programme = Programme.objects.get(region__slug="groningen")
    Membership.objects.get_or_create(user=user, role="projectleider", region=programme.region)
    questionnaire = Questionnaire.objects.get(period="2021-H1")
    question = questionnaire.questions.get(text=QUESTION)
    make_report(
        programme,
        "concept",
        "2021-H1",
        texts={
            "uitvraag": {
                "questionnaire": questionnaire.pk,
                "answers": {str(question.pk): {"value": CONCEPT, "edited": True}},
            }
        },
    )
    mail.outbox.clear()
    remind_uitvraag("2021-09-25")
    reminded = {m.to[0] for m in mail.outbox}
    assert user.email in reminded
    assert "projectleider-zawa@example.nl" not in reminded  # answered and sent
    assert "projectleider-kennemerland@example.nl" not in reminded


def test_the_national_loop_from_uitvraag_to_the_national_document(page):
    page.set_default_timeout(60_000)
    national_loop.rijk_publishes(page)
    told = {m.to[0] for m in mail.outbox if "Uitvraag van het Rijk" in m.subject}
    assert TOLD <= told
    for username, slug, words in REGIONS:
        programme = Programme.objects.get(region__slug=slug)
        national_loop.region_answers(page, username, programme.pk, slug, words)
    _groningen_is_late()
    questionnaire = Questionnaire.objects.get(period="2021-H1")
    national_loop.rijk_reads_the_picture(page, questionnaire.pk)


@pytest.fixture(autouse=True)
def _no_leftover_mail():
    mail.outbox.clear()
