"""Reading an upload of measurements: the table of a CSV or xlsx file and its cells.

Only reading; what a row must satisfy is checked in services.py. `parse_value` is the one
place that reads Dutch-written numbers (1.139,5).
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.files.base import File

from ..constants import PeriodKind

# The columns of an upload, by the names a header may give them.
COLUMNS = {
    "indicator": ("indicator", "indicatorcode", "code indicator", "code"),
    "area": ("gemeente", "cbs-code", "cbs code", "cbscode", "gebied", "gemeente of regio"),
    "period_kind": ("soort periode", "periodesoort", "soort", "periode soort"),
    "period_start": ("begin", "vanaf", "periode vanaf", "start", "begindatum"),
    "period_end": ("einde", "eind", "tot en met", "t/m", "periode tot en met", "einddatum"),
    "period_label": ("label", "periode", "periodelabel", "periode (zoals gedrukt)"),
    "value": ("waarde", "aantal"),
    "note": ("toelichting", "opmerking"),
}
REQUIRED = ("indicator", "area", "period_kind", "period_start", "period_end", "value")
COLUMN_NAMES = {
    "indicator": "indicator",
    "area": "gemeente",
    "period_kind": "soort periode",
    "period_start": "begin",
    "period_end": "einde",
    "period_label": "label",
    "value": "waarde",
    "note": "toelichting",
}


# An upload is read row by row and never further than the row limit allows (a 200,000-row
# sheet is not read whole first), nor wider than a sheet of measurements can be. The row
# limit and the xlsx unpacked-size guard are settings (IMPORT_MAX_ROWS,
# IMPORT_XLSX_MAX_UNPACKED_MB): 20 MB of unpacked xlsx is about 45,000 rows of eight cells
# as openpyxl writes them; a larger xlsx is refused unopened (or is a zip bomb).
MAX_COLUMNS = 30
# Progress is reported every this many rows read.
PROGRESS_EVERY = 5000


class TooManyRows(Exception):
    pass


class UnreadableFile(Exception):
    pass


class TooLarge(Exception):
    pass


def read_table(
    uploaded: File, max_rows: int, progress: Callable[[int], None] | None = None
) -> list[list]:
    """The first rows of the upload that have any text (the header and at most `max_rows`
    more); raises TooManyRows as soon as there is one more, TooLarge for an xlsx that unpacks
    to more than settings.IMPORT_XLSX_MAX_UNPACKED_BYTES, UnreadableFile for a file that is
    no CSV or xlsx. `progress(rows read)` is called every PROGRESS_EVERY rows."""
    table: list[list] = []
    for row in _rows(uploaded, max_rows):
        if not any(cell_text(c) for c in row):
            continue
        if len(table) > max_rows:  # the header plus max_rows are in: this one is too many
            raise TooManyRows
        table.append(row[:MAX_COLUMNS])
        if progress is not None and len(table) % PROGRESS_EVERY == 0:
            progress(len(table) - 1)
    return table


def _rows(uploaded: File, max_rows: int) -> Iterator[list]:
    name = (getattr(uploaded, "name", "") or "").lower()
    if name.endswith(".xlsx"):
        yield from _xlsx_rows(uploaded, max_rows)
        return
    raw = uploaded.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError as error:
            raise UnreadableFile from error
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(
            text[:2048], delimiters=";,\t"
        )
    except csv.Error:
        dialect = csv.excel
    yield from csv.reader(io.StringIO(text), dialect)


def _xlsx_rows(uploaded: File, max_rows: int) -> Iterator[list]:
    from openpyxl import load_workbook

    limit = settings.IMPORT_XLSX_MAX_UNPACKED_BYTES
    with zipfile.ZipFile(uploaded) as archive:
        if sum(info.file_size for info in archive.infolist()) > limit:
            raise TooLarge
    uploaded.seek(0)
    workbook = load_workbook(uploaded, read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        declared = _declared_rows(sheet)
        if declared and declared > 2 * max_rows:
            raise TooManyRows  # even with half its rows empty: refused without reading
        for row in sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True):
            yield list(row)
    finally:
        workbook.close()


def cell_text(value: object) -> str:
    if type(value) is str:  # every CSV cell: the common case first (millions of calls)
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def parse_date(value: object) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = cell_text(value)
    # By hand rather than strptime (ten times slower, and 200,000 calls in a large file):
    # 2019-01-31, 31-01-2019 or 31/01/2019, day and month with one or two digits.
    match = _DATE.fullmatch(text)
    if match is None:
        return None
    if match["year"]:
        year, month, day = match["year"], match["month"], match["day"]
    else:
        year, month, day = match["year2"], match["month2"], match["day2"]
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None


_DATE = re.compile(
    r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2}| \d)"
    r"|(?P<day2>\d{1,2}| \d)(?P<sep>[-/])(?P<month2>\d{1,2})(?P=sep)(?P<year2>\d{4})",
    re.ASCII,
)


def parse_value(value: object) -> Decimal | None:
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return Decimal(str(value))
    text = cell_text(value).replace(" ", "").replace("\u00a0", "")
    if "," in text and "." in text:  # 1.139,5
        text = text.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"-?\d{1,3}(\.\d{3})+", text):  # 1.139: Dutch thousands, as in forms
        text = text.replace(".", "")
    else:  # 1139,5 or 1139.5 (a file written by a program)
        text = text.replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def parse_kind(value: object) -> str | None:
    return _KINDS.get(cell_text(value).lower())


_KINDS: dict[str, str] = {
    **{choice.label.lower(): choice.value for choice in PeriodKind},
    **{choice.value: choice.value for choice in PeriodKind},
    "deel van een jaar": PeriodKind.PART,
    "deeljaar": PeriodKind.PART,
}


def _declared_rows(sheet: Any) -> int | None:
    """The row count the sheet's <dimension> declares, when the writer gave one (cheap: no
    rows are read); None when it gave none."""
    try:
        return sheet.max_row
    except Exception:  # an unsized sheet: count while streaming instead
        return None
