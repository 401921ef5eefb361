"""No lost updates: two people edit the same action; the second save is refused and explained."""

from django.urls import reverse

import pytest

from actions import services
from actions.models import Action
from tests.actions.formdata import action_form_data
from tests.two_factor import log_in
from tests.world import World

pytestmark = pytest.mark.django_db


def test_second_save_gets_a_conflict_and_the_first_save_survives(client, projectleider, beheerder):
    action = World().action_2b
    # Both open the edit form at version 1.
    form_of_first = action_form_data(action, status="vertraagd", progress="30")
    form_of_second = action_form_data(action, status="afgerond", wat="Mijn nieuwe tekst")

    log_in(client, beheerder)
    assert client.post(reverse("actions:edit", args=[action.pk]), form_of_first).status_code == 302

    log_in(client, projectleider)
    response = client.post(reverse("actions:edit", args=[action.pk]), form_of_second)
    assert response.status_code == 200
    text = response.text
    assert (
        "Niet opgeslagen: Beheerder Portaal (beheerder) heeft deze actie intussen gewijzigd" in text
    )
    # field, their value, your value
    th = '<th class="utrecht-table__header-cell" scope="row">'
    td = '<td class="utrecht-table__cell">'
    assert f"{th}Status</th>{td}Vertraagd</td>{td}Afgerond</td>" in text
    assert f"{th}Voortgang (%)</th>{td}30</td>{td}0</td>" in text
    assert (
        "Beheerder Portaal (beheerder) wijzigde Status van "
        "&#x27;In uitvoering&#x27; naar &#x27;Vertraagd&#x27;" in text
    )
    # Wat was only changed by the second person: not a conflict, and not saved either.
    assert ">Wat</th>" not in text

    action.refresh_from_db()
    assert (action.status, action.progress, action.version) == ("vertraagd", 30, 2)
    assert action.wat != "Mijn nieuwe tekst"
    # The re-rendered form keeps the user's input, based on the version now stored.
    assert 'name="version" value="2"' in text
    assert "Mijn nieuwe tekst" in text


def test_saving_again_after_seeing_the_conflict_is_a_deliberate_choice(client, projectleider):
    action = World().action_2b
    stale = action_form_data(action, status="afgerond")
    Action.objects.filter(pk=action.pk).update(version=2)  # someone saved meanwhile
    log_in(client, projectleider)
    assert client.post(reverse("actions:edit", args=[action.pk]), stale).status_code == 200
    again = stale | {"version": "2"}
    assert client.post(reverse("actions:edit", args=[action.pk]), again).status_code == 302
    action.refresh_from_db()
    assert (action.status, action.version) == ("afgerond", 3)


def test_quick_update_with_a_stale_version_changes_nothing(client, projectleider):
    action = World().action_2b
    log_in(client, projectleider)
    url = reverse("actions:quick_update", args=[action.pk])
    ok = client.post(url, {"status": "vertraagd", "progress": "20", "version": "1"})
    assert ok.status_code == 302
    stale = client.post(
        url, {"status": "afgerond", "progress": "100", "version": "1"}, HTTP_HX_REQUEST="true"
    )
    assert (
        "Niet opgeslagen: Projectleider Zaanstreek-Waterland (projectleider regio "
        "Zaanstreek-Waterland) heeft actie 2B intussen gewijzigd"
    ) in stale.text
    action.refresh_from_db()
    assert (action.status, action.progress, action.version) == ("vertraagd", 20, 2)


def test_the_service_refuses_a_stale_version(projectleider):
    action = World().action_2b
    with pytest.raises(services.EditConflict) as info:
        services.quick_update(
            action, status="afgerond", progress=100, version=7, user=projectleider
        )
    assert info.value.current.version == 1
    assert Action.objects.get(pk=action.pk).status == "in_uitvoering"
