"""Importing measurements (journey 4): a CSV or xlsx upload, checked row by row, then
written all or nothing.

- `parse_measurements(file, region) -> (rows, errors)` reads a CSV or xlsx upload and checks
  every row; nothing is written.
- `import_measurements(rows, region)` writes them all or nothing, upserting on the natural
  key (indicator, municipality or region, period start, period end), so importing the same
  file twice changes nothing.
- The page's flow (`start_upload`, `confirm`, `retry`; the background jobs `check_stored`
  and `import_stored`): a file of at most IMPORT_SYNC_MAX_ROWS rows is checked in the
  request and imported on confirmation, as it always was; a larger one (up to
  IMPORT_MAX_ROWS) is stored, checked by a job through the outbox, and imported by another
  after confirmation, with progress on the page (`progress.py`).
"""

from __future__ import annotations

import datetime
import io
import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass
from decimal import Decimal

from django.conf import settings
from django.core.files.base import File
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from ghnt_portal import outbox
from ghnt_portal.observability.metrics import IMPORT_ROWS
from ghnt_portal.periods import HalfYear, Quarter
from ghnt_portal.validators import looks_like_bsn, text_problem
from programmes.models import Municipality, Region

from ..constants import COUNT_UNIT, PeriodKind
from ..dashboard import cache as dashboard_cache
from ..models import Indicator, Measurement
from . import progress as job_progress
from .models import ImportBatch, ImportPhase
from .reading import (
    COLUMN_NAMES,
    COLUMNS,
    PROGRESS_EVERY,
    REQUIRED,
    TooLarge,
    TooManyRows,
    cell_text,
    parse_date,
    parse_kind,
    parse_value,
    read_table,
)

# At most this many errors are kept with a batch and shown (with the total count).
ERRORS_KEPT = 200
# A large file's batch keeps this many checked rows for the preview.
PREVIEW_ROWS = 100

# (stage, rows done, rows in all or None): "read", "checked", "imported".
Progress = Callable[[str, int, int | None], None]


