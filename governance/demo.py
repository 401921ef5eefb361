"""Demo data, governance's part: bodies and meetings, the programmes' decision routes (which
set each programme's status), decisions and toezeggingen (see ghnt_portal/demo.py)."""

from ghnt_portal.demo import upsert

from .constants import CommitmentStatus, DatePrecision
from .models import (
    Commitment,
    Decision,
    DecisionBody,
    DecisionPoint,
    DecisionRoute,
    Meeting,
    RouteStep,
)
from .services import refresh_programme_status


def load_region(data: dict, context: dict) -> None:
    region, municipalities = context["region"], context["municipalities"]
    bodies: dict = {}
    for row in data.get("bodies", []):
        body = upsert(
            DecisionBody,
            {"region": region, "name": row["name"]},
            {
                "abbreviation": row.get("abbreviation", ""),
                "kind": row["kind"],
                "is_competent": row.get("is_competent", False),
                "municipality": municipalities.get(row.get("municipality")),
            },
        )
        bodies[row["name"]] = body
        if body.abbreviation:
            bodies.setdefault(body.abbreviation, body)
    meetings: dict[tuple, Meeting] = {}
    for row in data.get("meetings", []):
        body = bodies[row["body"]]
        precision = row.get("date_precision", DatePrecision.DAY)
        meeting = upsert(
            Meeting,
            {"body": body, "date": row["date"], "date_precision": precision},
            {"label": row.get("label", "")},
        )
        meetings[(row["body"], row["date"], precision)] = meeting
        meetings.setdefault((row["body"], row["date"]), meeting)
    context.update(bodies=bodies, meetings=meetings, routes={})
    for row in data.get("programmes", []):
        _load_routes(row, context)
    for row in data.get("decisions", []):
        _load_decision(row, context)
    for row in data.get("commitments", []):
        _load_commitment(row, context)


def _load_routes(row: dict, context: dict) -> None:
    programme = context["programmes"][row["title"]]
    for r in row.get("routes", []):
        route = upsert(
            DecisionRoute,
            {"region": context["region"], "title": r["title"]},
            {
                "programme": programme,
                "reference": r.get("reference", ""),
                "adopts_programme": r.get("adopts_programme", True),
            },
        )
        context["routes"][r["title"]] = route
        for s in r.get("steps", []):
            upsert(
                RouteStep,
                {"route": route, "order": s["order"]},
                {
                    "date": s.get("date"),
                    "date_precision": s.get("date_precision", DatePrecision.DAY),
                    "body": context["bodies"][s["body"]],
                    "meeting": context["meetings"].get((s["body"], s.get("date"))),
                    "purpose": s["purpose"],
                    "conclusion": s.get("conclusion", ""),
                    "conditions": s.get("conditions", ""),
                    "remarks": s.get("remarks", ""),
                },
            )
    refresh_programme_status(programme)  # the status follows from the routes, never typed


def _load_decision(row: dict, context: dict) -> None:
    route_step = None
    if row.get("route"):
        route_step = RouteStep.objects.get(
            route=context["routes"][row["route"]], order=row["route_step"]
        )
    decision = upsert(
        Decision,
        {"region": context["region"], "number": row["number"]},
        {
            "title": row["title"],
            "date": row.get("date"),
            "body": context["bodies"].get(row.get("body")),
            "route_step": route_step,
            "portfolio_holders": row.get("portfolio_holders", ""),
            "policy_area": row.get("policy_area", ""),
            "summary": row.get("summary", ""),
        },
    )
    for p in row.get("points", []):
        upsert(DecisionPoint, {"decision": decision, "number": p["number"]}, {"text": p["text"]})


def _load_commitment(row: dict, context: dict) -> None:
    """The toezegging itself; actions' demo part links the actions that fulfil it."""
    upsert(
        Commitment,
        {"region": context["region"], "number": row["number"]},
        {
            "text": row["text"],
            "made_to": context["bodies"].get(row.get("made_to")),
            "made_in": context["meetings"].get((row.get("made_to"), row.get("made_on"))),
            "made_on": row.get("made_on"),
            "due_date": row.get("due_date"),
            "status": row.get("status", CommitmentStatus.OPEN),
            "settled_by": row.get("settled_by", ""),
            "answer": row.get("answer", ""),
            "settled_on": row.get("settled_on"),
        },
    )
