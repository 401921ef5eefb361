"""Large measurement imports from the page (issue 26, point 7): a file over the request's
row limit is stored, checked and, after confirmation, imported by background jobs through
the outbox, with progress on the page, all or nothing, and never left "bezig"."""

import datetime

from django.urls import reverse

import pytest

from ghnt_portal.outbox.constants import OutboxState
from ghnt_portal.outbox.models import OutboxTask
from monitoring.imports import progress, services
from monitoring.imports.models import ImportBatch, ImportPhase
from monitoring.models import Measurement
from tests.monitoring.helpers import csv_upload

pytestmark = pytest.mark.django_db


def weekly_rows(count: int, value: int = 5) -> list[str]:
    """`count` rows of weekly deelperiodes in 1980-1990 for Zaanstad, each a new measurement."""
    lines = []
    for week in range(count):
        start = datetime.date(1980, 1, 7) + datetime.timedelta(weeks=week)
        end = start + datetime.timedelta(days=6)
        lines.append(f"politie-incidenten-hg;GM0479;deelperiode;{start};{end};;{value};")
    return lines


def ours():
    return Measurement.objects.filter(period_start__year__lt=1991)


@pytest.fixture
def small_sync_limit(settings):
    """Files over 5 rows go to the background (the default is 5,000)."""
    settings.IMPORT_SYNC_MAX_ROWS = 5
    return settings


@pytest.fixture
def page(client_for, projectleider, zawa, small_sync_limit):
    client = client_for(projectleider)

    def upload(lines, name="metingen.csv"):
        url = reverse("monitoring:import_upload", kwargs={"slug": zawa.slug})
        response = client.post(url, {"bestand": csv_upload(*lines, name=name)})
        assert response.status_code == 302, response.content[:500]
        return ImportBatch.objects.latest("pk"), response["Location"]

    upload.client = client
    return upload