def dutch_number(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def too_many_rows_message() -> str:
    return f"Het bestand heeft meer dan {dutch_number(settings.IMPORT_MAX_ROWS)} regels."


def too_large_message() -> str:
    return (
        f"Het bestand is uitgepakt groter dan "
        f"{settings.IMPORT_XLSX_MAX_UNPACKED_BYTES // (1024 * 1024)} MB; sla het op als CSV "
        f"(een CSV-bestand mag {dutch_number(settings.IMPORT_MAX_ROWS)} regels hebben)."
    )


logger = logging.getLogger(__name__)

MONTHS = [
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
]  # fmt: skip
REGION_WORDS = {"", "regio", "totaal", "eindtotaal"}


@dataclass(frozen=True)
class RowError:
    row: int  # row number as in the spreadsheet (the header is row 1)
    column: str
    message: str

    def as_dict(self) -> dict:
        return asdict(self)


class ImportRejected(Exception):
    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        super().__init__(f"{len(errors)} fouten")


def _period_error(kind: str, start: datetime.date, end: datetime.date) -> str | None:
    if end < start:
        return "Het einde van de periode ligt vóór het begin."
    if kind == PeriodKind.YEAR:
        if (start.month, start.day, end.month, end.day) != (1, 1, 12, 31) or start.year != end.year:
            return "Een jaar loopt van 1 januari tot en met 31 december van hetzelfde jaar."
    elif kind == PeriodKind.HALF_YEAR:
        half = HalfYear.of(start)
        if (start, end) != (half.start, half.end):
            return "Een halfjaar loopt van 1 januari t/m 30 juni of van 1 juli t/m 31 december."
    elif kind == PeriodKind.QUARTER:
        quarter = Quarter.of(start)
        if (start, end) != (quarter.start, quarter.end):
            return "Een kwartaal begint op de eerste dag en eindigt op de laatste dag ervan."
    elif kind == PeriodKind.PART and start.year != end.year:
        return "Een deel van een jaar ligt binnen één kalenderjaar."
    return None


def default_period_label(kind: str, start: datetime.date, end: datetime.date) -> str:
    if kind == PeriodKind.YEAR:
        return str(start.year)
    if kind == PeriodKind.HALF_YEAR:
        return str(HalfYear.of(start))
    if kind == PeriodKind.QUARTER:
        return str(Quarter.of(start))
    if start.month == 1 and start.day == 1:
        return f"t/m {MONTHS[end.month - 1]} {end.year}"
    return f"{_dmy(start)} t/m {_dmy(end)}"


def _dmy(day: datetime.date) -> str:
    return f"{day.day:02d}-{day.month:02d}-{day.year:04d}"  # strftime is slower, per row


def parse_measurements(
    uploaded: File, region: Region, progress: Progress | None = None
) -> tuple[list[dict], list[RowError]]:
    """Read and check every row of an upload for `region`; nothing is written.

    Returns JSON-ready rows and a list of errors, each with the row number, the column and
    what is wrong in Dutch. A file with any error must not be imported.
    """
    try:
        table = _read(uploaded, settings.IMPORT_MAX_ROWS, progress)
    except TooManyRows:
        return [], [RowError(1, "bestand", too_many_rows_message())]
    except _Unreadable as unreadable:
        return [], [unreadable.error]
    return _check_table(table, region, progress)


class _Unreadable(Exception):
    def __init__(self, error: RowError) -> None:
        self.error = error


def _read(uploaded: File, max_rows: int, progress: Progress | None = None) -> list[list]:
    """The table of the upload; TooManyRows past `max_rows`, _Unreadable with the Dutch
    error for a file that cannot be read."""
    on_row = (lambda n: progress("read", n, None)) if progress else None
    try:
        return read_table(uploaded, max_rows, on_row)
    except TooManyRows:
        raise
    except TooLarge as error:
        raise _Unreadable(RowError(1, "bestand", too_large_message())) from error
    except Exception as error:  # a corrupt xlsx or an unreadable file is input, not a 500
        raise _Unreadable(
            RowError(1, "bestand", "Het bestand kan niet worden gelezen als CSV of xlsx.")
        ) from error


def _check_table(
    table: list[list], region: Region, progress: Progress | None = None
) -> tuple[list[dict], list[RowError]]:
    if not table:
        return [], [RowError(1, "bestand", "Het bestand is leeg.")]
    header = [cell_text(c).lower() for c in table[0]]
    positions = {}
    for key, names in COLUMNS.items():
        for i, name in enumerate(header):
            if name in names:
                positions[key] = i
                break
    missing = [k for k in REQUIRED if k not in positions]
    if missing:
        return [], [
            RowError(1, COLUMN_NAMES[k], f"De kolom '{COLUMN_NAMES[k]}' ontbreekt in de kopregel.")
            for k in missing
        ]
    raw_rows = []
    for number, row in enumerate(table[1:], start=2):
        cells = {k: (row[i] if i < len(row) else None) for k, i in positions.items()}
        cells["row"] = number
        raw_rows.append(cells)
    rows, errors = _validate(raw_rows, region, progress)
    IMPORT_ROWS.labels("rejected").inc(len({e.row for e in errors}))
    return rows, errors


@dataclass(frozen=True)
class _Lookups:
    """What every row of one region's upload is checked against (read once per upload)."""

    region: Region
    indicators: dict[str, Indicator]
    by_code: dict[str, Municipality]
    by_name: dict[str, Municipality]
    region_names: frozenset[str]

    @classmethod
    def of(cls, region: Region) -> _Lookups:
        municipalities = list(Municipality.objects.filter(region=region))
        return cls(
            region=region,
            indicators={i.code: i for i in Indicator.objects.all()},
            by_code={m.cbs_code.upper(): m for m in municipalities},
            by_name={m.name.lower(): m for m in municipalities},
            region_names=frozenset(
                REGION_WORDS | {region.name.lower(), f"regio {region.name.lower()}", region.slug}
            ),
        )


def _validate(
    raw_rows: list[dict], region: Region, progress: Progress | None = None
) -> tuple[list[dict], list[RowError]]:
    lookups = _Lookups.of(region)
    rows: list[dict] = []
    errors: list[RowError] = []
    seen: dict[tuple, int] = {}
    total = len(raw_rows)
    for done, cells in enumerate(raw_rows):
        if progress is not None and done and done % PROGRESS_EVERY == 0:
            progress("checked", done, total)
        row, row_errors = _check_row(cells, lookups)
        if row is None:
            errors.extend(row_errors)
            continue
        key = (row["indicator"], row["municipality_id"], row["period_start"], row["period_end"])
        if key in seen:
            errors.append(
                RowError(
                    row["row"],
                    "einde",
                    f"Deze indicator, dit gebied en deze periode staan al in rij {seen[key]}.",
                )
            )
            continue
        seen[key] = row["row"]
        rows.append(row)
    return rows, errors


def _check_row(cells: dict, lookups: _Lookups) -> tuple[dict | None, list[RowError]]:
    """One row as JSON-ready dict, or None and what is wrong with it (every column)."""
    n = cells["row"]
    row_errors: list[RowError] = []

    def err(column: str, message: str) -> None:
        row_errors.append(RowError(n, column, message))

    texts = {key: cell_text(cells.get(key)) for key in COLUMN_NAMES}
    # A NUL character or a BSN in any cell: say so without repeating the cell's text (it is
    # kept in the batch's errors) and check nothing else in this row. The row's cells are
    # looked at joined first ("|" is no digit or separator, so no BSN spans two cells): one
    # check per row instead of eight for the rows without a problem.
    joined = "|".join(texts.values())
    if "\x00" in joined or looks_like_bsn(joined):
        for key, column in COLUMN_NAMES.items():
            problem = text_problem(texts[key])
            if problem:
                err(column, problem)
    if row_errors:
        return None, row_errors

    indicator = lookups.indicators.get(texts["indicator"])
    if indicator is None:
        err(
            "indicator",
            f"Onbekende indicator '{texts['indicator']}'; gebruik een code als "
            "politie-incidenten-hg.",
        )
    area_text = texts["area"]
    municipality = lookups.by_code.get(area_text.upper()) or lookups.by_name.get(area_text.lower())
    if municipality is None and area_text.lower() not in lookups.region_names:
        err(
            "gemeente",
            f"'{area_text}' is geen gemeente van regio {lookups.region.name}; gebruik de "
            "CBS-code of de naam, of laat leeg voor de hele regio.",
        )
    kind = parse_kind(texts["period_kind"])
    if kind is None:
        err(
            "soort periode",
            f"Onbekende soort periode '{texts['period_kind']}'; kies jaar, "
            "halfjaar, kwartaal of deelperiode.",
        )
    start = parse_date(cells.get("period_start"))
    end = parse_date(cells.get("period_end"))
    if start is None:
        err("begin", "Geen geldige datum; gebruik bijvoorbeeld 2019-01-01 of 01-01-2019.")
    if end is None:
        err("einde", "Geen geldige datum; gebruik bijvoorbeeld 2019-12-31 of 31-12-2019.")
    if start and end and kind:
        problem = _period_error(kind, start, end)
        if problem:
            err("einde", problem)
    value = parse_value(cells.get("value"))
    problem = _value_error(cells.get("value"), value, indicator)
    if problem:
        err("waarde", problem)
    if row_errors or not (indicator and kind and start and end and value is not None):
        return None, row_errors
    return {
        "row": n,
        "indicator": indicator.code,
        "indicator_name": indicator.name,
        "municipality_id": municipality.pk if municipality else None,
        "area": municipality.name if municipality else f"Regio {lookups.region.name}",
        "period_kind": kind,
        "period_start": start.isoformat(),
        "period_end": end.isoformat(),
        "period_label": texts["period_label"][:60] or default_period_label(kind, start, end),
        "value": str(int(value)) if value == value.to_integral_value() else str(value),
        "note": texts["note"][:200],
    }, []


def _value_error(cell: object, value: Decimal | None, indicator: Indicator | None) -> str | None:
    if value is None:
        return f"'{cell_text(cell)}' is geen getal."
    if value < 0:
        return "Een waarde kan niet negatief zijn."
    if indicator and indicator.unit == COUNT_UNIT and value != value.to_integral_value():
        return "Een aantal is een geheel getal (schrijf 1139, niet 1.139)."
    if value >= Decimal("1e12"):
        return "Deze waarde is te groot."
    return None


def _revalidate(rows: list[dict], region: Region) -> list[dict]:
    """Check stored rows again at confirmation: the data may have changed since the preview."""
    codes = dict(Municipality.objects.filter(region=region).values_list("pk", "cbs_code"))
    raw = [
        {
            "row": r["row"],
            "indicator": r["indicator"],
            "area": _area_key(r, codes),
            "period_kind": r["period_kind"],
            "period_start": r["period_start"],
            "period_end": r["period_end"],
            "period_label": r["period_label"],
            "value": r["value"],
            "note": r.get("note", ""),
        }
        for r in rows
    ]
    checked, errors = _validate(raw, region)
    if errors:
        raise ImportRejected(errors)
    return checked


def _area_key(row: dict, codes: dict[int, str]) -> str:
    """The area column again: the CBS code of the row's municipality, or the region."""
    if row.get("municipality_id") is None:
        return "regio"
    code = codes.get(row["municipality_id"])
    return code if code else f"onbekende gemeente {row['municipality_id']}"


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def as_dict(self) -> dict:
        return asdict(self)


BATCH_SIZE = 1000
VALUE_FIELDS = ("period_kind", "period_label", "value", "note")


def import_measurements(
    rows: list[dict],
    region: Region,
    *,
    checked: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Write all rows or none; an existing measurement with the same key is updated in place.

    A few queries per thousand rows: the existing measurements of the region in the file's
    date range are read (and locked) in one query, then new ones are inserted and changed
    ones updated in batches, all inside one transaction. Rows kept since a preview are
    checked again (the data may have changed); `checked=True` for rows just returned by
    `parse_measurements`.
    """
    if not checked:
        rows = _revalidate(rows, region)
    result = ImportResult()
    if not rows:
        return result
    indicators = {i.code: i.pk for i in Indicator.objects.all()}
    first = min(r["period_start"] for r in rows)
    last = max(r["period_end"] for r in rows)
    to_create: list[tuple] = []  # NEW_COLUMNS, in order
    to_update: list[Measurement] = []
    with transaction.atomic():
        # Lock the measurements only: PostgreSQL refuses FOR UPDATE on the outer-joined
        # municipality (SQLite ignores it, so only the PostgreSQL run caught this).
        existing = {
            (m.indicator_id, m.municipality_id, m.period_start, m.period_end): m
            for m in Measurement.objects.select_for_update(of=("self",))
            .filter(Q(region=region) | Q(municipality__region=region))
            .filter(period_start__gte=first, period_end__lte=last)
            .only("pk", "indicator_id", "municipality_id", "period_start", "period_end",
                  *VALUE_FIELDS)
            .order_by()
            .iterator(chunk_size=BATCH_SIZE)
        }  # fmt: skip
        for row in rows:
            indicator_id = indicators[row["indicator"]]
            start = datetime.date.fromisoformat(row["period_start"])
            end = datetime.date.fromisoformat(row["period_end"])
            values = {
                "period_kind": row["period_kind"],
                "period_label": row["period_label"],
                "value": Decimal(row["value"]),
                "note": row.get("note", ""),
            }
            found = existing.get((indicator_id, row["municipality_id"], start, end))
            if found is None:
                to_create.append(
                    (
                        indicator_id,
                        row["municipality_id"],
                        None if row["municipality_id"] else region.pk,
                        start,
                        end,
                        values["period_kind"],
                        values["period_label"],
                        values["value"],
                        values["note"],
                    )
                )
            elif any(getattr(found, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(found, k, v)
                to_update.append(found)
            else:
                result.unchanged += 1
        total = len(to_create) + len(to_update)
        for done in range(0, len(to_create), PROGRESS_EVERY):
            _insert_new(to_create[done : done + PROGRESS_EVERY])
            if progress is not None:
                progress("imported", min(done + PROGRESS_EVERY, len(to_create)), total)
        Measurement.objects.bulk_update(to_update, VALUE_FIELDS, batch_size=BATCH_SIZE)
        if to_create or to_update:
            # bulk_create and bulk_update send no signals: the region's dashboards are
            # stale now (monitoring/dashboard/cache.py).
            dashboard_cache.bump(region_id=region.pk)
    result.created = len(to_create)
    result.updated = len(to_update)
    for outcome, count in result.as_dict().items():  # created, updated, unchanged
        IMPORT_ROWS.labels(outcome).inc(count)
    return result


NEW_COLUMNS = (
    "indicator_id", "municipality_id", "region_id", "period_start", "period_end",
    "period_kind", "period_label", "value", "note",
)  # fmt: skip


def _insert_new(rows: list[tuple]) -> None:
    """Insert new measurements (tuples of NEW_COLUMNS). On PostgreSQL with COPY: a large
    file's rows cost no model instances and no compiled INSERTs (about ten times faster than
    bulk_create here); the values were checked row by row before, and the table's
    constraints still hold. Other databases: bulk_create."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        Measurement.objects.bulk_create(
            [Measurement(**dict(zip(NEW_COLUMNS, row, strict=True))) for row in rows],
            batch_size=BATCH_SIZE,
        )
        return
    buffer = io.StringIO()
    buffer.writelines(_copy_line(*row) for row in rows)
    buffer.seek(0)
    table = connection.ops.quote_name(Measurement._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in NEW_COLUMNS)
    with connection.cursor() as cursor:
        cursor.copy_expert(
            f"COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv, DELIMITER '|')", buffer
        )


