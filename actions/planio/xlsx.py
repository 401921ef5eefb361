"""The plan as an Excel workbook: one sheet per table of the plan, in the layout of the source
tables. Read with openpyxl in read-only (streaming) mode; every bad cell is reported with
sheet, row and column."""

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from openpyxl import load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from ghnt_portal.exports import lay_out_table, new_workbook, print_setup, restore, write_rows

from .plan import (
    ActionRow,
    BudgetRow,
    CellError,
    CellValueError,
    LineRow,
    Loc,
    MilestoneRow,
    Plan,
    amount_cell,
    parse_amount_cell,
    parse_bool,
    parse_int,
    parse_quarter,
    quarter_label,
    text,
)

MAX_ROWS = 5000
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Column:
    heading: str
    field: str
    required: bool = False
    width: int = 14
    help: str = ""
    aliases: tuple[str, ...] = ()


SHEETS: dict[str, list[Column]] = {
    "Actielijnen": [
        Column("Nummer", "order", True, 9, "Volgnummer van de actielijn: 1, 2, 3 ..."),
        Column("Titel", "title", True, 40, "Bijvoorbeeld Eerder en beter in beeld."),
        Column("Landelijk", "is_national", False, 11, "ja (landelijke actielijn) of nee (eigen)."),
        Column("Toelichting", "description", False, 60, "Doel van de actielijn."),
    ],
    "Acties": [
        Column("Code", "code", True, 8, "Zoals in het plan, bijvoorbeeld 2B. Uniek."),
        Column("Actielijn", "line", True, 10, "Nummer van de actielijn (blad Actielijnen)."),
        Column("Titel", "title", True, 40, "Titel van de actie."),
        Column("Titel in samenvatting", "summary_title", False, 30, "Als die anders is."),
        Column("Wat", "wat", False, 50),
        Column("Doel", "doel", False, 50),
        Column("Hoe", "hoe", False, 50),
        Column("Door", "door", False, 30),
        Column("Wanneer", "wanneer", False, 16),
        Column("Resultaten en effecten", "resultaten", False, 50, aliases=("resultaten",)),
        Column("Kosten", "kosten", False, 40),
        Column(
            "Bouwstenen",
            "building_blocks",
            False,
            14,
            "Codes van landelijke bouwstenen, bijvoorbeeld 1.1, 2.3. Kolom mag ontbreken.",
        ),
    ],
    "Mijlpalen": [
        Column("Letter", "letter", True, 8, "Zoals in de mijlpalenplanning: a, b, ... aa."),
        Column("Actie", "action", True, 8, "Code van de actie, bijvoorbeeld 1A."),
        Column("Omschrijving", "title", True, 45),
        Column("Kwartaal", "quarter", False, 11, "Bijvoorbeeld Q1 2021; leeg voor doorlopend."),
        Column("Overleg", "meeting_label", False, 14, "Zoals gedrukt, bijvoorbeeld AO-jan."),
    ],
    "Financiën": [
        Column(
            "Regel", "order", True, 7, "Regelnummer van de tabel; cellen van één regel delen het."
        ),
        Column("Rubriek", "section", False, 26, "Kop in de tabel, zoals Projectkosten."),
        Column("Label", "row_label", False, 7, "Actiecode zoals gedrukt bij de regel."),
        Column(
            "Actie",
            "action",
            False,
            7,
            "Code van de actie die de regel financiert; leeg voor geen.",
        ),
        Column("Omschrijving", "description", True, 45),
        Column("Financieringsbron", "funding_source", True, 20, "Bijvoorbeeld Gemeente, DUVO."),
        Column(
            "Bedrag / cap / pm",
            "amount",
            True,
            14,
            "Een bedrag in euro's, of cap (capaciteit), of pm (pro memorie).",
            aliases=("bedrag",),
        ),
        Column("Jaar", "year", False, 7, "Alleen als het bedrag voor één jaar is."),
        Column("Bij benadering", "is_estimate", False, 10, "ja als de bron 'ca.' zegt."),
        Column("Toelichting", "note", False, 24, "Bijvoorbeeld ZonMW of GHNT landelijk."),
    ],
}

SHEET_ALIASES = {"financien": "Financiën", "financiën": "Financiën"}


def _norm(value) -> str:
    return re.sub(r"[^a-z0-9ëé]+", " ", text(value).lower()).strip()


# --- reading ---------------------------------------------------------------------------------


