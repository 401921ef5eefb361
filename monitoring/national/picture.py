"""The national picture of one half year, per national action line and bouwsteen: which
regions have actions on it, how those stand (status, and the judgement the region reported),
the milestones done in the half year, the regions reporting "op schema" there (the
"regionale route", with their own explanation), and the risks the regions name for it.

Everything written by a region comes from its verzonden report of the half year (the digest
of its frozen snapshot and texts, digest.py), never from a concept; which action is on which
bouwsteen comes from the links the regions keep (action and action line). Budgets per
funding source are summed over the adopted programmes. A fixed number of queries, whatever
the number of regions.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from actions.constants import ActionStatus, Judgement
from actions.models import Action, BudgetLine, FundingSource
from ghnt_portal.periods import HalfYear
from programmes.constants import PUBLISHED_STATUSES
from programmes.models import BuildingBlock, NationalActionLine, Region

from . import digest

STATUS_LABELS = dict(ActionStatus.choices)
JUDGEMENT_LABELS = dict(Judgement.choices)
ZERO = Decimal("0")


@dataclass
class RouteEntry:
    """One action a region reports "op schema", with the region's own words."""

    region: str
    region_slug: str
    code: str
    title: str
    explanation: str


@dataclass
class BlockPicture:
    block: BuildingBlock
    regions: set[str] = field(default_factory=set)
    statuses: Counter = field(default_factory=Counter)
    judgements: Counter = field(default_factory=Counter)
    milestones_done: int = 0
    route: list[RouteEntry] = field(default_factory=list)
    risks: list[dict[str, str]] = field(default_factory=list)

    def status_rows(self) -> list[tuple[str, int]]:
        return [(s.label, self.statuses.get(s.value, 0)) for s in ActionStatus]

    def judgement_rows(self) -> list[tuple[str, int]]:
        rows = [(j.label, self.judgements.get(j.value, 0)) for j in Judgement]
        return rows + [("Geen oordeel", self.judgements.get("", 0))]

    @property
    def region_list(self) -> list[str]:
        return sorted(self.regions)


@dataclass
class LinePicture:
    line: NationalActionLine
    blocks: list[BlockPicture] = field(default_factory=list)


def _links(programme_ids: list[int]) -> dict[tuple[int, str], set[int]]:
    """(programme id, action code) -> bouwsteen ids, directly or through the action line
    (two queries)."""
    links: dict[tuple[int, str], set[int]] = defaultdict(set)
    direct = Action.building_blocks.through.objects.filter(
        action__programme_id__in=programme_ids
    ).values_list("action__programme_id", "action__code", "buildingblock_id")
    via_line = Action.objects.filter(
        programme_id__in=programme_ids, action_line__building_blocks__isnull=False
    ).values_list("programme_id", "code", "action_line__building_blocks")
    for programme_id, code, block_id in [*direct, *via_line]:
        links[(programme_id, code)].add(block_id)
    return links


def national_picture(half: HalfYear, block: BuildingBlock | None = None) -> list[LinePicture]:
    """Per national line its bouwstenen with their picture for the half year (four queries;
    two more when a sent report has no digest yet)."""
    blocks = BuildingBlock.objects.select_related("national_line").order_by(
        "national_line__number", "order", "code"
    )
    if block is not None:
        blocks = blocks.filter(pk=block.pk)
    pictures = {b.pk: BlockPicture(b) for b in blocks}  # 1
    reports = digest.latest_sent(half.code, "actions")  # 2
    links = _links([r["programme_id"] for r in reports])  # 3, 4
    for report in reports:
        region = report["programme__region__name"]
        for action in report["part"]:
            for block_id in links.get((report["programme_id"], action["code"]), ()):
                picture = pictures.get(block_id)
                if picture is None:
                    continue
                picture.regions.add(region)
                picture.statuses[action["status"]] += 1
                picture.judgements[action["judgement"]] += 1
                picture.milestones_done += action["done"]
                if action["judgement"] == Judgement.ON_SCHEDULE:
                    picture.route.append(
                        RouteEntry(
                            region,
                            report["programme__region__slug"],
                            action["code"],
                            action["title"],
                            action["explanation"],
                        )
                    )
                for risk in action["risks"]:
                    picture.risks.append({"region": region, "code": action["code"], **risk})
    lines: dict[int, LinePicture] = {}
    for picture in pictures.values():
        line = picture.block.national_line
        lines.setdefault(line.pk, LinePicture(line)).blocks.append(picture)
    return list(lines.values())


@dataclass
class SourceBudget:
    source: str
    planned: Decimal = ZERO
    realised: Decimal = ZERO
    regions: list[str] = field(default_factory=list)
    without: list[str] = field(default_factory=list)


def budgets_by_source() -> list[SourceBudget]:
    """Per funding source the sums over the regions' adopted programmes, and the regions
    that record nothing under it (three queries)."""
    regions = dict(Region.objects.order_by("name").values_list("pk", "name"))  # 1
    sums = BudgetLine.objects.filter(
        programme__status__in=PUBLISHED_STATUSES
    ).totals_by_funding_source_and_region()  # 2
    by_source: dict[str, SourceBudget] = {
        name: SourceBudget(name)
        for name in FundingSource.objects.order_by("order", "name").values_list("name", flat=True)
    }  # 3
    for row in sums:
        entry = by_source.setdefault(
            row["funding_source__name"], SourceBudget(row["funding_source__name"])
        )
        entry.planned += row["planned"]
        entry.realised += row["realised"]
        entry.regions.append(regions.get(row["programme__region_id"], ""))
    for entry in by_source.values():
        recorded = set(entry.regions)
        entry.regions = sorted(recorded)
        entry.without = [name for name in regions.values() if name not in recorded]
    return list(by_source.values())
