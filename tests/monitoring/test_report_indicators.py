"""The indicators in a progress report (issue 14): a summary around the reported half year,
so neither the snapshot nor the PDF grows with years of measurements; suppressed like every
other figure a reader sees; frozen with the report. And the January batch: one task per
programme, queued once."""

from __future__ import annotations

import datetime
import json
import re
from decimal import Decimal
from io import BytesIO

import pypdf
import pytest

from ghnt_portal.outbox.models import OutboxTask
from ghnt_portal.periods import HalfYear
from monitoring.constants import ReportStatus
from monitoring.dashboard.services import dashboard_data
from monitoring.models import Measurement, ProgressReport
from monitoring.reports import services
from monitoring.reports.indicators import summary_tables, window
from monitoring.reports.tasks import generate_due_reports, generate_report, outbox_key
from programmes.models import Programme
from tests.factories import IndicatorFactory
from tests.monitoring.reports import make_report

pytestmark = pytest.mark.django_db

QUARTER_STARTS = ((1, 1), (4, 1), (7, 1), (10, 1))
QUARTER_ENDS = ((3, 31), (6, 30), (9, 30), (12, 31))


def _quarter(year: int, q: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, *QUARTER_STARTS[q - 1]), datetime.date(year, *QUARTER_ENDS[q - 1])


def _add_quarters(indicator, region, years, value=lambda muni, year, q: 100 + year % 100 + q):
    rows = []
    for muni in region.municipalities.order_by("name"):
        for year in years:
            for q in range(1, 5):
                start, end = _quarter(year, q)
                rows.append(
                    Measurement(
                        indicator=indicator,
                        municipality=muni,
                        period_kind="kwartaal",
                        period_start=start,
                        period_end=end,
                        period_label=f"{year}-Q{q}",
                        value=Decimal(value(muni, year, q)),
                    )
                )
    Measurement.objects.bulk_create(rows)


def _pages(report) -> tuple[int, str]:
    with report.pdf.open("rb") as f:
        reader = pypdf.PdfReader(BytesIO(f.read()))
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    return len(reader.pages), text


def _generate(programme, period="2021-H2"):
    return ProgressReport.objects.get(pk=generate_report(programme.pk, period))


def _table(report, code):
    return next(t for t in report.snapshot["indicators"] if t["code"] == code)


def test_ten_years_of_history_give_the_same_report_as_two(zawa, zawa_programme):
    """Same pages, same columns, same snapshot: the history stays on the dashboard."""
    indicator = IndicatorFactory(code="reeks", name="Testreeks", suppression_threshold=0)
    _add_quarters(indicator, zawa, [2020, 2021])
    two_years = _generate(zawa_programme)
    pages_two, text_two = _pages(two_years)
    table_two = _table(two_years, "reeks")

    _add_quarters(indicator, zawa, range(2012, 2020))  # eight more years before them
    assert Measurement.objects.filter(indicator=indicator).count() == 8 * 40
    ten_years = _generate(zawa_programme)
    assert ten_years.pk == two_years.pk  # the concept, made again
    pages_ten, text_ten = _pages(ten_years)
    table_ten = _table(ten_years, "reeks")

    # The last four quarters and the same quarter a year before, nothing earlier.
    labels = [p["label"] for p in table_ten["periods"]]
    assert labels == ["2020-Q4", "2021-Q1", "2021-Q2", "2021-Q3", "2021-Q4"]
    assert len(table_ten["rows"]) == zawa.municipalities.count()
    assert pages_ten == pages_two
    assert {k: v for k, v in table_ten.items() if k != "earlier"} == {
        k: v for k, v in table_two.items() if k != "earlier"
    }
    size = len(json.dumps(ten_years.snapshot["indicators"]))
    assert size - len(json.dumps(two_years.snapshot["indicators"])) <= len("false")
    assert "2019-Q4" not in text_ten and "2013-Q1" not in text_ten
    assert "Testreeks: de cijfers" in text_ten
    assert "Eerdere perioden staan op het dashboard" in text_ten
    # The frozen dashboard holds the dashboard's default view, not the history either.
    frozen = next(t for t in ten_years.snapshot["dashboard"]["indicators"] if t["code"] == "reeks")
    assert len(frozen["periods"]) <= 8


