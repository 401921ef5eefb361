"""Demo data, actions' part: funding sources, and per programme its actions with expected
results, milestones, budget lines and printed totals; the actions linked to toezeggingen
(see ghnt_portal/demo.py for the order)."""

from pathlib import Path

from ghnt_portal.demo import dec, read, set_m2m, upsert
from governance.models import Commitment
from programmes.models import BuildingBlock

from .constants import ActionStatus
from .models import (
    Action,
    BudgetLine,
    ExpectedResult,
    FundingSource,
    Milestone,
    PrintedBudgetTotal,
    Risk,
    StatusUpdate,
)


def portal_work() -> dict[str, int]:
    """What users did to actions in the portal (ghnt_portal/demo.py)."""
    return {
        "voortgangsupdates": StatusUpdate.objects.count(),
        "acties met een nieuwere versie": Action.objects.filter(version__gt=1).count(),
    }


def load_reference(fixtures_dir: Path) -> None:
    for row in read(fixtures_dir / "funding_sources.json"):
        upsert(FundingSource, {"name": row["name"]}, {k: v for k, v in row.items() if k != "name"})


def load_region(data: dict, context: dict) -> None:
    context["funding_sources"] = {f.name: f for f in FundingSource.objects.all()}
    for row in data.get("programmes", []):
        actions = _load_actions(row, context)
        _load_milestones(row, context, actions)
        _load_budget(row, context, actions)
        _load_risks(row, context, actions)
        _link_building_blocks(context["programmes"][row["title"]])
    for row in data.get("commitments", []):
        if row.get("actions"):
            commitment = Commitment.objects.get(region=context["region"], number=row["number"])
            wanted = Action.objects.filter(
                programme__region=context["region"], code__in=row["actions"]
            )
            set_m2m(commitment.actions, list(wanted))


def _load_actions(row: dict, context: dict) -> dict[str, Action]:
    title = row["title"]
    programme = context["programmes"][title]
    goals, lines = context["goals"][title], context["action_lines"][title]
    organisations = context["organisations"]
    actions = {}
    for a in row.get("actions", []):
        action = upsert(
            Action,
            {"programme": programme, "code": a["code"]},
            {
                "order": a.get("order", 0),
                "action_line": lines[a["action_line"]],
                "goal": goals.get(a.get("goal")),
                "title": a["title"],
                "summary_title": a.get("summary_title", ""),
                "wat": a.get("wat", ""),
                "doel": a.get("doel", ""),
                "hoe": a.get("hoe", ""),
                "door": a.get("door", ""),
                "wanneer": a.get("wanneer", ""),
                "resultaten": a.get("resultaten", ""),
                "kosten": a.get("kosten", ""),
                "status": a.get("status", ActionStatus.NOT_STARTED),
                "progress": a.get("progress", 0),
            },
        )
        set_m2m(action.owners, [organisations[n] for n in a.get("owners", [])])
        for r in a.get("expected_results", []):
            upsert(
                ExpectedResult,
                {"action": action, "order": r["order"]},
                {
                    "description": r["description"],
                    "target_value": dec(r.get("target_value")),
                    "achieved_value": dec(r.get("achieved_value")),
                    "unit": r.get("unit", ""),
                },
            )
        actions[a["code"]] = action
    return actions


def _load_milestones(row: dict, context: dict, actions: dict[str, Action]) -> None:
    programme = context["programmes"][row["title"]]
    for m in row.get("milestones", []):
        meeting = None
        if m.get("meeting"):
            ref = m["meeting"]
            key = (
                (ref["body"], ref["date"], ref["date_precision"])
                if "date_precision" in ref
                else (ref["body"], ref["date"])
            )
            meeting = context["meetings"][key]
        upsert(
            Milestone,
            {"programme": programme, "order": m["order"]},
            {
                "letter": m["letter"],
                "title": m["title"],
                "action": actions.get(m.get("action")),
                "planned_year": m.get("planned_year"),
                "planned_quarter": m.get("planned_quarter"),
                "meeting_label": m.get("meeting_label", ""),
                "meeting": meeting,
                "body": meeting.body if meeting else context["bodies"].get(m.get("body")),
            },
        )


def _load_budget(row: dict, context: dict, actions: dict[str, Action]) -> None:
    programme = context["programmes"][row["title"]]
    sources = context["funding_sources"]
    for b in row.get("budget_lines", []):
        upsert(
            BudgetLine,
            {
                "programme": programme,
                "order": b["order"],
                "description": b["description"],
                "funding_source": sources[b["funding_source"]],
                "year": b.get("year"),
            },
            {
                "section": b.get("section", ""),
                "row_label": b.get("row_label", ""),
                "action": actions.get(b.get("action")),
                "kind": b["kind"],
                "amount": dec(b.get("amount")),
                "is_estimate": b.get("is_estimate", False),
                "per_year": b.get("per_year", False),
                "note": b.get("note", ""),
            },
        )
    for t in row.get("printed_budget_totals", []):
        upsert(
            PrintedBudgetTotal,
            {"programme": programme, "funding_source": sources[t["funding_source"]]},
            {"amount": dec(t["amount"])},
        )


def _load_risks(row: dict, context: dict, actions: dict[str, Action]) -> None:
    """The risks the source names ("Risico's en kanttekeningen"), matched on their order."""
    programme = context["programmes"][row["title"]]
    for r in row.get("risks", []):
        upsert(
            Risk,
            {"programme": programme, "order": r["order"]},
            {
                "action": actions.get(r.get("action", "")),
                "title": r["title"],
                "description": r.get("description", ""),
                "likelihood": r.get("likelihood", "niet_beoordeeld"),
                "impact": r.get("impact", "niet_beoordeeld"),
                "measure": r.get("measure", ""),
                "owner": r.get("owner", ""),
                "status": r.get("status", "open"),
                "source": r.get("source", ""),
            },
        )


def _link_building_blocks(programme) -> None:
    """Demo links to the national frame (the seed documents predate it): the actions of a
    national action line n go, in turn, to one of the bouwstenen of national line n."""
    blocks_by_line: dict[int, list[BuildingBlock]] = {}
    for block in BuildingBlock.objects.select_related("national_line"):
        blocks_by_line.setdefault(block.national_line.number, []).append(block)
    for line in programme.action_lines.filter(is_national=True).order_by("order"):
        blocks = blocks_by_line.get(line.order, [])
        if not blocks:
            continue
        for i, action in enumerate(line.actions.order_by("order", "code")):
            set_m2m(action.building_blocks, [blocks[i % len(blocks)]])
