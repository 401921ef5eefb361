"""Every change to an action and its children is in the action's history, in Dutch."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from actions.models import Milestone
from actions.services.history import action_timeline
from tests.actions.formdata import action_form_data
from tests.factories import BudgetLineFactory, MilestoneFactory
from tests.world import World

pytestmark = pytest.mark.django_db

# How the history names the projectleider of the demo: full name and organisation, not login.
PL = "Projectleider Zaanstreek-Waterland (projectleider regio Zaanstreek-Waterland)"


def _sentences(action):
    return [s for entry in action_timeline(action) for s in entry.sentences]


def test_status_change_is_told_with_who_what_from_and_to(client_for, projectleider):
    action = World().action_2b
    client_for(projectleider).post(
        reverse("actions:edit", args=[action.pk]), action_form_data(action, status="vertraagd")
    )
    latest = action_timeline(action)[0]
    assert latest.who == PL
    assert latest.sentences == [f"{PL} wijzigde Status van 'In uitvoering' naar 'Vertraagd'"]


def test_children_changes_are_in_the_history(client_for, projectleider):
    action = World().action_2b
    client = client_for(projectleider)
    lines = list(action.budget_lines.order_by("order", "funding_source__order"))
    index = next(i for i, line in enumerate(lines) if line.kind == "bedrag")
    data = action_form_data(
        action,
        new={
            "milestones": [
                {
                    "letter": "ff",
                    "title": "Evaluatie",
                    "planned_year": "2022",
                    "planned_quarter": "1",
                    "meeting_label": "AO-jan",
                }
            ]
        },
        **{f"budget-{index}-amount": "60.000", "milestones-0-DELETE": "on"},
    )
    assert client.post(reverse("actions:edit", args=[action.pk]), data).status_code == 302
    sentences = _sentences(action)
    assert f"{PL} voegde mijlpaal 'ff. Evaluatie' toe" in sentences
    assert (
        f"{PL} wijzigde bij begrotingsregel 'Capaciteit MDA++ (1,5 jaar vanaf juli"
        " 2020) (Subsidie aan te vragen)' Begroot bedrag (€) van '€ 50.000' naar '€ 60.000'"
    ) in sentences
    assert f"{PL} verwijderde mijlpaal 'j. PvA MDA++ en voorbereiding'" in sentences


def test_history_is_shown_on_the_action_page(client_for, projectleider, veiligthuis):
    action = World().action_2b
    client_for(projectleider).post(
        reverse("actions:quick_update", args=[action.pk]),
        {"status": "vertraagd", "progress": "40", "version": "1"},
    )
    page = client_for(veiligthuis).get(action.get_absolute_url()).text
    assert "Historie" in page
    assert f"{PL} wijzigde Voortgang (%) van &#x27;0&#x27; naar &#x27;40&#x27;" in page
    assert "Het systeem maakte de actie aan" in page  # the demo data's first record


def test_milestone_done_is_in_the_history(client_for, projectleider):
    world = World()
    client_for(projectleider).post(
        reverse("actions:milestone_done", args=[world.milestone_j.pk]), {"done_on": "2021-01-15"}
    )
    assert (
        f"{PL} wijzigde bij mijlpaal 'j. PvA MDA++ en voorbereiding' "
        "Gereed op van 'leeg' naar '15-01-2021'"
    ) in _sentences(world.action_2b)


def test_timeline_query_count_does_not_grow_with_changes(projectleider, veiligthuis):
    action = World().action_2b
    action._history_user = projectleider
    action.save()

    def count():
        with CaptureQueriesContext(connection) as ctx:
            action_timeline(action)
        return len(ctx.captured_queries)

    before = count()
    for n in range(5):
        milestone = MilestoneFactory(action=action, title=f"Extra {n}", order=900 + n)
        milestone.title = f"Extra {n} gewijzigd"
        milestone._history_user = veiligthuis
        milestone.save()
        line = BudgetLineFactory(action=action)
        line.delete()
    assert Milestone.objects.filter(action=action).count() == 8
    assert count() == before
    # four history tables (each with what its foreign keys point at joined in: action line,
    # goal, body, meeting with its body, funding source; the action's with its owners
    # snapshot and their names); the memberships of the people who made the changes
    assert before == 5


def test_a_change_of_owners_is_in_the_history(client_for, projectleider, politie):
    action = World().action_2b
    politie_org = politie.memberships.get().organisation
    owners = [o.pk for o in action.owners.all()] + [politie_org.pk]
    client_for(projectleider).post(
        reverse("actions:edit", args=[action.pk]), action_form_data(action, owners=owners)
    )
    assert politie_org in action.owners.all()
    sentences = action_timeline(action)[0].sentences
    assert len(sentences) == 1
    assert sentences[0].startswith(f"{PL} wijzigde Eigenaren van '")
    before, _, after = sentences[0].partition("' naar '")
    assert "Politie Zaanstreek-Waterland" not in before
    assert "Politie Zaanstreek-Waterland" in after


def _as_a_browser_sends_it(data):
    """A browser sends a textarea's line breaks as CR LF (HTML's form submission rules)."""
    return {
        key: value.replace("\n", "\r\n") if isinstance(value, str) else value
        for key, value in data.items()
    }


def test_saving_the_unchanged_edit_form_records_no_change(client_for, projectleider):
    action = World().action_2b
    assert "\n" in action.wat and "\n" in action.hoe and "\n" in action.wanneer
    client = client_for(projectleider)
    assert client.get(reverse("actions:edit", args=[action.pk])).status_code == 200
    data = _as_a_browser_sends_it(action_form_data(action))
    assert client.post(reverse("actions:edit", args=[action.pk]), data).status_code == 302
    assert not [s for s in _sentences(action) if s.startswith(PL)]
    action.refresh_from_db()
    assert "\r" not in action.wat + action.hoe + action.wanneer  # stored with LF


def test_changing_only_doel_records_only_doel(client_for, projectleider):
    action = World().action_2b
    data = _as_a_browser_sends_it(action_form_data(action, doel="Geweld stoppen"))
    client_for(projectleider).post(reverse("actions:edit", args=[action.pk]), data)
    assert action_timeline(action)[0].sentences == [
        f"{PL} wijzigde Doel van 'Het stoppen en doorbreken van complexe multiprobleem cases "
        "huiselijk geweld' naar 'Geweld stoppen'"
    ]


def test_a_text_stored_with_cr_lf_earlier_is_not_a_change():
    action = World().action_2b
    action.wat = action.wat.replace("\n", "\r\n")
    action.save()  # as stored before the forms normalised line endings
    action.wat = action.wat.replace("\r\n", "\n")
    action.save()
    assert not [s for s in _sentences(action) if "wijzigde Wat" in s]


def test_a_partner_is_named_with_its_organisation(client_for, veiligthuis):
    action = World().action_2b
    client_for(veiligthuis)  # owner of 2B
    action._history_user = veiligthuis
    action.progress = 35
    action.save()
    assert action_timeline(action)[0].who == (
        "Medewerker Veilig Thuis (Veilig Thuis Zaanstreek-Waterland)"
    )
