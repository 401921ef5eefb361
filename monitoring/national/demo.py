"""The national loop in the demo (`manage.py load_demo_national`, run by `make demo`): one
published uitvraag for 2021-H2, answered by the demo regions with an adopted programme inside
their reports, taken through AO and BO, made definitief and sent, and the national regional
part made from them. Kept apart from `load_demo` (which the test suite loads) because it
renders real PDFs. Idempotent: a second run finds everything in place and changes nothing."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.utils import timezone

from ghnt_portal.periods import HalfYear
from programmes.constants import ProgrammeStatus
from programmes.frame import seed_frame
from programmes.models import BuildingBlock, Programme

from ..constants import GenerationState, ReportStatus
from ..models import ProgressReport
from ..reports import approval, services
from ..reports import uitvraag as report_uitvraag
from ..uitvraag.constants import QuestionKind, QuestionnaireKind, QuestionnaireStatus
from ..uitvraag.models import Question, Questionnaire
from . import document

PERIOD = "2021-H2"
BLOCK, MILESTONES, BUDGET = (
    QuestionKind.BUILDING_BLOCK,
    QuestionKind.MILESTONES,
    QuestionKind.BUDGET,
)
QUESTIONS = [
    ("Eerder en beter in beeld", "Hoe staan uw acties op signaleren en melden?", BLOCK, "1.1"),
    ("Stoppen en duurzaam oplossen", "Hoe staan uw acties op het radarwerk?", BLOCK, "2.1"),
    ("Stoppen en duurzaam oplossen", "Welke mijlpalen kwamen gereed?", MILESTONES, ""),
    ("Middelen", "Hoe is de begroting verdeeld over de bronnen?", BUDGET, ""),
    ("Middelen", "Heeft de regio een aanvraag bij de Projectenpool GHNT gedaan?", "ja_nee", ""),
    ("Leren van elkaar", "Wat heeft u geleerd dat andere regio's kunnen gebruiken?", "tekst", ""),
]
ANSWERS = {
    "zaanstreek-waterland": {
        "Heeft de regio": "ja",
        "Wat heeft u geleerd": "Het MDA++-casusoverleg werkt beter sinds Veilig Thuis het "
        "voorzitterschap deelt met het Zorg- en Veiligheidshuis.",
    },
    "kennemerland": {
        "Heeft de regio": "nee",
        "Wat heeft u geleerd": "Een vaste contactpersoon per gemeente maakt de weg naar de "
        "lokale teams korter.",
    },
}


def _questionnaire() -> Questionnaire:
    questionnaire, created = Questionnaire.objects.get_or_create(
        period=PERIOD,
        defaults={
            "title": "Uitvraag regionale aanpak tweede halfjaar 2021",
            "kind": QuestionnaireKind.FULL,
            "deadline": datetime.date(2022, 1, 31),
            "introduction": "De jaarlijkse volledige uitvraag van het landelijke programma.",
            "status": QuestionnaireStatus.PUBLISHED,
            "published_at": timezone.now(),
        },
    )
    if created:
        blocks = {b.code: b for b in BuildingBlock.objects.all()}
        for order, (theme, text, kind, code) in enumerate(QUESTIONS, start=1):
            Question.objects.create(
                questionnaire=questionnaire,
                order=order,
                theme=theme,
                text=text,
                kind=kind,
                building_block=blocks.get(code),
            )
    return questionnaire


def _answer(programme: Programme, questionnaire: Questionnaire, say: Callable[[str], None]) -> None:
    half = HalfYear.parse(PERIOD)
    existing = ProgressReport.objects.filter(programme=programme, period=PERIOD).first()
    if existing is not None and existing.status == ReportStatus.SENT:
        say(f"  {programme.region.name}: al verzonden")
        return
    user = (
        get_user_model()
        .objects.filter(memberships__role="projectleider", memberships__region=programme.region)
        .first()
    )
    if user is None:
        say(f"  {programme.region.name}: geen projectleider, overgeslagen")
        return
    report = services.request_report(programme, half, user)
    if report.status == ReportStatus.CONCEPT and not approval.approval_of(report).adopted:
        report = services.generate(report.pk, user.pk)
        wanted = ANSWERS.get(programme.region.slug, {})
        submitted = {
            str(q.pk): text
            for q in questionnaire.questions.all()
            for start, text in wanted.items()
            if q.text.startswith(start)
        }
        report_uitvraag.save_answers(report, submitted, user)
        summary = f"Het actieprogramma van {programme.region.name} ligt op koers."
        services.save_texts(report, {"summary": summary}, user)
        services.generate(report.pk, user.pk)
        report.refresh_from_db()
        for stage, day in (("ao", 10), ("bo", 20)):
            approval.record_step(
                report,
                stage,
                body=approval.bodies_for(report, stage)[0],
                date=datetime.date(2022, 1, day),
                conclusion="akkoord",
                user=user,
            )
        report = services.generate(report.pk, user.pk)
    if report.status == ReportStatus.CONCEPT and report.generation_state == GenerationState.DONE:
        report = services.finalise(report, user)
    if report.status == ReportStatus.FINAL:
        services.send(report, user)
    say(f"  {programme.region.name}: beantwoord in de rapportage, definitief en verzonden")


def load(say: Callable[[str], None] = print) -> None:
    seed_frame()
    questionnaire = _questionnaire()
    say(f"Uitvraag {questionnaire.title} ({questionnaire.get_status_display().lower()})")
    for programme in Programme.objects.filter(status=ProgrammeStatus.ADOPTED).select_related(
        "region"
    ):
        _answer(programme, questionnaire, say)
    made = document.NationalDocument.objects.filter(period=PERIOD, state=GenerationState.DONE)
    if not made.exists():
        row = document.request_document(HalfYear.parse(PERIOD), None)
        document.generate(row.pk)
    say("Landelijk regionaal deel 2021-H2 gemaakt.")