def _copy_line(
    indicator_id: int,
    municipality_id: int | None,
    region_id: int | None,
    start: datetime.date,
    end: datetime.date,
    kind: str,
    label: str,
    value: Decimal,
    note: str,
) -> str:
    """One row in COPY's CSV format (NEW_COLUMNS): NULL unquoted and empty, every text
    quoted (so an empty text is not NULL), dates and numbers as Python writes them."""
    return (
        f"{indicator_id}|{'' if municipality_id is None else municipality_id}|"
        f"{'' if region_id is None else region_id}|{start}|{end}|{_quoted(kind)}|"
        f"{_quoted(label)}|{value}|{_quoted(note)}\n"
    )


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


# --- the page's flow: small files in the request, large ones in the background -------------


def outbox_key(batch_id: int) -> str:
    """Under this key the import page finds the state of the batch's background job."""
    return f"import:{batch_id}"


def _errors_kept(errors: list[RowError]) -> list[dict]:
    return [e.as_dict() for e in errors[:ERRORS_KEPT]]


def start_upload(uploaded: File, region: Region, user) -> ImportBatch:
    """A new batch for an upload. Up to IMPORT_SYNC_MAX_ROWS rows it is checked here and
    now (the preview is ready); a larger file is stored and checked by a background job,
    recorded in this transaction (the outbox)."""
    filename = (uploaded.name or "")[:200]
    try:
        table = _read(uploaded, settings.IMPORT_SYNC_MAX_ROWS)
    except TooManyRows:
        uploaded.seek(0)
        with transaction.atomic():
            batch = ImportBatch(
                region=region, uploaded_by=user, filename=filename, phase=ImportPhase.CHECKING
            )
            batch.file.save(filename or "metingen.csv", uploaded, save=False)
            batch.save()
            _enqueue(batch, "check")
        return batch
    except _Unreadable as unreadable:
        rows: list[dict] = []
        errors = [unreadable.error]
    else:
        rows, errors = _check_table(table, region)
    return ImportBatch.objects.create(
        region=region,
        uploaded_by=user,
        filename=filename,
        rows=rows,
        row_count=len(rows),
        errors=_errors_kept(errors),
        error_count=len(errors),
    )


