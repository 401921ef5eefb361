"""The answers to an uitvraag: what the portal prefills from a programme's own records, and
how an edit is applied. Pure functions over JSON, plus one function that reads the records
(`prefill`, a fixed number of queries).

An answer sheet is JSON (kept in a report's `texts["uitvraag"]`, or an AnswerSheet row):

    {"questionnaire": 3,
     "answers": {"17": {"value": "...",        # the answer as the region gives it
                        "facts": {...},        # what the portal found (bouwsteen: actions;
                        "edited": false}}}     # budget: per funding source; milestones)

Until the region edits an answer, a new render refreshes it from its records; an edited
answer is kept as written (the same rule as the report's texts, reports/texts.py).
"""

from __future__ import annotations

import copy
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import Q

from actions.constants import ActionStatus, Judgement
from actions.models import Action, BudgetLine, Milestone
from ghnt_portal.formats import dutch_date, euro
from ghnt_portal.periods import HalfYear
from programmes.models import Programme

from .constants import YES_NO, QuestionKind
from .models import Question

STATUS_LABELS = dict(ActionStatus.choices)
JUDGEMENT_LABELS = dict(Judgement.choices)


def _block_actions(programme: Programme) -> dict[int, set[int]]:
    """bouwsteen id -> ids of the programme's actions on it, directly or through their
    action line (two queries)."""
    by_block: dict[int, set[int]] = {}
    direct = Action.building_blocks.through.objects.filter(action__programme=programme)
    for action_id, block_id in direct.values_list("action_id", "buildingblock_id"):
        by_block.setdefault(block_id, set()).add(action_id)
    via_line = Action.objects.filter(
        programme=programme, action_line__building_blocks__isnull=False
    ).values_list("pk", "action_line__building_blocks")
    for action_id, block_id in via_line:
        by_block.setdefault(block_id, set()).add(action_id)
    return by_block


def prefill(
    programme: Programme | None,
    half: HalfYear,
    questions: list[Question],
    action_texts: dict[str, dict[str, Any]],
) -> dict[str, dict[str, Any]]:
    """Per question id (str): the facts the portal knows and the answer text made of them.
    `action_texts` are the report's explanations per action code (judgement, remark).
    At most five queries, whatever the number of questions."""
    kinds = {q.kind for q in questions}
    result: dict[str, dict[str, Any]] = {}
    if programme is None:
        return {str(q.pk): {"facts": {}, "value": ""} for q in questions}
    actions: dict[int, Action] = {}
    by_block: dict[int, set[int]] = {}
    if QuestionKind.BUILDING_BLOCK in kinds:
        by_block = _block_actions(programme)
        actions = {a.pk: a for a in Action.objects.filter(programme=programme)}
    budget: list[dict[str, Any]] = []
    if QuestionKind.BUDGET in kinds:
        budget = list(BudgetLine.objects.filter(programme=programme).totals_by_funding_source())
    milestones: list[Milestone] = []
    if QuestionKind.MILESTONES in kinds:
        milestones = list(
            Milestone.objects.filter(
                programme=programme, done_on__gte=half.start, done_on__lte=half.end
            ).order_by("done_on", "order")
        )
    for q in questions:
        if q.kind == QuestionKind.BUILDING_BLOCK:
            ids = by_block.get(q.building_block_id or 0, set())
            rows = []
            for a in sorted((actions[i] for i in ids), key=lambda a: (a.order, a.code)):
                text = action_texts.get(a.code) or {}
                rows.append(
                    {
                        "code": a.code,
                        "title": a.title,
                        "status": a.status,
                        "status_label": STATUS_LABELS.get(a.status, a.status),
                        "judgement": text.get("judgement", ""),
                        "judgement_label": JUDGEMENT_LABELS.get(text.get("judgement", ""), ""),
                        "explanation": text.get("remark", ""),
                    }
                )
            value = "\n".join(
                f"{r['code']} {r['title']}: {r['status_label']}"
                + (f", {r['judgement_label'].lower()}" if r["judgement_label"] else "")
                + (f". {r['explanation']}" if r["explanation"] else "")
                for r in rows
            )
            result[str(q.pk)] = {
                "facts": {"actions": rows},
                "value": value or "Geen acties op deze bouwsteen.",
            }
        elif q.kind == QuestionKind.BUDGET:
            rows = [
                {
                    "source": b["funding_source__name"],
                    "planned": str(b["planned"]),
                    "realised": str(b["realised"]),
                }
                for b in budget
            ]
            value = "\n".join(
                f"{r['source']}: {euro(r['planned'])} begroot, {euro(r['realised'])} gerealiseerd"
                for r in rows
            )
            result[str(q.pk)] = {"facts": {"sources": rows}, "value": value}
        elif q.kind == QuestionKind.MILESTONES:
            rows = [
                {"letter": m.letter, "title": m.title, "done_on": m.done_on.isoformat()}
                for m in milestones
                if m.done_on
            ]
            value = "\n".join(
                f"{m.letter}. {m.title} (gereed {dutch_date(m.done_on)})"
                for m in milestones
                if m.done_on
            )
            result[str(q.pk)] = {
                "facts": {"milestones": rows},
                "value": value or "Geen mijlpalen gereed in dit halfjaar.",
            }
        else:
            result[str(q.pk)] = {"facts": {}, "value": ""}
    return result


