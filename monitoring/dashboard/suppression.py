"""Small numbers on dashboards for readers (raadslid, wethouder, rijk).

The rule, per indicator table (rows: municipalities plus one total row, the region;
columns: periods). The table holds additive relations, and a hidden number must not follow
from any combination of them:

- per column (area): the region = the sum of its municipalities (cells without a
  measurement take no part);
- per row (period): a period = the sum of the periods of the table that exactly tile it,
  e.g. a year = its two half years = its four quarters, a half year = its two quarters
  (only where every cell of that relation has a value).

1. Primary suppression: every count below the indicator's `suppression_threshold` (t) is
   shown as "<t", in municipality cells and in the total alike. A threshold of 0 turns
   suppression off (figures that are already public, like the police table of the plan).
2. Secondary suppression: while some hidden cell can be computed exactly from the shown
   cells through the relations (a linear system: with H1 = 17 and the year = 20 shown, a
   hidden H2 is 3; with one hidden cell in a column, it is the total minus the rest), one
   more cell of a relation holding that cell is hidden, shown as "afgeschermd": the
   smallest shown part (least information lost), else the whole (the total, the year).
   Afterwards no hidden cell is determined by what is shown; subtraction only ever gives
   sums of two or more hidden cells.

Suppression is applied to the whole table before any filter, so choosing a municipality
or a period cannot reveal more. Every path that shows indicator figures (the dashboard,
its CSV, the report PDF, the API) calls `suppress_table` with the table's periods.
"""

import datetime
from collections.abc import Callable, Mapping, Sequence
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


Cell_id = tuple[int, int]  # (row, column); the total row is row len(matrix)
_PRIME = (1 << 61) - 1  # rank over the rationals, computed modulo a large prime


def suppress_column(cells: list, total, threshold: int) -> tuple[list[str], str]:
    """Which cells of one column to hide: returns (reasons per cell, reason for the total).

    `cells` are the municipality values (None for no measurement), `total` the region value
    (None when the table has no total). Reasons are "", PRIMARY or SECONDARY.
    """
    rows, totals = _reasons([[v] for v in cells], None if total is None else [total], threshold, [])
    return [row[0] for row in rows], (totals[0] if totals else "")


def suppress_table(
    matrix: list[list],
    totals: list | None,
    threshold: int,
    format_value: Callable[[Any], str] = str,
    *,
    periods: Sequence[Mapping[str, Any]],
) -> tuple[list[list[Cell]], list[Cell] | None]:
    """Apply the rule to a table: `matrix[row][column]` plus `totals[column]` (or None);
    `periods[column]` has the column's "start" and "end" (ISO dates or dates), from which
    the nested-period relations follow. Required, so no caller can forget them."""
    rows, total_reasons = _reasons(matrix, totals, threshold, periods)
    cells = [
        [_cell(value, rows[r][c], threshold, format_value) for c, value in enumerate(row)]
        for r, row in enumerate(matrix)
    ]
    if totals is None:
        return cells, None
    assert total_reasons is not None
    return cells, [
        _cell(value, total_reasons[c], threshold, format_value) for c, value in enumerate(totals)
    ]


def _reasons(
    matrix: list[list], totals: list | None, threshold: int, periods: Sequence[Mapping[str, Any]]
) -> tuple[list[list[str]], list[str] | None]:
    n_rows = len(matrix)
    n_cols = len(totals) if totals is not None else (len(matrix[0]) if matrix else 0)
    values: dict[Cell_id, Decimal] = {}
    for r, row in enumerate([*matrix, *([totals] if totals is not None else [])]):
        for c in range(n_cols):
            if row[c] is not None:
                values[(r, c)] = Decimal(str(row[c]))
    reasons: dict[Cell_id, str] = {}
    if threshold:
        limit = Decimal(threshold)
        reasons = {cell: PRIMARY for cell, value in values.items() if value < limit}
        relations = _relations(values, n_rows, n_cols, totals is not None, periods)
        _secondary(values, relations, reasons)
    rows = [[reasons.get((r, c), "") for c in range(n_cols)] for r in range(n_rows)]
    total_row = [reasons.get((n_rows, c), "") for c in range(n_cols)]
    return rows, total_row if totals is not None else None


def _relations(
    values: dict[Cell_id, Decimal],
    n_rows: int,
    n_cols: int,
    has_total: bool,
    periods: Sequence[Mapping[str, Any]],
) -> list[tuple[Cell_id, list[Cell_id]]]:
    """(whole, parts) for every additive relation of the table whose cells have values."""
    relations: list[tuple[Cell_id, list[Cell_id]]] = []
    if has_total:
        for c in range(n_cols):
            parts = [(r, c) for r in range(n_rows) if (r, c) in values]
            if (n_rows, c) in values and parts:
                relations.append(((n_rows, c), parts))
    spans = [(_date(p["start"]), _date(p["end"])) for p in periods]
    for whole, tiling in _period_tilings(spans):
        for r in range(n_rows + (1 if has_total else 0)):
            cells = [(r, whole), *((r, c) for c in tiling)]
            if all(cell in values for cell in cells):
                relations.append(((r, whole), [(r, c) for c in tiling]))
    return relations


def _date(value: Any) -> datetime.date:
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)


Span = tuple[datetime.date, datetime.date]


