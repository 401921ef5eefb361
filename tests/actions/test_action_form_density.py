"""The action form at the density of real plans (issue 26): its choice lists are read once
per form, not once per row, so the edit page takes the same queries with 2 or 10
milestones and budget lines; the rows fold away and one more row comes from the server."""

import re

from django.urls import reverse

import pytest

from actions.models import BudgetLine, Milestone
from tests.actions.formdata import action_form_data
from tests.factories import BudgetLineFactory, MilestoneFactory
from tests.world import World

pytestmark = pytest.mark.django_db

# The queries of the edit page: 1 session, 2 user, 3 memberships (the scope), 4 the action
# (+programme, region, action line), 5 whether the user may edit it, 6 the navigation's review
# count; the action form's choices: 7 action lines, 8 goals, 9 organisations (each saying
# whether the action has it: the chosen owners), 10 bouwstenen (+national line; likewise the
# chosen ones); the rows: 11 milestones (+meeting), 13 expected results, 14 budget lines
# (+funding source); the rows' choices, once for all rows: 12 the region's meetings (+body),
# 15 funding sources. Issue 26: at most 15, whatever the number of rows.
EDIT_PAGE_QUERIES = 15


def _dense_action(milestones: int, budget_lines: int):
    world = World()
    action = world.action_2b
    Milestone.objects.filter(action=action).delete()
    BudgetLine.objects.filter(action=action).delete()
    meeting = world.zawa_ao_january
    for n in range(milestones):
        MilestoneFactory(
            action=action,
            order=700 + n,
            letter=f"m{n}",
            planned_year=2022,
            planned_quarter=1 + n % 4,
            meeting=meeting,
        )
    for _n in range(budget_lines):
        BudgetLineFactory(action=action)
    return action


def _edit_page_queries(client, action, django_assert_max_num_queries):
    url = reverse("actions:edit", args=[action.pk])
    client.get(url)  # warm-up: the session and the per-process caches
    with django_assert_max_num_queries(EDIT_PAGE_QUERIES) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), response.content.decode()


def test_the_edit_page_takes_the_same_queries_with_10_milestones_and_budget_lines_as_with_2(
    client_for, projectleider, django_assert_max_num_queries
):
    client = client_for(projectleider)
    few, _ = _edit_page_queries(client, _dense_action(2, 2), django_assert_max_num_queries)
    many, html = _edit_page_queries(client, _dense_action(10, 10), django_assert_max_num_queries)

    assert many == few
    # Every row is on the page, with the meeting it is tied to chosen.
    assert html.count('name="milestones-9-title"') == 1
    assert html.count('name="budget-9-description"') == 1
    assert len(re.findall(r'<option value="\d+" selected>AO', html)) == 10
    # The rows share one labelled list of the region's meetings: each row (10 and the empty
    # one) offers every meeting under its own label.
    label = World().zawa_ao_january.choice_label
    assert html.count(f">{label}</option>") == 11


def test_saving_rows_with_a_meeting_and_a_funding_source_keeps_them(client_for, projectleider):
    action = _dense_action(3, 3)
    source = BudgetLine.objects.filter(action=action).first().funding_source
    data = action_form_data(action, **{"milestones-1-title": "Gewijzigd in de rij"})

    response = client_for(projectleider).post(reverse("actions:edit", args=[action.pk]), data)

    assert response.status_code == 302
    milestone = Milestone.objects.get(action=action, title="Gewijzigd in de rij")
    assert milestone.meeting == World().zawa_ao_january
    assert set(BudgetLine.objects.filter(action=action).values_list("funding_source", flat=True))
    assert {b.funding_source for b in BudgetLine.objects.filter(action=action)} == {source}


def test_a_forged_meeting_of_another_region_is_refused_in_dutch(client_for, projectleider):
    from governance.models import Meeting

    action = _dense_action(1, 1)
    elsewhere = Meeting.objects.exclude(body__region=action.programme.region).first()
    data = action_form_data(action, **{"milestones-0-meeting": str(elsewhere.pk)})

    response = client_for(projectleider).post(reverse("actions:edit", args=[action.pk]), data)

    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert Milestone.objects.get(action=action).meeting == World().zawa_ao_january


def test_the_rows_fold_away_and_a_section_with_an_error_is_open(client_for, projectleider):
    action = _dense_action(2, 2)
    client = client_for(projectleider)
    html = client.get(reverse("actions:edit", args=[action.pk])).content.decode()
    for prefix in ("milestones", "results", "budget"):
        assert re.search(rf'<details class="[^"]*" id="{prefix}">', html), prefix
    assert "<summary" in html and "Mijlpalen" in html

    data = action_form_data(action, **{"milestones-0-planned_quarter": "5"})
    html = client.post(reverse("actions:edit", args=[action.pk]), data).content.decode()
    assert re.search(r'<details class="[^"]*" id="milestones" open>', html)
    assert re.search(r'<details class="[^"]*" id="budget">', html)


def test_one_more_row_comes_numbered_and_raises_the_count(client_for, projectleider):
    programme = World().zawa_programme
    url = reverse("actions:form_row", args=[programme.pk, "milestones"])

    response = client_for(projectleider).get(url, {"milestones-TOTAL_FORMS": "4"})

    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="milestones-4-title"' in html and "Nieuwe mijlpaal" in html
    assert re.search(r'name="milestones-TOTAL_FORMS" value="5"[^>]*hx-swap-oob="true"', html)
    # The region's meetings are the choices of the new row too.
    assert "AO" in html


@pytest.mark.parametrize("count", ["", "x", "-1", "50", "100000"])
def test_a_row_beyond_the_limit_or_without_a_count_is_refused(client_for, projectleider, count):
    programme = World().zawa_programme
    url = reverse("actions:form_row", args=[programme.pk, "budget"])

    response = client_for(projectleider).get(url, {"budget-TOTAL_FORMS": count})

    assert response.status_code == 400


def test_an_unknown_section_is_not_found(client_for, projectleider):
    programme = World().zawa_programme
    url = reverse("actions:form_row", args=[programme.pk, "owners"])
    assert client_for(projectleider).get(url, {"owners-TOTAL_FORMS": "1"}).status_code == 404
