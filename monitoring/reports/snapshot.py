"""The frozen content of a progress report: a plain-JSON picture of a programme.

`build_snapshot` reads a programme once (a fixed number of queries, whatever its size) and
returns only JSON types (amounts as strings), so the report can be rendered again from the
stored snapshot alone, and nothing changed later in the programme changes the report.
The indicators are a summary around the reported half year (`indicators.py`), so the
snapshot does not grow with years of measurements.
"""

import datetime
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import Max, Prefetch, QuerySet
from django.utils import timezone

from actions.constants import BudgetKind, MilestoneState, ReviewStatus, RiskStatus
from actions.models import Action, ExpectedResult, Milestone, Risk, StatusUpdate
from actions.planio.plan import parse_quarter
from actions.services.budget import budget_overview
from ghnt_portal.periods import HalfYear, Quarter
from programmes.models import ActionLine, Programme

from .indicators import indicator_summary

# 2: the accepted updates counted are those reported for the period (reporting_period);
# every action states the basis of its figures; risks, texts and the approval route.
# 3: "indicators", the summary of the indicators around the half year (not their history).
SCHEMA_VERSION = 3


def _amount(value: Decimal | int | str | None) -> str | None:
    return None if value is None else str(Decimal(value).normalize().quantize(Decimal("0.01")))


def _milestone(m: Milestone, reference: datetime.date) -> dict:
    state = m.state(reference)
    return {
        "letter": m.letter,
        "title": m.title,
        "action_code": m.action.code if m.action else "",
        "quarter": str(m.quarter) if m.quarter else "",
        "meeting": m.meeting_label,
        "done_on": m.done_on.isoformat() if m.done_on else None,
        "state": state.value,
        "state_label": state.label,
    }


def _period_updates(programme: Programme, half: HalfYear) -> QuerySet[StatusUpdate]:
    """The accepted updates that report on the half year (whenever they were written: the
    October report's updates are often written in September)."""
    return (
        StatusUpdate.objects.filter(
            action__programme=programme,
            review_status=ReviewStatus.ACCEPTED,
            reporting_period=half.code,
        )
        .select_related("organisation")
        .order_by("created_at")
    )


def _last_accepted(programme: Programme) -> dict[int, str]:
    """Per action id: the date of its latest accepted update, in any period (one query)."""
    rows = (
        StatusUpdate.objects.filter(
            action__programme=programme, review_status=ReviewStatus.ACCEPTED
        )
        .values("action_id")
        .annotate(last=Max("created_at"))
    )
    return {row["action_id"]: timezone.localdate(row["last"]).isoformat() for row in rows}


def _risks(programme: Programme) -> list[dict]:
    return [
        {
            "action_code": r.action.code if r.action else "",
            "title": r.title,
            "description": r.description,
            "likelihood": r.get_likelihood_display(),
            "impact": r.get_impact_display(),
            "measure": r.measure,
            "owner": r.owner,
            "status": r.get_status_display(),
            "source": r.source,
        }
        for r in Risk.objects.filter(programme=programme)
        .exclude(status=RiskStatus.CLOSED)
        .select_related("action")
        .order_by("order", "pk")
    ]


def _budget(programme: Programme) -> dict:
    overview = budget_overview(programme)
    rows = []
    for row in overview.rows:
        cells: list[dict[str, Any] | None] = []
        for source in overview.sources:
            line = row.cells.get(source.pk)
            if line is None:
                cells.append(None)
            elif line.kind == BudgetKind.AMOUNT:
                cells.append(
                    {
                        "kind": BudgetKind.AMOUNT.value,
                        "amount": _amount(line.amount),
                        "estimate": line.is_estimate,
                        "year": line.year,
                        "note": line.note,
                    }
                )
            else:
                cells.append({"kind": line.kind, "amount": None, "note": line.note})
        rows.append(
            {
                "section": row.section,
                "row_label": row.row_label,
                "description": row.description,
                "action_code": row.action.code if row.action else "",
                "cells": cells,
            }
        )
    return {
        "sources": [s.name for s in overview.sources],
        "rows": rows,
        "totals": [
            {
                "source": t.source.name,
                "planned": _amount(t.planned),
                "realised": _amount(t.realised),
                "printed": _amount(t.printed),
                "differs": t.differs_from_printed,
                "capacity_only": t.capacity_only,
                "pm_only": t.pm_only,
                "per_year": _amount(t.per_year_amount) if t.per_year_amount else None,
            }
            for t in overview.totals
        ],
        "open_ended": overview.open_ended,
        "planned": _amount(overview.planned),
        "realised": _amount(overview.realised),
        "stated_total": _amount(overview.stated_total),
        "stated_difference": overview.stated_difference_words,
        "has_printed_differences": overview.has_printed_differences,
    }


