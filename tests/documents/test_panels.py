"""The documents panel in the places people look: programme, action, route (and its steps),
meeting (agenda and besluitenlijst first), decision, toezegging and report pages."""

import pytest

from tests.documents.helpers import attach
from tests.world import World

pytestmark = pytest.mark.django_db


def _parents(w):
    return {
        "programme": (w.zawa_programme, w.zawa_programme.get_absolute_url()),
        "action": (w.action_2b, w.action_2b.get_absolute_url()),
        "route": (w.zawa_route, w.zawa_route.get_absolute_url()),
        "step": (w.zawa_route.steps.order_by("order").first(), w.zawa_route.get_absolute_url()),
        "meeting": (w.zawa_ao_january, w.zawa_ao_january.get_absolute_url()),
        "decision": (w.zawa_decision, w.zawa_decision.get_absolute_url()),
        "commitment": (w.zawa_commitment, w.zawa_commitment.get_absolute_url()),
        "report": (w.zawa_concept_report, w.zawa_concept_report.get_absolute_url()),
    }


@pytest.mark.parametrize(
    "which", ["programme", "action", "route", "step", "meeting", "decision", "commitment", "report"]
)
def test_each_page_lists_its_documents_with_a_download_link(client_for, projectleider, which):
    parent, url = _parents(World())[which]
    document = attach(parent, title=f"Stuk bij {which}", kind="bijlage")
    version = document.versions.get()
    page = client_for(projectleider).get(url).content.decode()
    assert f"Stuk bij {which}" in page
    assert version.get_download_url() in page
    assert "Document toevoegen" in page


def test_readers_see_the_documents_without_the_add_button(client_for, raadslid):
    programme = World().zawa_programme
    attach(programme, title="Vastgesteld actieplan", kind="plan")
    page = client_for(raadslid).get(programme.get_absolute_url()).content.decode()
    assert "Vastgesteld actieplan" in page
    assert "Document toevoegen" not in page


def test_the_meeting_page_lists_agenda_and_besluitenlijst_first(client_for, projectleider):
    meeting = World().zawa_ao_january
    attach(meeting, title="Notitie werkgroep", kind="stuk")
    attach(meeting, title="Besluitenlijst AO januari", kind="besluitenlijst")
    attach(meeting, title="Agenda AO januari", kind="agenda")
    page = client_for(projectleider).get(meeting.get_absolute_url()).content.decode()
    assert page.index("Agenda AO januari") < page.index("Besluitenlijst AO januari")
    assert page.index("Besluitenlijst AO januari") < page.index("Notitie werkgroep")
    assert page.index("Agenda AO januari") < page.index("Stukken in behandeling")


def test_the_action_page_shows_the_latest_versions_count(client_for, projectleider):
    from programmes.documents.services import add_version
    from programmes.documents.uploads import inspect_upload
    from tests.documents import files

    action = World().action_2b
    document = attach(action, title="Evaluatie MDA++", kind="evaluatie")
    data = files.pdf("tweede versie")
    version = add_version(document, checked=inspect_upload("e.pdf", data), data=data, user=None)
    page = client_for(projectleider).get(action.get_absolute_url()).content.decode()
    assert "versie 2" in page and version.get_download_url() in page


def test_a_soft_deleted_document_leaves_the_panel(client_for, projectleider):
    from programmes.documents.services import soft_delete

    programme = World().zawa_programme
    document = attach(programme, title="Ingetrokken notitie")
    soft_delete(document, user=projectleider)
    page = client_for(projectleider).get(programme.get_absolute_url()).content.decode()
    assert "Ingetrokken notitie" not in page


def test_a_month_only_route_date_stays_month_only(client_for, projectleider):
    page = client_for(projectleider).get(World().zawa_route.get_absolute_url()).content.decode()
    assert "maart 2020" in page
    assert "1 maart 2020" not in page


def test_the_dashboard_calls_the_budget_total_computed(client_for, projectleider):
    from django.urls import reverse

    programme = World().zawa_programme
    page = (
        client_for(projectleider)
        .get(reverse("monitoring:dashboard", args=[programme.pk]))
        .content.decode()
    )
    assert "begroot (berekend uit de begrotingsregels)" in page


def test_the_report_pdf_lists_its_annexes_by_name(projectleider):
    from django.template.loader import render_to_string

    from monitoring.reports.services import REPORT_TEMPLATE, report_context

    report = World().zawa_concept_report
    attach(report, title="Evaluatie MDA++ 2021", kind="bijlage")
    attach(report, title="Verslag klankbordgroep", kind="bijlage")
    html = render_to_string(REPORT_TEMPLATE, report_context(report))
    assert "Bijlagen bij deze rapportage" in html
    assert html.index("Evaluatie MDA++ 2021") < html.index("Verslag klankbordgroep")
