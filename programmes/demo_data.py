"""Load the demo data of fixtures/ idempotently: every record is matched on its natural key."""

import json
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from actions.models import (
    Action,
    BudgetLine,
    ExpectedResult,
    FundingSource,
    Milestone,
    PrintedBudgetTotal,
)
from governance.models import (
    Commitment,
    Decision,
    DecisionBody,
    DecisionPoint,
    DecisionRoute,
    Meeting,
    RouteStep,
)
from governance.services import refresh_programme_status
from monitoring.models import Indicator, Measurement

from .constants import OrganisationKind
from .models import ActionLine, Goal, Membership, Municipality, Organisation, Programme, Region

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"
DEMO_PASSWORD = "GHNT-demo-2026!"


def _read(path: Path):
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def _dec(value):
    return None if value is None or value == "" else Decimal(str(value))


def _clean(model, values: dict) -> dict:
    """Convert fixture strings (ISO dates, amounts) to the field's Python type."""
    cleaned = {}
    for name, value in values.items():
        field = model._meta.get_field(name)
        if value is not None and not field.is_relation:
            value = field.to_python(value)
        cleaned[name] = value
    return cleaned


def _upsert(model, lookup: dict, values: dict):
    """update_or_create that writes only when something differs, so reruns change nothing."""
    lookup, values = _clean(model, lookup), _clean(model, values)
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values)
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save(update_fields=changed)
    return obj


def _set_m2m(manager, objects):
    wanted = {o.pk for o in objects}
    current = set(manager.values_list("pk", flat=True))
    if wanted != current:
        manager.set(objects)


@transaction.atomic
def load_all(fixtures_dir: Path = FIXTURES_DIR, with_users: bool = True) -> dict:
    for row in _read(fixtures_dir / "funding_sources.json"):
        _upsert(FundingSource, {"name": row["name"]}, {k: v for k, v in row.items() if k != "name"})
    for row in _read(fixtures_dir / "indicators.json"):
        _upsert(Indicator, {"code": row["code"]}, {k: v for k, v in row.items() if k != "code"})
    regions = [
        load_region(_read(path)) for path in sorted((fixtures_dir / "regions").glob("*.json"))
    ]
    if with_users:
        load_users(_read(fixtures_dir / "users.json"))
    return {"regions": len(regions)}


