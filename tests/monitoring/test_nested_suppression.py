"""Small numbers cannot be recovered across nested periods (a year = its half years = its
quarters) and areas (the region = its municipalities): not from the suppression rule, not
on the dashboard, in its CSV, in the report PDF or through the API. The attacker
(tests/monitoring/disclosure.py) solves the table's relations exactly with what is shown."""

from __future__ import annotations

import csv
import io
import random
import re
from decimal import Decimal

from django.urls import reverse

import pytest

from ghnt_portal.formats import format_number
from monitoring.dashboard.suppression import PRIMARY, suppress_table
from monitoring.models import Measurement
from monitoring.reports.tasks import generate_report
from tests.factories import IndicatorFactory
from tests.monitoring.disclosure import (
    KIND,
    PERIOD_RELATIONS,
    REGION,
    TABLE,
    Q,
    recoverable,
    table_relations,
    table_values,
)

THRESHOLD = 5
PERIODS = [{"start": Q[p][0].isoformat(), "end": Q[p][1].isoformat()} for p in Q]


def _suppressed(values, threshold=THRESHOLD):
    """Run the rule on the test table; returns the shown keys."""
    areas, periods = list(TABLE), list(Q)
    matrix = [[values[(a, p)] for p in periods] for a in areas]
    totals = [values[(REGION, p)] for p in periods]
    rows, total_cells = suppress_table(matrix, totals, threshold, periods=PERIODS)
    shown = {
        (a, p) for r, a in enumerate(areas) for c, p in enumerate(periods) if not rows[r][c].hidden
    }
    shown |= {(REGION, p) for c, p in enumerate(periods) if not total_cells[c].hidden}
    return shown, rows


def _small(values):
    return {k for k, v in values.items() if v < THRESHOLD}


# --- the rule itself ----------------------------------------------------------------------


def test_the_issue_example_a_half_year_is_not_recoverable_from_the_year():
    """H1 = 17 and the year = 20 shown, H2 "<5": without period relations H2 = 3."""
    periods = [PERIODS[6], PERIODS[4], PERIODS[5]]  # year, H1, H2
    rows, totals = suppress_table(
        [[20, 17, 3], [100, 60, 40]], [120, 77, 43], THRESHOLD, periods=periods
    )
    assert rows[0][2].hidden == PRIMARY
    shown = {(r, c) for r in range(2) for c in range(3) if not rows[r][c].hidden}
    assert not ({(0, 0), (0, 1)} <= shown), "year and H1 of the small row both shown"


def test_no_small_number_of_the_nested_table_is_recoverable():
    values = table_values()
    shown, _ = _suppressed(values)
    assert _small(values).isdisjoint(shown)
    assert recoverable(values, shown, table_relations()) == set()


def test_without_period_relations_the_attacker_recovers_the_half_year():
    """The attacker is not toothless: the old rule (columns only) leaks Oostzaan's H2."""
    values = table_values()
    areas, periods = list(TABLE), list(Q)
    shown = set()
    for c, p in enumerate(periods):  # the rule per column alone, as before this change
        matrix = [[values[(a, p)]] for a in areas]
        rows, totals = suppress_table(
            matrix, [values[(REGION, p)]], THRESHOLD, periods=[PERIODS[c]]
        )
        shown |= {(a, p) for r, a in enumerate(areas) if not rows[r][0].hidden}
        shown |= {(REGION, p)} if not totals[0].hidden else set()
    assert ("Oostzaan", "H2") in recoverable(values, shown, table_relations())


@pytest.mark.parametrize("seed", range(60))
def test_random_nested_tables_never_give_away_a_hidden_cell(seed):
    rnd = random.Random(seed)
    areas = [f"G{i}" for i in range(rnd.randint(1, 5))]
    periods = list(Q)
    quarters = {
        a: {q: rnd.choice([0, 1, 2, 4, 5, 7, 30, 200]) for q in ("Q1", "Q2", "Q3", "Q4")}
        for a in areas
    }
    values = {}
    for a, qs in quarters.items():
        values |= {(a, q): v for q, v in qs.items()}
        values[(a, "H1")] = qs["Q1"] + qs["Q2"]
        values[(a, "H2")] = qs["Q3"] + qs["Q4"]
        values[(a, "Y")] = sum(qs.values())
    for p in periods:
        values[("R", p)] = sum(values[(a, p)] for a in areas)
    matrix = [[values[(a, p)] for p in periods] for a in areas]
    rows, totals = suppress_table(
        matrix, [values[("R", p)] for p in periods], THRESHOLD, periods=PERIODS
    )
    shown = {
        (a, p) for r, a in enumerate(areas) for c, p in enumerate(periods) if not rows[r][c].hidden
    }
    shown |= {("R", p) for c, p in enumerate(periods) if not totals[c].hidden}
    relations = [
        ((x, w), [(x, p) for p in parts]) for x in [*areas, "R"] for w, parts in PERIOD_RELATIONS
    ]
    relations += [(("R", p), [(a, p) for a in areas]) for p in periods]
    assert _small(values).isdisjoint(shown)
    assert recoverable(values, shown, relations) == set()


