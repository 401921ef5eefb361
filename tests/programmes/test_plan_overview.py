"""The programme page as the plan at a glance: actions, milestones (as a grid), budget."""

import re

import pytest
from freezegun import freeze_time

from tests.factories import ActionFactory, BudgetLineFactory, MilestoneFactory
from tests.world import World

pytestmark = pytest.mark.django_db


def _grid(page: str) -> str:
    start = page.index('class="utrecht-table utrecht-table--html-table milestone-grid"')
    return page[start : page.index("</table>", start)]


def _row(grid: str, code: str) -> list[str]:
    """The cells of the grid row of action `code`, as text."""
    row = re.search(rf">{code}</a>.*?</tr>", grid, re.S).group(0)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", c)).strip() for c in cells]


def test_milestone_grid_has_quarters_from_the_milestones_and_doorlopend(client_for, projectleider):
    page = client_for(projectleider).get(World().zawa_programme.get_absolute_url()).text
    grid = _grid(page)
    headers = re.findall(r'<th class="utrecht-table__header-cell" scope="col">([^<]+)</th>', grid)
    assert headers == ["Actie", "Q4 2020", "Q1 2021", "Q2 2021", "Q3 2021", "Q4 2021", "Doorlopend"]
    # 2B: j in Q4 2020 at BO okt, k doorlopend, l in Q3 2021 at AO jul (table 3.3)
    assert _row(grid, "2B") == ["j BO okt", "", "", "l AO jul", "", "k"]
    assert 'scope="rowgroup" colspan="7">Stoppen en duurzaam oplossen</th>' in grid


def test_grid_grows_with_a_new_quarter(client_for, projectleider):
    world = World()
    MilestoneFactory(
        action=world.action_2b,
        letter="ff",
        order=99,
        planned_year=2022,
        planned_quarter=1,
        meeting_label="AO-jan",
    )
    page = client_for(projectleider).get(world.zawa_programme.get_absolute_url()).text
    grid = _grid(page)
    assert "Q1 2022</th>" in grid
    assert _row(grid, "2B") == ["j BO okt", "", "", "l AO jul", "", "ff AO-jan", "k"]


@freeze_time("2021-05-15")
def test_overdue_and_next_milestones(client_for, projectleider):
    page = client_for(projectleider).get(World().zawa_programme.get_absolute_url()).text
    overdue = page[page.index('id="mijlpalen-te-laat"') : page.index('id="mijlpalen-volgende"')]
    upcoming = page[page.index('id="mijlpalen-volgende"') : page.index('id="mijlpalenplanning"')]
    assert "PvA MDA++ en voorbereiding" in overdue  # j, Q4 2020
    assert "Voorstel Borging MDA++" not in overdue
    assert "Voorstel Borging MDA++" in upcoming  # l, Q3 2021
    assert "Mensenhandel NHN irt Zawa" in upcoming  # o, Q2 2021: this quarter


def test_budget_per_funding_source_shows_capacity_and_pm(client_for, projectleider):
    page = client_for(projectleider).get(World().zawa_programme.get_absolute_url()).text
    section = page[page.index('id="budget-per-bron"') :]
    row = re.search(r'<tr [^>]*data-source="Subsidie verstrekt">.*?</tr>', section, re.S).group(0)
    assert "€ 476.712" in row  # computed: 8.712 + 186.000 + 81.000 + 126.000 + 75.000
    assert "3 regels cap" in row and "1 regel p.m." in row


def test_programme_page_query_count_is_flat(client_for, projectleider, django_assert_num_queries):
    world = World()
    client = client_for(projectleider)
    url = world.zawa_programme.get_absolute_url()
    client.get(url)
    # session, user, memberships, programme, action lines, actions (with overdue), owners,
    # goals, sections, participants, milestones, 2 for the budget (lines; sums with the
    # printed totals), risks, "Te beoordelen (n)" in the navigation (may the user edit: from
    # the memberships already read)
    with django_assert_num_queries(15):
        client.get(url)
    line = world.action_2b.action_line
    for n in range(4):
        action = ActionFactory(action_line=line, code=f"Z{n}")
        MilestoneFactory(action=action, order=700 + n, planned_year=2021, planned_quarter=2)
        BudgetLineFactory(action=action)
    with django_assert_num_queries(15):
        client.get(url)