def test_a_large_file_is_checked_in_the_background_then_imported_after_confirmation(
    page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        batch, location = page(weekly_rows(40))
    batch.refresh_from_db()
    assert batch.phase == ImportPhase.CHECKED
    assert (batch.row_count, batch.error_count) == (40, 0)
    assert batch.file  # kept in the storage until imported
    assert not ours().exists()  # checked, nothing written
    preview = page.client.get(location)
    assert "Bevestig de import van 40 regels" in preview.text

    with django_capture_on_commit_callbacks(execute=True):
        confirmed = page.client.post(location)
    assert confirmed.status_code == 302
    batch.refresh_from_db()
    assert batch.phase == ImportPhase.IMPORTED and batch.imported_at
    assert batch.result == {"created": 40, "updated": 0, "unchanged": 0}
    assert ours().count() == 40
    assert not batch.file  # the upload is not kept once imported
    assert "Geïmporteerd op" in page.client.get(location).text


def test_a_small_file_is_still_checked_in_the_request(page):
    batch, _ = page(weekly_rows(5))
    assert batch.phase == ImportPhase.CHECKED and batch.row_count == 5
    assert not batch.file and not OutboxTask.objects.filter(key=f"import:{batch.pk}").exists()


def test_the_page_shows_the_phase_and_the_counts_while_the_job_works(page):
    batch, location = page(weekly_rows(40))  # the job is recorded, not yet run
    assert batch.phase == ImportPhase.CHECKING
    assert OutboxTask.objects.get(key=f"import:{batch.pk}").task_name == (
        "monitoring.imports.check_import"
    )
    preview = page.client.get(location)
    assert 'data-import-phase="checking"' in preview.text
    assert "Wordt gecontroleerd" in preview.text and "In wachtrij" in preview.text
    assert "Bevestig de import" not in preview.text and "Goedgekeurde regels" not in preview.text
    status_url = reverse("monitoring:import_status", kwargs={"pk": batch.pk})
    assert f'hx-get="{status_url}"' in preview.text

    progress.report(batch.pk, "checked", 20, 40)
    fragment = page.client.get(status_url, headers={"HX-Request": "true"})
    assert "20 van 40 regels gecontroleerd" in fragment.text
    assert "HX-Refresh" not in fragment.headers


def test_the_fragment_reloads_the_page_once_the_job_is_done(
    page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        batch, _ = page(weekly_rows(40))
    status_url = reverse("monitoring:import_status", kwargs={"pk": batch.pk})
    fragment = page.client.get(status_url, headers={"HX-Request": "true"})
    assert fragment.headers["HX-Refresh"] == "true"


def test_bad_rows_in_a_large_file_import_nothing_and_show_the_first_errors_with_their_count(
    page, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "ERRORS_KEPT", 3)
    lines = weekly_rows(30)
    lines[4] = lines[4].replace(";5;", ";veel;")
    for i in range(10, 19):
        lines[i] = lines[i].replace("GM0479", "Haarlem")
    with django_capture_on_commit_callbacks(execute=True):
        batch, location = page(lines)
    batch.refresh_from_db()
    assert (batch.error_count, len(batch.errors)) == (10, 3)
    assert batch.errors[0] == {"row": 6, "column": "waarde", "message": "'veel' is geen getal."}
    assert not batch.file  # refused: the file is not kept
    preview = page.client.get(location)
    assert "Fouten (10)" in preview.text
    assert "De eerste 3 van 10 fouten staan hieronder." in preview.text
    assert "Bevestig de import" not in preview.text
    assert page.client.post(location).status_code == 400
    assert not ours().exists()


def test_a_file_over_the_row_limit_is_refused_in_the_background(
    page, settings, django_capture_on_commit_callbacks
):
    settings.IMPORT_MAX_ROWS = 20
    with django_capture_on_commit_callbacks(execute=True):
        batch, location = page(weekly_rows(21))
    batch.refresh_from_db()
    assert batch.errors == [
        {"row": 1, "column": "bestand", "message": "Het bestand heeft meer dan 20 regels."}
    ]
    assert "meer dan 20 regels" in page.client.get(location).text


def test_an_import_that_breaks_midway_leaves_nothing_and_can_be_started_again(
    page, monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        batch, location = page(weekly_rows(40))
    monkeypatch.setattr(services, "PROGRESS_EVERY", 10)  # four insert rounds
    real_insert = services._insert_new
    calls = []

    def breaks_on_the_third_round(rows):
        calls.append(len(rows))
        if len(calls) == 3:
            raise RuntimeError("de database viel weg")
        return real_insert(rows)

    monkeypatch.setattr(services, "_insert_new", breaks_on_the_third_round)
    with django_capture_on_commit_callbacks(execute=True):
        page.client.post(location)
    batch.refresh_from_db()
    assert calls == [10, 10, 10]
    assert batch.phase == ImportPhase.FAILED and "de database viel weg" in batch.failure
    assert not ours().exists()  # the first 20 rows were rolled back with the rest
    assert OutboxTask.objects.filter(key=f"import:{batch.pk}").latest("pk").state == (
        OutboxState.FAILED
    )
    shown = page.client.get(location)
    assert "De verwerking is mislukt; er is niets geïmporteerd." in shown.text
    assert "hx-get" not in shown.text  # not polling a job that will never finish

    monkeypatch.setattr(services, "_insert_new", real_insert)
    retry_url = reverse("monitoring:import_retry", kwargs={"pk": batch.pk})
    with django_capture_on_commit_callbacks(execute=True):
        assert page.client.post(retry_url).status_code == 302
    batch.refresh_from_db()
    assert batch.phase == ImportPhase.IMPORTED
    assert ours().count() == 40


def test_a_job_the_outbox_gave_up_shows_failed_with_a_retry_never_bezig(page):
    batch, location = page(weekly_rows(40))
    # Its worker died every time (the outbox's sweep gave the job up after MAX_ATTEMPTS).
    OutboxTask.objects.filter(key=f"import:{batch.pk}").update(
        state=OutboxState.FAILED, last_error="5 keer gestart en nooit klaar gekomen"
    )
    shown = page.client.get(location)
    assert 'data-import-phase="failed"' in shown.text
    assert "Opnieuw starten" in shown.text and "hx-get" not in shown.text
    retry_url = reverse("monitoring:import_retry", kwargs={"pk": batch.pk})
    page.client.post(retry_url)
    latest = OutboxTask.objects.filter(key=f"import:{batch.pk}").latest("pk")
    assert latest.state in (OutboxState.QUEUED, OutboxState.SENT)
    assert 'data-import-phase="checking"' in page.client.get(location).text


def test_a_second_delivery_of_a_job_does_nothing(page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        batch, location = page(weekly_rows(40))
    with django_capture_on_commit_callbacks(execute=True):
        page.client.post(location)
    services.import_stored(batch.pk)  # redelivered after it finished
    services.check_stored(batch.pk)
    assert ours().count() == 40
    batch.refresh_from_db()
    assert batch.phase == ImportPhase.IMPORTED


def test_the_data_changed_since_the_check_imports_nothing(
    page, django_capture_on_commit_callbacks, zawa
):
    with django_capture_on_commit_callbacks(execute=True):
        batch, location = page(weekly_rows(40))
    zawa.municipalities.filter(cbs_code="GM0479").update(cbs_code="GM9479")  # recoded meanwhile
    with django_capture_on_commit_callbacks(execute=True):
        page.client.post(location)
    batch.refresh_from_db()
    assert batch.phase == ImportPhase.CHECKED and batch.error_count == 40
    assert not ours().exists()


def test_the_status_fragment_costs_the_same_queries_for_any_file(
    page, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    def status_queries(lines):
        batch, _ = page(lines)
        url = reverse("monitoring:import_status", kwargs={"pk": batch.pk})
        page.client.get(url)  # warm: the session and the user's scope
        # session, user, the user's memberships (scope), the batch with its region and
        # uploader, the region's visibility check, the job's outbox row
        with django_assert_max_num_queries(8) as captured:
            page.client.get(url, headers={"HX-Request": "true"})
        return len(captured)

    assert status_queries(weekly_rows(10)) == status_queries(weekly_rows(400))


def test_a_large_file_never_confirmed_is_not_kept_after_a_week(
    page, django_capture_on_commit_callbacks
):
    from django_celery_beat.models import PeriodicTask

    with django_capture_on_commit_callbacks(execute=True):
        batch, location = page(weekly_rows(40))
    batch.refresh_from_db()
    stored = batch.file.name
    assert batch.file.storage.exists(stored)
    week_later = batch.created_at + services.KEEP_UNCONFIRMED + datetime.timedelta(minutes=1)
    assert services.forget_unconfirmed(week_later - datetime.timedelta(hours=1)) == 0
    assert services.forget_unconfirmed(week_later) == 1
    assert services.forget_unconfirmed(week_later) == 0  # run twice: nothing more
    batch.refresh_from_db()
    assert not batch.file and not batch.file.storage.exists(stored)
    shown = page.client.get(location)
    assert "niet binnen 7 dagen bevestigd" in shown.text
    assert "Bevestig de import" not in shown.text
    assert page.client.post(location).status_code == 400 and not ours().exists()
    # Beat runs it every night.
    assert PeriodicTask.objects.get(task="monitoring.imports.forget_unconfirmed_imports").enabled