def read_workbook(upload: IO[bytes]) -> tuple[Plan, list[CellError]]:
    plan = Plan()
    errors: list[CellError] = []
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        return plan, [CellError("bestand", None, "", "Dit is geen leesbaar Excel-bestand (.xlsx).")]
    try:
        names = {}
        for sheet_name in workbook.sheetnames:
            key = _norm(sheet_name)
            canonical = next((s for s in SHEETS if _norm(s) == key), SHEET_ALIASES.get(key))
            if canonical:
                names[canonical] = sheet_name
        if not names:
            return plan, [
                CellError(
                    "bestand",
                    None,
                    "",
                    "Het bestand heeft geen blad Acties, Mijlpalen, Financiën of Actielijnen. "
                    "Gebruik het sjabloon.",
                )
            ]
        for canonical, readers in (
            ("Actielijnen", _line),
            ("Acties", _action),
            ("Mijlpalen", _milestone),
            ("Financiën", _budget),
        ):
            if canonical in names:
                _read_sheet(workbook[names[canonical]], canonical, readers, plan, errors)
    finally:
        workbook.close()
    return plan, errors


def _read_sheet(sheet, canonical: str, reader, plan: Plan, errors: list[CellError]):
    name = sheet.title
    columns = SHEETS[canonical]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None) or ()
    positions: dict[str, int] = {}
    for index, value in enumerate(header):
        key = _norm(value)
        for col in columns:
            if key in (_norm(col.heading), *col.aliases) and col.field not in positions:
                positions[col.field] = index
    missing = [c.heading for c in columns if c.required and c.field not in positions]
    if missing:
        errors.append(
            CellError(
                name,
                1,
                "",
                "Kolom ontbreekt in de kopregel: " + ", ".join(missing) + ". Gebruik het sjabloon.",
            )
        )
        return
    letters = {
        f: get_column_letter(i + 1) + f" ({columns_by_field(columns)[f]})"
        for f, i in positions.items()
    }
    for number, values in enumerate(rows, start=2):
        if number > MAX_ROWS:
            errors.append(
                CellError(name, number, "", f"Meer dan {MAX_ROWS} rijen; splits het bestand.")
            )
            return
        cells = {f: (restore(values[i]) if i < len(values) else None) for f, i in positions.items()}
        if all(text(v) == "" for v in cells.values()):
            continue
        loc = Loc(name, number, letters)
        reader(cells, loc, plan, errors)


def columns_by_field(columns: list[Column]) -> dict[str, str]:
    return {c.field: c.heading for c in columns}


def _get(cells, loc: Loc, errors, name: str, parse, *args):
    try:
        return parse(cells.get(name), *args)
    except CellValueError as problem:
        errors.append(loc.error(name, str(problem)))
        return None


def _required(cells, loc, errors, name: str, message: str) -> str:
    value = text(cells.get(name))
    if not value:
        errors.append(loc.error(name, message))
    return value


def _line(cells, loc, plan: Plan, errors):
    n = len(errors)
    order = _get(cells, loc, errors, "order", parse_int, "het nummer", 1, 999)
    if order is None and len(errors) == n:
        errors.append(loc.error("order", "Vul het nummer van de actielijn in."))
    title = _required(cells, loc, errors, "title", "Een actielijn heeft een titel nodig.")
    national = _get(cells, loc, errors, "is_national", parse_bool, True)
    if len(errors) == n:
        plan.lines.append(
            LineRow(order, title, bool(national), text(cells.get("description")), loc)
        )


def _action(cells, loc, plan: Plan, errors):
    n = len(errors)
    code = _required(cells, loc, errors, "code", "Een actie heeft een code nodig, zoals 2B.")
    raw_line = cells.get("line")
    line = None
    if text(raw_line) == "":
        errors.append(loc.error("line", "Vul het nummer van de actielijn in."))
    else:
        line = _get(cells, loc, errors, "line", parse_int, "het nummer van de actielijn", 1, 999)
    title = _required(cells, loc, errors, "title", "Een actie heeft een titel nodig.")
    if len(errors) == n:
        plan.actions.append(
            ActionRow(
                code=code,
                line=line,
                title=title,
                summary_title=text(cells.get("summary_title"))
                if "summary_title" in loc.columns
                else None,
                wat=text(cells.get("wat")),
                doel=text(cells.get("doel")),
                hoe=text(cells.get("hoe")),
                door=text(cells.get("door")),
                wanneer=text(cells.get("wanneer")),
                resultaten=text(cells.get("resultaten")),
                kosten=text(cells.get("kosten")),
                building_blocks=text(cells.get("building_blocks"))
                if "building_blocks" in loc.columns
                else None,
                loc=loc,
            )
        )


