"""A workbook or document with one bad cell imports nothing and names the cell."""

import io

from django.urls import reverse

import pytest
from openpyxl import load_workbook

from actions.models import Action, BudgetLine, Milestone
from actions.planio.services import PlanRejected, apply_plan
from actions.planio.xlsx import read_workbook
from programmes.models import ActionLine, Programme
from tests.planio.helpers import as_upload, bytes_io, empty_programme
from tests.planio.sources import zawa_workbook

pytestmark = pytest.mark.django_db


def _with(data: bytes, sheet: str, cell: str, value) -> bytes:
    wb = load_workbook(io.BytesIO(data))
    wb[sheet][cell] = value
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _nothing_in(programme):
    return not (
        Action.objects.filter(programme=programme).exists()
        or Milestone.objects.filter(programme=programme).exists()
        or BudgetLine.objects.filter(programme=programme).exists()
        or ActionLine.objects.filter(programme=programme).exists()
    )


@pytest.fixture
def new_zawa_programme(zawa):
    return Programme.objects.create(region=zawa, title="Actieplan 2026")


def test_one_bad_amount_imports_nothing_and_names_sheet_row_and_column(
    client_for, projectleider, new_zawa_programme
):
    data = _with(zawa_workbook(), "Financiën", "G6", "twaalfduizend")
    client = client_for(projectleider)
    response = client.post(
        reverse("actions:plan_import", args=[new_zawa_programme.pk]),
        {"bestand": as_upload(data, "plan.xlsx")},
    )
    assert response.status_code == 400
    errors = response.context["errors"]
    assert [(e.sheet, e.row, e.column) for e in errors] == [
        ("Financiën", 6, "G (Bedrag / cap / pm)")
    ]
    assert "'twaalfduizend' is geen bedrag" in errors[0].message
    content = response.content.decode()
    assert "Er is niets geïmporteerd" in content and "twaalfduizend" in content
    assert "payload" not in content  # no confirm button
    assert _nothing_in(new_zawa_programme)


@pytest.mark.parametrize(
    ("sheet", "cell", "value", "column", "message"),
    [
        ("Acties", "B3", "9", "B (Actielijn)", "Actielijn 9 bestaat niet"),
        ("Acties", "C4", None, "C (Titel)", "heeft een titel nodig"),
        ("Mijlpalen", "D2", "Q5 2021", "D (Kwartaal)", "is geen kwartaal"),
        ("Mijlpalen", "B3", "7Z", "B (Actie)", "Actie 7Z bestaat niet"),
        ("Financiën", "F2", "Sponsor", "F (Financieringsbron)", "Financieringsbron 'Sponsor'"),
        ("Financiën", "G3", -5, "G (Bedrag / cap / pm)", "niet negatief"),
        ("Financiën", "H4", "twintig", "H (Jaar)", "geen geheel getal"),
        ("Actielijnen", "C2", "misschien", "C (Landelijk)", "geen ja of nee"),
    ],
)
def test_each_kind_of_bad_cell_is_named_in_dutch_and_nothing_is_written(
    client_for, projectleider, new_zawa_programme, sheet, cell, value, column, message
):
    response = client_for(projectleider).post(
        reverse("actions:plan_import", args=[new_zawa_programme.pk]),
        {"bestand": as_upload(_with(zawa_workbook(), sheet, cell, value), "plan.xlsx")},
    )
    assert response.status_code == 400
    errors = response.context["errors"]
    row = int(cell[1:])
    assert [(e.sheet, e.row, e.column) for e in errors] == [(sheet, row, column)], errors
    assert message in errors[0].message
    assert _nothing_in(new_zawa_programme)


def test_a_plan_that_became_invalid_after_the_preview_is_rejected_whole():
    programme = empty_programme()
    plan, errors = read_workbook(bytes_io(zawa_workbook()))
    assert errors == []
    plan.budget[-1].funding_source = "Opgeheven bron"  # e.g. removed in the admin meanwhile
    with pytest.raises(PlanRejected) as rejected:
        apply_plan(programme, plan)
    assert rejected.value.errors[0].sheet == "Financiën"
    assert _nothing_in(programme)


def test_a_file_that_is_not_a_workbook_is_refused_in_dutch(
    client_for, projectleider, new_zawa_programme
):
    response = client_for(projectleider).post(
        reverse("actions:plan_import", args=[new_zawa_programme.pk]),
        {"bestand": as_upload(b"not a workbook", "plan.xlsx")},
    )
    assert response.status_code == 400
    assert "geen leesbaar Excel-bestand" in response.content.decode()


def test_a_pdf_is_refused_next_to_the_field(client_for, projectleider, new_zawa_programme):
    response = client_for(projectleider).post(
        reverse("actions:plan_import", args=[new_zawa_programme.pk]),
        {"bestand": as_upload(b"%PDF", "plan.pdf")},
    )
    assert response.status_code == 400
    assert "eindigt op .xlsx of .docx" in response.content.decode()


def test_a_duplicate_action_code_is_named(client_for, projectleider, new_zawa_programme):
    wb = load_workbook(io.BytesIO(zawa_workbook()))
    wb["Acties"].append(["1A", 1, "Nog een actie 1A"])
    buffer = io.BytesIO()
    wb.save(buffer)
    response = client_for(projectleider).post(
        reverse("actions:plan_import", args=[new_zawa_programme.pk]),
        {"bestand": as_upload(buffer.getvalue(), "plan.xlsx")},
    )
    errors = response.context["errors"]
    assert [(e.sheet, e.row, e.column) for e in errors] == [("Acties", 11, "A (Code)")]
    assert errors[0].message == "Actiecode 1A staat twee keer in het bestand."
    assert _nothing_in(new_zawa_programme)
