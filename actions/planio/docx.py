"""The plan as a Word document in the structure of the Zaanstreek-Waterland plan.

Reading: every two-column table whose first row is "Actie <code> | <title>" and whose rows
are Wat, Doel, Hoe, Door, Wanneer, Resultaten (en effecten), Kosten becomes an action, under
the action line of the heading above it ("Actielijn 1. Eerder en beter in beeld"). A table
whose header row is "Actie | Q4 2020 | Q1 2021 ..." is the milestone plan (a row
"a. Communicatieplan" per item, the meeting in the quarter's cell); a table with the
funding sources as column headings is the finance table (cap, pm or an amount per cell).

Writing: the same structure, with the column totals of the finance table computed from
its lines.
"""

import io
import re
from decimal import Decimal
from typing import IO

from programmes.models import Programme

from .plan import (
    ACTION_TEXT_FIELDS,
    ActionRow,
    BudgetRow,
    CellError,
    CellValueError,
    LineRow,
    Loc,
    MilestoneRow,
    Plan,
    format_amount,
    parse_decimal,
    parse_quarter,
    quarter_label,
    text,
)
from .word_layout import (
    TEXT_WIDTH_MM,
    add_table,
    landscape_section,
    new_document,
    set_column_widths,
    share,
)

ACTION_TITLE_RE = re.compile(r"^Actie\s+(\S+?)\.?$", re.I)
ACTION_TITLE_MERGED_RE = re.compile(r"^Actie\s+(\S+?)\.?\s+(.+)$", re.I | re.S)
LINE_HEADING_RE = re.compile(
    r"^Actielijn\s+(\d+)\s*[.:\-–]?\s*(.*?)\s*(\(eigen actielijn\))?$", re.I
)
MILESTONE_RE = re.compile(r"^([a-z]{1,4})\.\s*(.+)$", re.S)
ACTION_HEADER_RE = re.compile(r"^(\S+?)\.?\s+(.+)$", re.S)
PLANNED = "gepland"
ROW_LABELS = {
    "wat": "wat",
    "doel": "doel",
    "hoe": "hoe",
    "door": "door",
    "wanneer": "wanneer",
    "resultaten": "resultaten",
    "resultaten en effecten": "resultaten",
    "resultaten effecten": "resultaten",
    "kosten": "kosten",
}
TOTAL_PREFIX = "totaal"
LABEL_COLUMN_MM = 40  # "Resultaten en effecten" on two lines; the text gets the rest
MILESTONE_COLUMN_MM = 70  # the item; the quarters share the rest of the width
DESCRIPTION_COLUMN_MM = 70  # a finance line's description
FINANCE_COLUMNS_MM = [18, 20]  # "Actie" and, where it differs, "Financiert actie"


def _key(value: str) -> str:
    return re.sub(r"[^a-z]+", " ", value.lower()).strip()


