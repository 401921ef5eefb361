"""The report's Mijlpalen section lists the milestones of the period, not the whole planning
a second time: every milestone is already listed with its action."""

import re

from django.template.loader import render_to_string
from django.utils.html import escape

import pytest

from actions.constants import MilestoneState
from ghnt_portal.periods import HalfYear
from monitoring.reports import services
from monitoring.reports.snapshot import build_snapshot, milestones_around
from tests.monitoring.reports import make_report


def milestone(letter, state, quarter="", done_on=None):
    return {
        "letter": letter,
        "title": f"Mijlpaal {letter}",
        "action_code": "1a",
        "quarter": quarter,
        "meeting": "",
        "done_on": done_on,
        "state": state.value,
        "state_label": state.label,
    }


def test_the_period_its_late_and_its_next_half_year_are_listed_the_rest_counted():
    items = [
        milestone("a", MilestoneState.OVERDUE, "Q3 2024"),
        milestone("b", MilestoneState.DUE, "Q2 2025"),
        milestone("c", MilestoneState.DONE, "Q1 2025", done_on="2025-02-10"),
        milestone("d", MilestoneState.DONE, "Q3 2024", done_on="2024-09-30"),  # before
        milestone("e", MilestoneState.PLANNED, "Q4 2025"),  # the next half year
        milestone("f", MilestoneState.PLANNED, "Q1 2026"),  # later
        milestone("g", MilestoneState.UNPLANNED),
    ]
    around = milestones_around(items, HalfYear(2025, 1))
    assert [m["letter"] for m in around["items"]] == ["a", "b", "c", "e"]
    assert (around["others"], around["others_done"], around["others_planned"]) == (3, 1, 1)
    assert around["others_unplanned"] == 1
    # The second half year looks ahead into the next calendar year.
    ahead = milestones_around(items, HalfYear(2025, 2))
    assert "f" in [m["letter"] for m in ahead["items"]]


@pytest.mark.django_db
def test_the_pdf_lists_the_periods_milestones_and_says_where_the_others_are(zawa_programme):
    half = HalfYear(2021, 1)
    report = make_report(zawa_programme, period=half.code)
    snapshot = build_snapshot(zawa_programme, half)
    html = render_to_string(services.REPORT_TEMPLATE, services.report_context(report, snapshot))
    section = html.split('id="mijlpalen"')[1].split("</section>")[0]
    expected = milestones_around(snapshot["milestones"], half)
    assert section.count("<tr>") == len(expected["items"]) + 1  # and the header row
    for m in expected["items"]:
        assert f"<td>{m['letter']}</td><td>{escape(m['title'])}</td>" in section
    others = len(snapshot["milestones"]) - len(expected["items"])
    assert others > 0
    assert re.search(rf"De andere {others} mijlpa(al|len) \(", section)
    # Each milestone is still in the report, with its action.
    for m in snapshot["milestones"]:
        assert escape(m["title"]) in html.split('id="risicos"')[0]
