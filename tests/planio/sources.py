"""Files built in the tests from the Zaanstreek-Waterland plan as the demo data holds it
(fixtures/regions/zaanstreek-waterland.json, taken line by line from the source document):
a workbook in the template's layout and a Word document in the layout of the source, with
its action tables, the milestone grid (table 3.3) and the finance table (table 3.4)."""

import io
import json
from decimal import Decimal
from pathlib import Path

from django.conf import settings

from docx import Document
from openpyxl import Workbook

FIELDS = [
    ("Wat", "wat"),
    ("Doel", "doel"),
    ("Hoe", "hoe"),
    ("Door", "door"),
    ("Wanneer", "wanneer"),
    ("Resultaten en effecten", "resultaten"),
    ("Kosten", "kosten"),
]
SOURCES = ["Gemeente", "Partner", "DUVO", "Subsidie verstrekt", "Subsidie aan te vragen"]


def zawa_plan() -> dict:
    path = Path(settings.BASE_DIR) / "fixtures" / "regions" / "zaanstreek-waterland.json"
    return json.loads(path.read_text(encoding="utf-8"))["programmes"][0]


def _cell(b: dict):
    if b["kind"] == "capaciteit":
        return "cap"
    if b["kind"] == "pm":
        return "pm"
    return Decimal(b["amount"])


def zawa_workbook(plan: dict | None = None) -> bytes:
    plan = plan or zawa_plan()
    wb = Workbook()
    wb.remove(wb.active)
    lines = wb.create_sheet("Actielijnen")
    lines.append(["Nummer", "Titel", "Landelijk", "Toelichting"])
    for line in plan["action_lines"]:
        lines.append(
            [
                line["order"],
                line["title"],
                "ja" if line["is_national"] else "nee",
                line["description"],
            ]
        )
    actions = wb.create_sheet("Acties")
    actions.append(["Code", "Actielijn", "Titel", "Titel in samenvatting"] + [f[0] for f in FIELDS])
    for a in plan["actions"]:
        actions.append(
            [a["code"], a["action_line"], a["title"], a["summary_title"]]
            + [a[f] for _, f in FIELDS]
        )
    milestones = wb.create_sheet("Mijlpalen")
    milestones.append(["Letter", "Actie", "Omschrijving", "Kwartaal", "Overleg"])
    for m in plan["milestones"]:
        quarter = f"Q{m['planned_quarter']} {m['planned_year']}" if m["planned_year"] else ""
        milestones.append([m["letter"], m["action"], m["title"], quarter, m["meeting_label"]])
    finance = wb.create_sheet("Financiën")
    finance.append(
        [
            "Regel",
            "Rubriek",
            "Label",
            "Actie",
            "Omschrijving",
            "Financieringsbron",
            "Bedrag / cap / pm",
            "Jaar",
            "Bij benadering",
            "Toelichting",
        ]  # fmt: skip
    )
    for b in plan["budget_lines"]:
        finance.append(
            [
                b["order"],
                b["section"],
                b["row_label"],
                b["action"] or "",
                b["description"],
                b["funding_source"],
                _cell(b),
                b["year"],
                "ja" if b["is_estimate"] else "",
                b["note"],
            ]  # fmt: skip
        )
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _source_cell(b: dict) -> str:
    """As table 3.4 prints a cell: cap, 'Cap GHNT landelijk', '€ 12.500', '186.000 ZonMW',
    'GHNT landelijk' (a pro memorie line with its note)."""
    if b["kind"] == "capaciteit":
        text = "cap"
    elif b["kind"] == "pm":
        text = "" if b["note"] else "pm"
    else:
        text = "€ " + f"{Decimal(b['amount']):,.0f}".replace(",", ".")
    return f"{text} {b['note']}".strip()


def zawa_document() -> bytes:
    plan = zawa_plan()
    doc = Document()
    doc.add_heading("Regionaal Actieplan Zaanstreek-Waterland", 0)
    for line in plan["action_lines"]:
        doc.add_heading(f"Actielijn {line['order']}: {line['title']}", 2)
        doc.add_paragraph(line["description"])
        for a in (a for a in plan["actions"] if a["action_line"] == line["order"]):
            table = doc.add_table(rows=1 + len(FIELDS), cols=2)
            table.cell(0, 0).text = f"Actie {a['code']}"
            table.cell(0, 1).text = a["title"]
            for i, (label, name) in enumerate(FIELDS, start=1):
                table.cell(i, 0).text = label
                table.cell(i, 1).text = a[name]
            doc.add_paragraph("")

    doc.add_heading("3.3 Globale Mijlpalenplanning", 2)
    quarters = [(2020, 4), (2021, 1), (2021, 2), (2021, 3), (2021, 4)]
    grid = doc.add_table(rows=1, cols=6)
    grid.rows[0].cells[0].text = "Actie"
    for i, (y, q) in enumerate(quarters, start=1):
        grid.rows[0].cells[i].text = f"Q{q} {y}"
    current, last = None, None
    for m in plan["milestones"]:
        if m["action"] != current:
            current = m["action"]
            title = next(a["title"] for a in plan["actions"] if a["code"] == current)
            grid.add_row().cells[0].text = f"{current}. {title}"
        if last and (last["letter"], last["title"]) == (m["letter"], m["title"]):
            row = grid.rows[-1].cells  # aa: one item, two quarters
        else:
            row = grid.add_row().cells
            row[0].text = f"{m['letter']}. {m['title']}"
        if m["planned_year"]:
            row[quarters.index((m["planned_year"], m["planned_quarter"])) + 1].text = m[
                "meeting_label"
            ]
        last = m

    doc.add_heading("3.4 Financiën/Capaciteit", 2)
    finance = doc.add_table(rows=1, cols=2 + len(SOURCES))
    header = finance.rows[0].cells
    header[0].text = "Omschrijving actie"
    for i, name in enumerate(SOURCES, start=2):
        header[i].text = name
    section, label, rows = None, None, {}
    for b in plan["budget_lines"]:
        rows.setdefault(b["order"], []).append(b)
    for cells in rows.values():
        first = cells[0]
        if first["section"] != section:
            section = first["section"]
            finance.add_row().cells[0].text = section
        row = finance.add_row().cells
        if first["row_label"] and first["row_label"] != label:
            row[0].text = f"{first['row_label']}."
        label = first["row_label"] or label
        row[1].text = first["description"]
        for b in cells:
            row[2 + SOURCES.index(b["funding_source"])].text = _source_cell(b)
    total = finance.add_row().cells
    total[0].text = "Totaal (van de kolom)"
    total[4].text = "€ 115.478"
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
