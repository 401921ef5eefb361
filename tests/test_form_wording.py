"""Form headings, sort options and meeting choices read as Dutch and tell things apart."""

import re
from collections import Counter
from html import unescape

from django.urls import reverse

import pytest

from governance.models import DecisionRoute, RouteStep
from tests.governance.access_rows import _route_data
from tests.world import World

pytestmark = pytest.mark.django_db


def _options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{re.escape(name)}".*?</select>', html, re.S)
    assert select, name
    return [unescape(o).strip() for o in re.findall(r"<option[^>]*>(.*?)</option>", select[0])]


def test_row_headings_of_the_action_form_are_whole_words(client_for, projectleider):
    action = World().action_2b
    html = client_for(projectleider).get(reverse("actions:edit", args=[action.pk])).text
    for cut in ("Mijlpal ", "Begrotingsrege ", "Beoogde resultat "):
        assert cut not in html
    assert re.search(r"<legend[^>]*>Mijlpaal 1: ", html)
    assert re.search(r"<legend[^>]*>Begrotingsregel 1: ", html)
    assert re.search(r"<legend[^>]*>Nieuwe mijlpaal \(\d+\)</legend>", html)
    assert re.search(r"<legend[^>]*>Nieuw beoogd resultaat \(\d+\)</legend>", html)
    assert re.search(r"<legend[^>]*>Nieuwe begrotingsregel \(\d+\)</legend>", html)


def test_sort_options_are_dutch_and_each_appears_once(client_for, projectleider):
    html = client_for(projectleider).get(reverse("actions:list")).text
    options = _options(html, "ordering")
    assert "Programme" not in " ".join(options)
    assert "Programma" in options
    assert not [label for label, n in Counter(options).items() if n > 1], options


def test_meeting_choices_carry_their_date(client_for, projectleider):
    action = World().action_2b
    html = client_for(projectleider).get(reverse("actions:edit", args=[action.pk])).text
    options = [o for o in _options(html, "milestones-0-meeting") if o != "---------"]
    assert "AO januari 2021 (AO-jan)" in options
    assert "AO" not in options
    assert not [label for label, n in Counter(options).items() if n > 1], options


def test_route_step_meeting_choices_carry_their_date(client_for, projectleider):
    route = World().zawa_route
    html = client_for(projectleider).get(reverse("governance:route_update", args=[route.pk])).text
    options = [o for o in _options(html, "steps-0-meeting") if o != "---------"]
    assert any(re.search(r"\d{4}", o) for o in options)
    assert not [label for label, n in Counter(options).items() if n > 1], options


def test_without_javascript_three_steps_are_added_in_one_save(client_for, projectleider):
    world = World()
    route = world.zawa_route
    client = client_for(projectleider)
    html = client.get(reverse("governance:route_update", args=[route.pk])).text
    before = route.steps.count()
    shown = re.sub(r"<template.*?</template>", "", html, flags=re.S)  # the JS row pattern
    # three empty rows, each group named by its place (no two fieldsets share a name)
    assert len(set(re.findall(r"Nieuwe behandeling \(\d+\)</legend>", shown))) == 3
    assert 'data-formset-add="steps" hidden' in html  # the add button needs JavaScript
    data = _route_data(world)
    data["steps-TOTAL_FORMS"] = str(before + 3)
    for i, (day, purpose) in enumerate(
        [("2021-11-02", "informeren"), ("2021-11-16", "bespreken"), ("2021-12-07", "informeren")]
    ):
        n = before + i
        data |= {
            f"steps-{n}-date": day,
            f"steps-{n}-body": world.zawa_college.pk,
            f"steps-{n}-purpose": purpose,
            f"steps-{n}-ORDER": str(before + i + 1),
        }
    response = client.post(reverse("governance:route_update", args=[route.pk]), data)
    assert response.status_code == 302
    assert RouteStep.objects.filter(route=route).count() == before + 3
    assert DecisionRoute.objects.get(pk=route.pk).ordered_steps[-1].date.isoformat() == "2021-12-07"
