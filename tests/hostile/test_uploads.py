"""The measurement upload, driven with hostile files: arbitrary CSV and xlsx content, NUL
bytes in cells, malformed and oversized files, more rows than allowed, a zip bomb. Every
answer is a preview with Dutch row errors or a form error, never a 500, never slow, never a
stored NUL; confirming a preview imports all rows or none. Both paths are driven: checked in
the request (small files) and by the background jobs (large files)."""

from __future__ import annotations

import os

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from monitoring.imports.services import too_large_message
from monitoring.models import ImportBatch, Measurement
from tests.hostile.harness import Counter, send
from tests.hostile.strategies import (
    GOOD_ROW,
    HEADER,
    big_xlsx_bytes,
    csv_bytes,
    hostile_rows,
    xlsx_bytes,
    zip_bytes,
)

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("HOSTILE_EXAMPLES", "6"))


@pytest.fixture(params=["request", "background"])
def upload(request, client_for, projectleider, zawa, settings):
    """Posts a file on the upload page; in the "background" run every file with a data row
    goes to the background jobs (run here after the commit, as a worker would)."""
    if request.param == "background":
        settings.IMPORT_SYNC_MAX_ROWS = 0
    capture = request.getfixturevalue("django_capture_on_commit_callbacks")
    client = client_for(projectleider)
    url = reverse("monitoring:import_upload", kwargs={"slug": zawa.slug})
    counter = Counter()

    def post(name: str, content: bytes):
        file = SimpleUploadedFile(name, content)
        with capture(execute=True):
            return send(
                client, "post", url, {}, files={"bestand": file}, counter=counter, keep=True
            )

    post.client = client
    post.counter = counter
    post.capture = capture
    return post


def _batch_errors():
    batch = ImportBatch.objects.order_by("-pk").first()
    return batch.errors if batch else None


# --- the holes, one by one ----------------------------------------------------------------


def test_a_nul_byte_in_a_csv_cell_gives_a_dutch_row_error(upload, record_property):
    row = [*GOOD_ROW[:-1], "toelichting met \x00 erin"]
    content = csv_bytes([HEADER, GOOD_ROW, row])
    response = upload("metingen.csv", content)
    assert response.status == 302
    batch = ImportBatch.objects.latest("pk")
    assert batch.errors == [
        {
            "row": 3,
            "column": "toelichting",
            "message": "De tekst bevat een ongeldig teken (NUL); verwijder het.",
        }
    ]
    assert "\x00" not in str(batch.rows)
    preview = upload.client.get(reverse("monitoring:import_preview", args=[batch.pk]))
    assert "ongeldig teken (NUL)" in preview.text
    record_property("hostile_inputs", 1)


def _big_xlsx(rows: int) -> bytes:
    return big_xlsx_bytes([HEADER] + [GOOD_ROW] * rows)


@pytest.fixture(scope="module")
def xlsx_60000_rows():
    return _big_xlsx(60_000)


def test_a_60000_row_xlsx_is_refused_at_the_row_limit_without_reading_it_whole(
    upload, xlsx_60000_rows, record_property
):
    upload("metingen.xlsx", xlsx_60000_rows)  # 1.5 MB, unpacks to 26 MB: never opened
    assert _batch_errors() == [{"row": 1, "column": "bestand", "message": too_large_message()}]
    record_property("hostile_inputs", upload.counter.requests)


def test_an_xlsx_one_row_over_the_limit_is_streamed_and_refused(upload, settings, record_property):
    """Under the unpacked-size limit: streamed, and refused at the row past the limit (by the
    background check: the request reads no further than its own 100 rows)."""
    settings.IMPORT_MAX_ROWS = 5000
    settings.IMPORT_SYNC_MAX_ROWS = 100
    upload("metingen.xlsx", _big_xlsx(5001))
    assert _batch_errors()[0]["message"] == "Het bestand heeft meer dan 5.000 regels."
    record_property("hostile_inputs", upload.counter.requests)