def _milestone(cells, loc, plan: Plan, errors):
    n = len(errors)
    letter = _required(cells, loc, errors, "letter", "Een mijlpaal heeft een letter nodig.")
    action = _required(cells, loc, errors, "action", "Vul de code van de actie in.")
    title = _required(cells, loc, errors, "title", "Een mijlpaal heeft een omschrijving nodig.")
    quarter = _get(cells, loc, errors, "quarter", parse_quarter)
    if len(errors) == n:
        year, q = quarter or (None, None)
        plan.milestones.append(
            MilestoneRow(letter, action, title, year, q, text(cells.get("meeting_label")), loc)
        )


def _budget(cells, loc, plan: Plan, errors):
    n = len(errors)
    order = None
    if text(cells.get("order")) == "":
        errors.append(loc.error("order", "Vul het regelnummer in."))
    else:
        order = _get(cells, loc, errors, "order", parse_int, "het regelnummer", 1, 9999)
    description = _required(cells, loc, errors, "description", "Vul een omschrijving in.")
    source = _required(cells, loc, errors, "funding_source", "Vul de financieringsbron in.")
    kind_amount = _get(cells, loc, errors, "amount", parse_amount_cell)
    year = _get(cells, loc, errors, "year", parse_int, "het jaar", 1900, 2100)
    estimate = _get(cells, loc, errors, "is_estimate", parse_bool, False)
    if len(errors) == n and order is not None:  # an empty or unreadable number is an error
        kind, amount = kind_amount
        plan.budget.append(
            BudgetRow(
                order=order,
                description=description,
                funding_source=source,
                kind=kind,
                amount=amount,
                section=text(cells.get("section")),
                row_label=text(cells.get("row_label")),
                action=text(cells.get("action")),
                year=year,
                is_estimate=bool(estimate),
                note=text(cells.get("note")),
                loc=loc,
            )
        )


# --- writing ---------------------------------------------------------------------------------


def _values(sheet: str, plan: Plan) -> Iterator[list[Any]]:
    if sheet == "Actielijnen":
        for line in plan.lines:
            yield [line.order, line.title, "ja" if line.is_national else "nee", line.description]
    elif sheet == "Acties":
        for a in plan.actions:
            yield [
                a.code, a.line, a.title, a.summary_title or "", a.wat, a.doel, a.hoe, a.door,
                a.wanneer, a.resultaten, a.kosten, a.building_blocks or "",
            ]  # fmt: skip
    elif sheet == "Mijlpalen":
        for m in plan.milestones:
            yield [m.letter, m.action, m.title, quarter_label(m.year, m.quarter), m.meeting_label]
    else:
        for b in plan.budget:
            yield [
                b.order, b.section, b.row_label, b.action, b.description, b.funding_source,
                amount_cell(b), b.year, "ja" if b.is_estimate else "", b.note,
            ]  # fmt: skip


def write_workbook(plan: Plan, title: str = "") -> bytes:
    """The workbook of a plan; with an empty plan, the template."""
    workbook = new_workbook(title or "Sjabloon actieplan GHNT-portaal")
    workbook.remove(workbook.active)
    explanation = workbook.create_sheet("Uitleg")
    explanation.append([title or "Sjabloon actieplan GHNT-portaal"])
    explanation["A1"].font = Font(bold=True, size=14)
    explanation.append(
        [
            "Vul de bladen Actielijnen, Acties, Mijlpalen en Financiën in; één rij per "
            "actielijn, actie, mijlpaal of cel van de financiële tabel. Laat de kopregels staan. "
            "Bij het importeren ziet u eerst wat er verandert; er wordt pas iets opgeslagen als "
            "alles klopt. Hetzelfde bestand nog eens importeren verandert niets."
        ]
    )
    explanation.append([])
    explanation.append(["Blad", "Kolom", "Verplicht", "Uitleg"])
    for cell in explanation[4]:
        cell.font = Font(bold=True)
    for sheet_name, columns in SHEETS.items():
        for col in columns:
            explanation.append([sheet_name, col.heading, "ja" if col.required else "", col.help])
    explanation.column_dimensions["A"].width = 14
    explanation.column_dimensions["B"].width = 24
    explanation.column_dimensions["D"].width = 80
    for (cell,) in explanation.iter_rows(min_row=2, max_row=2, max_col=1):
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    explanation.merge_cells("A2:D2")  # the instruction wraps over the page, not one cell
    explanation.row_dimensions[2].height = 60
    print_setup(explanation)
    wrap = Alignment(wrap_text=True, vertical="top")
    for sheet_name, columns in SHEETS.items():
        sheet = workbook.create_sheet(sheet_name)
        sheet.append([c.heading for c in columns])
        for i, _col in enumerate(columns, start=1):
            sheet.cell(row=1, column=i).font = Font(bold=True)
        write_rows(sheet, _values(sheet_name, plan))
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = wrap
        # The designed width is a column's widest: text wraps beyond it.
        lay_out_table(sheet, caps=[c.width for c in columns])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
