"""The action list: filters, sorting, pagination, exports of exactly the filtered rows."""

import csv
import io

from django.urls import reverse

import pytest
from openpyxl import load_workbook

from actions.models import Action, Milestone
from programmes.models import Organisation
from tests.factories import ActionFactory, MilestoneFactory
from tests.world import World

pytestmark = pytest.mark.django_db


def _codes(response):
    return [a.code for a in response.context["actions"]]


def _csv_rows(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def _xlsx_rows(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_projectleider_sees_only_own_region(client_for, projectleider):
    world = World()
    response = client_for(projectleider).get(reverse("actions:list"))
    assert _codes(response) == list(
        world.zawa_programme.actions.order_by("order", "code").values_list("code", flat=True)
    )
    assert world.kennemerland_action.title not in response.text


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (lambda w: {"action_line": w.action_2b.action_line_id}, ["2A", "2B", "2C", "2D"]),
        (lambda w: {"q": "MDA++"}, ["2B"]),
        (lambda w: {"q": "2d"}, ["2D"]),
        (lambda w: {"status": "vertraagd"}, ["2B"]),
        (
            lambda w: {
                "owner": Organisation.objects.get(
                    name="Zorg en Veiligheidshuis Zaanstreek-Waterland"
                ).pk
            },
            ["2B"],
        ),
        (lambda w: {"overdue": "false"}, ["2B"]),
        (
            lambda w: {"ordering": "-progress", "action_line": w.action_2b.action_line_id},
            ["2B", "2A", "2C", "2D"],
        ),
    ],
)
def test_filters_and_exports_agree(client_for, projectleider, params, expected):
    world = World()
    action = world.action_2b
    Action.objects.filter(pk=action.pk).update(status="vertraagd", progress=50)
    Milestone.objects.filter(action=action).update(done_on="2021-01-01")  # nothing overdue
    query = {"programme": world.zawa_programme.pk} | params(world)
    client = client_for(projectleider)
    assert _codes(client.get(reverse("actions:list"), query)) == expected
    csv_rows = _csv_rows(client.get(reverse("actions:export_csv"), query))
    xlsx_rows = _xlsx_rows(client.get(reverse("actions:export_xlsx"), query))
    assert csv_rows[0][:3] == ["Programma", "Code", "Titel"]
    assert [row[1] for row in csv_rows[1:]] == expected
    assert [row[1] for row in xlsx_rows[1:]] == expected


def test_export_row_content(client_for, projectleider):
    client = client_for(projectleider)
    rows = _csv_rows(client.get(reverse("actions:export_csv"), {"q": "2B"}))
    assert len(rows) == 2
    programme, code, title, line, owners, status, progress, overdue = rows[1]
    assert code == "2B" and status == "In uitvoering" and progress == "0"
    assert "Veilig Thuis Zaanstreek-Waterland" in owners
    assert overdue == "2"  # j (Q4 2020) and l (Q3 2021); k is doorlopend
    xlsx = _xlsx_rows(client.get(reverse("actions:export_xlsx"), {"q": "2B"}))
    assert xlsx[1][1:4] == [code, title, line] and xlsx[1][7] == 2


def test_exports_never_contain_other_regions(client_for, other_projectleider):
    world = World()
    rows = _csv_rows(client_for(other_projectleider).get(reverse("actions:export_csv")))
    titles = {row[2] for row in rows[1:]}
    assert world.kennemerland_action.title in titles
    assert world.action_2b.title not in titles


def test_list_is_paginated(client_for, projectleider):
    world = World()
    line = world.action_2b.action_line
    for n in range(30):
        ActionFactory(action_line=line, code=f"X{n:02d}")
    response = client_for(projectleider).get(reverse("actions:list"), {"page": 2})
    assert response.context["page_obj"].number == 2
    assert len(response.context["actions"]) == 39 - 25
    assert "Pagina 2 van 2" in response.text


def test_ketenpartner_list_shows_no_edit_controls(client_for, veiligthuis):
    response = client_for(veiligthuis).get(reverse("actions:list"))
    assert response.status_code == 200 and "2B" in _codes(response)
    assert "snel-bijwerken" not in response.text


def test_projectleider_list_has_quick_update_forms(client_for, projectleider):
    response = client_for(projectleider).get(reverse("actions:list"))
    assert response.text.count('hx-post="/acties/') >= 9


def test_list_query_count_is_flat(client_for, projectleider, django_assert_num_queries):
    client = client_for(projectleider)
    url = reverse("actions:list")
    client.get(url)
    # session, user, memberships (scope), count, page of actions (with overdue annotation),
    # owners (prefetch), editable programmes, filter choices: programmes, action lines,
    # organisations; "Te beoordelen (n)" in the navigation
    with django_assert_num_queries(11):
        client.get(url)
    line = World().action_2b.action_line
    for n in range(5):
        action = ActionFactory(action_line=line, code=f"Y{n}")
        action.owners.add(Organisation.objects.first())
        MilestoneFactory(action=action, order=800 + n, planned_year=2020, planned_quarter=1)
    with django_assert_num_queries(11):
        client.get(url)


@pytest.mark.parametrize("export", ["actions:export_csv", "actions:export_xlsx"])
def test_exports_read_a_fixed_number_of_queries_with_every_owner_named(
    client_for, projectleider, export, django_assert_num_queries
):
    """All regions are thousands of actions: the export reads them as values in two queries
    (actions, owners) after the session, the user and the memberships (the Excel export one
    more: the count that decides whether the file is made at once)."""
    world = World()
    client = client_for(projectleider)
    client.get(reverse(export))
    line = world.action_2b.action_line
    partners = list(Organisation.objects.filter(region=line.programme.region).order_by("name"))
    for n in range(5):
        action = ActionFactory(action_line=line, code=f"Q{n}", title=f"Exporttoets {n}")
        action.owners.set(partners[:2])
    # The Excel export counts the rows first: a long list is made in the background.
    with django_assert_num_queries(5 if export.endswith("csv") else 6):
        response = client.get(reverse(export), {"q": "Exporttoets"})
    rows = _csv_rows(response) if export.endswith("csv") else _xlsx_rows(response)
    assert [row[1] for row in rows[1:]] == ["Q0", "Q1", "Q2", "Q3", "Q4"]
    assert {row[4] for row in rows[1:]} == {f"{partners[0].name}, {partners[1].name}"}
