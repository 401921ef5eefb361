"""Importing measurements at scale: the number of queries does not grow with the file."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from monitoring.imports.services import import_measurements, parse_measurements
from monitoring.models import Measurement
from tests.monitoring.helpers import csv_upload

pytestmark = pytest.mark.django_db


def _weekly_rows(weeks: int, value: int = 5) -> list[str]:
    """`weeks` weekly deelperiodes in 1995 for two municipalities and the region."""
    lines = []
    for week in range(weeks):
        start = datetime.date(1995, 1, 2) + datetime.timedelta(weeks=week % 52)
        start = start.replace(year=1995 - week // 52)
        end = start + datetime.timedelta(days=6)
        for area in ("GM0479", "Purmerend", "regio"):
            lines.append(f"politie-incidenten-hg;{area};deelperiode;{start};{end};;{value + week};")
    return lines


def _import_queries(zawa, lines) -> tuple[int, object]:
    rows, errors = parse_measurements(csv_upload(*lines), zawa)
    assert not errors, errors[:3]
    with CaptureQueriesContext(connection) as queries:
        result = import_measurements(rows, zawa)
    return len(queries), result


def test_import_query_count_does_not_grow_with_the_rows(zawa):
    small, small_result = _import_queries(zawa, _weekly_rows(20))  # 60 rows
    large, large_result = _import_queries(zawa, _weekly_rows(200))  # 600 rows, 540 new
    assert small_result.created == 60
    assert (large_result.created, large_result.unchanged) == (540, 60)
    # Ten times the rows: a few more insert batches (SQLite takes ~100 rows per insert,
    # PostgreSQL 1,000), never a query per row.
    assert large <= small + 540 // 100


def test_reimport_with_changed_values_updates_in_bulk_and_keeps_all_or_nothing(zawa):
    _import_queries(zawa, _weekly_rows(100))
    before = Measurement.objects.count()
    queries, result = _import_queries(zawa, _weekly_rows(100, value=7))
    assert (result.created, result.updated, result.unchanged) == (0, 300, 0)
    assert queries < 20
    assert Measurement.objects.count() == before
    region_row = Measurement.objects.get(
        region=zawa, period_start=datetime.date(1995, 1, 2), period_end=datetime.date(1995, 1, 8)
    )
    assert region_row.value == 7
