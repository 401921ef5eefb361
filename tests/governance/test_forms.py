"""Bad input on the governance forms: a Dutch error next to the field, nothing saved."""

from django.urls import reverse

import pytest

from governance.models import Commitment, Decision, DecisionRoute, Meeting, RouteStep
from tests.governance.access_rows import _decision_data, _new_route_data, _route_data
from tests.world import World


@pytest.fixture
def client(client_for, projectleider):
    return client_for(projectleider)


def _post(client, name, kwargs, data):
    response = client.post(reverse(name, kwargs=kwargs), data)
    assert response.status_code == 200, "the form is shown again, not saved"
    return response.content.decode()


ZAWA = {"region": "zaanstreek-waterland"}


def test_a_step_akkoord_met_voorwaarden_needs_its_conditions(client):
    world = World()
    data = _route_data(world)
    data["steps-6-body"] = world.zawa_college.pk  # the empty extra row becomes a college step
    data["steps-6-purpose"] = "vaststellen"
    data["steps-6-conclusion"] = "akkoord_met_voorwaarden"
    data["steps-6-ORDER"] = "7"
    html = _post(client, "governance:route_update", {"pk": world.zawa_route.pk}, data)
    assert "Vermeld de voorwaarden bij &#x27;akkoord met voorwaarden&#x27;." in html
    assert world.zawa_route.steps.count() == 6


def test_a_step_with_a_meeting_of_another_body_is_refused(client):
    world = World()
    data = _route_data(world)
    data["steps-0-meeting"] = world.zawa_ao_january.pk  # step 1 is the Kernteam, not the AO
    html = _post(client, "governance:route_update", {"pk": world.zawa_route.pk}, data)
    assert "Deze vergadering is van een ander overleg." in html
    assert world.zawa_route.steps.get(order=1).meeting_id is None


def test_a_route_without_purpose_on_a_new_step_saves_nothing(client):
    world = World()
    data = _new_route_data(world)
    data["steps-0-purpose"] = ""
    html = _post(client, "governance:route_create", ZAWA, data)
    assert "Dit veld is verplicht." in html
    assert not DecisionRoute.objects.filter(title="Voortgangsrapportage 2021").exists()


def test_an_adopting_route_needs_a_programme(client):
    data = {**_new_route_data(World()), "adopts_programme": "on"}
    html = _post(client, "governance:route_create", ZAWA, data)
    assert "Kies het actieprogramma dat met deze route wordt vastgesteld." in html
    assert not DecisionRoute.objects.filter(title="Voortgangsrapportage 2021").exists()


def test_a_body_of_another_region_cannot_be_chosen(client):
    world = World()
    data = _new_route_data(world)
    from governance.models import DecisionBody

    data["steps-0-body"] = DecisionBody.objects.get(name="College van B&W Haarlem").pk
    html = _post(client, "governance:route_create", ZAWA, data)
    assert "Selecteer een geldige keuze" in html
    assert not RouteStep.objects.filter(route__title="Voortgangsrapportage 2021").exists()


def test_steps_can_be_reordered_and_deleted(client):
    world = World()
    data = _route_data(world)
    data["steps-0-ORDER"], data["steps-1-ORDER"] = "2", "1"  # swap the first two
    data["steps-2-DELETE"] = "on"
    response = client.post(reverse("governance:route_update", args=[world.zawa_route.pk]), data)
    assert response.status_code == 302
    bodies = [str(s.body) for s in world.zawa_route.steps.order_by("order")]
    assert bodies == ["MT Z&V", "Kernteam Allen voor één", "BO", "AO", "BO"]
    assert list(world.zawa_route.steps.order_by("order").values_list("order", flat=True)) == [
        1,
        2,
        3,
        4,
        5,
    ]


def test_a_duplicate_decision_number_is_refused(client):
    existing = World().zawa_decision
    html = _post(
        client, "governance:decision_create", ZAWA, _decision_data(World(), existing.number)
    )
    assert "Er is al een besluit met dit nummer in deze regio." in html
    assert Decision.objects.filter(number=existing.number).count() == 1


def test_a_decision_is_saved_with_its_besluitpunten(client):
    world = World()
    data = _decision_data(world)
    data.update(
        {
            "points-TOTAL_FORMS": "2",
            "points-1-text": "Eerste punt",
            "points-1-ORDER": "1",
            "points-0-ORDER": "2",
        }
    )
    response = client.post(reverse("governance:decision_create", kwargs=ZAWA), data)
    assert response.status_code == 302
    decision = Decision.objects.get(number="ZW-2021/02")
    assert list(decision.points.values_list("number", "text")) == [
        (1, "Eerste punt"),
        (2, "Kennis te nemen van de voortgang."),
    ]
    html = client.get(decision.get_absolute_url()).content.decode()
    assert html.index("Eerste punt") < html.index("Kennis te nemen")


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"number": "TZ-ZW-1"}, "Er is al een toezegging met dit nummer in deze regio."),
        ({"due_date": ""}, "Dit veld is verplicht."),
        ({"made_on": "2021-12-02"}, "De uiterste datum ligt vóór de datum van de toezegging."),
        ({"due_date": "morgen"}, "Voer een geldige datum in."),
    ],
)
def test_bad_toezegging_input_shows_dutch_errors(client, change, error):
    World().zawa_commitment  # noqa: B018 - TZ-ZW-1 exists
    data = {"number": "TZ-ZW-5", "text": "Tekst", "due_date": "2021-12-01", **change}
    html = _post(client, "governance:commitment_create", ZAWA, data)
    assert error in html
    assert not Commitment.objects.filter(number="TZ-ZW-5").exists()


def test_a_meeting_twice_on_the_same_day_is_refused(client):
    world = World()
    data = {"body": world.zawa_ao_january.body_id, "date": "2021-01-01", "date_precision": "maand"}
    html = _post(client, "governance:meeting_create", ZAWA, data)
    assert "bestaat al" in html
    assert Meeting.objects.filter(body=world.zawa_ao_january.body, date="2021-01-01").count() == 2
