"""The national frame: seeded, kept by the Rijk, linked by regions (action form, in bulk on
the programme page, the plan import's optional column)."""

from io import BytesIO

from django.core.management import call_command
from django.urls import reverse

import pytest
from openpyxl import load_workbook

from actions.planio import services as planio
from actions.planio.xlsx import read_workbook, write_workbook
from programmes.frame import seed_frame
from programmes.models import BuildingBlock, NationalActionLine

pytestmark = pytest.mark.django_db


def test_the_demo_holds_the_three_national_lines_with_their_bouwstenen():
    lines = list(NationalActionLine.objects.order_by("number").values_list("title", flat=True))
    assert lines == [
        "Eerder en beter in beeld",
        "Stoppen en duurzaam oplossen",
        "Specifieke groepen",
    ]
    assert BuildingBlock.objects.filter(national_line__number=2).count() >= 2


def test_seeding_again_adds_nothing_and_keeps_what_the_rijk_changed(capsys):
    BuildingBlock.objects.filter(code="1.1").update(title="Signaleren (aangepast)")
    assert seed_frame() == 0
    call_command("seed_national_frame")
    assert "0 actielijnen en bouwstenen toegevoegd" in capsys.readouterr().out
    assert BuildingBlock.objects.get(code="1.1").title == "Signaleren (aangepast)"


def test_the_rijk_adds_a_bouwsteen_and_a_duplicate_code_is_refused_at_the_field(client_for, rijk):
    client = client_for(rijk)
    line = NationalActionLine.objects.get(number=3)
    data = {"national_line": line.pk, "code": "3.9", "title": "Loverboys", "order": 9}
    assert client.post(reverse("frame:block_create"), data).status_code == 302
    assert BuildingBlock.objects.get(code="3.9").national_line == line
    response = client.post(reverse("frame:block_create"), {**data, "title": "Nog een"})
    assert response.status_code == 200
    assert "Deze code heeft al een andere bouwsteen." in response.content.decode()
    assert BuildingBlock.objects.filter(code="3.9").count() == 1


def test_a_projectleider_links_lines_and_actions_in_bulk(client_for, projectleider, zawa_programme):
    action = zawa_programme.actions.get(code="2B")
    line = action.action_line
    block_a, block_b = BuildingBlock.objects.get(code="3.1"), BuildingBlock.objects.get(code="1.2")
    other = BuildingBlock.objects.get(code="2.2")
    url = reverse("actions:building_blocks", kwargs={"programme_pk": zawa_programme.pk})
    page = client_for(projectleider).get(url)
    assert page.status_code == 200
    response = client_for(projectleider).post(
        url, {f"action-{action.pk}": [block_a.pk, block_b.pk], f"line-{line.pk}": [other.pk]}
    )
    assert response.status_code == 302
    assert set(action.building_blocks.values_list("code", flat=True)) == {"3.1", "1.2"}
    assert list(line.building_blocks.values_list("code", flat=True)) == ["2.2"]
    # A made-up bouwsteen is refused at the row, and nothing changes.
    response = client_for(projectleider).post(url, {f"action-{action.pk}": ["99999"]})
    assert response.status_code == 200
    assert "Kies bouwstenen uit de lijst." in response.content.decode()
    assert action.building_blocks.count() == 2


def test_the_action_form_offers_the_bouwstenen(client_for, projectleider, zawa_programme):
    action = zawa_programme.actions.get(code="2B")
    page = client_for(projectleider).get(reverse("actions:edit", args=[action.pk]))
    assert "Landelijke bouwstenen" in page.content.decode()
    assert "2.1 Radarwerk en samenwerking in de keten" in page.content.decode()


def _workbook_with_blocks(programme, codes: dict[str, str]) -> BytesIO:
    data = BytesIO(write_workbook(planio.export_plan(programme)))
    book = load_workbook(data)
    sheet = book["Acties"]
    headings = [c.value for c in sheet[1]]
    column = headings.index("Bouwstenen") + 1
    for row in range(2, sheet.max_row + 1):
        code = sheet.cell(row, 1).value
        if code in codes:
            sheet.cell(row, column).value = codes[code]
    out = BytesIO()
    book.save(out)
    out.seek(0)
    return out


def test_the_plan_import_reads_the_bouwstenen_column(zawa_programme):
    plan, errors = read_workbook(_workbook_with_blocks(zawa_programme, {"2B": "3.2, 1.1"}))
    assert not errors
    changes = planio.plan_changes(zawa_programme, plan)
    actions = next(s for s in changes.sections if s.title == "Acties")
    changed = [c for c in actions.changes if c.label.startswith("2B.")]
    assert "landelijke bouwstenen" in changed[0].fields
    planio.apply_plan(zawa_programme, plan)
    action = zawa_programme.actions.get(code="2B")
    assert set(action.building_blocks.values_list("code", flat=True)) == {"3.2", "1.1"}


def test_the_plan_import_names_an_unknown_bouwsteen_and_changes_nothing(zawa_programme):
    before = set(zawa_programme.actions.get(code="2B").building_blocks.values_list("pk", flat=True))
    plan, errors = read_workbook(_workbook_with_blocks(zawa_programme, {"2B": "7.7"}))
    assert not errors
    problems = planio.check_plan(plan, zawa_programme)
    assert any("Onbekende bouwsteen: 7.7" in str(p) and "Bouwstenen" in str(p) for p in problems)
    with pytest.raises(planio.PlanRejected):
        planio.apply_plan(zawa_programme, plan)
    after = set(zawa_programme.actions.get(code="2B").building_blocks.values_list("pk", flat=True))
    assert after == before