def _enqueue(batch: ImportBatch, job: str) -> None:
    from .tasks import check_import, run_import

    task = check_import if job == "check" else run_import
    outbox.enqueue(task, batch.pk, key=outbox_key(batch.pk))


def confirm(batch: ImportBatch) -> ImportResult | None:
    """The projectleider confirms a valid preview. A small batch is imported here (the
    result returned; ImportRejected when the data changed since the preview); a large one
    is handed to the background (None)."""
    if not batch.in_background:
        result = import_measurements(batch.rows, batch.region)
        batch.imported_at = timezone.now()
        batch.result = result.as_dict()
        batch.phase = ImportPhase.IMPORTED
        batch.save(update_fields=["imported_at", "result", "phase"])
        return result
    with transaction.atomic():
        claimed = ImportBatch.objects.filter(pk=batch.pk, phase=ImportPhase.CHECKED).update(
            phase=ImportPhase.IMPORTING, failure=""
        )
        if claimed:
            _enqueue(batch, "import")
    batch.refresh_from_db()
    return None


def retry(batch: ImportBatch) -> bool:
    """Start a failed background job again: the check when it never finished, else the
    import. False when there is nothing to retry (the file is gone)."""
    if not (batch.phase == ImportPhase.FAILED or stalled(batch)) or not batch.file:
        return False
    job = "check" if batch.row_count is None else "import"
    phase = ImportPhase.CHECKING if job == "check" else ImportPhase.IMPORTING
    with transaction.atomic():
        ImportBatch.objects.filter(pk=batch.pk).update(phase=phase, failure="")
        _enqueue(batch, job)
    job_progress.clear(batch.pk)
    batch.refresh_from_db()
    return True


