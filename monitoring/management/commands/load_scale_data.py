"""National-scale data for `make bench` (issue 14), added next to the demo data.

    python manage.py load_scale_data --seed 1

Defaults give the national data set: 28 regions, about 340 municipalities, 3 programmes per
region with 40 actions each (goals, action lines, owners, expected results, milestones,
budget lines, status updates, risks, decision routes that adopt some of them), meetings,
decisions and toezeggingen per region, 15 indicators per municipality per quarter over
10 years (about 205,000 measurements) and users per role per region.

What is there already (normally the demo data) counts: regions are added until there are
`--regions`, municipalities until there are `--municipalities`, programmes until every
region has `--programmes`; every municipality, old or new, gets the measurement history.
The same seed on the same starting data gives the same rows (primary keys and timestamps
aside). Everything is written with bulk inserts in one transaction; a second run is
refused (the user `beheerder-schaal` marks a loaded data set).

`--density real` (the default) gives each action the density of real plans (issue 26:
Zaanstreek-Waterland has about 4 milestones and 3-5 expected results per action): 3-8
milestones, 2-5 expected results and 2-6 budget lines per action, a status update per half
year of the programme's years so far, and risks per programme. `--density thin` gives the
earlier, thinner set (2 results, 3 milestones, 2 budget lines, 0-3 updates per action, no
risks), kept to compare with earlier runs.

The command only imports models (and the demo password), so it spans the apps from the top
layer (monitoring) without depending on their services.
"""

from __future__ import annotations

import datetime
import random
import time
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from simple_history.utils import bulk_create_with_history

from actions.constants import (
    ActionStatus,
    BudgetKind,
    FundingKind,
    ReviewStatus,
    RiskLevel,
    RiskStatus,
)
from actions.models import (
    Action,
    BudgetLine,
    ExpectedResult,
    FundingSource,
    Milestone,
    Risk,
    StatusUpdate,
    StatusUpdateResult,
)
from governance.constants import BodyKind, CommitmentStatus, Conclusion, Purpose
from governance.models import (
    Commitment,
    Decision,
    DecisionBody,
    DecisionPoint,
    DecisionRoute,
    Meeting,
    RouteStep,
)
from monitoring.constants import PeriodKind
from monitoring.dashboard import cache as dashboard_cache
from monitoring.models import Indicator, Measurement
from programmes.constants import OrganisationKind, ProgrammeStatus, Role
from programmes.demo import DEMO_PASSWORD
from programmes.models import (
    ActionLine,
    Goal,
    Membership,
    Municipality,
    Organisation,
    Programme,
    Region,
)
from programmes.search import index as search_index

MARKER_USERNAME = "beheerder-schaal"
BATCH = 2000
FIRST_CBS_NUMBER = 9000  # GM9000 and up: no real municipality has such a code

