"""A long action list's Excel file is made in the background through the outbox, with its
progress on a page, and downloaded by the one who asked for it (issue 26: all regions are
thousands of actions, 30x the floor when written within the request)."""

import io

from django.core.files.base import ContentFile
from django.urls import reverse

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from actions import tasks
from actions.constants import ExportState
from actions.models import Action, ActionExport
from actions.services import exports
from ghnt_portal.outbox.constants import OutboxState
from ghnt_portal.outbox.models import OutboxTask

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def long_lists(settings):
    """Any list of more than 3 actions counts as long here (the demo has 15)."""
    settings.ACTION_EXPORT_BACKGROUND_ROWS = 3


def _rows(content: bytes):
    sheet = load_workbook(io.BytesIO(content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _start(client, django_capture_on_commit_callbacks, **filters):
    page = client.get(reverse("actions:export_xlsx"), filters)
    assert page.status_code == 200 and "Excel-bestand maken" in page.text
    query = page.context["query"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("actions:export_start"), {"query": query})
    assert response.status_code == 302
    return ActionExport.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])


def test_a_long_list_is_made_in_the_background_and_downloaded(
    client_for, beheerder, long_lists, django_capture_on_commit_callbacks
):
    client = client_for(beheerder)
    page = client.get(reverse("actions:export_xlsx"))
    total = Action.objects.count()
    assert f"De lijst telt {total} acties" in page.text
    assert page["Content-Type"].startswith("text/html")  # a page, not the file

    export = _start(client, django_capture_on_commit_callbacks)

    # The outbox handed the work to the (eager) worker after the commit.
    task = OutboxTask.objects.get(key=f"action-export:{export.pk}")
    assert task.task_name == "actions.tasks.make_action_export" and task.state == OutboxState.DONE
    export.refresh_from_db()
    assert export.state == ExportState.DONE and export.rows_total == total
    detail = client.get(export.get_absolute_url())
    assert "Excel-bestand downloaden" in detail.text and "hx-trigger" not in detail.text
    download = client.get(reverse("actions:export_download", args=[export.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    rows = _rows(b"".join(download.streaming_content))
    assert rows[0][:2] == ["Programma", "Code"] and len(rows) == total + 1
    assert set(r[1] for r in rows[1:]) == set(Action.objects.values_list("code", flat=True))


def test_the_background_file_keeps_the_filters_and_the_requesters_scope(
    client_for, projectleider, long_lists, django_capture_on_commit_callbacks
):
    client = client_for(projectleider)
    export = _start(client, django_capture_on_commit_callbacks, status="in_uitvoering")
    content = b"".join(client.get(reverse("actions:export_download", args=[export.pk])))
    visible = Action.objects.visible_to(projectleider).filter(status="in_uitvoering")
    codes = [r[1] for r in _rows(content)[1:]]
    assert sorted(codes) == sorted(visible.values_list("code", flat=True))
    assert len(codes) < Action.objects.count()  # not the other regions' actions


def test_a_short_list_is_still_downloaded_at_once(client_for, projectleider):
    response = client_for(projectleider).get(reverse("actions:export_xlsx"), {"q": "2B"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert [r[1] for r in _rows(response.content)[1:]] == ["2B"]
    assert not ActionExport.objects.exists()


def test_while_it_is_made_the_page_shows_the_rows_written_and_asks_again(client_for, beheerder):
    export = ActionExport.objects.create(
        requested_by=beheerder, state=ExportState.RUNNING, rows_total=3160, rows_done=750
    )
    response = client_for(beheerder).get(reverse("actions:export_status", args=[export.pk]), **HTMX)
    html = response.text
    assert "750 van 3160 acties geschreven (23%)" in html
    assert 'hx-trigger="every 2s"' in html and 'role="status"' in html
    assert "<progress" in html and "downloaden" not in html


def test_a_failing_export_ends_as_failed_with_its_reason_not_bezig(
    client_for, beheerder, long_lists, django_capture_on_commit_callbacks, monkeypatch
):
    def broken(rows, progress=None):
        raise OSError("schijf vol")

    monkeypatch.setattr(exports, "workbook_bytes", broken)
    client = client_for(beheerder)
    # The eager worker gives up at once (no retries when the task is run in-process).
    monkeypatch.setattr(tasks.make_action_export, "max_retries", 0)
    export = _start(client, django_capture_on_commit_callbacks)

    export.refresh_from_db()
    assert export.state == ExportState.FAILED and "schijf vol" in export.failure
    html = client.get(reverse("actions:export_status", args=[export.pk]), **HTMX).text
    assert "Het maken van het Excel-bestand is mislukt." in html and "schijf vol" in html
    assert "hx-trigger" not in html  # the page stops asking
    download = client.get(reverse("actions:export_download", args=[export.pk]))
    assert download.status_code == 404


def test_a_retry_that_is_still_to_come_keeps_the_export_waiting(beheerder):
    export = ActionExport.objects.create(requested_by=beheerder, state=ExportState.RUNNING)
    exports.record_failure(export.pk, OSError("even weg"), final=False)
    export.refresh_from_db()
    assert export.state == ExportState.QUEUED and "even weg" in export.failure


def test_work_the_outbox_gave_up_on_is_shown_as_failed(client_for, beheerder):
    """The worker died on every try (the sweep gave the outbox row up): the export that was
    left "bezig" is shown, and kept, as failed, so no one waits for it forever."""
    export = ActionExport.objects.create(
        requested_by=beheerder, state=ExportState.RUNNING, rows_total=3160, rows_done=500
    )
    OutboxTask.objects.create(
        task_name="actions.tasks.make_action_export",
        args=[export.pk],
        key=export.outbox_key,
        state=OutboxState.FAILED,
        attempts=5,
        last_error="Vijf keer gestart zonder klaar te komen.",
    )
    html = client_for(beheerder).get(export.get_absolute_url()).text
    assert "Het maken van het Excel-bestand is mislukt." in html
    assert "Vijf keer gestart" in html and "hx-trigger" not in html
    export.refresh_from_db()
    assert export.state == ExportState.FAILED


def test_running_the_task_twice_makes_one_file(beheerder, long_lists):
    export = ActionExport.objects.create(requested_by=beheerder)
    tasks.make_action_export(export.pk)
    export.refresh_from_db()
    first = export.file.name
    tasks.make_action_export(export.pk)
    export.refresh_from_db()
    assert export.file.name == first and export.state == ExportState.DONE


@pytest.mark.parametrize("role", ["projectleider", "other_projectleider", "rijk", "raadslid"])
def test_only_the_requester_reaches_an_export(client_for, beheerder, request, role):
    export = ActionExport.objects.create(
        requested_by=beheerder, state=ExportState.DONE, rows_total=1
    )
    export.file.save("acties.xlsx", ContentFile(b"geheim"), save=True)
    client = client_for(request.getfixturevalue(role))
    for name in ("actions:export_detail", "actions:export_status", "actions:export_download"):
        assert client.get(reverse(name, args=[export.pk])).status_code == 404, name


def test_starting_an_export_needs_a_post(client_for, beheerder):
    client = client_for(beheerder)
    assert client.get(reverse("actions:export_start")).status_code == 405
    assert not ActionExport.objects.exists()


@hypothesis_settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(max_size=300))
def test_any_filter_text_makes_a_file_or_a_clear_failure_never_a_crash(beheerder, query):
    """The filters travel to the task as text: whatever a user or a forged POST puts there,
    the export is made (with the filters the list accepts) and holds only visible actions."""
    export = exports.start_export(beheerder, query)
    assert len(export.query) <= 2000
    exports.make_export(export.pk)
    export.refresh_from_db()
    assert export.state == ExportState.DONE
    assert export.rows_total <= Action.objects.visible_to(beheerder).count()