# --- every path a reader sees it on ---------------------------------------------------------


@pytest.fixture
def nested(zawa):
    """The test table as measurements of Zaanstreek-Waterland (region total stored)."""
    indicator = IndicatorFactory(name="Testcijfer genest", suppression_threshold=THRESHOLD)
    municipalities = {m.name: m for m in zawa.municipalities.filter(name__in=TABLE)}
    labels = {}
    for (area, period), value in table_values().items():
        start, end = Q[period]
        measurement = Measurement.objects.create(
            indicator=indicator,
            municipality=municipalities.get(area),
            region=None if area in municipalities else zawa,
            period_kind=KIND[period],
            period_start=start,
            period_end=end,
            value=Decimal(value),
        )
        labels[measurement.period_display] = period
    return indicator, labels


def _shown_in_rows(rows, columns, labels):
    """Shown keys of a table as displayed (dashboard rows, CSV rows)."""
    values = table_values()
    shown = set()
    for row in rows:
        area = row[0].replace(" (som van de gemeenten)", "")
        for label, display in zip(columns[1:], row[1:], strict=False):
            period = labels.get(label)
            if (
                period
                and (area, period) in values
                and display == format_number(values[(area, period)])
            ):
                shown.add((area, period))
    return shown


def _assert_safe(shown):
    values = table_values()
    assert _small(values).isdisjoint(shown)
    assert recoverable(values, shown, table_relations()) == set()
    assert len(shown) >= 5  # the attacker saw a real table, not an empty one


@pytest.mark.django_db
def test_dashboard(client_for, raadslid, zawa_programme, nested):
    indicator, labels = nested
    response = client_for(raadslid).get(reverse("monitoring:dashboard", args=[zawa_programme.pk]))
    table = next(
        t for t in response.context["dashboard"]["tables"] if t.key == f"indicator-{indicator.code}"
    )
    _assert_safe(_shown_in_rows(table.rows, table.columns, labels))


@pytest.mark.django_db
def test_dashboard_csv(client_for, raadslid, zawa_programme, nested):
    indicator, labels = nested
    response = client_for(raadslid).get(
        reverse(
            "monitoring:dashboard_csv",
            kwargs={"pk": zawa_programme.pk, "table": f"indicator-{indicator.code}"},
        )
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    _assert_safe(_shown_in_rows(rows[2:], rows[1], labels))


def _pdf_text(report) -> str:
    import pypdf

    with report.pdf.open("rb") as f:
        reader = pypdf.PdfReader(io.BytesIO(f.read()))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


@pytest.mark.django_db
def test_report_pdf(zawa_programme, projectleider, nested):
    """The PDF goes to the Rijk and wethouders: its figures are suppressed. Each shown number
    of the test table is four digits and unique, so the text says which cells are shown; the
    test fails if the report renders without suppression."""
    from monitoring.models import ProgressReport

    pk = generate_report(zawa_programme.pk, "2021-H2", projectleider.pk)
    text = _pdf_text(ProgressReport.objects.get(pk=pk))
    start = text.index("Testcijfer genest: de cijfers")  # the table, its summary and chart
    text = text[start - 300 : start + 1500]
    values = table_values()
    shown = {
        key
        for key, value in values.items()
        if value >= 1000
        and re.search(rf"(?<![\d.]){re.escape(format_number(value))}(?![\d])", text)
    }
    assert "Testcijfer genest" in text
    _assert_safe(shown)


@pytest.mark.django_db
def test_api(raadslid, zawa, nested):
    """The API (monitoring/api, when present) reuses suppress_table with the same periods."""
    api = pytest.importorskip("monitoring.api.views")
    indicator, _ = nested
    codes = {m.pk: m.cbs_code for m in zawa.municipalities.all()}
    period_of = {(Q[p][0].isoformat(), Q[p][1].isoformat()): p for p in Q}
    shown = set()
    for row in api.measurement_rows(raadslid, zawa, codes):
        if row["indicator"] != indicator.code or row["value"] is None:
            continue
        key = (row["area"], period_of[(str(row["period_start"]), str(row["period_end"]))])
        shown.add(key)
    _assert_safe(shown)
