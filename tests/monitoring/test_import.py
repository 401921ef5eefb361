"""Importing measurements: preview, every bad row reported in Dutch, all or nothing, idempotent."""

import io
from decimal import Decimal

from django.urls import reverse

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from monitoring.imports.services import ImportRejected, import_measurements, parse_measurements
from monitoring.models import ImportBatch, Measurement
from tests.monitoring.helpers import csv_upload, police_rows_2021

pytestmark = pytest.mark.django_db

BAD_MIDDLE = [
    "politie-incidenten-hg;GM0479;jaar;2021-01-01;2021-12-31;2021;701;",
    "politie-incidenten-hg;Haarlem;jaar;2021-01-01;2021-12-31;2021;12;",  # not in the region
    "politie-incidenten-hg;Oostzaan;jaar;2021-01-01;2021-06-30;2021;veel;",  # two errors
    "politie-incidenten-hg;regio;jaar;2021-01-01;2021-12-31;2021;1000;",
]


def _upload(client, zawa, *lines, name="metingen.csv"):
    url = reverse("monitoring:import_upload", kwargs={"slug": zawa.slug})
    response = client.post(url, {"bestand": csv_upload(*lines, name=name)})
    assert response.status_code == 302
    return ImportBatch.objects.latest("pk"), response["Location"]


def test_every_bad_row_is_reported_with_row_column_and_dutch_message(zawa):
    rows, errors = parse_measurements(csv_upload(*BAD_MIDDLE), zawa)
    assert [r["row"] for r in rows] == [2, 5]
    found = {(e.row, e.column): e.message for e in errors}
    assert set(found) == {(3, "gemeente"), (4, "einde"), (4, "waarde")}
    assert found[(3, "gemeente")].startswith("'Haarlem' is geen gemeente van regio Zaanstreek")
    assert found[(4, "einde")].startswith("Een jaar loopt van 1 januari")
    assert found[(4, "waarde")] == "'veel' is geen getal."


def test_a_bad_row_in_the_middle_imports_nothing(client_for, projectleider, zawa):
    client = client_for(projectleider)
    before = Measurement.objects.count()
    batch, location = _upload(client, zawa, *BAD_MIDDLE)
    preview = client.get(location)
    assert "Het bestand bevat fouten" in preview.text
    assert "&#x27;veel&#x27; is geen getal." in preview.text
    assert "Bevestig de import" not in preview.text
    confirm = client.post(location)
    assert confirm.status_code == 400
    assert "Er is niets geïmporteerd" in confirm.text
    assert Measurement.objects.count() == before


def test_service_refuses_tampered_rows_as_a_whole(zawa):
    rows, errors = parse_measurements(csv_upload(*police_rows_2021()), zawa)
    assert not errors
    rows[1] = {**rows[1], "period_end": "2020-12-31"}  # end before start
    before = Measurement.objects.count()
    with pytest.raises(ImportRejected) as rejected:
        import_measurements(rows, zawa)
    assert rejected.value.errors[0].row == 3
    assert Measurement.objects.count() == before  # not even the valid first row


def test_preview_then_confirm_imports_and_reupload_changes_nothing(client_for, projectleider, zawa):
    client = client_for(projectleider)
    batch, location = _upload(client, zawa, *police_rows_2021())
    preview = client.get(location)
    assert "Bevestig de import van 3 regels" in preview.text
    assert Measurement.objects.filter(period_start__year=2021).count() == 0  # preview only
    response = client.post(location, follow=True)
    assert "Import voltooid: 3 nieuw, 0 gewijzigd, 0 ongewijzigd." in response.text
    zaanstad = Measurement.objects.get(
        indicator__code="politie-incidenten-hg",
        municipality__name="Zaanstad",
        period_start__year=2021,
    )
    assert zaanstad.value == Decimal("701") and zaanstad.period_label == "2021"
    snapshot = list(Measurement.objects.order_by("pk").values())

    batch2, location2 = _upload(client, zawa, *police_rows_2021())
    response = client.post(location2, follow=True)
    assert "Import voltooid: 0 nieuw, 0 gewijzigd, 3 ongewijzigd." in response.text
    assert list(Measurement.objects.order_by("pk").values()) == snapshot


