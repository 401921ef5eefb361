"""The national loop on the portal as it runs in production (gunicorn, a Celery worker on
Redis, PostgreSQL): the Rijk publishes an uitvraag and the worker mails every projectleider
(through the outbox); Zaanstreek-Waterland and Kennemerland answer inside their reports,
which the worker makes, take them through AO and BO, make them definitief and send them;
Groningen only has a concept and the worker sends it the reminder; the worker makes the
national document, whose PDF text holds both regions' sent answers and not Groningen's
concept. The browser steps are those of the live-server test (tests/browser/national_loop.py).
"""

import time

from tests.browser import national_loop
from tests.browser.national_loop import CONCEPT, QUESTION, REGIONS, TOLD

# Groningen: a projectleider, and a concept report with an answer that must stay in the
# region; then the reminder, queued for the worker as beat would.
GRONINGEN = f"""
from django.contrib.auth import get_user_model
from monitoring.national.tasks import remind_uitvraag
from monitoring.uitvraag.models import Questionnaire
from programmes.models import Membership, Programme
from tests.monitoring.reports import make_report

user, _ = get_user_model().objects.get_or_create(
    username="projectleider-groningen",
    defaults={{"email": "projectleider-groningen@example.nl"}},
)
programme = Programme.objects.get(region__slug="groningen")
Membership.objects.get_or_create(user=user, role="projectleider", region=programme.region)
questionnaire = Questionnaire.objects.get(period="2021-H1")
question = questionnaire.questions.get(text={QUESTION!r})
answers = {{str(question.pk): {{"value": {CONCEPT!r}, "edited": True}}}}
make_report(
    programme, "concept", "2021-H1",
    texts={{"uitvraag": {{"questionnaire": questionnaire.pk, "answers": answers}}}},
)
remind_uitvraag.delay("2021-09-25")
"""


def _mail(e2e, subject_part, to, timeout=60):
    """The recipients of the messages whose subject holds `subject_part`, once all of `to`
    have one (the worker sends them)."""
    deadline = time.monotonic() + timeout
    while True:
        got = {m["To"] for m in e2e.sent_mail() if subject_part in m["Subject"]}
        if to <= got or time.monotonic() > deadline:
            return got
        time.sleep(0.5)


def _pk(e2e, sql, *params):
    [(pk,)] = e2e.query(sql, params)
    return pk


def test_the_national_loop_on_the_real_worker(page, e2e):
    page.set_default_timeout(60_000)
    national_loop.rijk_publishes(page)
    told = _mail(e2e, "Uitvraag van het Rijk", TOLD)
    assert TOLD <= told, told

    for username, slug, words in REGIONS:
        programme = _pk(
            e2e,
            "SELECT p.id FROM programmes_programme p JOIN programmes_region r "
            "ON r.id = p.region_id WHERE r.slug = %s",
            slug,
        )
        national_loop.region_answers(page, username, programme, slug, words)

    # Each send stored the report's digest for the national picture (after its commit).
    [(digests,)] = e2e.query(
        "SELECT count(*) FROM monitoring_sentdigest d JOIN monitoring_progressreport r "
        "ON r.id = d.report_id WHERE r.period = %s AND r.status = 'verzonden'",
        ("2021-H1",),
    )
    assert digests == 2

    e2e.manage("shell", "-c", GRONINGEN)
    reminded = _mail(e2e, "Herinnering", {"projectleider-groningen@example.nl"})
    assert "projectleider-groningen@example.nl" in reminded, reminded
    assert not reminded & TOLD  # both sent their answers: no reminder

    questionnaire = _pk(e2e, "SELECT id FROM monitoring_questionnaire WHERE period = %s", "2021-H1")
    national_loop.rijk_reads_the_picture(page, questionnaire)
    log = e2e.logs["celery"].read_text()
    assert "generate_national_document" in log and "succeeded in" in log  # the worker made it
