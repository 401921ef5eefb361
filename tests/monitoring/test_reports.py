"""Half-yearly progress reports: generation, freezing, sending, downloading (journey 3)."""

import hashlib
import re
from io import BytesIO

from django.core import mail
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

import pypdf
import pytest

from actions.constants import ActionStatus, ReviewStatus
from actions.models import Action, StatusUpdate
from ghnt_portal.outbox.models import OutboxTask
from ghnt_portal.periods import HalfYear
from monitoring.constants import GenerationState, ReportStatus
from monitoring.models import FrozenReportError, ProgressReport, ReportDownload
from monitoring.reports import services
from monitoring.reports.tasks import generate_due_reports, generate_report
from programmes.constants import ProgrammeStatus
from programmes.models import Programme
from tests.monitoring.reports import FAKE_PDF, approve, make_report

pytestmark = pytest.mark.django_db


def _pdf_text(report) -> str:
    with report.pdf.open("rb") as f:
        reader = pypdf.PdfReader(BytesIO(f.read()))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def _generate(programme, period="2021-H1", user=None):
    pk = generate_report(programme.pk, period, user.pk if user else None)
    return ProgressReport.objects.get(pk=pk)


@pytest.fixture
def report(zawa_programme, projectleider):
    return _generate(zawa_programme, user=projectleider)


def test_pdf_holds_every_action_code_and_title_of_the_plan_and_the_budget_totals(
    report, zawa_programme
):
    text = _pdf_text(report)
    for action in zawa_programme.actions.all():
        title = re.sub(r"\s+", " ", action.title)
        assert f"{action.code}. {title}" in text, action.code
    assert "€ 115.478" in text  # DUVO, table 3.4
    assert "€ 476.712" in text and "€ 187.000" in text
    assert "Regio Zaanstreek-Waterland" in text
    assert "1e halfjaar 2021" in text
    assert re.search(r"Pagina 3 van \d+", text)  # page counters in the running footer
    assert report.pdf_sha256 == hashlib.sha256(report.pdf.open("rb").read()).hexdigest()
    assert report.generation_state == GenerationState.DONE
    assert report.snapshot["budget"]["planned"] == "779190.00"


def test_pdf_is_tagged_for_screen_readers(report):
    with report.pdf.open("rb") as f:
        reader = pypdf.PdfReader(BytesIO(f.read()))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "nl"


def test_only_accepted_updates_of_the_period_are_in_the_report(zawa_programme, projectleider):
    action = zawa_programme.actions.get(code="2B")
    accepted = StatusUpdate.objects.create(
        action=action,
        author=projectleider,
        created_at="2021-03-15T10:00:00+01:00",
        status=ActionStatus.IN_PROGRESS,
        progress=40,
        remark="MDA++ draait in alle gemeenten",
        review_status=ReviewStatus.ACCEPTED,
    )
    StatusUpdate.objects.create(
        action=action,
        author=projectleider,
        created_at="2021-04-01T10:00:00+02:00",
        status=ActionStatus.DELAYED,
        progress=10,
        remark="Nog niet beoordeeld",
    )
    StatusUpdate.objects.create(
        action=action,
        author=projectleider,
        created_at="2021-08-01T10:00:00+02:00",
        status=ActionStatus.IN_PROGRESS,
        progress=60,
        remark="Valt in het tweede halfjaar",
        review_status=ReviewStatus.ACCEPTED,
    )
    text = _pdf_text(_generate(zawa_programme))
    assert accepted.remark in text
    assert "Nog niet beoordeeld" not in text
    assert "Valt in het tweede halfjaar" not in text


def test_generating_twice_gives_one_report(zawa_programme):
    first = _generate(zawa_programme)
    second = _generate(zawa_programme)
    assert first.pk == second.pk
    assert ProgressReport.objects.filter(programme=zawa_programme, period="2021-H1").count() == 1


