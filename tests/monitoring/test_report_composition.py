"""The report composed, not only generated: texts prefilled from the accepted explanations
of the period, edited by the projectleider, approved through AO and BO, confirmed before
the irreversible steps, and read only by those who may."""

import datetime
import re
from io import BytesIO

from django.core import mail
from django.test import override_settings
from django.urls import reverse

import pypdf
import pytest

from actions.models import Risk
from actions.services import accept_update, submit_status_update
from ghnt_portal.periods import HalfYear
from governance.models import DecisionBody, RouteStep
from monitoring.constants import GenerationState, ReportStatus
from monitoring.models import ProgressReport
from monitoring.reports import approval, services, texts
from monitoring.reports.tasks import generate_report
from tests.monitoring.reports import make_report

pytestmark = pytest.mark.django_db

EXPLANATION = {
    "judgement": "aandachtspunt",
    "missed_milestones": "Mijlpaal j schoof: de trainers waren ziek.",
    "next_steps": "Tweede training in september.",
    "risks": "Te weinig gecertificeerde trainers.",
    "corrective_action": "Een extra trainer ingehuurd via Veilig Thuis.",
}


def _pdf_text(report) -> str:
    with report.pdf.open("rb") as f:
        reader = pypdf.PdfReader(BytesIO(f.read()))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def _accepted_update(action, author, reviewer, period="2021-H1", **explanation):
    update = submit_status_update(
        action=action,
        author=author,
        status="in_uitvoering",
        progress=40,
        remark="Twee MDA++-trainingen gegeven.",
        period=HalfYear.parse(period),
        explanation=explanation or EXPLANATION,
    )
    return accept_update(update=update, reviewer=reviewer)


def _bodies(programme):
    ao = DecisionBody.objects.get(region=programme.region, kind="ao")
    bo = DecisionBody.objects.get(region=programme.region, kind="bo")
    return ao, bo


def test_the_concept_is_prefilled_with_the_accepted_explanation_of_its_period(
    client_for, projectleider, veiligthuis, zawa_programme
):
    action = zawa_programme.actions.get(code="2B")
    _accepted_update(action, veiligthuis, projectleider)
    # A newer update, submitted but not accepted: not in the report.
    submit_status_update(
        action=action,
        author=veiligthuis,
        status="vertraagd",
        progress=10,
        remark="Nog niet beoordeeld",
        period=HalfYear(2021, 1),
        explanation={"judgement": "achterstand", "corrective_action": "x"},
    )
    report = make_report(zawa_programme, period="2021-H1")
    composed = texts.composed_texts(report)
    assert composed["actions"]["2B"]["judgement"] == "aandachtspunt"
    assert composed["actions"]["2B"]["remark"] == "Twee MDA++-trainingen gegeven."
    assert composed["actions"]["2B"]["source"].startswith(
        "Geaccepteerde update van Veilig Thuis Zaanstreek-Waterland"
    )
    assert composed["actions"]["1A"]["remark"] == ""  # no accepted update for 1A

    page = client_for(projectleider).get(reverse("monitoring:report_texts", args=[report.pk]))
    form = page.context["form"]
    assert form["action_2B_corrective_action"].value() == EXPLANATION["corrective_action"]
    assert "Geen geaccepteerde voortgangsupdate over deze periode" in page.content.decode()


def test_an_update_for_another_period_is_not_prefilled(projectleider, veiligthuis, zawa_programme):
    _accepted_update(zawa_programme.actions.get(code="2B"), veiligthuis, projectleider, "2021-H2")
    report = make_report(zawa_programme, period="2021-H1")
    assert texts.composed_texts(report)["actions"]["2B"]["remark"] == ""


def test_projectleider_edits_the_texts_and_the_pdf_holds_them_with_risks_and_basis(
    client_for, projectleider, veiligthuis, zawa_programme, django_capture_on_commit_callbacks
):
    action = zawa_programme.actions.get(code="2B")
    _accepted_update(action, veiligthuis, projectleider)
    Risk.objects.create(
        programme=zawa_programme,
        order=1,
        title="Rijksmiddelen stoppen eind 2021",
        measure="Borging in de reguliere begroting voorbereiden.",
    )
    Risk.objects.create(
        programme=zawa_programme, order=2, action=action, title="Trainers vallen uit"
    )
    client = client_for(projectleider)
    report = ProgressReport.objects.get(pk=generate_report(zawa_programme.pk, "2021-H1"))
    data = {
        name: (value if value is not None else "")
        for name, value in (
            (f.name, f.value())
            for f in client.get(reverse("monitoring:report_texts", args=[report.pk])).context[
                "form"
            ]
        )
    }
    data["summary"] = "Het eerste halfjaar stond in het teken van MDA++."
    data["line_2"] = "Stoppen en duurzaam oplossen loopt, met vertraging bij 2B."
    data["action_2B_next_steps"] = "Tweede training in september; evaluatie in het AO."
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("monitoring:report_texts", args=[report.pk]), data)
    assert response.status_code == 302
    # Saving makes no PDF (the preview shows the texts); "PDF maken" does.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("monitoring:report_generate", args=[zawa_programme.pk]), {"period": "2021-H1"}
        )
    report.refresh_from_db()
    assert report.generation_state == GenerationState.DONE  # made again (eager in tests)
    assert report.texts["actions"]["2B"]["edited"] is True
    assert report.texts["actions"]["1A"]["edited"] is False
    assert report.snapshot["texts"] == report.texts

    text = _pdf_text(report)
    assert "Het eerste halfjaar stond in het teken van MDA++." in text
    assert "Stoppen en duurzaam oplossen loopt, met vertraging bij 2B." in text
    assert "Oordeel: Aandachtspunt" in text
    assert "Tweede training in september; evaluatie in het AO." in text
    assert "Een extra trainer ingehuurd via Veilig Thuis." in text
    assert "Mijlpaal j schoof: de trainers waren ziek." in text
    assert "Rijksmiddelen stoppen eind 2021" in text and "Trainers vallen uit" in text
    # Figures state their basis instead of "0 geaccepteerde voortgangsupdates".
    assert "geaccepteerde voortgangsupdates in deze periode" not in text
    assert "Over deze periode (1e halfjaar 2021) is 1 voortgangsupdate geaccepteerd" in text
    assert "de stand in het portaal op" in text
    assert "CONCEPT" in text  # not yet adopted


