"""Quick updates from the programme page and the list: htmx swaps a fragment, no-JS redirects."""

from django.urls import reverse

import pytest

from actions.models import Action, Milestone
from tests.world import World

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_htmx_quick_update_returns_the_refreshed_form(client_for, projectleider):
    action = World().action_2b
    response = client_for(projectleider).post(
        reverse("actions:quick_update", args=[action.pk]),
        {"status": "vertraagd", "progress": "35", "version": "1"},
        **HTMX,
    )
    assert response.status_code == 200
    assert "<html" not in response.text  # a fragment, not a page
    assert "Actie 2B: Vertraagd, 35% opgeslagen." in response.text
    assert 'name="version" value="2"' in response.text  # the next quick save needs no reload
    action.refresh_from_db()
    assert (action.status, action.progress) == ("vertraagd", 35)


def test_quick_update_without_javascript_redirects_back(client_for, projectleider):
    world = World()
    programme_url = world.zawa_programme.get_absolute_url()
    client = client_for(projectleider)
    response = client.post(
        reverse("actions:quick_update", args=[world.action_2b.pk]),
        {"status": "afgerond", "progress": "100", "version": "1", "next": programme_url},
    )
    assert response.status_code == 302 and response["Location"] == programme_url
    page = client.get(programme_url).text
    assert "Actie 2B: Afgerond, 100% opgeslagen." in page


def test_quick_update_never_redirects_off_site(client_for, projectleider):
    action = World().action_2b
    response = client_for(projectleider).post(
        reverse("actions:quick_update", args=[action.pk]),
        {"status": "afgerond", "progress": "100", "version": "1", "next": "https://evil.test/"},
    )
    assert response["Location"] == action.get_absolute_url()


@pytest.mark.parametrize("headers", [{}, HTMX])
def test_quick_update_with_bad_progress_saves_nothing(client_for, projectleider, headers):
    action = World().action_2b
    response = client_for(projectleider).post(
        reverse("actions:quick_update", args=[action.pk]),
        {"status": "afgerond", "progress": "150", "version": "1"},
        **headers,
    )
    assert "De voortgang ligt tussen 0 en 100 procent." in response.text
    assert 'aria-invalid="true"' in response.text
    action.refresh_from_db()
    assert (action.status, action.progress, action.version) == ("in_uitvoering", 0, 1)


@pytest.mark.parametrize("headers", [{}, HTMX])
def test_milestone_done(client_for, projectleider, headers):
    world = World()
    milestone = world.milestone_j
    response = client_for(projectleider).post(
        reverse("actions:milestone_done", args=[milestone.pk]),
        {"next": world.zawa_programme.get_absolute_url()},
        **headers,
    )
    milestone.refresh_from_db()
    assert milestone.done_on is not None
    if headers:
        assert "Mijlpaal j is gereed gemeld." in response.text and "Gereed" in response.text
    else:
        assert response["Location"] == world.zawa_programme.get_absolute_url()


def test_milestone_done_with_a_bad_date_saves_nothing(client_for, projectleider):
    milestone = World().milestone_j
    client_for(projectleider).post(
        reverse("actions:milestone_done", args=[milestone.pk]), {"done_on": "31-31-2021"}
    )
    milestone.refresh_from_db()
    assert milestone.done_on is None


@pytest.mark.parametrize("role", ["veiligthuis", "politie", "wethouder", "raadslid", "rijk"])
def test_readers_get_403_and_change_nothing(client_for, request, role):
    world = World()
    client = client_for(request.getfixturevalue(role))
    action = world.action_2b
    assert (
        client.post(
            reverse("actions:quick_update", args=[action.pk]),
            {"status": "afgerond", "progress": "100", "version": "1"},
        ).status_code
        == 403
    )
    assert (
        client.post(reverse("actions:milestone_done", args=[world.milestone_j.pk])).status_code
        == 403
    )
    assert Action.objects.get(pk=action.pk).status == "in_uitvoering"
    assert Milestone.objects.get(pk=world.milestone_j.pk).done_on is None


@pytest.mark.parametrize("role", ["veiligthuis", "wethouder", "raadslid", "rijk"])
def test_readers_never_see_edit_controls(client_for, request, role):
    world = World()
    client = client_for(request.getfixturevalue(role))
    for url in (world.zawa_programme.get_absolute_url(), world.action_2b.get_absolute_url()):
        page = client.get(url).text
        assert "hx-post" not in page, url
        assert "/bewerken/" not in page and "/verwijderen/" not in page, url
        assert "Nieuwe actie" not in page and "Gereed melden" not in page, url


def test_other_region_cannot_reach_objects_by_changing_ids(client_for, other_projectleider):
    world = World()
    client = client_for(other_projectleider)
    action, milestone = world.action_2b, world.milestone_j
    for url in (
        reverse("actions:edit", args=[action.pk]),
        reverse("actions:delete", args=[action.pk]),
        reverse("actions:quick_update", args=[action.pk]),
        reverse("actions:milestone_done", args=[milestone.pk]),
        reverse("actions:create", args=[world.zawa_programme.pk]),
    ):
        assert client.post(url, {"status": "afgerond", "progress": "1"}).status_code == 404, url
    assert Action.objects.filter(pk=action.pk, status="in_uitvoering").exists()
