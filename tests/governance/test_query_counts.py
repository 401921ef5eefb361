"""Governance pages cost a fixed number of queries, however many rows they show.

Every request starts with 3 queries: session, user, memberships (the scope).
"""

import datetime

from django.urls import reverse

import pytest

from actions.models import Milestone
from governance.models import (
    Commitment,
    Decision,
    DecisionBody,
    DecisionPoint,
    DecisionRoute,
    Meeting,
    RouteStep,
)
from tests.world import World

ZAWA = ["zaanstreek-waterland"]


def _grow(zawa, programme, n=5):
    """More of everything, tied to the AO of January 2021 and the ZaWa route."""
    world = World()
    ao_jan = world.zawa_ao_january
    college = world.zawa_college
    route = world.zawa_route
    for i in range(n):
        other = DecisionRoute.objects.create(region=zawa, programme=programme, title=f"Stuk {i}")
        for order in (1, 2):
            RouteStep.objects.create(
                route=other, order=order, body=ao_jan.body, meeting=ao_jan, purpose="bespreken"
            )
        step = RouteStep.objects.create(
            route=route, order=10 + i, body=college, purpose="informeren", conclusion="positief"
        )
        decision = Decision.objects.create(
            region=zawa, number=f"Q-{i}", title="Besluit", route_step=step, body=college
        )
        DecisionPoint.objects.create(decision=decision, number=1, text="punt")
        commitment = Commitment.objects.create(
            region=zawa,
            number=f"Q-{i}",
            text="t",
            due_date=datetime.date(2021, 1, 15),
            made_to=college,
        )
        commitment.actions.add(*programme.actions.all()[:2])
        Meeting.objects.create(
            body=college, date=datetime.date(2021, 3, 1 + i), label=f"college {i}"
        )
        Milestone.objects.create(
            programme=programme,
            order=100 + i,
            letter=f"z{i}",
            title="extra",
            planned_year=2021,
            planned_quarter=1,
            meeting=ao_jan,
            body=ao_jan.body,
        )
    DecisionBody.objects.create(region=zawa, name="Extra overleg", kind="overig")
    # Documents on every kind of page, one with a second version.
    from tests.documents.helpers import attach

    for parent in (
        route,
        *route.steps.all()[:3],
        ao_jan,
        world.zawa_decision,
        world.zawa_commitment,
    ):
        for kind in ("bijlage", "overig"):
            attach(parent, title=f"Stuk {kind}", kind=kind)
    attach(route, title="Raadsvoorstel", kind="raadsvoorstel").versions.get()


# Every HTML page also counts "Te beoordelen (n)" for the projectleider's navigation.
PAGES = {
    # + region, commitment counts, routes, their steps (prefetch), upcoming meetings
    "region": (lambda w: reverse("governance:region", args=ZAWA), 9),
    # + region, bodies with their meeting counts
    "body_list": (lambda w: reverse("governance:body_list", args=ZAWA), 6),
    # + region, body choices of the filter, meetings with counts
    "meeting_list": (lambda w: reverse("governance:meeting_list", args=ZAWA), 7),
    "meeting_months": (lambda w: reverse("governance:meeting_months", args=ZAWA), 7),
    # + region, body choices, decisions with point counts
    "decision_list": (lambda w: reverse("governance:decision_list", args=ZAWA), 7),
    # + region, counts, body choices, commitments
    "commitment_list": (lambda w: reverse("governance:commitment_list", args=ZAWA), 8),
    # + route, steps with body and meeting, decisions per step (prefetch), the route's
    #   documents, the documents of all its steps
    "route_detail": (lambda w: w.zawa_route.get_absolute_url(), 9),
    # + meeting, next meeting of the body, steps, milestones, commitments, documents
    "meeting_detail": (lambda w: w.zawa_ao_january.get_absolute_url(), 10),
    # + decision, its points, is its route visible, documents
    "decision_detail": (lambda w: w.zawa_decision.get_absolute_url(), 8),
    # + commitment with bodies, its actions (prefetch), documents
    "commitment_detail": (lambda w: w.zawa_commitment.get_absolute_url(), 7),
    # + region, meetings, milestones, commitments
    "calendar_ics": (lambda w: reverse("governance:calendar_ics", args=ZAWA), 7),
}


@pytest.mark.parametrize("page", PAGES)
def test_query_count_stays_the_same_when_data_grows(
    page, client_for, projectleider, zawa, zawa_programme, django_assert_num_queries
):
    url_for, expected = PAGES[page]
    world = World()
    url = url_for(world)
    client = client_for(projectleider)
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200
    _grow(zawa, zawa_programme)
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200