def compose(
    existing: dict[str, Any] | None, questionnaire_id: int, prefilled: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    """The answer sheet with every answer the region has not edited (re)filled. Pure."""
    sheet = copy.deepcopy(existing) if existing else {}
    if sheet.get("questionnaire") != questionnaire_id:
        sheet = {}
    sheet["questionnaire"] = questionnaire_id
    answers = sheet.setdefault("answers", {})
    for qid, filled in prefilled.items():
        current = answers.get(qid)
        if current and current.get("edited"):
            answers[qid] = {**current, "facts": filled["facts"]}
        else:
            answers[qid] = {"value": filled["value"], "facts": filled["facts"], "edited": False}
    return sheet


def apply_edit(
    composed: dict[str, Any], submitted: dict[str, str], prefilled: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    """The sheet after the region's edit: an answer counts as edited once it differs from
    what the portal filled in."""
    result = copy.deepcopy(composed)
    for qid, value in submitted.items():
        entry = result["answers"].setdefault(qid, {"value": "", "facts": {}, "edited": False})
        value = (value or "").strip()
        filled = (prefilled.get(qid) or {}).get("value", "")
        entry["edited"] = bool(entry.get("edited")) or value != filled
        entry["value"] = value
    return result


def clean_answer(question: Question, value: str) -> str:
    """The answer as stored, or ValueError with a Dutch message for the field."""
    value = (value or "").strip()
    if not value:
        return ""
    if question.kind == QuestionKind.NUMBER:
        try:
            number = Decimal(value.replace(".", "").replace(",", ".").replace(" ", ""))
        except InvalidOperation as exc:
            raise ValueError("Vul een getal in, bijvoorbeeld 12 of 3,5.") from exc
        if not number.is_finite() or abs(number) >= Decimal("1e12"):
            raise ValueError("Vul een getal in, bijvoorbeeld 12 of 3,5.")
        return value
    if question.kind == QuestionKind.CHOICE and value not in question.choice_list:
        raise ValueError("Kies een van de opties.")
    if question.kind == QuestionKind.YES_NO and value not in dict(YES_NO):
        raise ValueError("Kies ja of nee.")
    return value


def action_lines_q(block_id: int) -> Q:
    """Actions on a bouwsteen, directly or through their action line."""
    return Q(building_blocks=block_id) | Q(action_line__building_blocks=block_id)


def answer_rows(questions: list[dict[str, Any]], sheet: dict[str, Any] | None) -> list[dict]:
    """The questions as asked (`Question.record()`) with the sheet's answer, in order."""
    stored = (sheet or {}).get("answers", {})
    rows = []
    for q in questions:
        entry = stored.get(str(q["id"])) or {}
        rows.append({**q, "value": entry.get("value", ""), "facts": entry.get("facts", {})})
    return rows