def test_a_csv_with_a_huge_row_count_is_refused_at_the_row_limit(upload, record_property):
    line = "x;GM0479;jaar;;;;1"  # short rows: 250,000 of them fit in the 20 MB upload limit
    content = ("\n".join([";".join(HEADER)] + [line] * 250_000)).encode()
    assert len(content) < 20 * 1024 * 1024  # under the upload limit: the row limit says no
    upload("metingen.csv", content)
    assert _batch_errors() == [
        {"row": 1, "column": "bestand", "message": "Het bestand heeft meer dan 100.000 regels."}
    ]
    record_property("hostile_inputs", upload.counter.requests)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("metingen.xlsx", b"PK\x03\x04 dit is geen werkmap", "kan niet worden gelezen"),
        ("metingen.xlsx", b"", "kan niet worden gelezen"),
        ("metingen.xlsx", b"\x00" * 1000, "kan niet worden gelezen"),
        (
            "metingen.xlsx",
            zip_bytes({"xl/sharedStrings.xml": b"A" * 60_000_000}),
            "uitgepakt groter dan 20 MB",
        ),
        ("metingen.xlsx", zip_bytes({"[Content_Types].xml": b"<x/>"}), "kan niet worden gelezen"),
        ("metingen.csv", b"\xff\xfe\x00\x00\x81\x8d\x8f\x90\x9d", "kan niet worden gelezen"),
        ("metingen.csv", b"indicator;" + b"x" * 200_000, None),
        ("metingen.csv", b"\x00\x00\x00\n\x00;\x00", None),
        ("metingen.csv", b"", "leeg"),
    ],
    ids=[
        "not-a-zip",
        "empty-xlsx",
        "nul-bytes-xlsx",
        "zip-bomb",
        "zip-without-sheet",
        "undecodable-csv",
        "huge-field",
        "only-nul",
        "empty-csv",
    ],
)
def test_malformed_files_give_a_dutch_error(upload, name, content, expected, record_property):
    outcome = upload(name, content)
    if outcome.status == 400:  # refused by the form, e.g. "Het ingediende bestand is leeg."
        assert 'aria-invalid="true"' in outcome.text and not ImportBatch.objects.exists()
    else:
        errors = _batch_errors()
        assert errors, "a malformed file is reported"
        if expected:
            assert any(expected in e["message"] for e in errors), errors
    record_property("hostile_inputs", upload.counter.requests)


def test_an_oversized_file_is_refused_by_the_form(upload, settings, record_property):
    settings.IMPORT_MAX_BYTES = 2 * 1024 * 1024
    outcome = upload("metingen.csv", b"a;b\n" * (700 * 1024))  # 2.8 MB
    assert outcome.status == 400 and "groter dan 2 MB" in outcome.text
    assert not ImportBatch.objects.exists()
    record_property("hostile_inputs", upload.counter.requests)


# --- by property ----------------------------------------------------------------------------

SETTINGS = settings(
    max_examples=EXAMPLES * 3,
    deadline=None,
    derandomize=not os.environ.get("HOSTILE_RANDOM"),
    database=None,
    suppress_health_check=list(HealthCheck),
    print_blob=True,
)


def test_arbitrary_csv_and_xlsx_uploads(upload, record_property):
    confirmed = Counter()

    @SETTINGS
    @given(
        rows=hostile_rows(),
        kind=st.sampled_from(["csv", "csv-comma", "csv-cp1252", "xlsx"]),
        name=st.sampled_from(["metingen", "a\x00b", "<script>x</script>", "‮gpj"]),
    )
    def drive(rows, kind, name):
        if kind == "xlsx":
            content, ext = xlsx_bytes(rows), "xlsx"
        elif kind == "csv-cp1252":
            content = csv_bytes(rows, encoding="utf-8").decode("utf-8", "replace")
            content, ext = content.encode("cp1252", "replace"), "csv"
        else:
            content, ext = csv_bytes(rows, "," if kind == "csv-comma" else ";"), "csv"
        before_upload, last = Measurement.objects.count(), ImportBatch.objects.order_by("-pk")
        last_pk = last.values_list("pk", flat=True).first() or 0
        outcome = upload(f"{name}.{ext}", content)
        batch = ImportBatch.objects.filter(pk__gt=last_pk).first()
        if outcome.status == 302 and batch is not None and batch.is_valid:
            # Confirm the preview: all rows imported, or none.
            before = Measurement.objects.count()
            preview = reverse("monitoring:import_preview", kwargs={"pk": batch.pk})
            with upload.capture(execute=True):
                send(upload.client, "post", preview, {}, counter=confirmed, keep=True)
            batch.refresh_from_db()
            assert batch.imported_at and batch.phase == "imported", batch.failure
            assert Measurement.objects.count() == before + batch.result["created"]
        elif batch is not None:
            assert batch.phase == "checked" and not batch.imported_at  # refused, nothing kept
            assert not batch.file
            assert Measurement.objects.count() == before_upload

    try:
        drive()
    finally:
        record_property("hostile_inputs", upload.counter.requests + confirmed.requests)