def build_snapshot(
    programme: Programme, half: HalfYear, now: datetime.datetime | None = None
) -> dict:
    now = now or timezone.now()
    reference = half.end
    milestones = list(
        Milestone.objects.filter(programme=programme).select_related("action").order_by("order")
    )
    action_lines = _action_lines(programme, half, milestones)
    all_actions = [a for line in action_lines for a in line["actions"]]
    risks = _risks(programme)
    for action in all_actions:
        action["risks"] = [r for r in risks if r["action_code"] == action["code"]]
    milestone_items = [_milestone(m, reference) for m in milestones]
    budget = _budget(programme)
    region = programme.region
    return {
        "schema": SCHEMA_VERSION,
        "generated_at": now.isoformat(),
        "period": {
            "code": half.code,
            "label": str(half),
            "start": half.start.isoformat(),
            "end": half.end.isoformat(),
        },
        "region": {"name": region.name},
        "programme": {
            "id": programme.pk,
            "title": programme.title,
            "short_name": programme.short_name,
            "period_label": programme.period_label,
            "status": programme.get_status_display(),
            "version_label": programme.version_label,
        },
        "summary": _summary(all_actions, milestone_items, budget),
        "basis": {
            "period": half.code,
            "accepted_updates": sum(len(a["updates"]) for a in all_actions),
            "actions_with_update": sum(1 for a in all_actions if a["updates"]),
            "actions": len(all_actions),
            "as_of": timezone.localdate(now).isoformat(),
        },
        "risks": [r for r in risks if not r["action_code"]],
        "sections": [
            {"title": x.title, "kind": x.get_kind_display(), "body": x.body, "source": x.source}
            for x in programme.sections.order_by("order")
        ],
        "participants": list(
            programme.participants.order_by("name").values_list("name", flat=True)
        ),
        "action_lines": action_lines,
        "milestones": milestone_items,
        "budget": budget,
        "indicators": indicator_summary(region, half),
    }


def _updates_by_action(programme: Programme, half: HalfYear) -> dict[int, list[dict]]:
    updates: dict[int, list[dict]] = defaultdict(list)
    for u in _period_updates(programme, half):
        updates[u.action_id].append(
            {
                "date": timezone.localdate(u.created_at).isoformat(),
                "status": u.status,
                "status_label": u.get_status_display(),
                "progress": u.progress,
                "remark": u.remark,
                "organisation": u.organisation.name if u.organisation else "",
            }
        )
    return updates


def _action_lines(programme: Programme, half: HalfYear, milestones: list[Milestone]) -> list:
    """The action lines with their actions, each with its accepted updates of the half year,
    its milestones and its expected results."""
    updates = _updates_by_action(programme, half)
    last_accepted = _last_accepted(programme)
    milestones_by_action = defaultdict(list)
    for m in milestones:
        milestones_by_action[m.action_id].append(m)
    actions = (
        Action.objects.filter(programme=programme)
        .order_by("order", "code")
        .prefetch_related(
            "owners",
            Prefetch("expected_results", queryset=ExpectedResult.objects.order_by("order")),
        )
    )
    lines = (
        ActionLine.objects.filter(programme=programme)
        .order_by("order")
        .prefetch_related(Prefetch("actions", queryset=actions))
    )
    return [
        {
            "order": line.order,
            "title": line.title,
            "is_national": line.is_national,
            "actions": [
                _action(a, updates.get(a.pk, []), milestones_by_action[a.pk], half.end)
                | {"last_accepted": last_accepted.get(a.pk)}
                for a in line.actions.all()
            ],
        }
        for line in lines
    ]


