"""Small builders for the monitoring tests (and the access matrix)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from monitoring.imports.services import parse_measurements
from monitoring.models import ImportBatch

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
