"""The written part of a progress report: what the projectleider composes.

A concept report opens as an editable document (`report.texts`, a JSON column of the report
row, so the freeze rule of `freeze.py` and its triggers cover it like every other column):

    {"summary": "...",                         # samenvatting
     "lines": {"1": "...", ...},               # a short text per action line (by order)
     "actions": {"2B": {"judgement": "...",    # per action: the accepted explanation of
                        "remark": "...", ...,  # the period (EXPLANATION_FIELDS), prefilled
                        "source": "...",       # from the accepted updates, editable;
                        "edited": true}}}      # `edited`: the projectleider changed it

Prefilled means: for every action the projectleider has not edited, the explanation of the
latest update accepted for the report's period (`StatusUpdate.reporting_period`). Until the
projectleider edits an action's text, a regeneration refreshes it from newer accepted
updates; an edited text is kept as written. The snapshot copies the texts used for the PDF
(`snapshot["texts"]`), so the frozen report holds exactly what was approved.
"""

from __future__ import annotations

import copy
from typing import Any

from django.utils import timezone

from actions.constants import Judgement, ReviewStatus
from actions.models import Action, StatusUpdate
from actions.models.updates import EXPLANATION_FIELDS
from ghnt_portal.periods import HalfYear
from programmes.models import ActionLine, Programme

from ..models import ProgressReport

JUDGEMENT_LABELS = dict(Judgement.choices)


def period_explanations(programme: Programme, half: HalfYear) -> dict[str, dict[str, Any]]:
    """Per action code: the explanation of the latest update accepted for the period, with
    where it came from (one query)."""
    updates = (
        StatusUpdate.objects.filter(
            action__programme=programme,
            review_status=ReviewStatus.ACCEPTED,
            reporting_period=half.code,
        )
        .select_related("action", "organisation")
        .order_by("action_id", "-created_at")
    )
    result: dict[str, dict[str, Any]] = {}
    for update in updates:
        code = update.action.code
        if code in result:
            continue
        entry = {name: getattr(update, name) for name in EXPLANATION_FIELDS}
        who = update.organisation.name if update.organisation else "de projectleider"
        day = timezone.localdate(update.created_at)
        entry["source"] = f"Geaccepteerde update van {who}, {day:%d-%m-%Y}"
        entry["edited"] = False
        result[code] = entry
    return result


def empty_explanation() -> dict[str, Any]:
    return {name: "" for name in EXPLANATION_FIELDS} | {"source": "", "edited": False}


def compose(
    texts: dict[str, Any], codes: list[str], explanations: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    """`texts` with every action the projectleider has not edited (re)filled from the
    accepted explanations of the period. Pure: returns a new dict."""
    composed = copy.deepcopy(texts) if texts else {}
    composed.setdefault("summary", "")
    composed.setdefault("lines", {})
    actions = composed.setdefault("actions", {})
    for code in codes:
        current = actions.get(code)
        if current and current.get("edited"):
            continue
        actions[code] = copy.deepcopy(explanations.get(code)) or empty_explanation()
    return composed


def composed_texts(report: ProgressReport) -> dict[str, Any]:
    """The report's texts as the edit page and the generator use them (two queries)."""
    codes = list(
        Action.objects.filter(programme_id=report.programme_id)
        .order_by("order", "code")
        .values_list("code", flat=True)
    )
    explanations = period_explanations(report.programme, report.half_year)
    return compose(report.texts, codes, explanations)


def apply_edit(
    composed: dict[str, Any], submitted: dict[str, Any], explanations: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    """The texts after the projectleider's edit: an action counts as edited when what was
    submitted differs from the accepted explanation of the period (or was edited before)."""
    result = copy.deepcopy(composed)
    result["summary"] = submitted.get("summary", "").strip()
    # An empty line text is no text: left out, so saving unchanged texts changes nothing
    # (ProgressReport.pdf_outdated compares them with those the PDF printed).
    result["lines"] = {k: v.strip() for k, v in submitted.get("lines", {}).items() if v.strip()}
    for code, values in submitted.get("actions", {}).items():
        before = result["actions"].get(code) or empty_explanation()
        accepted = explanations.get(code) or empty_explanation()
        entry = dict(before)
        entry.update({name: (values.get(name) or "").strip() for name in EXPLANATION_FIELDS})
        changed = any(entry[name] != accepted.get(name, "") for name in EXPLANATION_FIELDS)
        entry["edited"] = bool(before.get("edited")) or changed
        if changed and not before.get("edited"):
            entry["source"] = "Opgesteld door de projectleider" + (
                f" (op basis van: {accepted['source']})" if accepted.get("source") else ""
            )
        result["actions"][code] = entry
    return result


def line_orders(programme: Programme) -> list[tuple[str, str]]:
    return [
        (str(order), title)
        for order, title in ActionLine.objects.filter(programme=programme)
        .order_by("order")
        .values_list("order", "title")
    ]
