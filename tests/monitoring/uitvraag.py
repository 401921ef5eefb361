"""Uitvragen made directly, for tests and the access matrix."""

import datetime

from django.utils import timezone

from monitoring.uitvraag.constants import QuestionKind, QuestionnaireStatus
from monitoring.uitvraag.models import Question, Questionnaire
from programmes.models import BuildingBlock

QUESTIONS = [
    ("Aanpak", "Hoe staan de acties op bouwsteen 2.1 ervoor?", QuestionKind.BUILDING_BLOCK),
    ("Aanpak", "Wat heeft u geleerd dat andere regio's kunnen gebruiken?", QuestionKind.TEXT),
    ("Middelen", "Hoe is de begroting verdeeld over de bronnen?", QuestionKind.BUDGET),
    ("Middelen", "Welke mijlpalen kwamen gereed?", QuestionKind.MILESTONES),
    ("Middelen", "Hoeveel fte zet de regio in?", QuestionKind.NUMBER),
    ("Samenwerking", "Is er een convenant met de ketenpartners?", QuestionKind.YES_NO),
    ("Samenwerking", "Hoe verloopt de samenwerking?", QuestionKind.CHOICE),
]


def make_questionnaire(
    period="2021-H2",
    published=True,
    deadline=datetime.date(2022, 1, 31),
    questions=QUESTIONS,
    title=None,
):
    questionnaire = Questionnaire.objects.create(
        title=title or f"Uitvraag {period}",
        period=period,
        deadline=deadline,
        status=QuestionnaireStatus.PUBLISHED if published else QuestionnaireStatus.CONCEPT,
        published_at=timezone.now() if published else None,
    )
    block = BuildingBlock.objects.get(code="2.1")
    for order, (theme, text, kind) in enumerate(questions, start=1):
        Question.objects.create(
            questionnaire=questionnaire,
            order=order,
            theme=theme,
            text=text,
            kind=kind,
            choices="Goed\nKan beter\nMoeizaam" if kind == QuestionKind.CHOICE else "",
            building_block=block if kind == QuestionKind.BUILDING_BLOCK else None,
        )
    return questionnaire
