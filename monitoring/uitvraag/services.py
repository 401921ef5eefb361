"""Composing and publishing an uitvraag, and a region's own answer page. Each change is one
function in a transaction, called by views, admin, tasks and tests alike."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from ghnt_portal import outbox
from ghnt_portal.periods import HalfYear
from programmes.models import Region

from . import answers
from .constants import QuestionnaireStatus, SheetStatus
from .models import AnswerSheet, Question, Questionnaire

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class UitvraagError(Exception):
    """A change that is not allowed now; the message is Dutch, for the user."""


def copy_questions(source: Questionnaire, target: Questionnaire) -> int:
    """Reuse: the questions of an earlier uitvraag, in order, appended to `target`."""
    start = target.questions.count()
    copies = [
        Question(
            questionnaire=target,
            order=start + i,
            theme=q.theme,
            text=q.text,
            kind=q.kind,
            choices=q.choices,
            building_block_id=q.building_block_id,
        )
        for i, q in enumerate(source.questions.order_by("order", "pk"), start=1)
    ]
    Question.objects.bulk_create(copies)
    return len(copies)


@transaction.atomic
def create_questionnaire(values: dict[str, Any], based_on: Questionnaire | None) -> Questionnaire:
    questionnaire = Questionnaire.objects.create(**values, based_on=based_on)
    if based_on is not None:
        copy_questions(based_on, questionnaire)
    return questionnaire


def _require_concept(questionnaire: Questionnaire) -> None:
    if questionnaire.is_published:
        raise UitvraagError(
            "Deze uitvraag is gepubliceerd; de vragen veranderen niet meer (de regio's "
            "beantwoorden ze al)."
        )


@transaction.atomic
def add_question(questionnaire: Questionnaire, values: dict[str, Any]) -> Question:
    questionnaire = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    _require_concept(questionnaire)
    order = values.pop("order", None) or (questionnaire.questions.count() + 1)
    return Question.objects.create(questionnaire=questionnaire, order=order, **values)


@transaction.atomic
def remove_question(question: Question) -> None:
    questionnaire = Questionnaire.objects.select_for_update().get(pk=question.questionnaire_id)
    _require_concept(questionnaire)
    question.delete()


def publish(questionnaire: Questionnaire, user: User) -> Questionnaire:
    """Publish to every region at once: the projectleiders hear of it through the outbox
    (one notification each, also when the task runs twice)."""
    from .tasks import notify_published  # tasks import this module

    with transaction.atomic():
        questionnaire = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
        _require_concept(questionnaire)
        if not questionnaire.questions.exists():
            raise UitvraagError("Een uitvraag zonder vragen kan niet worden gepubliceerd.")
        questionnaire.status = QuestionnaireStatus.PUBLISHED
        questionnaire.published_at = timezone.now()
        questionnaire.published_by = user
        questionnaire.save()
        outbox.enqueue(
            notify_published, questionnaire.pk, key=f"uitvraag-publicatie:{questionnaire.pk}"
        )
    return questionnaire


def questions_of(questionnaire: Questionnaire) -> list[Question]:
    return list(questionnaire.questions.select_related("building_block").order_by("order", "pk"))


# --- a region's own answer page (no adopted programme to report on) -------------------


def sheet_for(questionnaire: Questionnaire, region: Region) -> AnswerSheet:
    sheet, _ = AnswerSheet.objects.get_or_create(questionnaire=questionnaire, region=region)
    return sheet


def composed_sheet(sheet: AnswerSheet, questions: list[Question]) -> dict[str, Any]:
    half = HalfYear.parse(sheet.questionnaire.period)
    filled = answers.prefill(None, half, questions, {})
    return answers.compose(sheet.answers, sheet.questionnaire_id, filled)


@transaction.atomic
def save_sheet(
    sheet: AnswerSheet, submitted: dict[str, str], send: bool, user: User
) -> AnswerSheet:
    sheet = AnswerSheet.objects.select_for_update().get(pk=sheet.pk)
    if sheet.is_sent:
        raise UitvraagError("Deze antwoorden zijn verzonden en veranderen niet meer.")
    questions = questions_of(sheet.questionnaire)
    filled = answers.prefill(None, sheet.questionnaire.half_year, questions, {})
    sheet.answers = answers.apply_edit(composed_sheet(sheet, questions), submitted, filled)
    if send:
        sheet.status = SheetStatus.SENT
        sheet.sent_at = timezone.now()
        sheet.sent_by = user
    sheet.save()
    return sheet
