"""Per uitvraag, for the national picture: which regions sent their answers, which are late,
and every region's answers side by side.

Answers come only from what a region sent: a verzonden report of the half year (its frozen
`texts["uitvraag"]`) or a verzonden answer page. A concept, in the region or anywhere else,
is never read here. Three queries, whatever the number of regions or questions (two more
when a sent report has no digest yet, digest.py).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from programmes.models import Region

from ..uitvraag.models import AnswerSheet, Question, Questionnaire
from . import digest

SENT, LATE, OPEN = "verzonden", "te_laat", "open"
STATE_LABELS = {SENT: "Verzonden", LATE: "Te laat", OPEN: "Nog niet verzonden"}


@dataclass
class RegionResponse:
    region: Region
    state: str = OPEN
    sent_at: datetime.datetime | None = None
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    def value(self, question_id: int) -> str:
        return (self.answers.get(str(question_id)) or {}).get("value", "")


def questions_of(questionnaire: Questionnaire) -> list[Question]:
    return list(questionnaire.questions.select_related("building_block").order_by("order", "pk"))


def responses(
    questionnaire: Questionnaire, today: datetime.date | None = None
) -> list[RegionResponse]:
    """Every region with the state of its answer and, once sent, its answers (three
    queries)."""
    today = today or timezone.localdate()
    entries = {r.pk: RegionResponse(r) for r in Region.objects.order_by("name")}  # 1
    # 2: the digests of the sent reports, in the order sent: a later sent version (a
    # correction) replaces an earlier one
    for report in digest.latest_sent(questionnaire.period, "uitvraag"):
        sheet = report["part"]
        if sheet.get("questionnaire") != questionnaire.pk:
            continue
        entry = entries.get(report["programme__region_id"])
        if entry is None:
            continue
        entry.state, entry.sent_at = SENT, report["sent_at"]
        entry.answers = {qid: {"value": v} for qid, v in sheet["values"].items()}
    for sheet in AnswerSheet.objects.filter(questionnaire=questionnaire).sent():  # 3
        entry = entries.get(sheet.region_id)
        if entry is not None and entry.state != SENT:
            entry.state, entry.sent_at = SENT, sheet.sent_at
            entry.answers = sheet.answers.get("answers", {})
    for entry in entries.values():
        if entry.state != SENT and questionnaire.deadline < today:
            entry.state = LATE
    return list(entries.values())


def unanswered_region_ids(questionnaire: Questionnaire) -> list[int]:
    return [r.region.pk for r in responses(questionnaire) if r.state != SENT]


def themes_of(questions: list[Question]) -> list[str]:
    seen: list[str] = []
    for q in questions:
        if q.theme not in seen:
            seen.append(q.theme)
    return seen