def test_the_route_runs_ao_then_bo_and_locks_the_content(
    client_for, projectleider, zawa_programme, django_capture_on_commit_callbacks
):
    report = ProgressReport.objects.get(pk=generate_report(zawa_programme.pk, "2021-H1"))
    services.save_texts(report, {"summary": "Samenvatting voor het BO."}, projectleider)
    report = services.generate(report.pk)
    ao, bo = _bodies(zawa_programme)
    client = client_for(projectleider)
    bo_url = reverse("monitoring:report_step", args=[report.pk, "bo"])
    step = {"body": bo.pk, "date": "2021-07-12", "conclusion": "akkoord"}
    response = client.post(bo_url, step)
    assert "Leg eerst de bespreking in het ambtelijk overleg vast" in response.content.decode()

    ao_step = {"body": ao.pk, "date": "2021-07-05", "conclusion": "positief", "remarks": "Ok"}
    with django_capture_on_commit_callbacks(execute=True):  # the AO step makes the PDF
        assert client.post(reverse("monitoring:report_step", args=[report.pk, "ao"]), ao_step)
    finalise = reverse("monitoring:report_finalise", args=[report.pk])
    client.post(finalise)
    assert ProgressReport.objects.get(pk=report.pk).status == ReportStatus.CONCEPT

    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(bo_url, step).status_code == 302
    report.refresh_from_db()
    steps = RouteStep.objects.filter(route=report.route).order_by("order")
    assert [(s.body, s.purpose, s.conclusion) for s in steps] == [
        (ao, "bespreken", "positief"),
        (bo, "vaststellen", "akkoord"),
    ]
    assert report.route.adopts_programme is False
    assert report.snapshot["adopted"] is True and report.is_generated
    text = _pdf_text(report)
    assert "Bestuurlijk Overleg Zorg en Veiligheid, 12-07-2021: vaststellen – akkoord" in text
    assert "CONCEPT" not in text

    # Adopted: the texts no longer change, and the page says so.
    response = client.post(
        reverse("monitoring:report_texts", args=[report.pk]), {"summary": "Iets anders"}
    )
    report.refresh_from_db()
    assert report.texts["summary"] == "Samenvatting voor het BO."
    with pytest.raises(services.ReportError):
        services.save_texts(report, {"summary": "Iets anders"}, projectleider)

    page = client.get(finalise).content.decode()
    assert "Er wordt nog <strong>niets verzonden</strong>" in page
    assert ProgressReport.objects.get(pk=report.pk).status == ReportStatus.CONCEPT  # GET: no-op
    client.post(finalise)
    assert ProgressReport.objects.get(pk=report.pk).status == ReportStatus.FINAL


def test_sending_asks_for_confirmation_naming_the_rijk_address(
    client_for, projectleider, zawa_programme, zawa
):
    report = make_report(zawa_programme, ReportStatus.FINAL)
    client = client_for(projectleider)
    url = reverse("monitoring:report_send", args=[report.pk])
    page = client.get(url).content.decode()
    assert f"Er gaat één e-mail naar <strong>{zawa.rijk_report_email}</strong>" in page
    assert "niet terug te draaien" in page
    assert mail.outbox == []  # the GET sent nothing
    client.post(url)
    client.post(url)  # a second click: nothing is sent twice
    assert len(mail.outbox) == 1


def test_bo_adoption_is_refused_before_the_ao_date_and_for_another_regions_body(
    projectleider, zawa_programme
):
    report = make_report(zawa_programme, texts={"summary": "S"})
    ao, bo = _bodies(zawa_programme)
    approval.record_step(
        report, "ao", body=ao, date=datetime.date(2021, 7, 5), conclusion="akkoord"
    )
    with pytest.raises(approval.ApprovalError, match="vóór de bespreking"):
        approval.record_step(
            report, "bo", body=bo, date=datetime.date(2021, 7, 1), conclusion="akkoord"
        )
    other = DecisionBody.objects.exclude(region=zawa_programme.region).first()
    with pytest.raises(approval.ApprovalError, match="eigen regio"):
        approval.record_step(
            report, "bo", body=other, date=datetime.date(2021, 7, 9), conclusion="akkoord"
        )


