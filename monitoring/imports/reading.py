"""Reading an upload of measurements: the table of a CSV or xlsx file and its cells.

Only reading; what a row must satisfy is checked in services.py. `parse_value` is the one
place that reads Dutch-written numbers (1.139,5).
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

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


def read_table(uploaded: File) -> Iterator[list]:
    """The rows of an upload, one at a time (an xlsx is read in openpyxl's streaming mode)."""
    name = (getattr(uploaded, "name", "") or "").lower()
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        workbook = load_workbook(uploaded, read_only=True, data_only=True)
        try:
            for row in workbook.worksheets[0].iter_rows(values_only=True):
                yield list(row)
        finally:
            workbook.close()
        return
    raw = uploaded.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    del raw
    try:
        dialect = csv.Sniffer().sniff(text[:2048], delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    yield from csv.reader(io.StringIO(text), dialect)


def cell_text(value: object) -> str:
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
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


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
    text = cell_text(value).lower()
    for choice in PeriodKind:
        if text in (choice.value, choice.label.lower()):
            return choice.value
    return {"deel van een jaar": PeriodKind.PART, "deeljaar": PeriodKind.PART}.get(text)
