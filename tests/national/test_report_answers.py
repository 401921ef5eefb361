"""The uitvraag answered inside the region's report: prefilled where the portal knows,
editable, through the same route, frozen with the report (also in the database), printed in
the PDF."""

import datetime
import json
import re
import subprocess

from django.db import DatabaseError, connection, transaction
from django.urls import reverse

import pytest

from actions.models import BudgetLine, Milestone
from actions.services import accept_update, submit_status_update
from ghnt_portal.periods import HalfYear
from monitoring.constants import ReportStatus
from monitoring.models import ProgressReport
from monitoring.reports import services, uitvraag
from monitoring.uitvraag.constants import QuestionKind
from programmes.models import BuildingBlock
from tests.monitoring.reports import approve
from tests.monitoring.uitvraag import make_questionnaire

pytestmark = pytest.mark.django_db


def pdf_text(report) -> str:
    result = subprocess.run(
        ["pdftotext", "-layout", report.pdf.path, "-"], capture_output=True, check=True
    )
    return re.sub(r"\s+", " ", result.stdout.decode())


def _on_track(action, author, reviewer, remark):
    update = submit_status_update(
        action=action,
        author=author,
        status="in_uitvoering",
        progress=60,
        remark=remark,
        period=HalfYear.parse("2021-H2"),
        explanation={"judgement": "op_schema"},
    )
    return accept_update(update=update, reviewer=reviewer)


@pytest.fixture
def setup(zawa_programme, projectleider, veiligthuis):
    questionnaire = make_questionnaire("2021-H2")
    action = zawa_programme.actions.get(code="2B")
    action.building_blocks.set([BuildingBlock.objects.get(code="2.1")])
    _on_track(action, veiligthuis, projectleider, "Het radarwerk draait in alle gemeenten.")
    milestone = Milestone.objects.filter(programme=zawa_programme).order_by("order").first()
    Milestone.objects.filter(pk=milestone.pk).update(done_on=datetime.date(2021, 9, 15))
    report = services.request_report(zawa_programme, HalfYear.parse("2021-H2"), projectleider)
    report = services.generate(report.pk, projectleider.pk)
    questions = {q.kind: q for q in questionnaire.questions.all()}
    return report, questions, action, milestone


def test_the_concept_report_prefills_the_answers_the_portal_knows(setup, client_for, projectleider):
    report, questions, action, milestone = setup
    answers = report.texts["uitvraag"]["answers"]
    block = answers[str(questions[QuestionKind.BUILDING_BLOCK].pk)]
    line = next(v for v in block["value"].splitlines() if v.startswith("2B "))
    assert line == (
        f"2B {action.title}: In uitvoering, op schema. Het radarwerk draait in alle gemeenten."
    )
    facts = {a["code"]: a for a in block["facts"]["actions"]}
    assert facts["2B"]["judgement_label"] == "Op schema"
    budget = answers[str(questions[QuestionKind.BUDGET].pk)]["value"]
    sources = set(
        BudgetLine.objects.filter(programme=report.programme).values_list(
            "funding_source__name", flat=True
        )
    )
    assert all(f"{name}: €" in budget for name in sources)
    done = answers[str(questions[QuestionKind.MILESTONES].pk)]["value"]
    assert f"{milestone.letter}. {milestone.title} (gereed 15 september 2021)" in done
    page = client_for(projectleider).get(reverse("monitoring:report_uitvraag", args=[report.pk]))
    assert "Het radarwerk draait in alle gemeenten." in page.content.decode()
    detail = client_for(projectleider).get(report.get_absolute_url()).content.decode()
    assert "Uitvraag van het Rijk" in detail and "uiterste datum 31-01-2022" in detail


def test_an_edited_answer_stays_as_written_and_bad_input_is_named_at_the_field(
    setup, client_for, projectleider
):
    report, questions, _action, _milestone = setup
    url = reverse("monitoring:report_uitvraag", args=[report.pk])
    number = questions[QuestionKind.NUMBER]
    response = client_for(projectleider).post(url, {f"q{number.pk}": "veel"})
    assert response.status_code == 200
    assert "Vul een getal in, bijvoorbeeld 12 of 3,5." in response.content.decode()
    text = questions[QuestionKind.TEXT]
    response = client_for(projectleider).post(
        url,
        {f"q{number.pk}": "4,5", f"q{text.pk}": "De aanpak in Zaanstad werkt; kopieer haar."},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    entry = report.texts["uitvraag"]["answers"][str(text.pk)]
    assert entry == {
        "value": "De aanpak in Zaanstad werkt; kopieer haar.",
        "facts": {},
        "edited": True,
    }
    # A new render keeps the written answer and prints it.
    report = services.generate(report.pk, projectleider.pk)
    assert report.texts["uitvraag"]["answers"][str(text.pk)]["value"].startswith("De aanpak")
    assert "De aanpak in Zaanstad werkt; kopieer haar." in pdf_text(report)
    assert "Uitvraag van het Rijk" in pdf_text(report)


def test_answers_freeze_with_the_report_also_in_the_database(setup, projectleider):
    report, questions, _action, _milestone = setup
    text = questions[QuestionKind.TEXT]
    uitvraag.save_answers(report, {str(text.pk): "Zoals vastgesteld."}, projectleider)
    services.generate(report.pk, projectleider.pk)
    report = approve(ProgressReport.objects.get(pk=report.pk), projectleider)
    with pytest.raises(uitvraag.AnswerError):  # adopted by the BO: locked
        uitvraag.save_answers(report, {str(text.pk): "Toch anders."}, projectleider)
    report = services.finalise(report, projectleider)
    assert report.status == ReportStatus.FINAL
    changed = dict(report.texts)
    changed["uitvraag"]["answers"][str(text.pk)]["value"] = "Achteraf veranderd."
    with pytest.raises(DatabaseError, match="definitief"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE monitoring_progressreport SET texts = %s WHERE id = %s",
                [json.dumps(changed), report.pk],
            )
    report.refresh_from_db()
    assert report.texts["uitvraag"]["answers"][str(text.pk)]["value"] == "Zoals vastgesteld."
    assert "Zoals vastgesteld." in pdf_text(report)


def test_a_report_of_a_half_year_without_uitvraag_has_no_such_section(
    zawa_programme, projectleider
):
    report = services.request_report(zawa_programme, HalfYear.parse("2021-H1"), projectleider)
    report = services.generate(report.pk, projectleider.pk)
    assert "uitvraag" not in report.snapshot
    assert "Uitvraag van het Rijk" not in pdf_text(report)
    assert uitvraag.section(report) is None
