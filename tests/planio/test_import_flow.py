"""The projectleider's journey: upload, see what changes, confirm; exports for readers."""

import io

from django.urls import reverse

import pytest
from docx import Document
from openpyxl import load_workbook

from actions.models import Action, BudgetLine, Milestone
from programmes.models import Programme
from tests.planio.helpers import as_upload
from tests.planio.sources import zawa_document, zawa_workbook

pytestmark = pytest.mark.django_db


@pytest.fixture
def new_zawa_programme(zawa):
    return Programme.objects.create(region=zawa, title="Actieplan 2026")


def test_projectleider_previews_then_confirms_a_workbook(
    client_for, projectleider, new_zawa_programme
):
    client = client_for(projectleider)
    url = reverse("actions:plan_import", args=[new_zawa_programme.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"bestand": as_upload(zawa_workbook(), "zawa.xlsx")})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Acties: 9 nieuw, 0 gewijzigd, 0 ongewijzigd" in content
    assert "Mijlpalen: 34 nieuw" in content
    assert not Action.objects.filter(programme=new_zawa_programme).exists()  # preview only

    confirm = client.post(
        reverse("actions:plan_confirm", args=[new_zawa_programme.pk]),
        {"payload": response.context["payload"]},
    )
    assert confirm.status_code == 302
    assert Action.objects.filter(programme=new_zawa_programme).count() == 9
    assert Milestone.objects.filter(programme=new_zawa_programme).count() == 34
    assert BudgetLine.objects.filter(programme=new_zawa_programme).count() == 39
    page = client.get(confirm["Location"]).content.decode()
    assert "Plan geïmporteerd: 86 nieuw" in page

    again = client.post(url, {"bestand": as_upload(zawa_workbook(), "zawa.xlsx")})
    assert "importeren verandert niets" in again.content.decode()


def test_projectleider_imports_a_word_plan_in_one_upload(
    client_for, projectleider, new_zawa_programme
):
    client = client_for(projectleider)
    response = client.post(
        reverse("actions:plan_import", args=[new_zawa_programme.pk]),
        {"bestand": as_upload(zawa_document(), "actieplan.docx")},
    )
    assert response.status_code == 200
    client.post(
        reverse("actions:plan_confirm", args=[new_zawa_programme.pk]),
        {"payload": response.context["payload"]},
    )
    assert Action.objects.filter(programme=new_zawa_programme).count() == 9


def test_a_changed_title_shows_as_changed_in_the_preview(client_for, projectleider, zawa_programme):
    wb = load_workbook(io.BytesIO(zawa_workbook()))
    wb["Acties"]["C2"] = "Voorlichten bewoners, vrijwilligers en mantelzorgers"
    buffer = io.BytesIO()
    wb.save(buffer)
    response = client_for(projectleider).post(
        reverse("actions:plan_import", args=[zawa_programme.pk]),
        {"bestand": as_upload(buffer.getvalue(), "zawa.xlsx")},
    )
    content = response.content.decode()
    assert "Acties: 0 nieuw, 1 gewijzigd, 8 ongewijzigd" in content
    assert "titel" in response.context["changes"].sections[1].changes[0].fields


def test_a_tampered_or_foreign_preview_is_not_applied(
    client_for, projectleider, zawa_programme, new_zawa_programme
):
    client = client_for(projectleider)
    response = client.post(
        reverse("actions:plan_import", args=[new_zawa_programme.pk]),
        {"bestand": as_upload(zawa_workbook(), "zawa.xlsx")},
    )
    payload = response.context["payload"]
    # Confirmed on another programme: refused.
    other = client.post(
        reverse("actions:plan_confirm", args=[zawa_programme.pk]), {"payload": payload}
    )
    assert other.status_code == 302
    tampered = client.post(
        reverse("actions:plan_confirm", args=[new_zawa_programme.pk]),
        {"payload": payload[:-3] + "abc"},
    )
    assert tampered.status_code == 302
    assert not Action.objects.filter(programme=new_zawa_programme).exists()


def test_wethouder_may_download_but_not_import(client_for, wethouder, zawa_programme):
    client = client_for(wethouder)
    assert client.get(reverse("actions:plan_import", args=[zawa_programme.pk])).status_code == 403
    xlsx = client.get(reverse("actions:plan_export_xlsx", args=[zawa_programme.pk]))
    assert xlsx.status_code == 200
    wb = load_workbook(io.BytesIO(xlsx.content))
    assert wb["Acties"].max_row == 10
    docx = client.get(reverse("actions:plan_export_docx", args=[zawa_programme.pk]))
    document = Document(io.BytesIO(docx.content))
    texts = [t.cell(0, 0).text for t in document.tables]
    assert texts.count("Actie 1A") == 1 and "Actie" in texts


def test_the_word_export_prints_computed_column_totals(client_for, projectleider, zawa_programme):
    response = client_for(projectleider).get(
        reverse("actions:plan_export_docx", args=[zawa_programme.pk])
    )
    finance = Document(io.BytesIO(response.content)).tables[-1]
    header = [c.text for c in finance.rows[0].cells]
    total = [c.text for c in finance.rows[-1].cells]
    assert total[0].startswith("Totaal")
    # Printed in the source as 476.715 and 186.000; the lines add up to these.
    assert total[header.index("Subsidie verstrekt")] == "€ 476.712"
    assert total[header.index("Subsidie aan te vragen")] == "€ 187.000"
    assert total[header.index("DUVO")] == "€ 115.478"


def test_the_template_has_every_sheet(client_for, raadslid):
    response = client_for(raadslid).get(reverse("actions:plan_template"))
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["Uitleg", "Actielijnen", "Acties", "Mijlpalen", "Financiën"]