def _compact(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", value.lower())


def _cells(row) -> list:
    """The row's cells, a merged cell once."""
    seen, cells = set(), []
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            cells.append(cell)
    return cells


def _texts(row) -> list[str]:
    return [text(c.text) for c in _cells(row)]


# --- reading ---------------------------------------------------------------------------------


def read_document(upload: IO[bytes]) -> tuple[Plan, list[CellError]]:
    from docx import Document
    from docx.table import Table

    plan = Plan()
    errors: list[CellError] = []
    try:
        document = Document(upload)
    except Exception:  # python-docx raises several kinds for a file that is not a document
        return plan, [CellError("bestand", None, "", "Dit is geen leesbaar Word-bestand (.docx).")]

    from actions.models import FundingSource

    sources = list(FundingSource.objects.values_list("name", flat=True))
    blocks = list(document.iter_inner_content())
    tables = [b for b in blocks if isinstance(b, Table)]
    codes = set()
    for table in tables:
        first = _texts(table.rows[0]) if table.rows else []
        m = ACTION_TITLE_RE.match(first[0]) if first else None
        m = m or (ACTION_TITLE_MERGED_RE.match(first[0]) if first else None)
        if m:
            codes.add(m.group(1))

    line: LineRow | None = None
    describing = False
    for block in blocks:
        if not isinstance(block, Table):
            content = text(block.text)
            if not content:
                continue
            heading = LINE_HEADING_RE.match(content)
            style = (block.style.name if block.style is not None else "") or ""
            if heading and (
                style.lower().startswith(("heading", "kop", "title")) or len(content) < 200
            ):
                line = LineRow(
                    order=int(heading.group(1)),
                    title=heading.group(2).strip(),
                    is_national=not heading.group(3),
                    loc=Loc(f"Kop '{content[:60]}'", None, {}),
                )
                if not any(existing.order == line.order for existing in plan.lines):
                    plan.lines.append(line)
                describing = True
            elif (
                describing and line is not None and not style.lower().startswith(("heading", "kop"))
            ):
                line.description = (line.description + "\n" + content).strip()
            else:
                describing = False
            continue
        describing = False
        number = tables.index(block) + 1
        first = _texts(block.rows[0]) if block.rows else []
        if not first:
            continue
        if ACTION_TITLE_RE.match(first[0]) or ACTION_TITLE_MERGED_RE.match(first[0]):
            _read_action(block, number, line, plan, errors)
        elif _key(first[0]) == "actie" and len(first) > 1 and _quarters(first[1:]):
            _read_milestones(block, number, codes, plan, errors)
        elif any(_source_for(h, sources) for h in first[1:]):
            _read_finance(block, number, sources, codes, plan, errors)
    return plan, errors


def _read_action(table, number: int, line: LineRow | None, plan: Plan, errors: list):
    sheet = f"Tabel {number}"
    first = _texts(table.rows[0])
    # "Actie 2B" | "Title", or "Actie 2B Title" in one cell.
    if single := ACTION_TITLE_RE.match(first[0]):
        code, title = single.group(1), first[1] if len(first) >= 2 else ""
    elif merged := ACTION_TITLE_MERGED_RE.match(first[0]):
        code, title = merged.group(1), merged.group(2).strip()
    else:  # read_document only hands over tables whose first cell names an action
        return
    columns = {"code": "1", "title": "2", "line": "kop Actielijn"}
    loc = Loc(sheet, 1, columns)
    line_order = line.order if line else None
    if line_order is None and (m := re.match(r"^(\d+)", code)):
        line_order = int(m.group(1))
    values: dict[str, str] = {}
    for index, row in enumerate(table.rows[1:], start=2):
        cells = _texts(row)
        if not any(cells):
            continue
        label = _key(cells[0])
        field = ROW_LABELS.get(label)
        if field is None:
            errors.append(
                CellError(
                    sheet,
                    index,
                    "1",
                    f"Onbekende rij '{cells[0]}' in de tabel van actie {code}: verwacht Wat, "
                    "Doel, Hoe, Door, Wanneer, Resultaten en effecten of Kosten.",
                )
            )
            continue
        if field in values:
            errors.append(
                CellError(sheet, index, "1", f"De rij '{cells[0]}' staat twee keer in de tabel.")
            )
        values[field] = cells[1] if len(cells) > 1 else ""
    if not title:
        errors.append(loc.error("title", f"Actie {code} heeft geen titel (tweede cel)."))
    plan.actions.append(
        ActionRow(code=code, line=line_order, title=title, summary_title=None, loc=loc, **values)
    )


def _quarters(headers: list[str]):
    try:
        parsed = [parse_quarter(h) for h in headers]
    except CellValueError:
        return None
    return parsed if all(y for y, _ in parsed) else None


def _read_milestones(table, number: int, codes: set[str], plan: Plan, errors: list):
    sheet = f"Tabel {number}"
    header = _texts(table.rows[0])
    quarters = _quarters(header[1:])
    action = ""
    for index, row in enumerate(table.rows[1:], start=2):
        cells = _texts(row)
        if not any(cells):
            continue
        first, rest = cells[0], cells[1:]
        head = ACTION_HEADER_RE.match(first)
        if not any(rest) and head and head.group(1).rstrip(".") in codes:
            action = head.group(1).rstrip(".")
            continue
        m = MILESTONE_RE.match(first)
        if not m:
            errors.append(
                CellError(
                    sheet,
                    index,
                    "Actie",
                    f"'{first[:60]}' is geen actie van dit plan en geen mijlpaal: begin een "
                    "mijlpaal met haar letter, zoals 'a. Communicatieplan'.",
                )
            )
            continue
        letter, title = m.group(1), text(m.group(2))
        loc = Loc(sheet, index, {"letter": "Actie", "title": "Actie", "action": "Actie"})
        planned = [
            (quarters[i], label)
            for i, label in enumerate(rest[: len(quarters)])
            if label and label not in ("-", "–")
        ]
        if not planned:
            plan.milestones.append(MilestoneRow(letter, action, title, loc=loc))
        for (year, quarter), label in planned:
            cell_loc = Loc(
                sheet,
                index,
                {
                    "letter": "Actie",
                    "title": "Actie",
                    "action": "Actie",
                    "meeting_label": quarter_label(year, quarter),
                },
            )
            meeting = "" if label.lower() == PLANNED else label
            plan.milestones.append(
                MilestoneRow(letter, action, title, year, quarter, meeting, cell_loc)
            )


def _source_for(header: str, sources: list[str]) -> str | None:
    compact = _compact(header)
    if not compact:
        return None
    best = None
    for name in sources:
        c = _compact(name)
        if compact.startswith(c) and (best is None or len(c) > len(_compact(best))):
            best = name
    return best


YEAR_RE = re.compile(r"\((\d{4})\)\s*$")
ESTIMATE_RE = re.compile(r"^(ca\.?|circa)\s+", re.I)
AMOUNT_START_RE = re.compile(r"^(€\s*)?(\d[\d.]*(,\d+)?)(,=|,-)?\s*(.*)$", re.S)
WORD_RE = re.compile(r"^(capaciteit|cap|p\.m\.|pm|pro memorie)\b\.?\s*(.*)$", re.I | re.S)

# (kind, amount, is_estimate, note, year)
FinanceCell = tuple[str, Decimal | None, bool, str, int | None]


def parse_finance_cell(value: str) -> FinanceCell | None:
    """'€ 12.500', 'cap', 'Cap GHNT landelijk', '186.000 ZonMW', 'GHNT landelijk' (pm with a
    note), 'ca. € 5.000 (2021)' -> (kind, amount, is_estimate, note, year); None if empty."""
    raw = text(value)
    if raw in ("", "-", "–"):
        return None
    year = None
    if m := YEAR_RE.search(raw):
        year = int(m.group(1))
        raw = raw[: m.start()].strip()
    estimate = False
    if m := ESTIMATE_RE.match(raw):
        estimate = True
        raw = raw[m.end() :]
    if m := WORD_RE.match(raw):
        word = m.group(1).lower()
        kind = "capaciteit" if word.startswith("cap") else "pm"
        return kind, None, estimate, m.group(2).strip(), year
    if m := AMOUNT_START_RE.match(raw):
        amount = parse_decimal(m.group(2))
        return "bedrag", amount, estimate, m.group(5).strip(), year
    return "pm", None, estimate, raw, year


def _read_finance(table, number, sources, codes, plan: Plan, errors: list):
    sheet = f"Tabel {number}"
    header = _texts(table.rows[0])
    source_columns = {}
    action_column = None
    for i, h in enumerate(header):
        if i >= 2 and _key(h) == "financiert actie":
            action_column = i
        elif i >= 2 and (name := _source_for(h, sources)):
            source_columns[i] = name
    section, label, order = "", "", 0
    for index, row in enumerate(table.rows[1:], start=2):
        cells = _texts(row)
        if not any(cells):
            continue
        cells += [""] * (len(header) - len(cells))
        first = cells[0]
        description = cells[1] if len(cells) > 1 else ""
        if _key(first).startswith(TOTAL_PREFIX):
            continue  # totals are computed, never read
        amounts = [cells[i] for i in source_columns if i < len(cells)]
        if first and not description and not any(a for a in amounts if a not in ("-", "–")):
            section, label = first, ""
            continue
        if first in ("-", "–"):
            label = ""  # printed as a dash: no action label, not the one above
        elif first:
            label = first.rstrip(".")
        if not description:
            errors.append(CellError(sheet, index, header[1] or "2", "Vul een omschrijving in."))
            continue
        order += 1
        if action_column is not None:
            action = cells[action_column]
        else:
            action = label if label in codes else ""
        for i, source in source_columns.items():
            column = header[i]
            try:
                parsed = parse_finance_cell(cells[i])
            except CellValueError as problem:
                errors.append(CellError(sheet, index, column, str(problem)))
                continue
            if parsed is None:
                continue
            kind, amount, estimate, note, year = parsed
            if amount is not None and amount < 0:
                errors.append(CellError(sheet, index, column, "Een bedrag kan niet negatief zijn."))
                continue
            plan.budget.append(
                BudgetRow(
                    order=order,
                    description=description,
                    funding_source=source,
                    kind=kind,
                    amount=amount,
                    section=section,
                    row_label=label,
                    action=action,
                    year=year,
                    is_estimate=estimate,
                    note=note,
                    loc=Loc(
                        sheet,
                        index,
                        {
                            "funding_source": column,
                            "description": header[1] or "2",
                            "action": column,
                        },
                    ),
                )
            )


# --- writing ---------------------------------------------------------------------------------


def _finance_cell(row: BudgetRow) -> str:
    if row.kind == "capaciteit":
        value = "cap"
    elif row.kind == "pm":
        value = "pm"
    else:
        value = format_amount(row.amount or Decimal("0"))
    if row.is_estimate:
        value = "ca. " + value
    if row.note:
        value += " " + row.note
    if row.year:
        value += f" ({row.year})"
    return value


def _table(document, rows: int, cols: int):
    return add_table(document, rows, cols)


def _bold_row(row):
    for cell in row.cells:
        for paragraph in cell.paragraphs:
            for run in paragraph.runs:
                run.bold = True


def write_document(programme: Programme, plan: Plan) -> bytes:
    from actions.models import FundingSource

    document = new_document(programme.title, f"Regio {programme.region.name}")
    document.add_heading(programme.title, 0)
    document.add_paragraph(
        f"Regio {programme.region.name} · Looptijd {programme.period_label} · "
        f"Status {programme.get_status_display()}"
    )
    document.add_heading("Acties", 1)
    actions_by_line: dict = {}
    for action in plan.actions:
        actions_by_line.setdefault(action.line, []).append(action)
    for line in plan.lines:
        suffix = "" if line.is_national else " (eigen actielijn)"
        document.add_heading(f"Actielijn {line.order}. {line.title}{suffix}", 2)
        for paragraph in filter(None, line.description.split("\n")):
            document.add_paragraph(paragraph)
        for action in actions_by_line.get(line.order, []):
            table = _table(document, 1 + len(ACTION_TEXT_FIELDS), 2)
            table.cell(0, 0).text = f"Actie {action.code}"
            table.cell(0, 1).text = action.title
            _bold_row(table.rows[0])
            for i, (label, field) in enumerate(ACTION_TEXT_FIELDS, start=1):
                table.cell(i, 0).text = label
                table.cell(i, 1).text = getattr(action, field)
            set_column_widths(table, share(TEXT_WIDTH_MM, [LABEL_COLUMN_MM], 1))
            document.add_paragraph()

    width: float = TEXT_WIDTH_MM
    if plan.milestones or plan.budget:  # a column per quarter or source: sideways
        width = landscape_section(document)
    if plan.milestones:
        _write_milestones(document, plan, width)
    if plan.budget:
        order = {
            name: i for i, name in enumerate(FundingSource.objects.values_list("name", flat=True))
        }
        _write_finance(document, plan, order, width)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _write_milestones(document, plan: Plan, width: float):
    document.add_heading("Mijlpalenplanning", 1)
    planned = sorted({(m.year, m.quarter) for m in plan.milestones if m.year and m.quarter})
    quarters = []
    if planned:
        year, quarter = planned[0]
        while (year, quarter) <= planned[-1]:
            quarters.append((year, quarter))
            year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    titles = {a.code: a.title for a in plan.actions}
    # One row per item: consecutive milestones with the same letter, action and title are
    # one item planned in several quarters (like "aa. Voortgangsrapportage").
    items: list[tuple[str, str, str, dict]] = []
    for m in plan.milestones:
        last = items[-1] if items else None
        cell = (m.year, m.quarter)
        if (
            last
            and (last[0], last[1], last[2]) == (m.action, m.letter, m.title)
            and m.year
            and cell not in last[3]
            and None not in last[3]
        ):
            last[3][cell] = m.meeting_label
        else:
            items.append((m.action, m.letter, m.title, {cell if m.year else None: m.meeting_label}))
    table = _table(document, 1, 1 + len(quarters))
    header = table.rows[0].cells
    header[0].text = "Actie"
    for i, (year, quarter) in enumerate(quarters, start=1):
        header[i].text = quarter_label(year, quarter)
    _bold_row(table.rows[0])
    current = None
    for action, letter, title, cells in items:
        if action != current and action:
            row = table.add_row().cells
            row[0].text = f"{action}. {titles.get(action, '')}".strip()
            for paragraph in row[0].paragraphs:
                for run in paragraph.runs:
                    run.bold = True
        current = action
        row = table.add_row().cells
        row[0].text = f"{letter}. {title}"
        for i, q in enumerate(quarters, start=1):
            if q in cells:
                row[i].text = cells[q] or PLANNED
    set_column_widths(table, share(width, [MILESTONE_COLUMN_MM], len(quarters)))
    document.add_paragraph()


def _write_finance(document, plan: Plan, source_order: dict[str, int], width: float):
    document.add_heading("Financiën", 1)
    used = sorted({b.funding_source for b in plan.budget}, key=lambda n: source_order.get(n, 99))
    differs = any(b.action != b.row_label for b in plan.budget)
    fixed = ["Actie", "Omschrijving"] + (["Financiert actie"] if differs else [])
    table = _table(document, 1, len(fixed) + len(used))
    for i, heading in enumerate(fixed + used):
        table.rows[0].cells[i].text = heading
    _bold_row(table.rows[0])
    rows: dict[int, list[BudgetRow]] = {}
    for b in plan.budget:
        rows.setdefault(b.order, []).append(b)
    section, label = None, None
    totals: dict[str, Decimal] = {}
    for cells in rows.values():
        first = cells[0]
        if first.section != section:
            section, label = first.section, None
            if section:
                table.add_row().cells[0].text = section
        # A source with two cells in one row (two years) gets a row of its own.
        groups: list[dict[str, BudgetRow]] = [{}]
        for b in cells:
            target = next((g for g in groups if b.funding_source not in g), None)
            if target is None:
                target = {}
                groups.append(target)
            target[b.funding_source] = b
        for group in groups:
            row = table.add_row().cells
            if first.row_label != (label or ""):
                # A dash ends the label above (an empty cell would continue it).
                row[0].text = f"{first.row_label}." if first.row_label else "–"
                label = first.row_label
            row[1].text = first.description
            if differs:
                row[2].text = first.action
            for i, source in enumerate(used, start=len(fixed)):
                if source in group:
                    row[i].text = _finance_cell(group[source])
                    amount = group[source].amount
                    if group[source].kind == "bedrag" and amount is not None:
                        totals[source] = totals.get(source, Decimal("0")) + amount
    row = table.add_row().cells
    row[0].text = "Totaal (van de kolom, berekend)"
    for i, source in enumerate(used, start=len(fixed)):
        if source in totals:
            row[i].text = format_amount(totals[source])
    fixed_widths = FINANCE_COLUMNS_MM[: len(fixed) - 1]
    fixed_widths.insert(1, DESCRIPTION_COLUMN_MM)
    set_column_widths(table, share(width, fixed_widths, len(used)))
    document.add_paragraph("cap = inzet van capaciteit nodig; pm = pro memorie.")
