"""Monitoring services: importing measurements and the dashboard's data as a plain dict.

- `parse_measurements(file, region) -> (rows, errors)` reads a CSV or xlsx upload and checks
  every row; `import_measurements(rows, region)` writes them all or nothing, upserting on the
  natural key (indicator, municipality or region, period start, period end), so importing
  the same file twice changes nothing.
- `dashboard_data(programme)` is everything the dashboard shows, as a JSON-ready dict with
  the real values. The progress report freezes exactly this dict in
  `ProgressReport.snapshot["dashboard"]`; `monitoring.dashboard.present()` applies
  suppression and filters to a live or frozen dict alike.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import logging
import traceback
from dataclasses import asdict, dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Avg, Case, Count, F, IntegerField, Max, Q, Value, When
from django.utils import timezone

from actions.constants import ActionStatus, MilestoneState
from actions.models import Action, BudgetLine, Milestone
from ghnt_portal.pdf import render_to_pdf
from ghnt_portal.periods import HalfYear, Quarter
from programmes.constants import PUBLISHED_STATUSES
from programmes.models import ActionLine, Municipality, Programme, Region

from .constants import GenerationState, PeriodKind, ReportStatus
from .dashboard import present
from .models import Indicator, Measurement, ProgressReport, ReportDownload
from .snapshot import build_snapshot, diff_snapshots

DASHBOARD_VERSION = 1
MAX_ROWS = 5000

# ---------------------------------------------------------------------------------------
# Import
# ---------------------------------------------------------------------------------------

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

    def as_dict(self):
        return asdict(self)


class ImportRejected(Exception):
    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__(f"{len(errors)} fouten")


def _read_table(uploaded) -> list[list]:
    name = (getattr(uploaded, "name", "") or "").lower()
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        workbook = load_workbook(uploaded, read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    raw = uploaded.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    try:
        dialect = csv.Sniffer().sniff(text[:2048], delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    return [row for row in csv.reader(io.StringIO(text), dialect)]


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _parse_date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _parse_value(value) -> Decimal | None:
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return Decimal(str(value))
    text = _text(value).replace(" ", "")
    if "," in text and "." in text:  # 1.139,5
        text = text.replace(".", "").replace(",", ".")
    else:
        text = text.replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _kind(value) -> str | None:
    text = _text(value).lower()
    for choice in PeriodKind:
        if text in (choice.value, choice.label.lower()):
            return choice.value
    return {"deel van een jaar": PeriodKind.PART, "deeljaar": PeriodKind.PART}.get(text)


def _period_error(kind, start, end) -> str | None:
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


def default_period_label(kind, start: datetime.date, end: datetime.date) -> str:
    if kind == PeriodKind.YEAR:
        return str(start.year)
    if kind == PeriodKind.HALF_YEAR:
        return str(HalfYear.of(start))
    if kind == PeriodKind.QUARTER:
        return str(Quarter.of(start))
    if start.month == 1 and start.day == 1:
        return f"t/m {MONTHS[end.month - 1]} {end.year}"
    return f"{start:%d-%m-%Y} t/m {end:%d-%m-%Y}"


def parse_measurements(uploaded, region: Region) -> tuple[list[dict], list[RowError]]:
    """Read and check every row of an upload for `region`; nothing is written.

    Returns JSON-ready rows and a list of errors, each with the row number, the column and
    what is wrong in Dutch. A file with any error must not be imported.
    """
    try:
        table = _read_table(uploaded)
    except Exception:  # a corrupt xlsx or an unreadable file is the user's input, not a 500
        return [], [RowError(1, "bestand", "Het bestand kan niet worden gelezen als CSV of xlsx.")]
    table = [row for row in table if any(_text(c) for c in row)]
    if not table:
        return [], [RowError(1, "bestand", "Het bestand is leeg.")]
    header = [_text(c).lower() for c in table[0]]
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
    if len(table) - 1 > MAX_ROWS:
        return [], [RowError(1, "bestand", f"Het bestand heeft meer dan {MAX_ROWS} regels.")]
    raw_rows = []
    for number, row in enumerate(table[1:], start=2):
        cells = {k: (row[i] if i < len(row) else None) for k, i in positions.items()}
        cells["row"] = number
        raw_rows.append(cells)
    return _validate(raw_rows, region)


def _validate(raw_rows: list[dict], region: Region) -> tuple[list[dict], list[RowError]]:
    indicators = {i.code: i for i in Indicator.objects.all()}
    municipalities = list(Municipality.objects.filter(region=region))
    by_code = {m.cbs_code.upper(): m for m in municipalities}
    by_name = {m.name.lower(): m for m in municipalities}
    region_names = REGION_WORDS | {region.name.lower(), f"regio {region.name.lower()}", region.slug}
    rows, errors, seen = [], [], {}
    for cells in raw_rows:
        n = cells["row"]
        row_errors = []

        def err(column, message, n=n, row_errors=row_errors):
            row_errors.append(RowError(n, column, message))

        indicator = indicators.get(_text(cells.get("indicator")))
        if indicator is None:
            err(
                "indicator",
                f"Onbekende indicator '{_text(cells.get('indicator'))}'; gebruik een code als "
                "politie-incidenten-hg.",
            )
        area_text = _text(cells.get("area"))
        municipality = by_code.get(area_text.upper()) or by_name.get(area_text.lower())
        if municipality is None and area_text.lower() not in region_names:
            err(
                "gemeente",
                f"'{area_text}' is geen gemeente van regio {region.name}; gebruik de CBS-code "
                "of de naam, of laat leeg voor de hele regio.",
            )
        kind = _kind(cells.get("period_kind"))
        if kind is None:
            err(
                "soort periode",
                f"Onbekende soort periode '{_text(cells.get('period_kind'))}'; kies jaar, "
                "halfjaar, kwartaal of deelperiode.",
            )
        start = _parse_date(cells.get("period_start"))
        end = _parse_date(cells.get("period_end"))
        if start is None:
            err("begin", "Geen geldige datum; gebruik bijvoorbeeld 2019-01-01 of 01-01-2019.")
        if end is None:
            err("einde", "Geen geldige datum; gebruik bijvoorbeeld 2019-12-31 of 31-12-2019.")
        if start and end and kind:
            problem = _period_error(kind, start, end)
            if problem:
                err("einde", problem)
        value = _parse_value(cells.get("value"))
        if value is None:
            err("waarde", f"'{_text(cells.get('value'))}' is geen getal.")
        elif value < 0:
            err("waarde", "Een waarde kan niet negatief zijn.")
        elif indicator and indicator.unit == "aantal" and value != value.to_integral_value():
            err("waarde", "Een aantal is een geheel getal (schrijf 1139, niet 1.139).")
        elif value >= Decimal("1e12"):
            err("waarde", "Deze waarde is te groot.")
        label = _text(cells.get("period_label"))[:60]
        note = _text(cells.get("note"))[:200]
        if not row_errors:
            key = (indicator.code, municipality.pk if municipality else None, start, end)
            if key in seen:
                err(
                    "einde",
                    f"Deze indicator, dit gebied en deze periode staan al in rij {seen[key]}.",
                )
            else:
                seen[key] = n
        if row_errors:
            errors.extend(row_errors)
            continue
        rows.append(
            {
                "row": n,
                "indicator": indicator.code,
                "indicator_name": indicator.name,
                "municipality_id": municipality.pk if municipality else None,
                "area": municipality.name if municipality else f"Regio {region.name}",
                "period_kind": kind,
                "period_start": start.isoformat(),
                "period_end": end.isoformat(),
                "period_label": label or default_period_label(kind, start, end),
                "value": str(int(value)) if value == value.to_integral_value() else str(value),
                "note": note,
            }
        )
    return rows, errors


def _revalidate(rows: list[dict], region: Region) -> list[dict]:
    """Check stored rows again at confirmation: the data may have changed since the preview."""
    raw = [
        {
            "row": r["row"],
            "indicator": r["indicator"],
            "area": _area_key(r, region),
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


def _area_key(row, region):
    if row.get("municipality_id") is None:
        return "regio"
    municipality = Municipality.objects.filter(pk=row["municipality_id"], region=region).first()
    return municipality.cbs_code if municipality else f"onbekende gemeente {row['municipality_id']}"


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def as_dict(self):
        return asdict(self)


def import_measurements(rows: list[dict], region: Region) -> ImportResult:
    """Write all rows or none; an existing measurement with the same key is updated in place."""
    rows = _revalidate(rows, region)
    result = ImportResult()
    indicators = {i.code: i for i in Indicator.objects.all()}
    with transaction.atomic():
        # Lock the measurements only: PostgreSQL refuses FOR UPDATE on the outer-joined
        # municipality (SQLite ignores it, so only the PostgreSQL run caught this).
        existing = {
            (m.indicator_id, m.municipality_id, m.period_start, m.period_end): m
            for m in Measurement.objects.select_for_update(of=("self",))
            .filter(Q(region=region) | Q(municipality__in=region.municipalities.all()))
            .order_by()
        }
        for row in rows:
            indicator = indicators[row["indicator"]]
            start = datetime.date.fromisoformat(row["period_start"])
            end = datetime.date.fromisoformat(row["period_end"])
            values = {
                "period_kind": row["period_kind"],
                "period_label": row["period_label"],
                "value": Decimal(row["value"]),
                "note": row.get("note", ""),
            }
            found = existing.get((indicator.pk, row["municipality_id"], start, end))
            if found is None:
                Measurement.objects.create(
                    indicator=indicator,
                    municipality_id=row["municipality_id"],
                    region=None if row["municipality_id"] else region,
                    period_start=start,
                    period_end=end,
                    **values,
                )
                result.created += 1
            elif any(getattr(found, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(found, k, v)
                found.save(update_fields=list(values))
                result.updated += 1
            else:
                result.unchanged += 1
    return result


# ---------------------------------------------------------------------------------------
# Dashboard data
# ---------------------------------------------------------------------------------------

PROGRESS_RULE = (
    "Voortgang van een actielijn = de gemiddelde voortgang van haar acties; afgeronde acties "
    "tellen als 100%, vervallen acties tellen niet mee."
)


def _number(value):
    if value is None:
        return None
    value = Decimal(str(value))
    return int(value) if value == value.to_integral_value() else float(round(value, 1))


def _money(value) -> str:
    return str(Decimal(value).quantize(Decimal("0.01")))


def effective_progress():
    """The progress an action counts with in the rollup (see PROGRESS_RULE)."""
    return Case(
        When(status=ActionStatus.DONE, then=Value(100)),
        default=F("progress"),
        output_field=IntegerField(),
    )


def action_line_progress(programme):
    """Action lines with the rollup of their actions, computed in the database."""
    counted = ~Q(actions__status=ActionStatus.CANCELLED) & Q(actions__isnull=False)
    return (
        ActionLine.objects.filter(programme=programme)
        .annotate(
            action_count=Count("actions", filter=counted),
            done_count=Count("actions", filter=Q(actions__status=ActionStatus.DONE)),
            progress_avg=Avg(
                Case(
                    When(actions__status=ActionStatus.DONE, then=Value(100)),
                    default=F("actions__progress"),
                    output_field=IntegerField(),
                ),
                filter=counted,
            ),
        )
        .order_by("order")
    )


def dashboard_data(programme: Programme, *, today: datetime.date | None = None) -> dict:
    """Everything the dashboard of `programme` shows, real values, as a JSON-ready dict.

    Queries: action lines with their rollup, the programme's overall rollup, actions per
    status, milestones, budget per funding source, the region's municipalities, measurements.
    Internal remarks (status updates, reviews) and partner notes are never part of it.
    """
    today = today or timezone.localdate()
    region = programme.region
    lines = list(action_line_progress(programme))
    actions = Action.objects.filter(programme=programme)
    overall = actions.exclude(status=ActionStatus.CANCELLED).aggregate(
        progress=Avg(effective_progress()), count=Count("pk")
    )
    status_counts = {
        row["status"]: row["n"]
        for row in actions.order_by().values("status").annotate(n=Count("pk"))
    }
    milestones = list(
        Milestone.objects.filter(programme=programme).select_related("action").order_by("order")
    )
    budget = list(BudgetLine.objects.filter(programme=programme).totals_by_funding_source())
    return {
        "version": DASHBOARD_VERSION,
        "built_at": timezone.now().isoformat(timespec="seconds"),
        "today": today.isoformat(),
        "programme": {
            "id": programme.pk,
            "title": programme.title,
            "status": programme.status,
            "status_label": programme.get_status_display(),
            "period_label": programme.period_label,
            "region_id": region.pk,
            "region": region.name,
        },
        "progress_rule": PROGRESS_RULE,
        "progress": _number(overall["progress"]) if overall["count"] else None,
        "action_lines": [
            {
                "id": line.pk,
                "order": line.order,
                "title": line.title,
                "actions": line.action_count,
                "done": line.done_count,
                "progress": _number(line.progress_avg) if line.action_count else None,
            }
            for line in lines
        ],
        "actions_by_status": [
            {"status": s.value, "label": s.label, "count": status_counts.get(s.value, 0)}
            for s in ActionStatus
        ],
        "milestones": _milestones(milestones, today),
        "budget": _budget(budget),
        "indicators": indicator_tables(region),
    }


def _milestones(milestones, today) -> dict:
    counts = {s.value: 0 for s in MilestoneState}
    items = []
    for m in milestones:
        state = m.state(today)
        counts[state.value] += 1
        items.append(
            {
                "letter": m.letter,
                "title": m.title,
                "action": m.action.code if m.action else "",
                "quarter": str(m.quarter) if m.quarter else "",
                "year": m.planned_year,
                "meeting": m.meeting_label,
                "state": state.value,
                "state_label": state.label,
            }
        )
    return {
        "counts": [
            {"state": s.value, "label": s.label, "count": counts[s.value]} for s in MilestoneState
        ],
        "items": items,
    }


def _budget(rows) -> dict:
    sources = [
        {
            "name": row["funding_source__name"],
            "planned": _money(row["planned"]),
            "realised": _money(row["realised"]),
            "capacity_lines": row["capacity_lines"],
            "pm_lines": row["pm_lines"],
        }
        for row in rows
    ]
    return {
        "sources": sources,
        "planned": _money(sum((Decimal(s["planned"]) for s in sources), Decimal(0))),
        "realised": _money(sum((Decimal(s["realised"]) for s in sources), Decimal(0))),
    }


def indicator_tables(region: Region) -> list[dict]:
    """Per indicator: rows = municipalities, columns = periods, plus the region's total row.

    The total row is the region's own measurement where there is one (as the source prints
    it); otherwise, for a period where every cell is known, the computed sum of the cells.
    """
    municipalities = list(Municipality.objects.filter(region=region).order_by("name"))
    measurements = list(
        Measurement.objects.filter(Q(region=region) | Q(municipality__region=region))
        .select_related("indicator")
        .order_by("indicator__name", "period_start", "period_end")
    )
    tables: dict[int, dict] = {}
    for m in measurements:
        table = tables.get(m.indicator_id)
        if table is None:
            table = tables[m.indicator_id] = {
                "code": m.indicator.code,
                "name": m.indicator.name,
                "unit": m.indicator.unit,
                "source": m.indicator.source,
                "threshold": m.indicator.suppression_threshold,
                "periods": {},
                "cells": {},
                "totals": {},
                "notes": [],
            }
        key = f"{m.period_start.isoformat()}_{m.period_end.isoformat()}"
        table["periods"].setdefault(
            key,
            {
                "key": key,
                "label": m.period_display,
                "kind": m.period_kind,
                "partial": m.period_kind == PeriodKind.PART,
                "year": m.period_start.year,
                "start": m.period_start.isoformat(),
                "end": m.period_end.isoformat(),
            },
        )
        if m.municipality_id:
            table["cells"].setdefault(str(m.municipality_id), {})[key] = _number(m.value)
        else:
            table["totals"][key] = _number(m.value)
        if m.note and m.note not in table["notes"]:
            table["notes"].append(m.note)
    result = []
    for table in tables.values():
        periods = list(table["periods"].values())
        has_cells = bool(table["cells"])
        rows = (
            [
                {
                    "municipality_id": muni.pk,
                    "area": muni.name,
                    "values": [table["cells"].get(str(muni.pk), {}).get(p["key"]) for p in periods],
                }
                for muni in municipalities
            ]
            if has_cells
            else []
        )
        totals, computed = [], []
        for i, p in enumerate(periods):
            if p["key"] in table["totals"]:
                totals.append(table["totals"][p["key"]])
                computed.append(False)
            elif rows and all(r["values"][i] is not None for r in rows):
                totals.append(_number(sum(Decimal(str(r["values"][i])) for r in rows)))
                computed.append(True)
            else:
                totals.append(None)
                computed.append(False)
        result.append(
            {
                "code": table["code"],
                "name": table["name"],
                "unit": table["unit"],
                "source": table["source"],
                "threshold": table["threshold"],
                "periods": periods,
                "rows": rows,
                "total": {"area": f"Regio {region.name}", "values": totals, "computed": computed},
                "notes": table["notes"],
            }
        )
    return result


def latest_sent_report(programme: Programme, user):
    """The last sent progress report of `programme`, whose dashboard `user` may open.

    Readers of the dashboard (a raadslid too) may see its "as reported" state: only the
    report's `snapshot["dashboard"]` is shown, the same data as the live dashboard, never the
    rest of the report.
    """
    from .dashboard import dashboard_programmes

    return (
        ProgressReport.objects.filter(
            programme__in=dashboard_programmes(user),
            programme=programme,
            status=ReportStatus.SENT,
        )
        .order_by("-period", "-version")
        .first()
    )


# ---------------------------------------------------------------------------------------
# National view
# ---------------------------------------------------------------------------------------


def national_overview(user, *, today: datetime.date | None = None) -> list[dict]:
    """All regions side by side; one query per column, whatever the number of regions."""
    today = today or timezone.localdate()
    programmes = Programme.objects.visible_to(user)
    regions = list(Region.objects.visible_to(user).order_by("name"))  # 1
    per_region_programmes = {
        row["region_id"]: row
        for row in programmes.order_by()
        .values("region_id")
        .annotate(
            total=Count("pk"),
            published=Count("pk", filter=Q(status__in=PUBLISHED_STATUSES)),
        )
    }  # 2
    progress = {
        row["programme__region_id"]: row
        for row in Action.objects.filter(programme__in=programmes)
        .exclude(status=ActionStatus.CANCELLED)
        .order_by()
        .values("programme__region_id")
        .annotate(progress=Avg(effective_progress()), actions=Count("pk"))
    }  # 3
    overdue = {
        row["programme__region_id"]: row["n"]
        for row in Milestone.objects.filter(programme__in=programmes)
        .overdue(today)
        .order_by()
        .values("programme__region_id")
        .annotate(n=Count("pk"))
    }  # 4
    sent = {
        row["programme__region_id"]: row["n"]
        for row in ProgressReport.objects.visible_to(user)
        .filter(status=ReportStatus.SENT)
        .order_by()
        .values("programme__region_id")
        .annotate(n=Count("pk"))
    }  # 5
    return [
        {
            "region": region.name,
            "region_id": region.pk,
            "programmes": per_region_programmes.get(region.pk, {}).get("total", 0),
            "published": per_region_programmes.get(region.pk, {}).get("published", 0),
            "actions": progress.get(region.pk, {}).get("actions", 0),
            "progress": _number(progress.get(region.pk, {}).get("progress")),
            "overdue": overdue.get(region.pk, 0),
            "reports_sent": sent.get(region.pk, 0),
        }
        for region in regions
    ]


# --- Progress reports (voortgangsrapportages) ----------------------------------------
# Every multi-step change runs inside transaction.atomic(); the heavy part (snapshot +
# PDF) runs outside any open transaction; only the short bookkeeping takes row locks.

logger = logging.getLogger(__name__)

REPORT_TEMPLATE = "monitoring/pdf/report.html"


class ReportError(Exception):
    """A report action that is not allowed now; the message is Dutch, for the user."""


def _user(user_id):
    if user_id is None:
        return None
    return get_user_model().objects.filter(pk=user_id).first()


def request_report(programme: Programme, half: HalfYear, user=None) -> ProgressReport:
    """The report to (re)generate for this programme and period: the concept if there is
    one, else a new first version; a definitief/verzonden one is returned as is (a change
    then needs `create_correction`). Idempotent: never two concepts for one period."""
    with transaction.atomic():
        # Lock the programme so two requests for the same period cannot race.
        Programme.objects.select_for_update().filter(pk=programme.pk).first()
        reports = ProgressReport.objects.filter(programme=programme, period=half.code)
        latest = reports.order_by("-version").first()
        if latest is not None and latest.status != ReportStatus.CONCEPT:
            return latest
        if latest is None:
            latest = ProgressReport.objects.create(
                programme=programme, period=half.code, version=1, requested_by=user
            )
        else:
            latest.generation_state = GenerationState.QUEUED
            latest.failure = ""
            latest.requested_by = user or latest.requested_by
            latest.save(update_fields=["generation_state", "failure", "requested_by"])
        return latest


def previous_report(report: ProgressReport) -> ProgressReport | None:
    """The last frozen report of an earlier period: what 'changed since' compares with."""
    return (
        ProgressReport.objects.filter(programme_id=report.programme_id, period__lt=report.period)
        .frozen()
        .order_by("-period", "-version")
        .first()
    )


def report_context(report: ProgressReport, snapshot: dict | None = None) -> dict:
    snapshot = snapshot if snapshot is not None else report.snapshot
    previous = previous_report(report)
    dashboard = snapshot.get("dashboard")
    charts = present(dashboard, suppress=True)["by_section"] if dashboard else {}
    return {
        "report": report,
        "s": snapshot,
        "changes": diff_snapshots(previous.snapshot if previous else None, snapshot),
        # The same server-side SVG charts (and suppression) as the dashboard.
        "progress_charts": charts.get("voortgang", []),
        "indicator_charts": charts.get("indicatoren", []),
    }


def generate(report_id: int, user_id=None) -> ProgressReport:
    """Build the snapshot, render the PDF and store both on the concept report."""
    report = ProgressReport.objects.select_related("programme__region").get(pk=report_id)
    if report.status != ReportStatus.CONCEPT:
        return report  # already frozen: the work is done, nothing may change
    ProgressReport.objects.filter(pk=report.pk).update(
        generation_state=GenerationState.RUNNING, failure=""
    )
    now = timezone.now()
    snapshot = build_snapshot(report.programme, report.half_year, now=now)
    # The dashboard as it stands now, frozen too: "zoals gerapporteerd" shows exactly this.
    snapshot["dashboard"] = dashboard_data(report.programme)
    report.generated_at = now
    _html, pdf = render_to_pdf(REPORT_TEMPLATE, report_context(report, snapshot))
    digest = hashlib.sha256(pdf).hexdigest()
    with transaction.atomic():
        locked = ProgressReport.objects.select_for_update().get(pk=report.pk)
        if locked.status != ReportStatus.CONCEPT:
            return locked  # finalised meanwhile from another concept render: keep that one
        old_file = locked.pdf.name
        region = report.programme.region.slug
        name = f"{region}-{report.period}-v{report.version}-{digest[:12]}.pdf"
        locked.pdf.save(name, ContentFile(pdf), save=False)
        locked.snapshot = snapshot
        locked.pdf_sha256 = digest
        locked.generated_at = now
        locked.generated_by = _user(user_id)
        locked.generation_state = GenerationState.DONE
        locked.failure = ""
        locked.save()
        if old_file and old_file != locked.pdf.name:
            storage = locked.pdf.storage
            transaction.on_commit(lambda: storage.delete(old_file))
    return locked


def record_failure(report_id: int, exc: BaseException, final: bool) -> None:
    """Keep the failure on the (concept) report, where the projectleider sees it."""
    text = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    if not final:
        text = f"{text}\nEr volgt automatisch een nieuwe poging."
    ProgressReport.objects.filter(pk=report_id, status=ReportStatus.CONCEPT).update(
        generation_state=GenerationState.FAILED if final else GenerationState.QUEUED,
        failure=text[:2000],
    )


def finalise(report: ProgressReport, user) -> ProgressReport:
    with transaction.atomic():
        report = ProgressReport.objects.select_for_update().get(pk=report.pk)
        if report.status != ReportStatus.CONCEPT:
            raise ReportError("Deze rapportage is al definitief.")
        if report.generation_state != GenerationState.DONE or not report.pdf:
            raise ReportError(
                "De rapportage is nog niet (goed) gemaakt; maak haar eerst opnieuw aan."
            )
        with report.pdf.open("rb") as f:
            if hashlib.sha256(f.read()).hexdigest() != report.pdf_sha256:
                raise ReportError("Het PDF-bestand klopt niet met de vastgelegde controlesom.")
        report.status = ReportStatus.FINAL
        report.finalised_at = timezone.now()
        report.finalised_by = user
        report.save()
    return report


def send(report: ProgressReport, user) -> ProgressReport:
    """E-mail the PDF to the region's Rijk address, once. Nothing is sent twice."""
    with transaction.atomic():
        report = (
            ProgressReport.objects.select_for_update()
            .select_related("programme__region")
            .get(pk=report.pk)
        )
        if report.status == ReportStatus.SENT:
            raise ReportError(
                f"Deze rapportage is al verzonden op "
                f"{timezone.localtime(report.sent_at):%d-%m-%Y om %H:%M} aan {report.sent_to}. "
                "Er is niets opnieuw verzonden."
            )
        if report.status != ReportStatus.FINAL:
            raise ReportError(
                "Maak de rapportage eerst definitief; een concept wordt niet verzonden."
            )
        region = report.programme.region
        if not region.rijk_report_email:
            raise ReportError(
                f"Voor regio {region.name} is geen e-mailadres van het Rijk ingesteld."
            )
        half = report.half_year
        message = EmailMessage(
            subject=f"Voortgangsrapportage GHNT {region.name} – {half}",
            body=(
                f"Geachte heer, mevrouw,\n\n"
                f"Bijgaand ontvangt u de voortgangsrapportage van het actieprogramma "
                f"'{report.programme.title}' van regio {region.name} over het {half}"
                f"{f' (versie {report.version})' if report.version > 1 else ''}.\n\n"
                f"Controlesom (SHA-256) van de PDF: {report.pdf_sha256}\n\n"
                f"Met vriendelijke groet,\n"
                f"{user.get_full_name() or user.username}\nnamens regio {region.name}\n"
            ),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[region.rijk_report_email],
        )
        with report.pdf.open("rb") as f:
            message.attach(
                f"voortgangsrapportage-{region.slug}-{report.period}-v{report.version}.pdf",
                f.read(),
                "application/pdf",
            )
        report.status = ReportStatus.SENT
        report.sent_at = timezone.now()
        report.sent_to = region.rijk_report_email
        report.sent_by = user
        report.save()
        # Sent last: if the mail server refuses, the transaction rolls back and nothing is
        # recorded as sent.
        message.send(fail_silently=False)
    return report


def create_correction(report: ProgressReport, user=None) -> ProgressReport:
    """A new concept version that replaces a frozen report (idempotent per report)."""
    with transaction.atomic():
        Programme.objects.select_for_update().filter(pk=report.programme_id).first()
        report = ProgressReport.objects.get(pk=report.pk)
        if report.status == ReportStatus.CONCEPT:
            raise ReportError("Een concept pas je aan door het opnieuw te maken.")
        existing = ProgressReport.objects.filter(
            replaces=report, status=ReportStatus.CONCEPT
        ).first()
        if existing:
            return existing
        concept = ProgressReport.objects.filter(
            programme_id=report.programme_id, period=report.period, status=ReportStatus.CONCEPT
        ).first()
        if concept:
            raise ReportError(f"Er is al een concept voor deze periode (versie {concept.version}).")
        highest = ProgressReport.objects.filter(
            programme_id=report.programme_id, period=report.period
        ).aggregate(v=Max("version"))["v"]
        return ProgressReport.objects.create(
            programme_id=report.programme_id,
            period=report.period,
            version=highest + 1,
            replaces=report,
            requested_by=user,
        )


def record_download(report: ProgressReport, user) -> ReportDownload:
    return ReportDownload.objects.create(report=report, user=user)
