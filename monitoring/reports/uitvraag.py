"""The section "Uitvraag van het Rijk" of a region's report: the published uitvraag of the
report's half year, answered inside the report.

The answers are part of the report's `texts` (`texts["uitvraag"]`, answers.py describes the
JSON), so they go through the same AO/BO route, are copied into the snapshot the PDF prints,
and are frozen by the same rule and database triggers as every other column of the report
(freeze.py, triggers.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction

from ..constants import ReportStatus
from ..models import ProgressReport
from ..uitvraag import answers
from ..uitvraag.models import Question, Questionnaire
from .approval import is_locked
from .texts import composed_texts

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class AnswerError(Exception):
    """An edit that is not allowed now; the message is Dutch."""


def questionnaire_for(report: ProgressReport) -> Questionnaire | None:
    return Questionnaire.objects.for_period(report.period).first()


def _questions(questionnaire: Questionnaire) -> list[Question]:
    return list(questionnaire.questions.select_related("building_block").order_by("order", "pk"))


def compose_for(
    report: ProgressReport, texts: dict[str, Any]
) -> tuple[Questionnaire | None, list[Question], dict[str, Any], dict[str, dict[str, Any]]]:
    """The uitvraag of the report's half year, its questions, the answer sheet with every
    unedited answer refilled from the programme's records, and what was prefilled."""
    questionnaire = questionnaire_for(report)
    if questionnaire is None:
        return None, [], {}, {}
    questions = _questions(questionnaire)
    filled = answers.prefill(
        report.programme, report.half_year, questions, texts.get("actions", {})
    )
    sheet = answers.compose(texts.get("uitvraag"), questionnaire.pk, filled)
    return questionnaire, questions, sheet, filled


def snapshot_part(questionnaire: Questionnaire, questions: list[Question]) -> dict[str, Any]:
    """The questions as asked, frozen with the report (the PDF and the national table read
    the question from here, so a later edit of the uitvraag never changes a sent answer)."""
    return {
        "questionnaire": {
            "id": questionnaire.pk,
            "title": questionnaire.title,
            "period": questionnaire.period,
            "kind": questionnaire.get_kind_display(),
            "deadline": questionnaire.deadline.isoformat(),
        },
        "questions": [q.record() for q in questions],
    }


def add_to_snapshot(report: ProgressReport, snapshot: dict[str, Any]) -> None:
    """At a render before adoption: the answers (refreshed) into the texts and the questions
    into the snapshot. No uitvraag for the half year: nothing added."""
    texts = snapshot["texts"]
    questionnaire, questions, sheet, _ = compose_for(report, texts)
    if questionnaire is None:
        return
    texts["uitvraag"] = sheet
    snapshot["uitvraag"] = snapshot_part(questionnaire, questions)


def save_answers(report: ProgressReport, submitted: dict[str, str], user: User) -> ProgressReport:
    """Store the region's answers on the concept. No PDF is made (as with the texts:
    services.save_texts); the preview shows them at once."""
    with transaction.atomic():
        report = ProgressReport.objects.select_for_update().get(pk=report.pk)
        if report.status != ReportStatus.CONCEPT:
            raise AnswerError("Deze rapportage is definitief; de antwoorden veranderen niet meer.")
        if is_locked(report):
            raise AnswerError(
                "Het bestuurlijk overleg heeft deze rapportage vastgesteld; de antwoorden "
                "veranderen niet meer."
            )
        texts = composed_texts(report)
        questionnaire, _questions_, sheet, filled = compose_for(report, texts)
        if questionnaire is None:
            raise AnswerError("Voor dit halfjaar is geen uitvraag gepubliceerd.")
        texts["uitvraag"] = answers.apply_edit(sheet, submitted, filled)
        report.texts = texts
        report.save(update_fields=["texts"])
    return report


def section(report: ProgressReport) -> dict[str, Any] | None:
    """What the report page shows of the uitvraag: the questions as frozen in the snapshot
    (once generated with them) or as published, with the report's current answers."""
    frozen = (report.snapshot or {}).get("uitvraag")
    if frozen and (report.is_frozen or frozen["questionnaire"]["period"] == report.period):
        questionnaire = frozen["questionnaire"]
        questions = frozen["questions"]
    elif report.is_concept:
        found = questionnaire_for(report)
        if found is None:
            return None
        questionnaire = snapshot_part(found, [])["questionnaire"]
        questions = [q.record() for q in _questions(found)]
    else:
        return None
    sheet = (report.texts or {}).get("uitvraag")
    return {
        "questionnaire": questionnaire,
        "rows": answers.answer_rows(questions, sheet),
        "answered": bool(sheet and any(a.get("value") for a in sheet.get("answers", {}).values())),
    }


def pdf_rows(snapshot: dict[str, Any]) -> list[dict[str, Any]]:
    """The uitvraag as the PDF prints it: from the snapshot only."""
    part = snapshot.get("uitvraag")
    if not part:
        return []
    return answers.answer_rows(part["questions"], snapshot.get("texts", {}).get("uitvraag"))
