"""Small numbers on dashboards for readers (raadslid, wethouder, rijk).

The rule, per indicator table (rows: municipalities, one total row: the region; columns:
periods). Each column is one additive relation: total = sum of the municipality cells.

1. Primary suppression: every count below the indicator's `suppression_threshold` (t) is
   shown as "<t", in municipality cells and in the total alike. A threshold of 0 turns
   suppression off (figures that are already public, like the police table of the plan).
2. Secondary suppression: if, in a column, exactly one cell of the relation (the
   municipality cells plus the total) is hidden, the hidden value would follow from the
   total minus the shown cells. We then also hide the smallest shown municipality cell of
   that column (the least information lost), shown as "afgeschermd"; if no municipality
   cell is left to hide, the total is hidden instead. After this every column has either
   no hidden cell or at least two, so subtraction only ever gives the sum of two or more
   hidden cells, never one of them.

Rows are never summed across periods (periods overlap: a part year is not added to a
year), so columns are the only relations to protect. Suppression is applied to the whole
table before any filter, so choosing a municipality or a period cannot reveal more.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

PRIMARY = "primair"
SECONDARY = "secundair"
SECONDARY_LABEL = "afgeschermd"


@dataclass(frozen=True)
class Cell:
    value: Decimal | None  # None when hidden (or missing)
    display: str
    hidden: str = ""  # "", PRIMARY or SECONDARY

    def as_dict(self):
        return {
            "value": None if self.value is None else _plain(self.value),
            "display": self.display,
            "hidden": self.hidden,
        }


def _plain(value):
    value = Decimal(str(value))
    return int(value) if value == value.to_integral_value() else float(value)


def primary_label(threshold: int) -> str:
    return f"<{threshold}"


def suppress_column(cells: list, total, threshold: int) -> tuple[list[str], str]:
    """Which cells of one column to hide: returns (reasons per cell, reason for the total).

    `cells` are the municipality values (None for no measurement), `total` the region value
    (None when the table has no total). Reasons are "", PRIMARY or SECONDARY.
    """
    reasons = ["" for _ in cells]
    total_reason = ""
    if not threshold:
        return reasons, total_reason
    limit = Decimal(threshold)
    for i, value in enumerate(cells):
        if value is not None and Decimal(str(value)) < limit:
            reasons[i] = PRIMARY
    if total is not None and Decimal(str(total)) < limit:
        total_reason = PRIMARY
    if total is None:
        return reasons, total_reason  # no relation to protect in this column
    hidden = sum(1 for r in reasons if r) + (1 if total_reason else 0)
    if hidden == 1:
        shown = [
            (Decimal(str(v)), i) for i, v in enumerate(cells) if v is not None and not reasons[i]
        ]
        if shown:
            reasons[min(shown)[1]] = SECONDARY
        else:
            total_reason = SECONDARY
    return reasons, total_reason


def suppress_table(
    matrix: list[list],
    totals: list | None,
    threshold: int,
    format_value: Callable[[Any], str] = str,
) -> tuple[list[list[Cell]], list[Cell] | None]:
    """Apply the rule to a table: `matrix[row][column]` plus `totals[column]` (or None)."""
    n_cols = len(totals) if totals is not None else (len(matrix[0]) if matrix else 0)
    columns: list[list[Cell]] = []
    total_cells: list[Cell] = []
    for c in range(n_cols):
        column = [row[c] for row in matrix]
        total = totals[c] if totals is not None else None
        reasons, total_reason = suppress_column(column, total, threshold)
        columns.append(
            [_cell(value, reasons[r], threshold, format_value) for r, value in enumerate(column)]
        )
        total_cells.append(_cell(total, total_reason, threshold, format_value))
    rows = [[column[r] for column in columns] for r in range(len(matrix))]
    return rows, total_cells if totals is not None else None


def _cell(value, reason: str, threshold: int, format_value: Callable[[Any], str]) -> Cell:
    if value is None:
        return Cell(None, "–")
    if reason == PRIMARY:
        return Cell(None, primary_label(threshold), PRIMARY)
    if reason == SECONDARY:
        return Cell(None, SECONDARY_LABEL, SECONDARY)
    return Cell(Decimal(str(value)), format_value(value))
