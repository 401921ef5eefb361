"""The API shows each caller exactly the adopted data they may read: never a draft, never an
internal remark, never another region's data unless that region opened it."""

import json

import pytest

from actions.models import Action, StatusUpdate
from governance.models import RouteStep
from programmes.models import Programme, Region
from tests.api.helpers import ENDPOINTS, all_results, api_client

pytestmark = pytest.mark.django_db

ZAWA, KENNEMERLAND = "zaanstreek-waterland", "kennemerland"


def programme_regions(role):
    return sorted(p["region"]["slug"] for p in all_results(api_client(role), "programmes"))


@pytest.mark.parametrize(
    ("role", "regions"),
    [
        ("anonymous", [ZAWA]),  # only the region that opened its data
        ("projectleider", [ZAWA]),
        ("other_projectleider", [KENNEMERLAND, ZAWA]),  # its own, and the public one
        ("veiligthuis", [ZAWA]),
        ("wethouder", [ZAWA]),
        ("raadslid", [ZAWA]),
        ("rijk", [KENNEMERLAND, ZAWA]),  # every adopted programme, no drafts
        ("beheerder", [KENNEMERLAND, ZAWA]),  # also no drafts: the API is adopted data only
    ],
)
def test_each_role_gets_the_adopted_programmes_it_may_read(role, regions):
    assert programme_regions(role) == regions


def test_a_draft_is_never_shown_even_when_its_region_is_public():
    groningen = Region.objects.get(slug="groningen")
    groningen.public_data = True
    groningen.save()
    draft = Programme.objects.get(region=groningen)
    assert draft.status == "in_besluitvorming"
    for role in ("anonymous", "beheerder", "rijk"):
        client = api_client(role)
        assert draft.pk not in {p["id"] for p in all_results(client, "programmes")}
        for endpoint in ("action-lines", "actions", "milestones", "budget-totals"):
            assert draft.pk not in {r["programme"] for r in all_results(client, endpoint)}
        assert draft.pk not in {r["programme"] for r in all_results(client, "decision-routes")}
    assert client.get(f"/api/v1/programmes/{draft.pk}").status_code == 404


def test_a_new_draft_of_the_projectleiders_own_region_stays_out(zawa, projectleider):
    draft = Programme.objects.create(region=zawa, title="Concept actieplan 2026")
    line = draft.action_lines.create(order=1, title="Concept actielijn")
    Action.objects.create(programme=draft, action_line=line, code="9Z", title="Conceptactie")
    client = api_client("projectleider")
    assert {p["id"] for p in all_results(client, "programmes")} == {
        Programme.objects.get(region=zawa, status="vastgesteld").pk
    }
    assert "9Z" not in {a["code"] for a in all_results(client, "actions")}
    assert client.get(f"/api/v1/programmes/{draft.pk}").status_code == 404


def test_another_regions_non_public_data_is_404_for_anonymous_and_other_regions():
    kennemerland = Programme.objects.get(region__slug=KENNEMERLAND)
    action = kennemerland.actions.first()
    for role in ("anonymous", "projectleider", "wethouder", "veiligthuis"):
        client = api_client(role)
        assert client.get(f"/api/v1/programmes/{kennemerland.pk}").status_code == 404
        assert client.get(f"/api/v1/actions/{action.pk}").status_code == 404
        assert not [r for r in all_results(client, "measurements") if r["region"] == KENNEMERLAND]
    assert api_client("other_projectleider").get(f"/api/v1/actions/{action.pk}").status_code == 200


def test_internal_remarks_never_leave_the_portal(world, veiligthuis, projectleider):
    action = world.action_2b
    accepted = StatusUpdate.objects.create(
        action=action, author=veiligthuis, status="in_uitvoering", progress=40,
        remark="Training gegeven aan twee teams.", review_status="geaccepteerd",
        review_remark="INTERN-BEOORDELING akkoord",
    )  # fmt: skip
    StatusUpdate.objects.create(
        action=action, author=veiligthuis, status="vertraagd", progress=10,
        remark="INTERN-INGEDIEND nog niet beoordeeld",
    )  # fmt: skip
    StatusUpdate.objects.create(
        action=action, author=veiligthuis, status="vertraagd", progress=5,
        remark="INTERN-TERUGGESTUURD", review_status="teruggestuurd",
        review_remark="INTERN-REDEN",
    )  # fmt: skip
    step = RouteStep.objects.filter(route__programme=world.zawa_programme).first()
    step.remarks = "INTERN-ROUTE-OPMERKING"
    step.save()
    for role in ("anonymous", "projectleider", "veiligthuis", "beheerder"):
        client = api_client(role)
        dump = json.dumps([all_results(client, e) for e in ENDPOINTS])
        assert "INTERN" not in dump, role
        data = client.get(f"/api/v1/actions/{action.pk}").json()
        assert data["explanation"] == accepted.remark


def test_actions_are_filtered_and_paginated():
    client = api_client("anonymous")
    response = client.get("/api/v1/actions", {"code": "2B", "pageSize": 1})
    data = response.json()
    assert data["count"] == 1 and data["results"][0]["code"] == "2B"
    page = client.get("/api/v1/milestones", {"pageSize": 10}).json()
    assert page["count"] == 34 and len(page["results"]) == 10 and "page=2" in page["next"]
    assert client.get("/api/v1/actions", {"status": "bestaat-niet"}).status_code == 400


def test_an_invalid_token_is_refused_not_treated_as_anonymous():
    client = api_client("anonymous")
    client.credentials(HTTP_AUTHORIZATION="Token 0000000000000000000000000000000000000000")
    assert client.get("/api/v1/programmes").status_code == 401


@pytest.fixture
def world():
    from tests.world import World

    return World()
