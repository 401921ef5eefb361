"""Small numbers stay hidden: no cell below the threshold can be recovered from the totals."""

import itertools
import random
from decimal import Decimal

import pytest

from monitoring.dashboard.suppression import PRIMARY, SECONDARY, suppress_column, suppress_table

YEAR_2021 = {"start": "2021-01-01", "end": "2021-12-31"}
YEAR_2022 = {"start": "2022-01-01", "end": "2022-12-31"}


def recoverable_by_subtraction(cells, total, hidden_cells, total_hidden) -> list[int]:
    """An attacker's attempt: cells whose hidden value follows from total - shown cells."""
    if total is None or total_hidden:
        return []
    hidden = [i for i, h in enumerate(hidden_cells) if h and cells[i] is not None]
    if len(hidden) != 1:
        return []
    shown = sum(Decimal(c) for i, c in enumerate(cells) if c is not None and not hidden_cells[i])
    (i,) = hidden
    return [i] if Decimal(total) - shown == Decimal(cells[i]) else []


def possible_values(cells, total, reasons, total_reason, threshold, target):
    """All values the target cell could have, given what a reader sees (brute force)."""
    hidden = [i for i, r in enumerate(reasons) if r]
    shown_sum = sum(c for i, c in enumerate(cells) if not reasons[i])
    ranges = []
    for i in hidden:
        ranges.append(range(threshold) if reasons[i] == PRIMARY else range(threshold, 200))
    solutions = set()
    for combo in itertools.product(*ranges):
        if total_reason or shown_sum + sum(combo) == total:
            solutions.add(combo[hidden.index(target)])
    return solutions


def test_one_small_municipality_is_not_revealed_by_the_region_total():
    cells = [3, 20, 30, 100]
    total = sum(cells)
    reasons, total_reason = suppress_column(cells, total, threshold=5)
    assert reasons[0] == PRIMARY
    assert reasons[1] == SECONDARY  # the smallest shown cell is hidden too
    assert total_reason == ""
    assert recoverable_by_subtraction(cells, total, reasons, total_reason) == []
    # Trying every value a reader could assume: the hidden 3 is not pinned down.
    assert possible_values(cells, total, reasons, total_reason, 5, target=0) == {0, 1, 2, 3, 4}


def test_two_small_cells_need_no_secondary_suppression():
    reasons, total_reason = suppress_column([2, 4, 50], 56, threshold=5)
    assert reasons == [PRIMARY, PRIMARY, ""]
    assert total_reason == ""


def test_single_municipality_column_hides_the_total_instead():
    reasons, total_reason = suppress_column([3], 3, threshold=5)
    assert reasons == [PRIMARY] and total_reason == PRIMARY
    reasons, total_reason = suppress_column([3, None], 30, threshold=5)
    assert reasons == [PRIMARY, ""] and total_reason == SECONDARY


def test_threshold_zero_shows_published_figures_as_they_are():
    rows, totals = suppress_table([[1], [2]], [3], threshold=0, periods=[YEAR_2021])
    assert [r[0].display for r in rows] == ["1", "2"] and totals[0].display == "3"


def test_hidden_cells_show_as_below_threshold_and_carry_no_value():
    rows, totals = suppress_table(
        [[3, 10], [40, 2], [50, 60]], [93, 72], threshold=5, periods=[YEAR_2021, YEAR_2022]
    )
    assert rows[0][0].display == "<5" and rows[0][0].value is None
    assert rows[1][1].display == "<5"
    assert rows[1][0].display == "afgeschermd" and rows[0][1].display == "afgeschermd"
    assert totals[0].display == "93"


@pytest.mark.parametrize("seed", range(200))
def test_no_random_column_can_be_undone_by_subtraction(seed):
    rnd = random.Random(seed)
    cells = [rnd.choice([0, 1, 2, 3, 4, 5, 6, 9, 20, 80]) for _ in range(rnd.randint(1, 9))]
    total = sum(cells)
    reasons, total_reason = suppress_column(cells, total, threshold=5)
    hidden = [bool(r) for r in reasons]
    assert recoverable_by_subtraction(cells, total, hidden, total_reason) == []
    relation_hidden = sum(hidden) + bool(total_reason)
    assert relation_hidden in (0,) or relation_hidden >= 2
    for i, value in enumerate(cells):
        if value < 5:
            assert reasons[i] == PRIMARY
