"""The action page (with its history and status updates) takes the same number of queries as
data grows, at most 15 for every role."""

import pytest

from actions.models import StatusUpdateMilestone, StatusUpdateResult
from tests.factories import BudgetLineFactory, MilestoneFactory
from tests.world import World

pytestmark = pytest.mark.django_db

# The queries of the action page, for every role:
#  1 session, 2 user, 3 memberships (the scope: also can-edit, may-update and may-review,
#    computed from it and the owners without a query: actions/services/action_page.py),
#  4 the action (+programme, region, action line, goal, and its owners joined in),
#  5 expected results (+ the values status updates reported for them joined in),
#  6 milestones, 7 risks, 8 budget lines (+funding source);
#  history: 9 action (+action line, goal, owners snapshot with names), 10 milestones (+body,
#    meeting and its body), 11 expected results, 12 budget lines (+funding source),
#    13 the people who made the changes and their organisations (only when people did);
#  14 the status updates visible to the user (+author, organisation, reviewer, and the
#    letters of the milestones they report done joined in);
#  15 the navigation's count: "Te beoordelen (n)" for a projectleider, "Mijn acties (n)" for
#    a ketenpartner (a raadslid has none: 14).
EXPECTED = {"projectleider": 15, "veiligthuis": 15, "raadslid": 14}


def _report_on(update, action):
    for result in action.expected_results.all()[:2]:
        StatusUpdateResult.objects.create(update=update, expected_result=result, achieved_value=3)
    for milestone in action.milestones.all()[:2]:
        StatusUpdateMilestone.objects.create(update=update, milestone=milestone)


@pytest.mark.parametrize("role", ["projectleider", "veiligthuis", "raadslid"])
def test_action_detail_query_count_is_flat(
    role, request, client_for, projectleider, django_assert_num_queries
):
    world = World()
    action = world.action_2b
    _report_on(world.update_2b, action)  # an update waiting for review, with results
    action._history_user = projectleider  # a change by a person: their name in the history
    action.title = "MDA++ in de hele regio"
    action.save()
    client = client_for(request.getfixturevalue(role))
    client.get(action.get_absolute_url())
    with django_assert_num_queries(EXPECTED[role]):
        response = client.get(action.get_absolute_url())
    html = response.content.decode()
    assert "MDA++ in de hele regio" in html and "wijzigde Titel" in html
    if role != "raadslid":  # a pending update is for the region and the owners
        assert "Mijlpalen gereed gemeld" in html

    for n in range(5):
        milestone = MilestoneFactory(
            action=action, order=600 + n, planned_year=2021, planned_quarter=4
        )
        milestone.done_on = "2021-12-01"
        milestone.save()
        BudgetLineFactory(action=action)
    update = world.update_2b
    update.pk = None  # a second pending update, with results of its own
    update.save()
    _report_on(update, action)
    action._history_user = projectleider
    action.status = "vertraagd"
    action.owners.clear()
    action.save()
    with django_assert_num_queries(EXPECTED[role]):
        client.get(action.get_absolute_url())