def load_region(data: dict) -> Region:
    spec = data["region"]
    region = _upsert(
        Region,
        {"slug": spec["slug"]},
        {
            "name": spec["name"],
            "rijk_report_email": spec.get("rijk_report_email", ""),
            "accent_colour": spec.get("accent_colour", "#154273"),
            "public_data": spec.get("public_data", False),
        },
    )
    municipalities = {}
    for row in data.get("municipalities", []):
        municipality = _upsert(
            Municipality, {"cbs_code": row["cbs_code"]}, {"name": row["name"], "region": region}
        )
        municipalities[row["name"]] = municipality
        _upsert(
            Organisation,
            {"municipality": municipality},
            {"name": row["name"], "kind": OrganisationKind.MUNICIPALITY, "region": region},
        )
    if spec.get("centrumgemeente"):
        centrum = municipalities[spec["centrumgemeente"]]
        if region.centrumgemeente_id != centrum.pk:
            region.centrumgemeente = centrum
            region.save(update_fields=["centrumgemeente"])
    for row in data.get("organisations", []):
        _upsert(
            Organisation,
            {"region": region, "name": row["name"]},
            {
                "kind": row.get("kind", OrganisationKind.PARTNER),
                "contact_email": row.get("contact_email", ""),
            },
        )
    organisations = {o.name: o for o in Organisation.objects.filter(region=region)}

    bodies = {}
    for row in data.get("bodies", []):
        body = _upsert(
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
    meetings = {}
    for row in data.get("meetings", []):
        body = bodies[row["body"]]
        precision = row.get("date_precision", "dag")
        meeting = _upsert(
            Meeting,
            {"body": body, "date": row["date"], "date_precision": precision},
            {"label": row.get("label", "")},
        )
        meetings[(row["body"], row["date"], precision)] = meeting
        meetings.setdefault((row["body"], row["date"]), meeting)

    ctx = {
        "region": region,
        "municipalities": municipalities,
        "organisations": organisations,
        "bodies": bodies,
        "meetings": meetings,
        "funding_sources": {f.name: f for f in FundingSource.objects.all()},
        "routes": {},
    }
    for row in data.get("programmes", []):
        _load_programme(row, ctx)
    for row in data.get("decisions", []):
        _load_decision(row, ctx)
    for row in data.get("commitments", []):
        _load_commitment(row, ctx)
    _load_measurements(data.get("measurements", []), ctx)
    return region


def _load_programme(row: dict, ctx: dict) -> Programme:
    region = ctx["region"]
    programme = _upsert(
        Programme,
        {"region": region, "title": row["title"]},
        {
            "short_name": row.get("short_name", ""),
            "period_start": row.get("period_start"),
            "period_end": row.get("period_end"),
            "status": row.get("status", "concept"),
            "document_date": row.get("document_date"),
            "version_label": row.get("version_label", ""),
            "summary": row.get("summary", ""),
            "source_remarks": row.get("source_remarks", ""),
        },
    )
    organisations = ctx["organisations"]
    _set_m2m(programme.participants, [organisations[n] for n in row.get("participants", [])])

    goals = {}
    for g in row.get("goals", []):
        goals[g["number"]] = _upsert(
            Goal,
            {"programme": programme, "number": g["number"]},
            {
                "title": g["title"],
                "description": g.get("description", ""),
                "in_focus": g.get("in_focus", False),
            },
        )
    lines = {}
    for line in row.get("action_lines", []):
        lines[line["order"]] = _upsert(
            ActionLine,
            {"programme": programme, "order": line["order"]},
            {
                "title": line["title"],
                "is_national": line.get("is_national", True),
                "goal": goals.get(line.get("goal")),
                "description": line.get("description", ""),
            },
        )
    actions = {}
    for a in row.get("actions", []):
        action = _upsert(
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
                "status": a.get("status", "niet_gestart"),
                "progress": a.get("progress", 0),
            },
        )
        _set_m2m(action.owners, [organisations[n] for n in a.get("owners", [])])
        for r in a.get("expected_results", []):
            _upsert(
                ExpectedResult,
                {"action": action, "order": r["order"]},
                {
                    "description": r["description"],
                    "target_value": _dec(r.get("target_value")),
                    "achieved_value": _dec(r.get("achieved_value")),
                    "unit": r.get("unit", ""),
                },
            )
        actions[a["code"]] = action
    for m in row.get("milestones", []):
        meeting = None
        if m.get("meeting"):
            ref = m["meeting"]
            key = (
                (ref["body"], ref["date"], ref["date_precision"])
                if "date_precision" in ref
                else (ref["body"], ref["date"])
            )
            meeting = ctx["meetings"][key]
        _upsert(
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
                "body": meeting.body if meeting else ctx["bodies"].get(m.get("body")),
            },
        )
    for b in row.get("budget_lines", []):
        source = ctx["funding_sources"][b["funding_source"]]
        _upsert(
            BudgetLine,
            {
                "programme": programme,
                "order": b["order"],
                "description": b["description"],
                "funding_source": source,
                "year": b.get("year"),
            },
            {
                "section": b.get("section", ""),
                "row_label": b.get("row_label", ""),
                "action": actions.get(b.get("action")),
                "kind": b["kind"],
                "amount": _dec(b.get("amount")),
                "is_estimate": b.get("is_estimate", False),
                "note": b.get("note", ""),
            },
        )
    for t in row.get("printed_budget_totals", []):
        _upsert(
            PrintedBudgetTotal,
            {"programme": programme, "funding_source": ctx["funding_sources"][t["funding_source"]]},
            {"amount": _dec(t["amount"])},
        )
    for r in row.get("routes", []):
        route = _upsert(
            DecisionRoute,
            {"region": ctx["region"], "title": r["title"]},
            {
                "programme": programme,
                "reference": r.get("reference", ""),
                "adopts_programme": r.get("adopts_programme", True),
            },
        )
        ctx["routes"][r["title"]] = route
        for s in r.get("steps", []):
            body = ctx["bodies"][s["body"]]
            _upsert(
                RouteStep,
                {"route": route, "order": s["order"]},
                {
                    "date": s.get("date"),
                    "body": body,
                    "meeting": ctx["meetings"].get((s["body"], s.get("date"))),
                    "purpose": s["purpose"],
                    "conclusion": s.get("conclusion", ""),
                    "conditions": s.get("conditions", ""),
                    "remarks": s.get("remarks", ""),
                },
            )
    refresh_programme_status(programme)  # the status follows from the routes, never typed
    return programme


