"""The action page (with its history) takes the same number of queries as data grows."""

import pytest

from tests.factories import BudgetLineFactory, MilestoneFactory
from tests.world import World

pytestmark = pytest.mark.django_db


def test_action_detail_query_count_is_flat(client_for, projectleider, django_assert_num_queries):
    world = World()
    action = world.action_2b
    client = client_for(projectleider)
    client.get(action.get_absolute_url())
    # session, user, memberships, action (+programme, region, line, goal), owners, results,
    # milestones, risks, budget lines (+source), can-edit check; history: 4 tables + the owners
    # snapshot + names of action lines, bodies, meetings, funding sources, organisations;
    # status updates: the visible updates, the reviewable ones, may-update check;
    # "Te beoordelen (n)" in the navigation. (The history's people, one query, are not
    # asked here: the demo's records and these changes are the system's.)
    with django_assert_num_queries(24):
        client.get(action.get_absolute_url())
    for n in range(5):
        milestone = MilestoneFactory(
            action=action, order=600 + n, planned_year=2021, planned_quarter=4
        )
        milestone.done_on = "2021-12-01"
        milestone.save()
        BudgetLineFactory(action=action)
    action.status = "vertraagd"
    action.save()
    with django_assert_num_queries(24):
        client.get(action.get_absolute_url())