def test_reupload_with_a_corrected_value_updates_in_place(zawa):
    rows, _ = parse_measurements(csv_upload(*police_rows_2021()), zawa)
    import_measurements(rows, zawa)
    count = Measurement.objects.count()
    changed = [line.replace(";701;", ";702;") for line in police_rows_2021()]
    rows, _ = parse_measurements(csv_upload(*changed), zawa)
    result = import_measurements(rows, zawa)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
    assert Measurement.objects.count() == count


def test_reimporting_the_seed_police_table_changes_nothing(zawa):
    lines = [
        "politie-incidenten-hg;Zaanstad;jaar;2019-01-01;2019-12-31;2019;667;",
        "politie-incidenten-hg;Zaanstad;deelperiode;2020-01-01;2020-05-31;t/m mei 2020;272;"
        "kolom gedrukt met kop 'Eindtotaal' (cijfers t/m mei 2020)",
    ]
    rows, errors = parse_measurements(csv_upload(*lines), zawa)
    assert not errors
    assert import_measurements(rows, zawa).unchanged == 2


def test_xlsx_with_dates_and_a_part_year_label_made_up(zawa):
    import datetime

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Indicator", "CBS-code", "Soort periode", "Begin", "Einde", "Label", "Waarde"])
    sheet.append(
        [
            "politie-misdrijven-hg",
            "GM0479",
            "deelperiode",
            datetime.date(2021, 1, 1),
            datetime.date(2021, 5, 31),
            None,
            90,
        ]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    from django.core.files.uploadedfile import SimpleUploadedFile

    rows, errors = parse_measurements(SimpleUploadedFile("m.xlsx", buffer.getvalue()), zawa)
    assert not errors
    assert rows[0]["period_label"] == "t/m mei 2021" and rows[0]["value"] == "90"


def test_missing_columns_and_duplicates_are_reported(zawa):
    _, errors = parse_measurements(csv_upload("x;y", header="indicator;waarde"), zawa)
    assert {e.column for e in errors} == {"gemeente", "soort periode", "begin", "einde"}
    line = police_rows_2021()[0]
    _, errors = parse_measurements(csv_upload(line, line), zawa)
    assert errors[0].row == 3 and "staan al in rij 2" in errors[0].message


def test_wrong_file_type_gives_a_dutch_error_next_to_the_field(client_for, projectleider, zawa):
    client = client_for(projectleider)
    url = reverse("monitoring:import_upload", kwargs={"slug": zawa.slug})
    response = client.post(url, {"bestand": csv_upload("x", name="metingen.pdf")})
    assert response.status_code == 400
    assert "Kies een bestand dat eindigt op .csv of .xlsx." in response.text
    corrupt = client.post(url, {"bestand": csv_upload("x", name="kapot.xlsx")})
    assert corrupt.status_code == 302
    assert ImportBatch.objects.latest("pk").errors[0]["column"] == "bestand"


def _strptime_date(text):
    """The reading the import had before it parsed dates by hand (strptime, 10x slower)."""
    import datetime

    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None


_PIECES = ["", " ", "0", "1", "01", "09", "12", "13", "29", "30", "31", "32", "2019", "2020",
           "0000", "19", "-", "/", ".", " 1", "x", "\x00", "١"]  # fmt: skip


@given(
    st.lists(st.sampled_from(_PIECES), min_size=1, max_size=7).map("".join)
    | st.dates().map(lambda d: f"{d.day}-{d.month}-{d.year:04d}")
    | st.dates().map(lambda d: f"{d:%d/%m/%Y}")
    | st.text(max_size=12)
)
@settings(max_examples=400, deadline=None)
def test_dates_are_read_as_the_documented_formats_say(text):
    from monitoring.imports.reading import parse_date

    assert parse_date(text) == _strptime_date(text)
