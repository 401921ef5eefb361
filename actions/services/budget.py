"""The finance table as a plan prints it (table 3.4), with every total computed from its lines."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import OuterRef, Subquery

from ghnt_portal.formats import euro
from programmes.models import Programme

from ..constants import BudgetKind
from ..models import BudgetLine, FundingSource, PrintedBudgetTotal


@dataclass
class BudgetRow:
    section: str
    row_label: str
    description: str
    action: object | None
    label_differs: bool
    cells: dict = field(default_factory=dict)  # funding source id -> BudgetLine


@dataclass
class SourceTotal:
    source: FundingSource
    planned: Decimal
    realised: Decimal
    capacity_lines: int
    pm_lines: int
    printed: Decimal | None
    amount_lines: int = 0
    per_year_amount: Decimal = Decimal("0")

    @property
    def differs_from_printed(self) -> bool:
        return self.printed is not None and self.printed != self.planned

    @property
    def capacity_only(self) -> bool:
        """Only inzet van capaciteit (Gemeente, Partner): a total in euros would say € 0."""
        return self.amount_lines == 0 and self.capacity_lines > 0

    @property
    def pm_only(self) -> bool:
        return self.amount_lines == 0 and self.capacity_lines == 0 and self.pm_lines > 0

    @property
    def per_year_only(self) -> bool:
        """Only an amount per year without its years: no total, the amount per year."""
        return bool(self.per_year_amount) and not self.planned


@dataclass
class BudgetOverview:
    sources: list
    rows: list
    totals: list
    planned: Decimal
    realised: Decimal
    # The plan's own total as it prints it (Programme.stated_budget_total), or None.
    stated_total: Decimal | None = None

    @property
    def stated_difference_words(self) -> str:
        if self.stated_total is None:
            return ""
        return stated_difference_words(self.planned, self.stated_total)

    @property
    def has_printed_differences(self) -> bool:
        return any(t.differs_from_printed for t in self.totals)

    @property
    def open_ended(self) -> bool:
        """A line gives an amount per year without saying for how many years: a grand
        total would add it once and state a sum the source never gives."""
        return any(t.per_year_amount for t in self.totals)


def budget_overview(programme: Programme) -> BudgetOverview:
    """Two queries: the lines, and the per-source sums with the plan's printed totals."""
    lines = list(
        BudgetLine.objects.filter(programme=programme)
        .select_related("action", "funding_source")
        .order_by("order", "funding_source__order")
    )
    printed_total = PrintedBudgetTotal.objects.filter(
        programme=programme, funding_source_id=OuterRef("funding_source_id")
    ).values("amount")[:1]
    sums = {
        row["funding_source_id"]: row
        for row in BudgetLine.objects.filter(programme=programme)
        .totals_by_funding_source()
        .annotate(printed=Subquery(printed_total))
    }
    sources = sorted({line.funding_source for line in lines}, key=lambda s: (s.order, s.name))
    rows: dict[tuple, BudgetRow] = {}
    for line in lines:
        key = (line.order, line.row_label, line.description)
        row = rows.get(key)
        if row is None:
            row = rows[key] = BudgetRow(
                section=line.section,
                row_label=line.row_label,
                description=line.description,
                action=line.action,
                label_differs=line.label_differs_from_action,
            )
        row.cells[line.funding_source_id] = line
    totals = [
        SourceTotal(
            source=source,
            planned=sums[source.pk]["planned"],
            realised=sums[source.pk]["realised"],
            capacity_lines=sums[source.pk]["capacity_lines"],
            pm_lines=sums[source.pk]["pm_lines"],
            printed=sums[source.pk]["printed"],
            amount_lines=sums[source.pk]["amount_lines"],
            per_year_amount=sums[source.pk]["per_year_amount"],
        )
        for source in sources
    ]
    return BudgetOverview(
        sources=sources,
        rows=list(rows.values()),
        totals=totals,
        planned=sum((t.planned for t in totals), Decimal("0")),
        realised=sum((t.realised for t in totals), Decimal("0")),
        stated_total=programme.stated_budget_total,
    )


def stated_difference_words(computed: Decimal, stated: Decimal) -> str:
    """How the computed sum relates to the plan's own total, in words (one place for the
    programme page, the dashboard and the report)."""
    if computed == stated:
        return "gelijk aan de berekende som"
    word = "meer" if computed > stated else "minder"
    return f"de berekende som is {euro(abs(computed - stated))} {word}"


def cell_display(line: BudgetLine | None) -> str | None:
    if line is None:
        return ""
    if line.kind == BudgetKind.CAPACITY:
        return "cap" + (f" {line.note}" if line.note else "")
    if line.kind == BudgetKind.PRO_MEMORIE:
        return "p.m." + (f" {line.note}" if line.note else "")
    return None  # amounts are formatted in the template