def stalled(batch: ImportBatch, task=None) -> bool:
    """A busy batch whose job the outbox gave up (its worker died every time, or it ran past
    its time limit): it will never finish, so the page says it failed and offers a retry."""
    if not batch.is_busy:
        return False
    task = task if task is not None else outbox.latest(outbox_key(batch.pk))
    return task is None or task.state == "failed"


def _stored_file(batch: ImportBatch) -> File:
    file = batch.file.open("rb")
    file.name = batch.file.name  # its extension says CSV or xlsx
    return file


def _on_progress(batch_id: int) -> Progress:
    def report(stage: str, done: int, total: int | None) -> None:
        job_progress.report(batch_id, stage, done, total)

    return report


def check_stored(batch_id: int) -> None:
    """The background check of a stored file: every row read and checked, the first rows
    kept for the preview, the errors (the first ERRORS_KEPT and their number). Nothing is
    imported. Run twice, the second run finds the batch checked and does nothing."""
    batch = ImportBatch.objects.select_related("region").get(pk=batch_id)
    if batch.phase != ImportPhase.CHECKING:
        return
    with _stored_file(batch) as file:
        rows, errors = parse_measurements(file, batch.region, _on_progress(batch_id))
    ImportBatch.objects.filter(pk=batch_id, phase=ImportPhase.CHECKING).update(
        phase=ImportPhase.CHECKED,
        rows=rows[:PREVIEW_ROWS],
        row_count=len(rows),
        errors=_errors_kept(errors),
        error_count=len(errors),
    )
    if errors:  # nothing of it can be imported: the user fixes the file and uploads it again
        _delete_file(batch)