def test_a_later_edit_does_not_change_a_sent_report(report, projectleider):
    report = approve(report, projectleider)
    services.finalise(report, projectleider)
    services.send(report, projectleider)
    report.refresh_from_db()
    snapshot, sha, name = report.snapshot, report.pdf_sha256, report.pdf.name

    action = Action.objects.get(programme=report.programme, code="1A")
    action.title = "Een heel andere titel"
    action.status = ActionStatus.DONE
    action.progress = 100
    action.save()
    # The task runs again (the beat, a second click): the frozen report is left alone.
    assert generate_report(report.programme_id, "2021-H1") == report.pk

    report.refresh_from_db()
    assert report.snapshot == snapshot
    assert (report.pdf_sha256, report.pdf.name) == (sha, name)
    assert hashlib.sha256(report.pdf.open("rb").read()).hexdigest() == sha
    assert "Een heel andere titel" not in _pdf_text(report)


def test_save_of_a_definitief_report_is_refused(zawa_programme):
    report = make_report(zawa_programme, ReportStatus.FINAL)
    report.snapshot = {"vervalst": True}
    with pytest.raises(FrozenReportError):
        report.save()
    report.refresh_from_db()
    report.status = ReportStatus.CONCEPT
    with pytest.raises(FrozenReportError):
        report.save()
    with pytest.raises(FrozenReportError):
        report.delete()


def test_queryset_update_of_a_definitief_report_is_refused(zawa_programme):
    report = make_report(zawa_programme, ReportStatus.FINAL)
    reports = ProgressReport.objects.filter(pk=report.pk)
    with pytest.raises(FrozenReportError):
        reports.update(pdf_sha256="0" * 64)
    with pytest.raises(FrozenReportError):
        reports.update(status=ReportStatus.CONCEPT)
    with pytest.raises(FrozenReportError):
        reports.delete()
    report.refresh_from_db()
    assert report.status == ReportStatus.FINAL
    # The one allowed step: definitief -> verzonden.
    reports.update(status=ReportStatus.SENT, sent_to="rijk@example.nl")
    with pytest.raises(FrozenReportError):
        reports.update(sent_to="iemand-anders@example.nl")


def _raw(sql, params):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.parametrize("status", [ReportStatus.FINAL, ReportStatus.SENT])
def test_raw_sql_update_and_delete_are_refused_by_the_database_trigger(zawa_programme, status):
    assert connection.vendor in ("postgresql", "sqlite")
    report = make_report(zawa_programme, status)
    table = ProgressReport._meta.db_table
    for column, value in [
        ("snapshot", '{"vervalst": true}'),
        ("pdf_sha256", "0" * 64),
        ("period", "2099-H1"),
        ("programme_id", Programme.objects.exclude(pk=zawa_programme.pk).first().pk),
        ("status", "concept"),
    ]:
        with pytest.raises(DatabaseError, match="definitief"):
            _raw(f"UPDATE {table} SET {column} = %s WHERE id = %s", [value, report.pk])
    with pytest.raises(DatabaseError, match="definitief"):
        _raw(f"DELETE FROM {table} WHERE id = %s", [report.pk])
    report.refresh_from_db()
    assert report.pdf_sha256 == hashlib.sha256(FAKE_PDF).hexdigest()


def test_raw_sql_may_still_change_a_concept_and_send_a_definitief_report(zawa_programme):
    concept = make_report(zawa_programme, ReportStatus.CONCEPT, period="2021-H2")
    final = make_report(zawa_programme, ReportStatus.FINAL)
    table = ProgressReport._meta.db_table
    _raw(f"UPDATE {table} SET pdf_sha256 = %s WHERE id = %s", ["1" * 64, concept.pk])
    _raw(
        f"UPDATE {table} SET status = %s, sent_to = %s WHERE id = %s",
        ["verzonden", "rijk@example.nl", final.pk],
    )
    final.refresh_from_db()
    assert final.status == ReportStatus.SENT


def test_sending_mails_the_pdf_to_the_regions_rijk_address_once(
    client_for, projectleider, report, zawa
):
    report = approve(report, projectleider)
    services.finalise(report, projectleider)
    client = client_for(projectleider)
    url = reverse("monitoring:report_send", args=[report.pk])
    response = client.post(url, follow=True)
    assert "is verzonden aan voortgang-ghnt@rijk.example.nl" in response.content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [zawa.rijk_report_email]
    ((name, content, mimetype),) = message.attachments
    assert mimetype == "application/pdf" and name.endswith("2021-H1-v1.pdf")
    assert hashlib.sha256(content).hexdigest() == report.pdf_sha256
    report.refresh_from_db()
    assert (report.status, report.sent_to, report.sent_by) == (
        ReportStatus.SENT,
        zawa.rijk_report_email,
        projectleider,
    )

    response = client.post(url, follow=True)
    assert "al verzonden" in response.content.decode()
    assert "Er is niets opnieuw verzonden" in response.content.decode()
    assert len(mail.outbox) == 1
    with pytest.raises(services.ReportError):
        services.send(report, projectleider)
    assert len(mail.outbox) == 1


