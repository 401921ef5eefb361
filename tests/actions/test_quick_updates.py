"""Quick updates from the programme page and the list: htmx swaps a fragment, no-JS redirects."""

import re

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


# The programme page renders no quick-update forms (issue 26: forty of them made the page
# slow); a button per action fetches its form into place, or opens it on a page of its own.


def test_the_programme_page_offers_a_button_per_action_instead_of_forty_forms(
    client_for, projectleider
):
    world = World()
    page = client_for(projectleider).get(world.zawa_programme.get_absolute_url()).text
    action = world.action_2b
    form_url = reverse("actions:quick_update", args=[action.pk])
    assert "form.quick-update" not in page and 'class="quick-update' not in page
    assert f'hx-get="{form_url}?next=' in page
    assert f'href="{form_url}?next=' in page  # without JavaScript: a link to the form
    button = re.search(rf'<div id="snel-{action.pk}".*?</div>', page, re.S).group(0)
    assert "In uitvoering" in button and "0%" in button  # what the form would show
    assert "Bijwerken" in button and "actie 2B" in button
    codes = set(Action.objects.filter(programme=world.zawa_programme).values_list("pk", flat=True))
    assert len(re.findall(r'hx-get="/acties/\d+/snel-bijwerken/', page)) == len(codes)


def test_the_button_fetches_the_form_with_the_current_values_into_place(client_for, projectleider):
    world = World()
    action = world.action_2b
    Action.objects.filter(pk=action.pk).update(status="vertraagd", progress=35, version=4)
    programme_url = world.zawa_programme.get_absolute_url()
    client = client_for(projectleider)

    response = client.get(
        reverse("actions:quick_update", args=[action.pk]), {"next": programme_url}, **HTMX
    )

    html = response.text
    assert response.status_code == 200 and "<html" not in html
    assert f'<form role="none" id="snel-{action.pk}" class="quick-update' in html
    assert re.search(r'<option value="vertraagd" selected>', html)
    assert 'value="35"' in html and 'name="version" value="4"' in html
    assert f'name="next" value="{programme_url}"' in html
    assert "autofocus" in html  # the keyboard user lands in the form that appeared
    # Saving from the fetched form works as before, without a reload.
    response = client.post(
        reverse("actions:quick_update", args=[action.pk]),
        {"status": "afgerond", "progress": "100", "version": "4", "next": programme_url},
        **HTMX,
    )
    assert "Actie 2B: Afgerond, 100% opgeslagen." in response.text
    assert Action.objects.get(pk=action.pk).progress == 100


def test_without_javascript_the_link_opens_the_form_on_a_page_that_returns(
    client_for, projectleider
):
    world = World()
    action = world.action_2b
    programme_url = world.zawa_programme.get_absolute_url()
    client = client_for(projectleider)

    page = client.get(reverse("actions:quick_update", args=[action.pk]), {"next": programme_url})

    assert page.status_code == 200 and "<html" in page.text
    assert "Actie 2B bijwerken" in page.text and "er is niets opgeslagen" not in page.text
    assert "autofocus" not in page.text
    assert f'name="next" value="{programme_url}"' in page.text
    response = client.post(
        reverse("actions:quick_update", args=[action.pk]),
        {"status": "afgerond", "progress": "100", "version": "1", "next": programme_url},
    )
    assert response.status_code == 302 and response["Location"] == programme_url


def test_the_fetched_form_never_points_off_site(client_for, projectleider):
    action = World().action_2b
    response = client_for(projectleider).get(
        reverse("actions:quick_update", args=[action.pk]), {"next": "https://evil.test/"}, **HTMX
    )
    assert "evil.test" not in response.text
    assert f'name="next" value="{action.get_absolute_url()}"' in response.text


@pytest.mark.parametrize("role", ["veiligthuis", "wethouder", "raadslid", "rijk"])
def test_readers_cannot_fetch_the_quick_update_form(client_for, request, role):
    action = World().action_2b
    client = client_for(request.getfixturevalue(role))
    response = client.get(reverse("actions:quick_update", args=[action.pk]), **HTMX)
    assert response.status_code == 403 and "snel-status" not in response.text


def test_another_region_cannot_fetch_the_quick_update_form(client_for, other_projectleider):
    action = World().action_2b
    url = reverse("actions:quick_update", args=[action.pk])
    assert client_for(other_projectleider).get(url).status_code == 404
