"""The error summary at the top of every form page: every error listed, each linking to its
field (GOV.UK / NL Design System pattern); the focus is tested in the browser
(tests/browser/test_error_summary.py)."""

import re

from django.urls import reverse

import pytest

from tests.actions.formdata import action_form_data
from tests.world import World

pytestmark = pytest.mark.django_db


def _summary(html: str) -> str:
    match = re.search(r'<div class="error-summary.*?</div>', html, re.S)
    assert match, "no error summary on the page"
    return match.group(0)


def test_action_form_lists_each_error_with_a_link_to_its_field(client_for, projectleider):
    action = World().action_2b
    data = action_form_data(
        action,
        progress="150",
        new={"milestones": [{"letter": "ff", "title": "X", "planned_year": "2022"}]},
    )
    response = client_for(projectleider).post(reverse("actions:edit", args=[action.pk]), data)
    assert response.status_code == 200
    summary = _summary(response.text)
    assert "Er is een probleem" in summary and "Er is niets opgeslagen." in summary
    assert 'href="#id_progress"' in summary
    assert "Voortgang (%): De voortgang ligt tussen 0 en 100 procent." in summary
    new_row = action.milestones.count()
    assert f'href="#id_milestones-{new_row}-planned_quarter"' in summary
    assert "Nieuwe mijlpaal: Kwartaal" in summary or "Nieuwe mijlpaal" in summary
    # Each link points at a field that is on the page.
    for target in re.findall(r'href="#([^"]+)"', summary):
        assert f'id="{target}"' in response.text


def test_governance_form_has_the_summary_too(client_for, projectleider):
    response = client_for(projectleider).post(
        reverse("governance:meeting_create", args=["zaanstreek-waterland"]),
        {"date": "", "date_precision": "dag"},
    )
    summary = _summary(response.content.decode())
    assert 'href="#id_body"' in summary and 'href="#id_date"' in summary


def test_a_form_without_errors_has_no_summary(client_for, projectleider):
    action = World().action_2b
    page = client_for(projectleider).get(reverse("actions:edit", args=[action.pk]))
    assert "error-summary" not in page.content.decode()


def test_the_login_form_summary_does_not_speak_of_saving(client):
    response = client.post(reverse("login"), {"username": "niemand", "password": "fout"})
    summary = _summary(response.content.decode())
    assert "Er is een probleem" in summary and "opgeslagen" not in summary
