"""Journey 1 without a browser: edit an action with its milestones, results and budget lines."""

import re
from decimal import Decimal

from django.urls import reverse

import pytest

from actions.models import Action, BudgetLine, ExpectedResult, Milestone
from tests.actions.formdata import action_form_data, new_action_data
from tests.world import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return World()


def planned_for(page: str, source: str) -> str:
    """The computed planned total of one funding source in the programme page's summary."""
    match = re.search(
        rf'<tr [^>]*data-source="{re.escape(source)}">.*?class="[^"]*source-planned">([^<]*)<',
        page,
        re.S,
    )
    assert match, source
    return match.group(1)


def _edit(client, action, **kwargs):
    return client.post(
        reverse("actions:edit", args=[action.pk]), action_form_data(action, **kwargs)
    )


def test_projectleider_edits_fields_and_the_version_goes_up(client_for, projectleider, world):
    action = world.action_2b
    response = _edit(client_for(projectleider), action, title="MDA++ versterkt", status="vertraagd")
    assert response.status_code == 302 and response["Location"] == action.get_absolute_url()
    action.refresh_from_db()
    assert action.title == "MDA++ versterkt" and action.status == "vertraagd"
    assert action.version == 2


def test_adding_a_milestone_for_the_january_ao(client_for, projectleider, world):
    action = world.action_2b
    highest = Milestone.objects.filter(programme=action.programme).order_by("-order").first()
    response = _edit(
        client_for(projectleider),
        action,
        new={
            "milestones": [
                {
                    "letter": "ff",
                    "title": "Evaluatie MDA++",
                    "planned_year": "2022",
                    "planned_quarter": "1",
                    "meeting_label": "AO-jan",
                }
            ]
        },
    )
    assert response.status_code == 302
    added = Milestone.objects.get(action=action, letter="ff")
    assert (added.planned_year, added.planned_quarter, added.meeting_label) == (2022, 1, "AO-jan")
    assert added.programme_id == action.programme_id and added.order == highest.order + 1


def test_changing_a_budget_amount_recomputes_the_total_per_source(client_for, projectleider, world):
    client = client_for(projectleider)
    action = world.action_2b
    line = action.budget_lines.get(kind="bedrag")  # Capaciteit MDA++, Subsidie aan te vragen
    index = list(action.budget_lines.order_by("order", "funding_source__order")).index(line)
    page = client.get(world.zawa_programme.get_absolute_url()).text
    # Subsidie aan te vragen: 12.500 + 37.000 + 50.000 + 50.000 + 2.500 + 20.000 + 10.000 + 5.000
    assert planned_for(page, "Subsidie aan te vragen") == "€ 187.000"
    _edit(client, action, **{f"budget-{index}-amount": "60.000"})
    line.refresh_from_db()
    assert line.amount == Decimal("60000.00")
    page = client.get(world.zawa_programme.get_absolute_url()).text
    assert planned_for(page, "Subsidie aan te vragen") == "€ 197.000"


def test_creating_an_action_with_a_result(client_for, projectleider, world):
    programme = world.zawa_programme
    line = programme.action_lines.get(order=2)
    data = new_action_data(programme, line, code="2E", title="Nieuwe aanpak")
    data |= {
        "results-TOTAL_FORMS": "1",
        "results-0-description": "Tien casussen besproken",
        "results-0-target_value": "10",
    }
    response = client_for(projectleider).post(reverse("actions:create", args=[programme.pk]), data)
    action = Action.objects.get(programme=programme, code="2E")
    assert response["Location"] == action.get_absolute_url()
    assert action.expected_results.get().target_value == Decimal("10")


def test_deleting_asks_first_and_says_what_goes_with_it(client_for, projectleider, world):
    client = client_for(projectleider)
    action = world.action_2b
    page = client.get(reverse("actions:delete", args=[action.pk])).text
    assert "3 mijlpalen" in page and "3 beoogde resultaten" in page
    assert "4 begrotingsregels" in page and "0 voortgangsupdates" in page
    assert Action.objects.filter(pk=action.pk).exists()  # GET deletes nothing
    response = client.post(reverse("actions:delete", args=[action.pk]))
    assert response["Location"] == world.zawa_programme.get_absolute_url()
    assert not Action.objects.filter(pk=action.pk).exists()
    assert not Milestone.objects.filter(action_id=action.pk).exists()
    assert not BudgetLine.objects.filter(action_id=action.pk).exists()


# Bad input: a Dutch error next to the field and nothing saved.
def _snapshot(action):
    return (
        list(Action.objects.filter(pk=action.pk).values()),
        list(Milestone.objects.filter(action=action).values()),
        list(BudgetLine.objects.filter(action=action).values()),
        list(ExpectedResult.objects.filter(action=action).values()),
    )


@pytest.mark.parametrize(
    ("change", "new", "message"),
    [
        ({"progress": "150"}, None, "De voortgang ligt tussen 0 en 100 procent."),
        ({"progress": "-5"}, None, "De voortgang ligt tussen 0 en 100 procent."),
        ({"code": "2A"}, None, "Deze actiecode bestaat al in dit actieprogramma."),
        ({"code": ""}, None, "Dit veld is verplicht."),
        ({"budget-3-amount": "-100"}, None, "Een bedrag kan niet negatief zijn."),
        ({"budget-3-amount": ""}, None, "Vul een bedrag in bij een regel van het soort bedrag."),
        ({"budget-0-amount": "10"}, None, "Capaciteit en pro memorie hebben geen bedrag"),
        ({"milestones-0-planned_quarter": "5"}, None, "Een kwartaal is 1, 2, 3 of 4."),
        ({"milestones-0-planned_quarter": ""}, None, "Kies ook een kwartaal bij dit jaar."),
        ({"results-0-target_value": "-1"}, None, "Een waarde kan niet negatief zijn."),
        (
            {},
            {"milestones": [{"letter": "ff", "title": "X", "planned_year": "2022"}]},
            "Kies ook een kwartaal bij dit jaar.",
        ),
    ],
)
def test_bad_input_gives_a_field_error_and_saves_nothing(
    client_for, projectleider, world, change, new, message
):
    action = world.action_2b
    before = _snapshot(action)
    data = action_form_data(action, new=new, title="Dit mag niet worden opgeslagen", **change)
    response = client_for(projectleider).post(reverse("actions:edit", args=[action.pk]), data)
    assert response.status_code == 200
    assert message in response.text
    # crispy_nlds puts the message with the field
    assert "utrecht-form-field-error-message" in response.text
    assert "Er is niets opgeslagen" in response.text  # the error summary (base.html)
    assert _snapshot(action) == before


def test_create_with_bad_input_saves_nothing(client_for, projectleider, world):
    programme = world.zawa_programme
    count = Action.objects.count()
    data = new_action_data(programme, programme.action_lines.first(), code="1A", progress="150")
    response = client_for(projectleider).post(reverse("actions:create", args=[programme.pk]), data)
    assert response.status_code == 200
    assert "Deze actiecode bestaat al in dit actieprogramma." in response.text
    assert "De voortgang ligt tussen 0 en 100 procent." in response.text
    assert Action.objects.count() == count


def test_action_line_of_another_programme_is_refused(client_for, projectleider, world):
    other_line = world.kennemerland_programme.action_lines.first()
    action = world.action_2b
    response = _edit(client_for(projectleider), action, action_line=str(other_line.pk))
    assert response.status_code == 200 and "Selecteer een geldige keuze" in response.text
    action.refresh_from_db()
    assert action.action_line.programme_id == action.programme_id