def test_a_concept_is_not_sent(client_for, projectleider, report):
    response = client_for(projectleider).post(
        reverse("monitoring:report_send", args=[report.pk]), follow=True
    )
    assert "eerst definitief" in response.content.decode()
    assert mail.outbox == []


def test_wethouder_downloads_a_definitief_report_and_the_download_is_recorded(
    client_for, wethouder, zawa_programme
):
    report = make_report(zawa_programme, ReportStatus.FINAL)
    response = client_for(wethouder).get(reverse("monitoring:report_download", args=[report.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]
    download = ReportDownload.objects.get()
    assert (download.report, download.user) == (report, wethouder)


def test_rijk_downloads_only_sent_reports(client_for, rijk, zawa_programme):
    final = make_report(zawa_programme, ReportStatus.FINAL)
    sent = make_report(zawa_programme, ReportStatus.SENT, period="2020-H2")
    client = client_for(rijk)
    assert client.get(reverse("monitoring:report_download", args=[final.pk])).status_code == 404
    assert client.get(reverse("monitoring:report_download", args=[sent.pk])).status_code == 200
    assert ReportDownload.objects.filter(user=rijk).count() == 1


def test_wethouder_and_raadslid_cannot_get_a_concept(client_for, wethouder, raadslid, report):
    url = reverse("monitoring:report_download", args=[report.pk])
    assert client_for(wethouder).get(url).status_code == 404
    assert client_for(raadslid).get(url).status_code == 404
    assert not ReportDownload.objects.exists()


def test_a_failed_generation_is_stored_on_the_report_and_shown(
    monkeypatch, client_for, projectleider, zawa_programme
):
    calls = []

    def broken(*args, **kwargs):
        calls.append(1)
        raise RuntimeError("lettertype ontbreekt")

    monkeypatch.setattr(services, "render_to_pdf", broken)
    with pytest.raises(RuntimeError):
        generate_report(zawa_programme.pk, "2021-H1")
    report = ProgressReport.objects.get(programme=zawa_programme, period="2021-H1")
    assert report.status == ReportStatus.CONCEPT
    assert report.generation_state == GenerationState.FAILED
    assert "lettertype ontbreekt" in report.failure
    page = client_for(projectleider).get(report.get_absolute_url()).content.decode()
    assert "Het maken van de rapportage is mislukt" in page
    assert "lettertype ontbreekt" in page
    with pytest.raises(services.ReportError):
        services.finalise(report, projectleider)


def test_the_task_retries_with_exponential_backoff():
    assert generate_report.autoretry_for == (Exception,)
    assert generate_report.retry_backoff is True
    assert generate_report.max_retries == 3


@pytest.mark.parametrize(
    ("today", "period"), [("2022-01-01", "2021-H2"), ("2021-10-01", "2021-H1")]
)
def test_the_beat_reports_every_adopted_programme_on_the_half_year_just_ended(
    django_capture_on_commit_callbacks, today, period
):
    with django_capture_on_commit_callbacks(execute=False):
        ids = generate_due_reports(today)
    rows = OutboxTask.objects.filter(task_name=generate_report.name)
    queued = [tuple(row.args) for row in rows]  # recorded in the outbox, one per programme
    adopted = set(Programme.objects.filter(status="vastgesteld").values_list("pk", flat=True))
    assert ids and set(ids) <= adopted
    assert Programme.objects.get(region__slug="zaanstreek-waterland").pk in ids
    assert Programme.objects.get(region__slug="groningen").pk not in ids  # in besluitvorming
    assert sorted(queued) == sorted((pk, period) for pk in ids)


def test_the_beat_schedule_is_in_the_database_and_editable_in_the_admin():
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(task="monitoring.tasks.generate_due_reports")
    assert task.enabled
    cron = task.crontab
    schedule = (cron.minute, cron.hour, cron.day_of_month, cron.month_of_year)
    assert schedule == ("0", "6", "1", "1,10")
    assert str(cron.timezone) == "Europe/Amsterdam"


def test_a_correction_is_a_new_version_that_points_to_the_sent_one(
    client_for, projectleider, zawa_programme, django_capture_on_commit_callbacks
):
    sent = make_report(zawa_programme, ReportStatus.SENT)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(projectleider).post(
            reverse("monitoring:report_correct", args=[sent.pk])
        )
    correction = ProgressReport.objects.get(replaces=sent)
    assert response.url == correction.get_absolute_url()
    assert (correction.version, correction.status) == (2, ReportStatus.CONCEPT)
    assert correction.generation_state == GenerationState.DONE  # made at once (eager)
    assert services.create_correction(sent) == correction  # idempotent
    sent.refresh_from_db()
    assert sent.status == ReportStatus.SENT


def test_what_changed_since_the_previous_report(zawa_programme, projectleider):
    previous = approve(_generate(zawa_programme, "2020-H2"), projectleider)
    services.finalise(previous, projectleider)
    action = zawa_programme.actions.get(code="2B")
    action.status, action.progress = ActionStatus.DELAYED, 35
    action.save()
    milestone = zawa_programme.milestones.get(letter="a")
    milestone.done_on = "2021-03-01"
    milestone.save()
    current = _generate(zawa_programme, "2021-H1")
    context = services.report_context(current)
    changes = context["changes"]
    assert [c["code"] for c in changes["actions"]] == ["2B"]
    assert changes["actions"][0]["status_after"] == "Vertraagd"
    assert [m["letter"] for m in changes["milestones_done"]] == ["a"]
    text = _pdf_text(current)
    assert "Vergeleken met de rapportage over het 2e halfjaar 2020" in text


def test_projectleider_starts_a_report_from_the_browser_and_sees_it_done(
    client_for, projectleider, zawa_programme, django_capture_on_commit_callbacks
):
    client = client_for(projectleider)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(
            reverse("monitoring:report_generate", args=[zawa_programme.pk]),
            {"period": "2021-H1"},
        )
    assert len(callbacks) == 1  # enqueued after commit, not inside the request's work
    report = ProgressReport.objects.get(programme=zawa_programme, period="2021-H1")
    assert response.url == report.get_absolute_url()
    fragment = client.get(reverse("monitoring:report_status", args=[report.pk])).content.decode()
    assert "hx-trigger" not in fragment  # done: polling stops
    assert "PDF downloaden" in fragment


def test_the_last_poll_also_brings_the_next_steps_buttons(
    client_for, projectleider, zawa_programme, django_capture_on_commit_callbacks
):
    """The worker finishes while the page is open: htmx swaps in the next step's button, so
    the projectleider can go on (texts, the AO's discussion) without reloading."""
    client = client_for(projectleider)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("monitoring:report_generate", args=[zawa_programme.pk]), {"period": "2021-H1"}
        )
    report = ProgressReport.objects.get(programme=zawa_programme, period="2021-H1")
    url = reverse("monitoring:report_status", args=[report.pk])
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'id="report-actions" hx-swap-oob="true"' in fragment
    assert "Bespreking in AO vastleggen" in fragment and "Teksten bewerken" in fragment
    assert "Definitief maken" not in fragment  # not before the BO adopted it
    assert "Bespreking in AO" not in client.get(url).content.decode()  # plain GET: status only


def test_the_status_fragment_polls_while_the_report_is_being_made(
    client_for, projectleider, zawa_programme
):
    report = services.request_report(zawa_programme, HalfYear(2021, 1), projectleider)
    services.enqueue_generation(report, projectleider.pk)  # recorded; published on commit
    fragment = (
        client_for(projectleider)
        .get(reverse("monitoring:report_status", args=[report.pk]))
        .content.decode()
    )
    assert 'hx-trigger="every 2s"' in fragment
    assert "In de wachtrij" in fragment and "In wachtrij sinds" in fragment


def test_a_period_outside_the_programme_is_refused(client_for, projectleider, zawa_programme):
    response = client_for(projectleider).post(
        reverse("monitoring:report_generate", args=[zawa_programme.pk]),
        {"period": "2030-H1"},
        follow=True,
    )
    assert "Kies een halfjaar binnen de looptijd" in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_report_list_and_detail_query_counts_do_not_grow_with_reports(
    client_for, projectleider, zawa_programme, django_assert_num_queries
):
    client = client_for(projectleider)
    make_report(zawa_programme, ReportStatus.SENT, period="2020-H2")
    list_url = reverse("monitoring:report_list", args=[zawa_programme.pk])
    client.get(list_url)  # warm the session

    def count(url):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    before = count(list_url)
    detail = make_report(zawa_programme, ReportStatus.FINAL, period="2021-H1")
    detail_url = reverse("monitoring:report_detail", args=[detail.pk])
    detail_before = count(detail_url)
    for period in ("2021-H2",):
        make_report(zawa_programme, ReportStatus.SENT, period=period)
    make_report(zawa_programme, ReportStatus.CONCEPT, period="2021-H1", version=2, replaces=detail)
    ReportDownload.objects.create(report=detail, user=projectleider)
    # session, user, memberships (scope), programme, is-editor, reports (with download count)
    with django_assert_num_queries(before):
        client.get(list_url)
    # session, user, scope, report, versions, downloads count, is-editor
    with django_assert_num_queries(detail_before):
        client.get(detail_url)


def test_the_preview_shows_the_pdf_template_as_html(client_for, projectleider, report):
    client = client_for(projectleider)
    url = reverse("monitoring:report_preview", args=[report.pk])
    page = client.get(url).content.decode()
    assert "Voortgangsrapportage 1e halfjaar 2021" in page
    assert "css/print.css" in page


def test_the_pdf_carries_the_dashboards_charts_with_their_tables(report):
    """The same server-side SVG charts as the dashboard: drawn, summarised, and as a table."""
    html, _pdf = services.render_to_pdf(services.REPORT_TEMPLATE, services.report_context(report))
    assert html.count("<svg") >= 3  # progress per action line + both police indicators
    assert 'role="img"' in html
    text = _pdf_text(report)
    assert "Voortgang per actielijn" in text
    assert "Politie: incidenten huiselijk geweld" in text
    assert "t/m mei 2020" in text and "deel van een jaar" in text
    assert "667" in text  # Zaanstad incidents 2019, appendix 1


def test_the_frozen_snapshot_holds_the_dashboard_shown_as_reported(report, projectleider):
    dashboard = report.snapshot["dashboard"]
    assert dashboard["programme"]["id"] == report.programme_id
    line_titles = [line["title"] for line in dashboard["action_lines"]]
    assert "Stoppen en duurzaam oplossen" in line_titles
    # A later edit changes the live dashboard but not the frozen one.
    Action.objects.filter(programme=report.programme).update(progress=100)
    report.refresh_from_db()
    assert report.snapshot["dashboard"] == dashboard


@pytest.mark.parametrize("status", [ProgrammeStatus.CONCEPT, ProgrammeStatus.IN_DECISION])
def test_readers_cannot_download_a_report_of_a_programme_that_is_not_adopted(
    client_for, wethouder, rijk, zawa_programme, status
):
    """The programme's page answers 404 to a wethouder until it is adopted; so does its
    report, even when definitief (or sent, for the Rijk)."""
    final = make_report(zawa_programme, ReportStatus.FINAL)
    sent = make_report(zawa_programme, ReportStatus.SENT, period="2020-H2")
    Programme.objects.filter(pk=zawa_programme.pk).update(status=status)
    wethouder_client = client_for(wethouder)
    assert wethouder_client.get(zawa_programme.get_absolute_url()).status_code == 404
    for report in (final, sent):
        url = reverse("monitoring:report_download", args=[report.pk])
        assert wethouder_client.get(url).status_code == 404
        assert wethouder_client.get(report.get_absolute_url()).status_code == 404
    rijk_client = client_for(rijk)
    url = reverse("monitoring:report_download", args=[sent.pk])
    assert rijk_client.get(url).status_code == 404
    assert not ReportDownload.objects.exists()