def import_stored(batch_id: int) -> None:
    """The background import of a confirmed, stored file: read and checked again (the data
    may have changed since the check), then written all or nothing; the batch is marked
    imported in the same transaction. Run twice, the second run finds it imported."""
    batch = ImportBatch.objects.select_related("region").get(pk=batch_id)
    if batch.phase != ImportPhase.IMPORTING:
        return
    report = _on_progress(batch_id)
    with _stored_file(batch) as file:
        rows, errors = parse_measurements(file, batch.region, report)
    if errors:
        ImportBatch.objects.filter(pk=batch_id, phase=ImportPhase.IMPORTING).update(
            phase=ImportPhase.CHECKED, errors=_errors_kept(errors), error_count=len(errors)
        )
        return
    with transaction.atomic():
        result = import_measurements(rows, batch.region, checked=True, progress=report)
        ImportBatch.objects.filter(pk=batch_id).update(
            phase=ImportPhase.IMPORTED, imported_at=timezone.now(), result=result.as_dict()
        )
    _delete_file(batch)


def fail(batch_id: int, exc: BaseException) -> None:
    """A job broke (not the file's rows: those are errors): nothing was imported; the page
    says so and offers a retry."""
    ImportBatch.objects.filter(pk=batch_id, phase__in=BUSY).update(
        phase=ImportPhase.FAILED, failure=f"{type(exc).__name__}: {exc}"[:2000]
    )


BUSY = (ImportPhase.CHECKING, ImportPhase.IMPORTING)


def _delete_file(batch: ImportBatch) -> None:
    """The stored upload is not kept once imported or refused (storage limitation)."""
    name = batch.file.name
    if not name:
        return
    ImportBatch.objects.filter(pk=batch.pk).update(file="")
    try:
        batch.file.storage.delete(name)
    except Exception:  # the storage is away: an orphan file, logged, never a failed import
        logger.warning("Importbestand %s niet verwijderd", name, exc_info=True)


# A large file checked but never confirmed is not kept longer than this (storage limitation).
KEEP_UNCONFIRMED = datetime.timedelta(days=7)
NOT_KEPT = (
    "Het bestand is niet binnen 7 dagen bevestigd en daarom niet meer bewaard; upload het opnieuw."
)


def forget_unconfirmed(now: datetime.datetime | None = None) -> int:
    """Delete the stored files of large uploads checked (or failed) more than
    KEEP_UNCONFIRMED ago and never imported; their pages then say so. Returns how many.
    Run twice, the second run finds nothing."""
    now = now or timezone.now()
    stale = ImportBatch.objects.filter(
        phase__in=(ImportPhase.CHECKED, ImportPhase.FAILED),
        imported_at__isnull=True,
        created_at__lt=now - KEEP_UNCONFIRMED,
    ).exclude(file="")
    forgotten = 0
    for batch in stale.only("pk", "file", "phase"):
        _delete_file(batch)
        ImportBatch.objects.filter(pk=batch.pk).update(
            phase=ImportPhase.CHECKED,
            errors=[RowError(1, "bestand", NOT_KEPT).as_dict()],
            error_count=1,
        )
        forgotten += 1
    if forgotten:
        logger.info("%d niet bevestigde importbestanden verwijderd", forgotten)
    return forgotten
