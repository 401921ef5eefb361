"""An attacker's view of a suppressed indicator table: which hidden numbers follow exactly
from the shown ones. Written independently of monitoring/dashboard/suppression.py (exact
fractions, relations listed by hand by the caller), so the tests do not grade the rule by
itself.

A table is a dict {(area, period): value}; relations are (whole, [parts]) of those keys
meaning value(whole) = sum(value(parts)). `recoverable(values, shown, relations)` returns
the hidden keys whose value is determined by the shown values.
"""

from __future__ import annotations

import datetime
from fractions import Fraction

Q = {
    "Q1": (datetime.date(2021, 1, 1), datetime.date(2021, 3, 31)),
    "Q2": (datetime.date(2021, 4, 1), datetime.date(2021, 6, 30)),
    "Q3": (datetime.date(2021, 7, 1), datetime.date(2021, 9, 30)),
    "Q4": (datetime.date(2021, 10, 1), datetime.date(2021, 12, 31)),
    "H1": (datetime.date(2021, 1, 1), datetime.date(2021, 6, 30)),
    "H2": (datetime.date(2021, 7, 1), datetime.date(2021, 12, 31)),
    "Y": (datetime.date(2021, 1, 1), datetime.date(2021, 12, 31)),
}
KIND = {"Q1": "kwartaal", "Q2": "kwartaal", "Q3": "kwartaal", "Q4": "kwartaal"}
KIND |= {"H1": "halfjaar", "H2": "halfjaar", "Y": "jaar"}

# Every exact tiling of 2021 by its half years and quarters.
PERIOD_RELATIONS = [
    ("Y", ["H1", "H2"]),
    ("Y", ["Q1", "Q2", "Q3", "Q4"]),
    ("Y", ["H1", "Q3", "Q4"]),
    ("Y", ["Q1", "Q2", "H2"]),
    ("H1", ["Q1", "Q2"]),
    ("H2", ["Q3", "Q4"]),
]

# The test table: three municipalities and the region (stored as the region's own
# measurement), every shown number four digits and unique, so it can be found in a PDF.
# Oostzaan's H2 is 3: with its year (1605) and H1 (1602) shown, it would be recoverable.
TABLE = {
    "Oostzaan": {"Q1": 1, "Q2": 1601, "Q3": 2, "Q4": 1},
    "Zaanstad": {"Q1": 1203, "Q2": 1311, "Q3": 1409, "Q4": 1517},
    "Purmerend": {"Q1": 2113, "Q2": 2221, "Q3": 2339, "Q4": 2447},
}
REGION = "Regio Zaanstreek-Waterland"


def table_values() -> dict[tuple[str, str], int]:
    values = {}
    for area, quarters in TABLE.items():
        values |= {(area, q): v for q, v in quarters.items()}
        values[(area, "H1")] = quarters["Q1"] + quarters["Q2"]
        values[(area, "H2")] = quarters["Q3"] + quarters["Q4"]
        values[(area, "Y")] = sum(quarters.values())
    for period in Q:
        values[(REGION, period)] = sum(values[(area, period)] for area in TABLE)
    return values


def table_relations() -> list[tuple[tuple[str, str], list[tuple[str, str]]]]:
    relations = []
    for area in [*TABLE, REGION]:
        for whole, parts in PERIOD_RELATIONS:
            relations.append(((area, whole), [(area, p) for p in parts]))
    for period in Q:
        relations.append(((REGION, period), [(area, period) for area in TABLE]))
    return relations


def recoverable(values: dict, shown: set, relations: list) -> set:
    """Hidden keys whose value is fixed by the relations and the shown values."""
    hidden = sorted(k for k in values if k not in shown)
    column = {k: i for i, k in enumerate(hidden)}
    rows = []
    for whole, parts in relations:
        row = [Fraction(0)] * (len(hidden) + 1)  # last entry: the known right-hand side
        for key, sign in [(whole, 1), *((p, -1) for p in parts)]:
            if key in column:
                row[column[key]] += sign
            else:
                row[-1] -= sign * values[key]
        rows.append(row)
    basis = _echelon(rows, len(hidden))
    found = set()
    for key in hidden:
        unit = [Fraction(0)] * (len(hidden) + 1)
        unit[column[key]] = Fraction(1)
        if _in_span(basis, unit, len(hidden)):
            found.add(key)
    return found


def _echelon(rows, width):
    basis = []  # (pivot, row) with row[pivot] == 1
    for row in rows:
        row = _reduced(basis, row)
        pivot = next((i for i in range(width) if row[i] != 0), None)
        if pivot is not None:
            basis.append((pivot, [x / row[pivot] for x in row]))
    return basis


def _reduced(basis, row):
    row = list(row)
    for pivot, base in basis:
        if row[pivot] != 0:
            factor = row[pivot]
            row = [a - factor * b for a, b in zip(row, base, strict=True)]
    return row


def _in_span(basis, vector, width):
    rest = vector
    for _ in range(len(basis) + 1):  # reduce until stable (basis rows are not fully reduced)
        rest = _reduced(basis, rest)
    return all(x == 0 for x in rest[:width])