def _action(
    a: Action, updates: list[dict], milestones: list[Milestone], reference: datetime.date
) -> dict[str, Any]:
    return {
        "code": a.code,
        "title": a.title,
        "status": a.status,
        "status_label": a.get_status_display(),
        "progress": a.progress,
        "owners": [o.name for o in a.owners.all()] or ([a.door] if a.door else []),
        "updates": updates,
        "milestones": [_milestone(m, reference) for m in milestones],
        "results": [
            {
                "description": r.description,
                "target": _amount(r.target_value),
                "achieved": _amount(r.achieved_value),
                "unit": r.unit,
            }
            for r in a.expected_results.all()
        ],
    }


def _summary(actions: list[dict], milestones: list[dict], budget: dict) -> dict:
    state_counts: dict[str, int] = defaultdict(int)
    for milestone in milestones:
        state_counts[milestone["state"]] += 1
    status_counts: dict[str, int] = defaultdict(int)
    for action in actions:
        status_counts[action["status_label"]] += 1
    return {
        "actions": len(actions),
        "average_progress": (
            round(sum(a["progress"] for a in actions) / len(actions)) if actions else 0
        ),
        "by_status": dict(sorted(status_counts.items())),
        "milestones": len({(m["letter"], m["title"]) for m in milestones}),  # the plan's items
        "milestone_cells": len(milestones),  # an item planned twice fills two cells
        "milestones_done": state_counts[MilestoneState.DONE.value],
        "milestones_due": state_counts[MilestoneState.DUE.value],
        "milestones_overdue": state_counts[MilestoneState.OVERDUE.value],
        "updates": sum(len(a["updates"]) for a in actions),
        "budget_planned": budget["planned"],
        "budget_realised": budget["realised"],
    }


def _actions_by_code(snapshot: dict) -> dict:
    return {a["code"]: a for line in snapshot.get("action_lines", []) for a in line["actions"]}


def diff_snapshots(previous: dict | None, current: dict) -> dict:
    """What changed since the previous report: per action status and progress, new actions,
    milestones done since then."""
    if not previous:
        return {"previous": None, "actions": [], "new_actions": [], "milestones_done": []}
    before, after = _actions_by_code(previous), _actions_by_code(current)
    changes, new_actions = [], []
    for code, action in after.items():
        old = before.get(code)
        if old is None:
            new_actions.append({"code": code, "title": action["title"]})
            continue
        if old["status"] != action["status"] or old["progress"] != action["progress"]:
            changes.append(
                {
                    "code": code,
                    "title": action["title"],
                    "status_before": old["status_label"],
                    "status_after": action["status_label"],
                    "progress_before": old["progress"],
                    "progress_after": action["progress"],
                }
            )
    done_before = {
        m["letter"] for m in previous.get("milestones", []) if m["state"] == MilestoneState.DONE
    }
    newly_done = [
        m
        for m in current.get("milestones", [])
        if m["state"] == MilestoneState.DONE and m["letter"] not in done_before
    ]
    return {
        "previous": previous.get("period", {}).get("label"),
        "actions": changes,
        "new_actions": new_actions,
        "milestones_done": newly_done,
    }


def milestones_around(milestones: list[dict], half: HalfYear) -> dict[str, Any]:
    """The milestones the report's Mijlpalen section lists: those that ask for attention or
    belong to the half year (late, due in its last quarter, done in it) and those planned
    for the half year after it. The others are counted; every milestone is listed with its
    action, so a 40-action programme's report does not print its whole planning twice."""
    following = HalfYear(half.year + 1, 1) if half.half == 2 else HalfYear(half.year, 2)
    shown: list[dict] = []
    others: dict[str, int] = defaultdict(int)
    for m in milestones:
        state = m["state"]
        done_on = datetime.date.fromisoformat(m["done_on"]) if m.get("done_on") else None
        year, number = parse_quarter(m.get("quarter"))  # as Quarter writes it: "Q3 2026"
        starts = Quarter(year, number).start if year and number else None
        if (
            state in (MilestoneState.OVERDUE, MilestoneState.DUE)
            or (state == MilestoneState.DONE and done_on and done_on >= half.start)
            or (state == MilestoneState.PLANNED and starts and starts <= following.end)
        ):
            shown.append(m)
        else:
            others[state] += 1
    return {
        "items": shown,
        "others": sum(others.values()),
        "others_done": others[MilestoneState.DONE],
        "others_planned": others[MilestoneState.PLANNED],
        "others_unplanned": others[MilestoneState.UNPLANNED],
    }