def _load_decision(row: dict, ctx: dict):
    route_step = None
    if row.get("route"):
        route_step = RouteStep.objects.get(
            route=ctx["routes"][row["route"]], order=row["route_step"]
        )
    decision = _upsert(
        Decision,
        {"region": ctx["region"], "number": row["number"]},
        {
            "title": row["title"],
            "date": row.get("date"),
            "body": ctx["bodies"].get(row.get("body")),
            "route_step": route_step,
            "portfolio_holders": row.get("portfolio_holders", ""),
            "policy_area": row.get("policy_area", ""),
            "summary": row.get("summary", ""),
        },
    )
    for p in row.get("points", []):
        _upsert(DecisionPoint, {"decision": decision, "number": p["number"]}, {"text": p["text"]})


def _load_commitment(row: dict, ctx: dict):
    commitment = _upsert(
        Commitment,
        {"region": ctx["region"], "number": row["number"]},
        {
            "text": row["text"],
            "made_to": ctx["bodies"].get(row.get("made_to")),
            "made_in": ctx["meetings"].get((row.get("made_to"), row.get("made_on"))),
            "made_on": row.get("made_on"),
            "due_date": row.get("due_date"),
            "status": row.get("status", "open"),
            "settled_by": row.get("settled_by", ""),
            "answer": row.get("answer", ""),
            "settled_on": row.get("settled_on"),
        },
    )
    if row.get("actions"):
        wanted = Action.objects.filter(programme__region=ctx["region"], code__in=row["actions"])
        _set_m2m(commitment.actions, list(wanted))


def _load_measurements(rows: list, ctx: dict):
    indicators = {i.code: i for i in Indicator.objects.all()}
    for m in rows:
        area = (
            {"municipality": ctx["municipalities"][m["municipality"]]}
            if m.get("municipality")
            else {"region": ctx["region"]}
        )
        _upsert(
            Measurement,
            {
                "indicator": indicators[m["indicator"]],
                "period_start": m["period_start"],
                "period_end": m["period_end"],
                **area,
            },
            {
                "period_kind": m["period_kind"],
                "period_label": m.get("period_label", ""),
                "value": _dec(m["value"]),
                "note": m.get("note", ""),
            },
        )


def load_users(rows: list):
    User = get_user_model()
    for row in rows:
        user = User.objects.filter(username=row["username"]).first()
        if user is None:
            user = User(username=row["username"])
            user.set_password(DEMO_PASSWORD)
        user.first_name = row.get("first_name", "")
        user.last_name = row.get("last_name", "")
        user.email = row.get("email", "")
        user.is_staff = row.get("is_staff", False)
        user.is_superuser = row.get("is_superuser", False)
        user.save()
        for m in row.get("memberships", []):
            lookup = {"user": user, "role": m["role"]}
            if m.get("region"):
                lookup["region"] = Region.objects.get(slug=m["region"])
            if m.get("organisation"):
                slug, name = m["organisation"]
                lookup["organisation"] = Organisation.objects.get(region__slug=slug, name=name)
            if m.get("municipality"):
                lookup["municipality"] = Municipality.objects.get(cbs_code=m["municipality"])
            if not Membership.objects.filter(**lookup).exists():
                Membership.objects.create(**lookup)