def test_periods_after_the_half_year_are_not_in_its_report(zawa, zawa_programme):
    indicator = IndicatorFactory(code="later", name="Later", suppression_threshold=0)
    _add_quarters(indicator, zawa, [2021, 2022])
    table = _table(_generate(zawa_programme, "2021-H1"), "later")
    assert [p["label"] for p in table["periods"]] == ["2021-Q1", "2021-Q2"]


def test_small_numbers_are_suppressed_in_the_summary(zawa, zawa_programme):
    """The snapshot keeps the real values; the PDF (to the Rijk and wethouders) shows "<5",
    and one more cell of the column, so the small one cannot be computed from the total."""
    indicator = IndicatorFactory(code="klein", name="Kleine aantallen", suppression_threshold=5)
    small = zawa.municipalities.get(name="Oostzaan")

    def value(muni, year, q):
        if muni == small and (year, q) == (2021, 4):
            return 3
        return 1000 + muni.pk * 10 + q if year == 2021 else 500

    _add_quarters(indicator, zawa, [2020, 2021], value)
    report = _generate(zawa_programme)
    row = next(r for r in _table(report, "klein")["rows"] if r["area"] == "Oostzaan")
    assert row["values"][-1] == 3  # frozen as measured

    [shown] = [
        t for t in summary_tables(report.snapshot["indicators"]) if t.title == indicator.name
    ]
    oostzaan = next(r for r in shown.rows if r[0] == "Oostzaan")
    assert oostzaan[-1] == "<5"
    last_column = [r[-1] for r in shown.rows] + [shown.footer[-1]]
    assert "afgeschermd" in last_column  # the secondary cell
    _pages_count, text = _pages(report)
    section = text[text.index("Kleine aantallen: de cijfers") :][:1500]
    assert "<5" in section and "afgeschermd" in section
    assert "Aantallen onder 5 staan er als <5" in section


def test_a_frozen_report_keeps_its_indicators_when_measurements_change(zawa, zawa_programme):
    indicator = IndicatorFactory(code="vast", name="Vastgelegd", suppression_threshold=0)
    _add_quarters(indicator, zawa, [2021], value=lambda muni, year, q: 4321)
    report = _generate(zawa_programme)
    Measurement.objects.filter(indicator=indicator).update(value=Decimal(8765))
    context = services.report_context(report)
    [table] = [t for t in context["indicator_charts"] if t.title == "Vastgelegd"]
    assert {cell for row in table.rows for cell in row[1:]} == {"4.321"}


def test_a_snapshot_from_before_the_summary_is_summarised_from_its_frozen_dashboard(
    zawa, zawa_programme
):
    """Schema 2 froze the whole dashboard (every period); rendered again it shows the window."""
    indicator = IndicatorFactory(code="oud", name="Oude snapshot", suppression_threshold=0)
    _add_quarters(indicator, zawa, range(2015, 2022))
    report = make_report(zawa_programme, period="2021-H2")
    snapshot = {"dashboard": dashboard_data(zawa_programme)}  # no "indicators"
    context = services.report_context(report, snapshot)
    [table] = [t for t in context["indicator_charts"] if t.title == "Oude snapshot"]
    assert table.columns == ["Gebied", "2020-Q4", "2021-Q1", "2021-Q2", "2021-Q3", "2021-Q4"]
    assert any("Eerdere perioden" in note for note in table.notes)


def _span(a: str, b: str) -> tuple[datetime.date, datetime.date]:
    return datetime.date.fromisoformat(a), datetime.date.fromisoformat(b)


