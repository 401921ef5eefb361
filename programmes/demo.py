"""Demo data, programmes' part: regions, municipalities, organisations, programmes with their
goals and action lines, and the demo users (see ghnt_portal/demo.py for the order)."""

from pathlib import Path

from django.contrib.auth import get_user_model

from ghnt_portal.accounts.demo_devices import add_demo_devices
from ghnt_portal.demo import change, created, dec, is_add_only, read, set_m2m, upsert

from .constants import OrganisationKind, ProgrammeStatus
from .frame import seed_frame
from .models import (
    ActionLine,
    Goal,
    Membership,
    Municipality,
    Organisation,
    Programme,
    ProgrammeSection,
    Region,
)

DEMO_PASSWORD = "GHNT-demo-2026!"


def load_reference(fixtures_dir: Path) -> None:
    seed_frame()  # the national action lines and bouwstenen; adds only what is missing


def load_region(data: dict, context: dict) -> Region:
    spec = data["region"]
    region = upsert(
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
        municipality = upsert(
            Municipality, {"cbs_code": row["cbs_code"]}, {"name": row["name"], "region": region}
        )
        municipalities[row["name"]] = municipality
        upsert(
            Organisation,
            {"municipality": municipality},
            {"name": row["name"], "kind": OrganisationKind.MUNICIPALITY, "region": region},
        )
    if spec.get("centrumgemeente"):
        centrum = municipalities[spec["centrumgemeente"]]
        change(region, {"centrumgemeente": centrum})
    for row in data.get("organisations", []):
        upsert(
            Organisation,
            {"region": region, "name": row["name"]},
            {
                "kind": row.get("kind", OrganisationKind.PARTNER),
                "contact_email": row.get("contact_email", ""),
            },
        )
    context.update(
        region=region,
        municipalities=municipalities,
        organisations={o.name: o for o in Organisation.objects.filter(region=region)},
        programmes={},
        goals={},
        action_lines={},
    )
    for row in data.get("programmes", []):
        _load_programme(row, context)
    return region


def _load_programme(row: dict, context: dict) -> Programme:
    programme = upsert(
        Programme,
        {"region": context["region"], "title": row["title"]},
        {
            "short_name": row.get("short_name", ""),
            "period_start": row.get("period_start"),
            "period_end": row.get("period_end"),
            "status": row.get("status", ProgrammeStatus.CONCEPT),
            "document_date": row.get("document_date"),
            "version_label": row.get("version_label", ""),
            "summary": row.get("summary", ""),
            "source_remarks": row.get("source_remarks", ""),
            "stated_budget_total": dec(row["stated_budget_total"])
            if row.get("stated_budget_total") is not None
            else None,
        },
    )
    organisations = context["organisations"]
    set_m2m(programme.participants, [organisations[n] for n in row.get("participants", [])])
    title = row["title"]
    context["programmes"][title] = programme
    goals = context["goals"][title] = {}
    for g in row.get("goals", []):
        goals[g["number"]] = upsert(
            Goal,
            {"programme": programme, "number": g["number"]},
            {
                "title": g["title"],
                "description": g.get("description", ""),
                "in_focus": g.get("in_focus", False),
            },
        )
    lines = context["action_lines"][title] = {}
    for line in row.get("action_lines", []):
        lines[line["order"]] = upsert(
            ActionLine,
            {"programme": programme, "order": line["order"]},
            {
                "title": line["title"],
                "is_national": line.get("is_national", True),
                "goal": goals.get(line.get("goal")),
                "description": line.get("description", ""),
            },
        )
    for section in row.get("sections", []):
        upsert(
            ProgrammeSection,
            {"programme": programme, "order": section["order"]},
            {
                "kind": section["kind"],
                "title": section["title"],
                "body": section["body"],
                "source": section.get("source", ""),
            },
        )
    return programme


def load_users(fixtures_dir: Path) -> None:
    User = get_user_model()
    rows = read(fixtures_dir / "users.json")
    for row in rows:
        values = {
            "first_name": row.get("first_name", ""),
            "last_name": row.get("last_name", ""),
            "email": row.get("email", ""),
            "is_staff": row.get("is_staff", False),
            "is_superuser": row.get("is_superuser", False),
        }
        user = User.objects.filter(username=row["username"]).first()
        if user is not None:
            change(user, values)
            if is_add_only():
                continue  # an account's roles are the beheerder's: none added back
        else:
            user = User(username=row["username"], **values)
            user.set_password(DEMO_PASSWORD)
            user.save()
            created(user)
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
    # Only with DEBUG (make run): an authenticator whose code `manage.py democode` prints.
    add_demo_devices(User.objects.filter(username__in=[row["username"] for row in rows]))


# The region's source document (fixtures/sources/<region>.txt: the public plan or proposal the
# demo data is taken from, contact details left out) attached to its programme as the plan,
# through the same upload check as a user's file, so its whole text is findable by search.
SOURCE_TITLE = "Brondocument van het programma (tekst)"


def attach_sources(fixtures_dir: Path) -> int:
    from .documents.constants import DocumentKind
    from .documents.services import add_document
    from .documents.uploads import inspect_upload
    from .models import Document

    attached = 0
    for path in sorted((fixtures_dir / "sources").glob("*.txt")):
        programme = (
            Programme.objects.filter(region__slug=path.stem).order_by("-period_start").first()
        )
        if programme is None or Document.objects.of(programme).filter(title=SOURCE_TITLE).exists():
            continue
        data = path.read_bytes()
        checked = inspect_upload(f"{path.stem}.txt", data)
        add_document(
            programme,
            title=SOURCE_TITLE,
            kind=DocumentKind.PLAN,
            date=programme.document_date,
            checked=checked,
            data=data,
            user=None,
        )
        attached += 1
    return attached


def finish(fixtures_dir: Path) -> None:
    from .search.index import reindex

    attach_sources(fixtures_dir)
    reindex()  # the loader's bulk writes and raw loads bypass the index's signals
