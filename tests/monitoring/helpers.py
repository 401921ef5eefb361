"""Small builders for the monitoring tests (and the access matrix)."""

import datetime
from urllib.parse import urlencode

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from monitoring.imports.services import parse_measurements
from monitoring.models import ImportBatch
from tests.factories import IndicatorFactory, MeasurementFactory

HEADER = "indicator;gemeente;soort periode;begin;einde;label;waarde;toelichting"


def csv_upload(*lines: str, name="metingen.csv", header=HEADER) -> SimpleUploadedFile:
    content = "\n".join([header, *lines]).encode("utf-8")
    return SimpleUploadedFile(name, content, content_type="text/csv")


def police_rows_2021() -> list[str]:
    return [
        "politie-incidenten-hg;GM0479;jaar;2021-01-01;2021-12-31;2021;701;",
        "politie-incidenten-hg;Purmerend;jaar;2021-01-01;2021-12-31;2021;299;",
        "politie-incidenten-hg;regio;jaar;2021-01-01;2021-12-31;2021;1000;",
    ]


def zawa_batch(world) -> ImportBatch:
    region = world.zawa_programme.region
    rows, errors = parse_measurements(csv_upload(*police_rows_2021()), region)
    assert not errors, errors
    return ImportBatch.objects.create(region=region, filename="metingen.csv", rows=rows)


def dashboard_url(programme, **query) -> str:
    url = reverse("monitoring:dashboard", kwargs={"pk": programme.pk})
    return f"{url}?{urlencode(query)}" if query else url


def small_counts_indicator(zawa):
    """A Veilig Thuis-like indicator (threshold 5) in 2021: Oostzaan's 3 is shown to readers
    as "<5"."""
    indicator = IndicatorFactory(name="Testcijfer huisverboden", suppression_threshold=5)
    values = {"Zaanstad": 40, "Purmerend": 20, "Oostzaan": 3, "Landsmeer": 12}
    for municipality in zawa.municipalities.filter(name__in=values):
        MeasurementFactory(
            indicator=indicator,
            municipality=municipality,
            period_start=datetime.date(2021, 1, 1),
            period_end=datetime.date(2021, 12, 31),
            value=values[municipality.name],
        )
    return indicator