def _period_tilings(spans: list[Span]) -> list[tuple[int, list[int]]]:
    """(column, columns) where the latter periods, one after the other, exactly fill the
    former: a year and its half years, a year and its quarters, a half year and its quarters,
    and any other exact tiling the table's periods allow."""
    found = []
    for whole, (start, end) in enumerate(spans):
        by_start: dict[datetime.date, list[int]] = {}
        for c, (s, e) in enumerate(spans):
            if c != whole and start <= s and e <= end:
                by_start.setdefault(s, []).append(c)
        paths: list[tuple[datetime.date, list[int]]] = [(start, [])]
        while paths:
            day, path = paths.pop()
            for c in by_start.get(day, []):
                if spans[c][1] == end:
                    if path:  # two parts or more
                        found.append((whole, [*path, c]))
                else:
                    paths.append((spans[c][1] + datetime.timedelta(days=1), [*path, c]))
    return found


def _secondary(
    values: dict[Cell_id, Decimal],
    relations: list[tuple[Cell_id, list[Cell_id]]],
    reasons: dict[Cell_id, str],
) -> None:
    """Hide more cells until no hidden cell follows from the shown ones (see the rule), then
    show again every extra cell that is not needed (largest first), so as little as possible
    is lost. The quick local rule (no relation with exactly one hidden cell) does most of the
    work; the exact check catches what only a combination of relations gives away."""
    while True:
        _hide_lonely(values, relations, reasons)
        exposed = _determined(relations, reasons)
        if not exposed:
            break
        cell = min(exposed)
        holding = [rel for rel in relations if cell == rel[0] or cell in rel[1]]
        pool = _by_least_loss(values, holding, reasons) or _by_least_loss(
            values, [rel for rel in relations if {rel[0], *rel[1]} & reasons.keys()], reasons
        )
        if not pool:
            return  # nothing left to hide (cannot happen while a hidden cell is determined)
        reasons[pool[0]] = SECONDARY
    extra = sorted((c for c, r in reasons.items() if r == SECONDARY), key=lambda c: (-values[c], c))
    for cell in extra:
        del reasons[cell]
        if _lonely(relations, reasons) or _determined(relations, reasons):
            reasons[cell] = SECONDARY


def _lonely(
    relations: list[tuple[Cell_id, list[Cell_id]]], reasons: Mapping[Cell_id, str]
) -> list[tuple[Cell_id, list[Cell_id]]]:
    """The relations with exactly one hidden cell: that cell is the rest's difference."""
    return [rel for rel in relations if sum(c in reasons for c in (rel[0], *rel[1])) == 1]


def _hide_lonely(values, relations, reasons) -> None:
    while lonely := _lonely(relations, reasons):
        reasons[_by_least_loss(values, lonely[:1], reasons)[0]] = SECONDARY


def _by_least_loss(values, relations, reasons) -> list[Cell_id]:
    """The shown cells of these relations, parts before wholes, smallest first."""
    parts = {cell for _, cells in relations for cell in cells if cell not in reasons}
    wholes = {whole for whole, _ in relations if whole not in reasons} - parts
    key = lambda cell: (values[cell], cell)  # noqa: E731
    return sorted(parts, key=key) + sorted(wholes, key=key)


def _determined(
    relations: list[tuple[Cell_id, list[Cell_id]]], hidden: Mapping[Cell_id, str]
) -> set[Cell_id]:
    """The hidden cells whose value follows from the shown cells.

    Each relation, restricted to its hidden cells, is one linear equation whose right-hand
    side a reader knows. A hidden cell is determined exactly when its unit vector lies in
    the span of these equations: reduce the equations to echelon form and try each cell."""
    order = sorted(hidden)
    index = {cell: i for i, cell in enumerate(order)}
    basis: dict[int, dict[int, int]] = {}  # pivot column -> row with 1 at the pivot
    for whole, parts in relations:
        row: dict[int, int] = {}
        for cell, sign in [(whole, 1), *((part, _PRIME - 1) for part in parts)]:
            if cell in index:
                row[index[cell]] = (row.get(index[cell], 0) + sign) % _PRIME
        _insert(basis, {k: v for k, v in row.items() if v})
    return {cell for cell in order if not _reduce(basis, {index[cell]: 1})}


def _reduce(basis: dict[int, dict[int, int]], row: dict[int, int]) -> dict[int, int]:
    row = dict(row)
    while row:
        pivot = min(row)
        if pivot not in basis:
            return row
        factor = row[pivot]
        for k, v in basis[pivot].items():
            row[k] = (row.get(k, 0) - factor * v) % _PRIME
            if not row[k]:
                del row[k]
    return row


def _insert(basis: dict[int, dict[int, int]], row: dict[int, int]) -> None:
    row = _reduce(basis, row)
    if row:
        pivot = min(row)
        inverse = pow(row[pivot], _PRIME - 2, _PRIME)
        basis[pivot] = {k: v * inverse % _PRIME for k, v in row.items()}


def _cell(value, reason: str, threshold: int, format_value: Callable[[Any], str]) -> Cell:
    if value is None:
        return Cell(None, "–")
    if reason == PRIMARY:
        return Cell(None, primary_label(threshold), PRIMARY)
    if reason == SECONDARY:
        return Cell(None, SECONDARY_LABEL, SECONDARY)
    return Cell(Decimal(str(value)), format_value(value))