def test_the_window_keeps_a_year_with_its_parts_and_stays_small():
    year = _span("2021-01-01", "2021-12-31")
    halves = [_span("2021-01-01", "2021-06-30"), _span("2021-07-01", "2021-12-31")]
    quarters = [_quarter(2021, q) for q in range(1, 5)]
    spans = [*[_quarter(y, q) for y in range(2011, 2021) for q in range(1, 5)], year, *halves]
    spans += quarters
    shown = {spans[i] for i in window(spans, HalfYear(2021, 2))}
    # The last four periods end in 2021; the year holds the rest of 2021; and 2020-Q4.
    assert shown == {year, *halves, *quarters, _quarter(2020, 4)}
    yearly = [_span(f"{y}-01-01", f"{y}-12-31") for y in range(2001, 2022)]
    assert [spans_ for spans_ in (yearly[i] for i in window(yearly, HalfYear(2021, 2)))] == [
        _span(f"{y}-01-01", f"{y}-12-31") for y in range(2018, 2022)
    ]
    weeks = [(datetime.date(2021, 1, 4) + datetime.timedelta(weeks=w),) * 2 for w in range(0, 52)]
    assert len(window(weeks, HalfYear(2021, 2))) <= 12


def test_the_january_batch_queues_one_task_per_adopted_programme_once(
    django_capture_on_commit_callbacks,
):
    adopted = Programme.objects.filter(status="vastgesteld")
    with django_capture_on_commit_callbacks(execute=False):
        first = generate_due_reports("2022-01-01")
        again = generate_due_reports("2022-01-01")  # the beat fired twice
    assert first and again == []
    rows = OutboxTask.objects.filter(task_name=generate_report.name)
    assert sorted(tuple(r.args) for r in rows) == sorted((pk, "2021-H2") for pk in first)
    assert {r.key for r in rows} == {outbox_key(pk, "2021-H2") for pk in first}
    assert set(first) <= set(adopted.values_list("pk", flat=True))


def test_the_batch_leaves_out_a_report_already_definitief(
    zawa_programme, django_capture_on_commit_callbacks
):
    make_report(zawa_programme, ReportStatus.FINAL, period="2021-H2")
    with django_capture_on_commit_callbacks(execute=False):
        ids = generate_due_reports("2022-01-01")
    assert ids and zawa_programme.pk not in ids


def test_the_stylesheet_and_fonts_are_loaded_once_per_process(monkeypatch):
    import weasyprint
    from weasyprint.text import fonts

    from ghnt_portal import pdf

    made = []
    css, font_config = weasyprint.CSS, fonts.FontConfiguration
    monkeypatch.setattr(weasyprint, "CSS", lambda *a, **k: made.append("css") or css(*a, **k))
    monkeypatch.setattr(fonts, "FontConfiguration", lambda: made.append("fonts") or font_config())
    pdf._stylesheet.cache_clear()
    pdf._font_config.cache_clear()
    try:
        for _ in range(2):  # two PDFs in one process
            pdf.render_to_pdf("monitoring/pdf/chart.html", {"chart": {"title": "Proef"}})
    finally:
        pdf._stylesheet.cache_clear()
        pdf._font_config.cache_clear()
    assert sorted(made) == ["css", "fonts"]


def test_the_garbage_collector_rests_while_weasyprint_lays_out_and_runs_again_after(monkeypatch):
    """A quarter of a report's time went to the collector walking WeasyPrint's objects; it
    is paused for the layout only, also when the layout fails."""
    import gc

    import weasyprint

    from ghnt_portal import pdf

    seen = []
    write_pdf = weasyprint.HTML.write_pdf

    def watched(self, *args, **kwargs):
        seen.append(gc.isenabled())
        return write_pdf(self, *args, **kwargs)

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", watched)
    pdf.render_to_pdf("monitoring/pdf/chart.html", {"chart": {"title": "Proef"}})
    assert seen == [False] and gc.isenabled()

    def broken(self, *args, **kwargs):
        raise RuntimeError("lay-out mislukt")

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", broken)
    with pytest.raises(RuntimeError):
        pdf.render_to_pdf("monitoring/pdf/chart.html", {"chart": {"title": "Proef"}})
    assert gc.isenabled()