FIRST_SYLLABLES = [
    "Aal", "Berg", "Dijk", "Eem", "Gouw", "Hoorn", "Kamp", "Lint", "Maas", "Noord",
    "Oost", "Rijn", "Sloot", "Veen", "Water", "Zand", "Broek", "Meer", "Wold", "Heide",
]  # fmt: skip
LAST_SYLLABLES = [
    "dam", "hoven", "wijk", "dorp", "veen", "rade", "huizen", "kerk", "mond", "loo",
    "horst", "burg", "zijl", "stede", "haven", "berg", "meer", "land", "ven", "wolde",
]  # fmt: skip
PARTNERS = [
    "Veilig Thuis",
    "Politie",
    "GGD",
    "Raad voor de Kinderbescherming",
    "Jeugdbescherming",
    "Blijf Groep",
]
THEMES = [
    "Regionaal actieprogramma Geweld hoort nergens thuis",
    "Aanpak kindermishandeling",
    "Aanpak ouderenmishandeling",
    "Aanpak geweld na scheiding",
    "Aanpak seksueel geweld",
]
LINES = [
    "Eerder en beter in beeld",
    "Stoppen en duurzaam oplossen",
    "Aandacht voor kinderen",
    "Samenwerking in de keten",
    "Regionale speerpunten",
]
WORDS = (
    "gemeenten ketenpartners signalen huiselijk geweld kindermishandeling aanpak "
    "samenwerking professionals training meldcode wijkteams Veilig Thuis veiligheid "
    "gezinnen slachtoffers plegers nazorg ouderen scheiding jeugd onderwijs huisartsen "
    "voorlichting bewustwording expertise regie casuistiek afspraken monitoring "
    "zorgaanbieders vrouwenopvang herstel borging evaluatie werkgroep netwerk"
).split()
EXTRA_INDICATORS = [
    ("schaal-meldingen-jeugd", "Meldingen jeugd", 5),
    ("schaal-meldingen-ouderen", "Meldingen ouderenmishandeling", 5),
    ("schaal-onderzoeken", "Onderzoeken Veilig Thuis", 5),
    ("schaal-trajecten", "Trajecten na melding", 5),
    ("schaal-opvang", "Plaatsingen vrouwenopvang", 5),
    ("schaal-aangiften", "Aangiften zeden", 5),
    ("schaal-herhaald", "Herhaald slachtofferschap", 5),
    ("schaal-nazorg", "Nazorgtrajecten", 5),
    ("schaal-trainingen", "Getrainde professionals", 0),
    ("schaal-wijkteams", "Casussen wijkteams", 5),
    ("schaal-huisartsen", "Signalen huisartsen", 5),
    ("schaal-scholen", "Signalen scholen", 5),
    ("schaal-daderhulp", "Daderhulptrajecten", 5),
    ("schaal-crisisplaatsing", "Crisisplaatsingen", 5),
    ("schaal-adviezen", "Adviezen professionals", 5),
]
FUNDING_SOURCES = [
    ("Gemeente", FundingKind.MUNICIPALITY),
    ("Partner", FundingKind.PARTNER),
    ("DUVO", FundingKind.DUVO),
    ("Subsidie verstrekt", FundingKind.GRANTED),
    ("Rijksmiddelen GHNT", FundingKind.NATIONAL),
]
ACTION_STATUSES = [
    (ActionStatus.NOT_STARTED, 20),
    (ActionStatus.IN_PROGRESS, 45),
    (ActionStatus.DELAYED, 12),
    (ActionStatus.DONE, 18),
    (ActionStatus.CANCELLED, 5),
]


# Per action: (fewest, most) of each kind of row; updates per half year or (0, 3) in all.
DENSITIES: dict[str, dict[str, Any]] = {
    "real": {
        "results": (2, 5),
        "milestones": (3, 8),
        "budget_lines": (2, 6),
        "updates_per_half_year": True,
        "risks": (6, 10),
    },
    "thin": {
        "results": (2, 2),
        "milestones": (3, 3),
        "budget_lines": (2, 2),
        "updates_per_half_year": False,
        "risks": (0, 0),
    },
}