def test_wethouder_cannot_download_a_definitief_report_of_a_programme_not_adopted(
    client_for, wethouder, rijk, zawa_programme
):
    final = make_report(zawa_programme, ReportStatus.FINAL)
    sent = make_report(zawa_programme, ReportStatus.SENT, period="2020-H2")
    download = reverse("monitoring:report_download", args=[final.pk])
    assert client_for(wethouder).get(download).status_code == 200
    zawa_programme.status = "in_besluitvorming"
    zawa_programme.save(update_fields=["status"])
    assert client_for(wethouder).get(download).status_code == 404
    assert (
        client_for(rijk).get(reverse("monitoring:report_download", args=[sent.pk])).status_code
        == 404
    )
    assert not ProgressReport.objects.visible_to(wethouder).exists()


def test_report_detail_query_count_is_flat(
    client_for, projectleider, zawa_programme, django_assert_num_queries
):
    report = make_report(zawa_programme, texts={"summary": "S"})
    client = client_for(projectleider)
    url = report.get_absolute_url()
    client.get(url)
    # session, user, device, memberships, report (+programme, region, route), versions,
    # downloads; can-edit and the route's steps need no query (scope read, no route yet);
    # "Te beoordelen (n)" in the navigation; the published uitvraag of the half year (none);
    # the annexes (documents panel)
    with django_assert_num_queries(10):
        client.get(url)
    ao, bo = _bodies(zawa_programme)
    approval.record_step(
        report, "ao", body=ao, date=datetime.date(2021, 7, 5), conclusion="akkoord"
    )
    # + the route's steps (with their bodies)
    with django_assert_num_queries(11):
        client.get(url)


@override_settings(DEBUG=True, CELERY_TASK_ALWAYS_EAGER=True)
def test_without_a_broker_in_debug_the_report_is_made_after_the_response(
    monkeypatch, settings, zawa_programme, django_capture_on_commit_callbacks
):
    """`make run`: the request returns at once; a thread makes the report meanwhile."""
    import threading

    from ghnt_portal.outbox import services as outbox_services
    from ghnt_portal.outbox.models import OutboxTask

    settings.DEBUG = True
    settings.CELERY_TASK_ALWAYS_EAGER = True
    ran = []
    done = threading.Event()

    def fake_publish(pk):
        # The thread's own connection cannot see the test's uncommitted rows: record only.
        ran.append((pk, threading.current_thread().name))
        done.set()

    monkeypatch.setattr(outbox_services, "publish", fake_publish)
    report = make_report(zawa_programme)
    with django_capture_on_commit_callbacks(execute=True):
        services.enqueue_generation(report, None)
    assert done.wait(5)
    [(pk, thread_name)] = ran
    assert thread_name == "achtergrondtaak"
    assert OutboxTask.objects.get(pk=pk).args == [zawa_programme.pk, "2021-H1"]


def test_pdf_tables_repeat_their_header_but_show_totals_once(zawa_programme):
    """WeasyPrint repeats <thead> and <tfoot> on every page a table spans: headers are
    welcome on every page, totals are not, so totals are the last row of the body."""
    from django.template.loader import render_to_string

    from monitoring.dashboard.services import dashboard_data
    from monitoring.reports.snapshot import build_snapshot

    report = make_report(zawa_programme)
    snapshot = build_snapshot(zawa_programme, HalfYear(2021, 1))
    snapshot["dashboard"] = dashboard_data(zawa_programme)
    html = render_to_string(services.REPORT_TEMPLATE, services.report_context(report, snapshot))
    assert "<tfoot" not in html
    assert html.count("<thead>") >= 5
    assert 'class="total"><th scope="row" colspan="2">Totaal begroot (berekend)' in html
    css = open("static/css/print.css", encoding="utf-8").read()
    assert "thead { display: table-header-group; }" in css


def test_report_texts_page_query_count_does_not_grow_with_updates(
    client_for, projectleider, veiligthuis, zawa_programme, django_assert_num_queries
):
    report = make_report(zawa_programme, texts={"summary": "S"})
    client = client_for(projectleider)
    url = reverse("monitoring:report_texts", args=[report.pk])
    client.get(url)
    # session, user, device, memberships, report (+programme, region, route), is-locked
    # (none: no route, no query), actions (+line), action codes, the accepted updates of
    # the period (+action, organisation), the action lines, can-edit check, "Te beoordelen (n)"
    with django_assert_num_queries(10):
        client.get(url)
    for code in ("1A", "2B", "4A"):  # owned by Veilig Thuis
        _accepted_update(zawa_programme.actions.get(code=code), veiligthuis, projectleider)
    with django_assert_num_queries(10):
        client.get(url)