def _letters(index: int) -> str:
    """0 -> a, 25 -> z, 26 -> aa, 27 -> ab ... (like spreadsheet columns; fits 4 characters)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


class ScaleData:
    def __init__(self, *, seed, regions, municipalities, programmes, actions, indicators, years,
                 end_year, log, density="real"):  # fmt: skip
        self.rng = random.Random(seed)
        self.density = DENSITIES[density]
        self.target_regions = regions
        self.target_municipalities = municipalities
        self.programmes_per_region = programmes
        self.actions_per_programme = actions
        self.indicator_count = indicators
        self.years = years
        self.end_year = end_year
        self.log = log
        self.password = make_password(DEMO_PASSWORD)  # hashed once, shared by all users
        self.counts: dict[str, int] = {}
        self.stamp = timezone.make_aware(datetime.datetime(end_year, 12, 31, 12, 0))

    # -- helpers -------------------------------------------------------------------------

    def _save(self, model, objects, history=False):
        if history:
            bulk_create_with_history(objects, model, batch_size=BATCH, default_date=self.stamp)
        else:
            model.objects.bulk_create(objects, batch_size=BATCH)
        label = model._meta.verbose_name_plural
        self.counts[label] = self.counts.get(label, 0) + len(objects)
        return objects

    def _text(self, words: int) -> str:
        chosen = [self.rng.choice(WORDS) for _ in range(words)]
        return (" ".join(chosen)).capitalize() + "."

    def _count(self, kind: str) -> int:
        fewest, most = self.density[kind]
        return fewest if fewest == most else self.rng.randint(fewest, most)

    def _date(self, year_from: int, year_to: int) -> datetime.date:
        start = datetime.date(year_from, 1, 1).toordinal()
        end = datetime.date(year_to, 12, 31).toordinal()
        return datetime.date.fromordinal(self.rng.randint(start, end))

    # -- the steps -----------------------------------------------------------------------

    def run(self):
        with transaction.atomic():
            self.funding_sources = self._funding_sources()
            self.indicators = self._indicators()
            self._regions_and_municipalities()
            regions = list(Region.objects.order_by("slug"))
            self.users_by_region = self._users(regions)
            for region in regions:
                self._region(region)
            self._measurements()
        return self.counts

    def _funding_sources(self):
        existing = {f.name for f in FundingSource.objects.all()}
        missing = [
            FundingSource(name=name, kind=kind, order=i)
            for i, (name, kind) in enumerate(FUNDING_SOURCES, start=1)
            if name not in existing
        ]
        self._save(FundingSource, missing)
        return list(FundingSource.objects.order_by("order", "name")[:6])

    def _indicators(self):
        have = Indicator.objects.count()
        existing = set(Indicator.objects.values_list("code", flat=True))
        wanted = max(0, self.indicator_count - have)
        new = [
            Indicator(
                code=code,
                name=name,
                unit="aantal",
                source="Schaaldata (gegenereerd)",
                suppression_threshold=threshold,
            )
            for code, name, threshold in EXTRA_INDICATORS
            if code not in existing
        ][:wanted]
        self._save(Indicator, new)
        return list(Indicator.objects.order_by("code")[: self.indicator_count])

    def _regions_and_municipalities(self):
        new_regions = max(0, self.target_regions - Region.objects.count())
        new_munis = max(0, self.target_municipalities - Municipality.objects.count())
        if not new_regions:
            return
        new_munis = max(new_munis, new_regions)  # every new region has a municipality
        weights = [self.rng.uniform(0.5, 1.5) for _ in range(new_regions)]
        sizes = [max(1, int(w / sum(weights) * new_munis)) for w in weights]
        for i in range(new_munis - sum(sizes)):
            sizes[i % new_regions] += 1
        names = [a + b for a in FIRST_SYLLABLES for b in LAST_SYLLABLES]
        self.rng.shuffle(names)
        used_codes = set(Municipality.objects.values_list("cbs_code", flat=True))
        codes = (f"GM{n}" for n in range(FIRST_CBS_NUMBER, 10000) if f"GM{n}" not in used_codes)
        taken = set(Region.objects.values_list("slug", flat=True))
        number = 0
        regions: list[Region] = []
        municipalities: list[Municipality] = []
        organisations: list[Organisation] = []
        for size in sizes:
            number += 1
            while f"schaal-{number:02d}" in taken:
                number += 1
            region = Region(
                name=f"Schaalregio {number:02d}",
                slug=f"schaal-{number:02d}",
                rijk_report_email=f"rijk-schaal-{number:02d}@example.nl",
            )
            regions.append(region)
            for _ in range(size):
                index = len(municipalities)
                name = names[index] if index < len(names) else f"Gemeente {index + 1}"
                municipalities.append(Municipality(region=region, name=name, cbs_code=next(codes)))
        self._save(Region, regions)
        for m in municipalities:
            m.region_id = m.region.pk
        self._save(Municipality, municipalities)
        for region in regions:
            region.centrumgemeente = next(m for m in municipalities if m.region_id == region.pk)
        Region.objects.bulk_update(regions, ["centrumgemeente"])
        for m in municipalities:
            organisations.append(
                Organisation(
                    name=m.name,
                    kind=OrganisationKind.MUNICIPALITY,
                    region_id=m.region_id,
                    municipality=m,
                )
            )
        for region in regions:
            for partner in PARTNERS:
                organisations.append(
                    Organisation(
                        name=f"{partner} {region.name}",
                        kind=OrganisationKind.PARTNER,
                        region=region,
                        contact_email=f"{partner.split()[0].lower()}-{region.slug}@example.nl",
                    )
                )
        self._save(Organisation, organisations)

    def _users(self, regions):
        User = get_user_model()
        existing = set(User.objects.values_list("username", flat=True))
        users, memberships = [], []
        by_region: dict[int, dict] = {}

        def add(username, first, last, role, **scope):
            if username in existing:
                return None
            user = User(
                username=username,
                first_name=first,
                last_name=last[:150],
                email=f"{username}@example.nl",
                password=self.password,
                is_staff=role == Role.BEHEERDER,
                is_superuser=role == Role.BEHEERDER,
            )
            users.append(user)
            memberships.append(Membership(user=user, role=role, **scope))
            existing.add(username)
            return user

        add("rijk-schaal", "Medewerker", "Rijk (schaal)", Role.RIJK)
        add(MARKER_USERNAME, "Beheerder", "Schaaldata", Role.BEHEERDER)
        for region in regions:
            partners = list(
                Organisation.objects.filter(region=region)
                .exclude(kind=OrganisationKind.MUNICIPALITY)
                .order_by("name")[: len(PARTNERS)]
            )
            entry = by_region[region.pk] = {"partners": partners, "ketenpartners": {}}
            entry["projectleider"] = add(
                f"projectleider-{region.slug}", "Projectleider", region.name,
                Role.PROJECTLEIDER, region=region,
            )  # fmt: skip
            for i, organisation in enumerate(partners, start=1):
                entry["ketenpartners"][organisation.pk] = add(
                    f"ketenpartner-{region.slug}-{i}", "Medewerker", organisation.name,
                    Role.KETENPARTNER, organisation=organisation,
                )  # fmt: skip
            for m in Municipality.objects.filter(region=region).order_by("cbs_code"):
                code = m.cbs_code.lower()
                add(f"wethouder-{code}", "Wethouder", m.name, Role.WETHOUDER, municipality=m)
                add(f"raadslid-{code}", "Raadslid", m.name, Role.RAADSLID, municipality=m)
        self._save(User, users)
        for membership in memberships:
            membership.user_id = membership.user.pk
        self._save(Membership, memberships)
        return by_region

    def _region(self, region: Region):
        rng = self.rng
        bodies = {}
        for key, name, kind, competent in (
            ("AO", "Ambtelijk overleg GHNT", BodyKind.AO, False),
            ("BO", "Bestuurlijk overleg GHNT", BodyKind.BO, True),
            ("SG", "Stuurgroep GHNT", BodyKind.STUURGROEP, False),
        ):
            body, _ = DecisionBody.objects.get_or_create(
                region=region,
                name=name,
                defaults={"abbreviation": f"{key} GHNT", "kind": kind, "is_competent": competent},
            )
            bodies[key] = body
        meetings = []
        first_year = self.end_year - 2
        for year in range(first_year, self.end_year + 2):
            for month in range(1, 13):
                for key in ("AO", "BO"):
                    meetings.append(
                        Meeting(
                            body=bodies[key],
                            date=datetime.date(year, month, rng.randint(1, 28)),
                            label=f"{key}-{month:02d}",
                            location="Stadhuis",
                        )
                    )
                if month % 3 == 1:
                    meetings.append(
                        Meeting(
                            body=bodies["SG"], date=datetime.date(year, month, rng.randint(1, 28))
                        )
                    )
        self._save(Meeting, meetings)

        entry = self.users_by_region[region.pk]
        have = Programme.objects.filter(region=region).count()
        programmes = []
        for i in range(max(0, self.programmes_per_region - have)):
            programmes.append(self._programme(region, i, bodies, entry))
        self._decisions_and_commitments(region, bodies, programmes)

    def _programme(self, region, index, bodies, entry) -> Programme:
        rng = self.rng
        start_year = self.end_year - 2 + index
        adopted = index < 2 or rng.random() < 0.5
        theme = THEMES[index % len(THEMES)]
        programme = Programme.objects.create(
            region=region,
            title=f"{theme} {region.name} {start_year}-{start_year + 3}",
            short_name=f"{theme.split()[0]} {start_year}",
            period_start=datetime.date(start_year, 1, 1),
            period_end=datetime.date(start_year + 3, 12, 31),
            status=ProgrammeStatus.ADOPTED if adopted else ProgrammeStatus.IN_DECISION,
            document_date=datetime.date(start_year - 1, 11, 1),
            version_label="Vastgestelde versie" if adopted else "Concept",
            summary=self._text(60),
        )
        self.counts["actieprogramma's"] = self.counts.get("actieprogramma's", 0) + 1
        partners = entry["partners"]
        programme.participants.set(partners)
        goals = self._save(
            Goal,
            [
                Goal(programme=programme, number=n, title=self._text(6), in_focus=n <= 2)
                for n in range(1, 5)
            ],
        )
        lines = self._save(
            ActionLine,
            [
                ActionLine(
                    programme=programme,
                    order=n,
                    title=title,
                    is_national=n <= 4,
                    goal=goals[(n - 1) % len(goals)],
                    description=self._text(25),
                )
                for n, title in enumerate(LINES, start=1)
            ],
        )
        actions = []
        statuses, weights = zip(*ACTION_STATUSES, strict=True)
        per_line = -(-self.actions_per_programme // len(lines))
        for i in range(self.actions_per_programme):
            line = lines[i // per_line]
            status = rng.choices(statuses, weights)[0]
            progress = {
                ActionStatus.NOT_STARTED: 0,
                ActionStatus.DONE: 100,
            }.get(status, rng.randrange(5, 96, 5))
            actions.append(
                Action(
                    programme=programme,
                    action_line=line,
                    goal=line.goal,
                    code=f"{line.order}{_letters(i % per_line).upper()}",
                    order=i + 1,
                    title=self._text(8)[:-1],
                    wat=self._text(40),
                    doel=self._text(30),
                    hoe=self._text(50),
                    door=", ".join(p.name for p in rng.sample(partners, min(2, len(partners)))),
                    wanneer=f"{start_year}-{start_year + rng.randint(1, 3)}",
                    resultaten=self._text(30),
                    kosten=f"€ {rng.randint(1, 80) * 1000:,}".replace(",", "."),
                    status=status,
                    progress=progress,
                )
            )
        self._save(Action, actions, history=True)
        through = Action.owners.through
        owners = []
        for action in actions:
            for organisation in rng.sample(partners, min(rng.randint(1, 2), len(partners))):
                owners.append(through(action_id=action.pk, organisation_id=organisation.pk))
        through.objects.bulk_create(owners, batch_size=BATCH)
        action_owners: dict[int, list[int]] = {}
        for owner in owners:
            action_owners.setdefault(owner.action_id, []).append(owner.organisation_id)

        results = []
        for action in actions:
            for n in range(self._count("results")):
                target = rng.randint(5, 200)
                results.append(
                    ExpectedResult(
                        action=action,
                        order=n + 1,
                        description=self._text(10),
                        target_value=Decimal(target),
                        achieved_value=Decimal(rng.randint(0, target)) if n == 0 else None,
                        unit=rng.choice(
                            ["trainingen", "professionals", "gezinnen", "bijeenkomsten"]
                        ),
                    )
                )
        self._save(ExpectedResult, results, history=True)

        milestones = []
        # Thin: round the actions three times (as before); real: each its own number in turn.
        if self.density["milestones"] == (3, 3):
            milestone_actions = actions * 3
        else:
            milestone_actions = [a for a in actions for _ in range(self._count("milestones"))]
        for i, action in enumerate(milestone_actions):
            year = rng.randint(start_year, start_year + 3)
            quarter = rng.randint(1, 4)
            planned = rng.random() > 0.1
            quarter_end = datetime.date(year, quarter * 3, 28)
            done = planned and quarter_end.year <= self.end_year and rng.random() < 0.6
            milestones.append(
                Milestone(
                    programme=programme,
                    action=action,
                    letter=_letters(i),
                    order=i + 1,
                    title=self._text(6)[:-1],
                    planned_year=year if planned else None,
                    planned_quarter=quarter if planned else None,
                    meeting_label=f"BO-{quarter * 3:02d}" if planned else "",
                    body=bodies["BO"] if planned else None,
                    done_on=quarter_end if done else None,
                )
            )
        self._save(Milestone, milestones, history=True)

        budget = []
        order = 0
        for action in actions:
            order += 1
            lines_wanted = self._count("budget_lines")
            sources = rng.sample(self.funding_sources, min(lines_wanted, len(self.funding_sources)))
            sources += rng.choices(self.funding_sources, k=lines_wanted - len(sources))
            for source in sources:
                kind = rng.choices(
                    [BudgetKind.AMOUNT, BudgetKind.CAPACITY, BudgetKind.PRO_MEMORIE], [7, 2, 1]
                )[0]
                amount = Decimal(rng.randint(1, 200) * 500) if kind == BudgetKind.AMOUNT else None
                budget.append(
                    BudgetLine(
                        programme=programme,
                        action=action,
                        section=action.action_line.title,
                        row_label=action.code,
                        description=action.title[:300],
                        order=order,
                        funding_source=source,
                        year=rng.choice([None, start_year, start_year + 1]),
                        kind=kind,
                        amount=amount,
                        realised=(amount * Decimal(rng.randint(0, 100)) / 100).quantize(
                            Decimal("0.01")
                        )
                        if amount
                        else Decimal(0),
                    )
                )
        for description in ("Projectleiding", "Communicatie", "Evaluatie"):
            order += 1
            budget.append(
                BudgetLine(
                    programme=programme,
                    section="Projectkosten",
                    description=description,
                    order=order,
                    funding_source=self.funding_sources[0],
                    kind=BudgetKind.AMOUNT,
                    amount=Decimal(rng.randint(20, 120) * 1000),
                )
            )
        self._save(BudgetLine, budget, history=True)

        updates, update_results = [], []
        reviewer = entry["projectleider"] or self._projectleider(region)
        results_by_action: dict[int, list[ExpectedResult]] = {}
        for result in results:
            results_by_action.setdefault(result.action_id, []).append(result)
        for action in actions:
            authors = [
                (organisation_id, entry["ketenpartners"].get(organisation_id))
                for organisation_id in action_owners.get(action.pk, [])
            ]
            authors = [(o, u) for o, u in authors if u is not None]
            if not authors:
                continue
            if self.density["updates_per_half_year"]:
                # One per half year of the programme so far, on a day inside that half year.
                last_year = min(start_year + 3, self.end_year)
                days = [
                    datetime.date(year, month, rng.randint(1, 28))
                    for year in range(start_year, last_year + 1)
                    for month in (rng.randint(1, 6), rng.randint(7, 12))
                ]
            else:
                days = [self._date(start_year, self.end_year) for _ in range(rng.randint(0, 3))]
            for day in days:
                organisation_id, author = rng.choice(authors)
                created = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))
                review = rng.choices(
                    [ReviewStatus.ACCEPTED, ReviewStatus.SUBMITTED, ReviewStatus.RETURNED],
                    [7, 2, 1],
                )[0]
                update = StatusUpdate(
                    action=action,
                    author=author,
                    organisation_id=organisation_id,
                    created_at=created,
                    status=action.status,
                    progress=action.progress,
                    remark=self._text(25),
                    review_status=review,
                    reviewed_by=reviewer if review != ReviewStatus.SUBMITTED else None,
                    reviewed_at=created + datetime.timedelta(days=3)
                    if review != ReviewStatus.SUBMITTED
                    else None,
                    review_remark=self._text(8) if review == ReviewStatus.RETURNED else "",
                )
                updates.append(update)
                if review == ReviewStatus.ACCEPTED:
                    first = results_by_action[action.pk][0]
                    update_results.append(
                        StatusUpdateResult(
                            update=update,
                            expected_result=first,
                            achieved_value=first.achieved_value or Decimal(0),
                        )
                    )
        self._save(StatusUpdate, updates)
        for update_result in update_results:
            update_result.update_id = update_result.update.pk
        self._save(StatusUpdateResult, update_results)

        risks = []
        levels = [RiskLevel.LOW, RiskLevel.MEDIUM, RiskLevel.HIGH]
        for n in range(self._count("risks")):
            risks.append(
                Risk(
                    programme=programme,
                    action=rng.choice(actions) if n % 2 else None,
                    order=n + 1,
                    title=self._text(6)[:-1],
                    description=self._text(25),
                    likelihood=rng.choice(levels),
                    impact=rng.choice(levels),
                    measure=self._text(20),
                    owner=rng.choice(partners).name,
                    status=rng.choice([RiskStatus.OPEN, RiskStatus.OPEN, RiskStatus.CLOSED]),
                )
            )
        self._save(Risk, risks)

        route = DecisionRoute.objects.create(
            region=region,
            programme=programme,
            title=f"Vaststelling {programme.title}",
            reference=f"SCH-{region.slug}-{index + 1}",
        )
        decided = datetime.date(start_year - 1, 12, 10)
        steps = [
            RouteStep(
                route=route,
                order=1,
                date=decided - datetime.timedelta(days=30),
                body=bodies["AO"],
                purpose=Purpose.DISCUSS,
                remarks=self._text(8),
            ),
            RouteStep(
                route=route,
                order=2,
                date=decided,
                body=bodies["BO"],
                purpose=Purpose.ADOPT,
                conclusion=Conclusion.AGREED if adopted else "",
            ),
        ]
        self._save(RouteStep, steps)
        self.counts["besluitvormingsroutes"] = self.counts.get("besluitvormingsroutes", 0) + 1
        # Carried to the caller on the instance (bulk inserts need no second lookup).
        programme.adopting_step = steps[1] if adopted else None  # type: ignore[attr-defined]
        programme.generated_actions = actions  # type: ignore[attr-defined]
        return programme

    def _projectleider(self, region):
        membership = (
            Membership.objects.filter(role=Role.PROJECTLEIDER, region=region)
            .select_related("user")
            .order_by("user__username")
            .first()
        )
        return membership.user if membership else None

    def _decisions_and_commitments(self, region, bodies, programmes):
        rng = self.rng
        decisions, points = [], []
        existing = set(Decision.objects.filter(region=region).values_list("number", flat=True))
        for n in range(1, 7):
            number = f"SCH-{self.end_year}-{n:02d}"
            if number in existing:
                continue
            step = next((p.adopting_step for p in programmes if p.adopting_step), None)
            decision = Decision(
                region=region,
                number=number,
                title=self._text(8)[:-1],
                date=self._date(self.end_year - 2, self.end_year),
                body=bodies["BO"],
                route_step=step if n == 1 else None,
                portfolio_holders="Wethouder Zorg",
                policy_area="Zorg en veiligheid",
                summary=self._text(30),
            )
            decisions.append(decision)
            for p in range(1, 4):
                points.append(DecisionPoint(decision=decision, number=p, text=self._text(20)))
        self._save(Decision, decisions)
        for point in points:
            point.decision_id = point.decision.pk
        self._save(DecisionPoint, points)

        actions = [a for p in programmes for a in p.generated_actions]
        commitments, links = [], []
        existing = set(Commitment.objects.filter(region=region).values_list("number", flat=True))
        for n in range(1, 11):
            number = f"TZ-SCH-{n:02d}"
            if number in existing:
                continue
            made_on = self._date(self.end_year - 2, self.end_year)
            settled = rng.random() < 0.4
            commitment = Commitment(
                region=region,
                number=number,
                text=self._text(25),
                made_to=bodies["BO"],
                made_on=made_on,
                due_date=made_on + datetime.timedelta(days=rng.randint(30, 400)),
                status=CommitmentStatus.SETTLED if settled else CommitmentStatus.OPEN,
                settled_by="Raadsinformatiebrief" if settled else "",
                answer=self._text(20) if settled else "",
                settled_on=made_on + datetime.timedelta(days=60) if settled else None,
            )
            commitments.append(commitment)
            for action in rng.sample(actions, min(2, len(actions))):
                links.append((commitment, action))
        self._save(Commitment, commitments)
        through = Commitment.actions.through
        through.objects.bulk_create(
            [through(commitment_id=c.pk, action_id=a.pk) for c, a in links], batch_size=BATCH
        )

    def _measurements(self):
        rng = self.rng
        first_year = self.end_year - self.years + 1
        quarters = []
        for year in range(first_year, self.end_year + 1):
            for q in range(1, 5):
                start = datetime.date(year, 3 * q - 2, 1)
                end = (
                    datetime.date(year, 12, 31)
                    if q == 4
                    else datetime.date(year, 3 * q + 1, 1) - datetime.timedelta(days=1)
                )
                quarters.append((start, end, f"{year}-Q{q}"))
        existing = set(
            Measurement.objects.filter(
                municipality__isnull=False, period_kind=PeriodKind.QUARTER
            ).values_list("indicator_id", "municipality_id", "period_start")
        )
        municipalities = list(Municipality.objects.order_by("cbs_code"))
        batch = []
        created = 0
        for municipality in municipalities:
            size = rng.uniform(0.3, 3.0)  # a village or a city
            for indicator in self.indicators:
                base = size * rng.choice([2, 4, 10, 25, 60, 150])
                trend = rng.uniform(-0.02, 0.04)
                for i, (start, end, label) in enumerate(quarters):
                    if (indicator.pk, municipality.pk, start) in existing:
                        continue
                    value = max(0, round(base * (1 + trend * i) * rng.uniform(0.8, 1.2)))
                    batch.append(
                        Measurement(
                            indicator=indicator,
                            municipality=municipality,
                            period_kind=PeriodKind.QUARTER,
                            period_start=start,
                            period_end=end,
                            period_label=label,
                            value=Decimal(value),
                        )
                    )
                if len(batch) >= 20 * BATCH:
                    Measurement.objects.bulk_create(batch, batch_size=BATCH)
                    created += len(batch)
                    batch = []
        Measurement.objects.bulk_create(batch, batch_size=BATCH)
        created += len(batch)
        self.counts["metingen"] = created


class Command(BaseCommand):
    help = (
        "Laadt een landelijke schaaldataset naast de demodata (voor make bench): regio's, "
        "gemeenten, programma's, acties, metingen en gebruikers; bepaald door --seed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--regions", type=int, default=28, help="Regio's in totaal.")
        parser.add_argument(
            "--municipalities", type=int, default=340, help="Gemeenten in totaal (ongeveer)."
        )
        parser.add_argument("--programmes", type=int, default=3, help="Programma's per regio.")
        parser.add_argument("--actions", type=int, default=40, help="Acties per programma.")
        parser.add_argument("--indicators", type=int, default=15)
        parser.add_argument("--years", type=int, default=10, help="Jaren meethistorie.")
        parser.add_argument(
            "--end-year", type=int, default=2025, help="Laatste jaar van de meethistorie."
        )
        parser.add_argument(
            "--density",
            choices=sorted(DENSITIES),
            default="real",
            help="real: dichtheid van echte plannen (3-8 mijlpalen, 2-5 resultaten, 2-6 "
            "begrotingsregels per actie, een update per halfjaar, risico's); thin: de dunne "
            "set van eerder (2 resultaten, 3 mijlpalen, 2 begrotingsregels).",
        )

    def handle(self, *args, **options):
        if get_user_model().objects.filter(username=MARKER_USERNAME).exists():
            raise CommandError("De schaaldata is al geladen in deze database.")
        if options["actions"] < 1 or options["years"] < 1:
            raise CommandError("Kies minstens één actie en één jaar.")
        started = time.perf_counter()
        counts = ScaleData(
            seed=options["seed"],
            regions=options["regions"],
            municipalities=options["municipalities"],
            programmes=options["programmes"],
            actions=options["actions"],
            indicators=options["indicators"],
            years=options["years"],
            end_year=options["end_year"],
            log=self.stdout,
            density=options["density"],
        ).run()
        # Bulk inserts send no signals: every dashboard is stale now, and the search index
        # has none of the new records.
        dashboard_cache.bump()
        search_index.reindex()
        elapsed = time.perf_counter() - started
        for label, count in counts.items():
            self.stdout.write(f"  {label}: {count}")
        self.stdout.write(
            self.style.SUCCESS(f"Schaaldata geladen in {elapsed:.1f} s (seed {options['seed']}).")
        )
