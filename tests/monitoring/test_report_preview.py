"""While the texts are edited the report is an HTML preview that answers at once; the PDF is
made on request ("PDF maken"), at the AO's discussion and at the BO's adoption, and the
report page says when the PDF is older than the texts (issue 26, point 5)."""

import re
from io import BytesIO

from django.urls import reverse

import pypdf
import pytest

from actions.constants import ReviewStatus
from actions.models import Action
from actions.services import accept_update, submit_status_update
from ghnt_portal.outbox.models import OutboxTask
from ghnt_portal.periods import HalfYear
from governance.models import DecisionBody
from monitoring.constants import GenerationState, ReportStatus
from monitoring.models import ProgressReport
from monitoring.reports import services
from monitoring.reports.tasks import generate_report, outbox_key

pytestmark = pytest.mark.django_db

OUTDATED = "de teksten zijn daarna gewijzigd"


def _pdf_text(report) -> str:
    report.refresh_from_db()
    with report.pdf.open("rb") as f:
        reader = pypdf.PdfReader(BytesIO(f.read()))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def _form_data(client, report) -> dict:
    form = client.get(reverse("monitoring:report_texts", args=[report.pk])).context["form"]
    return {f.name: (f.value() if f.value() is not None else "") for f in form}


def _save_summary(client, report, summary, capture):
    data = _form_data(client, report)
    data["summary"] = summary
    with capture(execute=True):
        response = client.post(reverse("monitoring:report_texts", args=[report.pk]), data)
    assert response.status_code == 302
    return response


def _page(client, report) -> str:
    return client.get(report.get_absolute_url()).content.decode()


@pytest.fixture
def concept(zawa_programme):
    return ProgressReport.objects.get(pk=generate_report(zawa_programme.pk, "2021-H1"))


def test_saving_texts_makes_no_pdf_and_the_page_says_the_pdf_is_older(
    client_for, projectleider, concept, django_capture_on_commit_callbacks
):
    client = client_for(projectleider)
    pdf_before, sha_before = concept.pdf.name, concept.pdf_sha256
    tasks_before = OutboxTask.objects.filter(key=outbox_key(concept.programme_id, "2021-H1"))
    count_before = tasks_before.count()
    assert OUTDATED not in _page(client, concept)

    _save_summary(client, concept, "Nieuw: de aanpak loopt.", django_capture_on_commit_callbacks)
    concept.refresh_from_db()
    assert concept.texts["summary"] == "Nieuw: de aanpak loopt."
    # No background work asked, the PDF left as it was.
    assert tasks_before.count() == count_before
    assert concept.generation_state == GenerationState.DONE
    assert (concept.pdf.name, concept.pdf_sha256) == (pdf_before, sha_before)
    assert "Nieuw: de aanpak loopt." not in _pdf_text(concept)

    page = _page(client, concept)
    assert OUTDATED in page and "PDF maken" in page
    # The status fragment the page polls says the same.
    fragment = client.get(reverse("monitoring:report_status", args=[concept.pk]))
    assert OUTDATED in fragment.content.decode()


def test_pdf_maken_renders_the_saved_texts_and_the_notice_goes(
    client_for, projectleider, concept, django_capture_on_commit_callbacks
):
    client = client_for(projectleider)
    _save_summary(client, concept, "Op verzoek in de PDF.", django_capture_on_commit_callbacks)
    assert OUTDATED in _page(client, concept)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("monitoring:report_generate", args=[concept.programme_id]),
            {"period": concept.period},
        )
    assert "Op verzoek in de PDF." in _pdf_text(concept)
    assert OUTDATED not in _page(client, concept)


def test_saving_the_same_texts_again_keeps_the_pdf_current(
    client_for, projectleider, concept, django_capture_on_commit_callbacks
):
    client = client_for(projectleider)
    data = _form_data(client, concept)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("monitoring:report_texts", args=[concept.pk]), data)
    assert OUTDATED not in _page(client, concept)


def test_the_ao_and_bo_steps_make_the_pdf_with_the_texts_saved_before_them(
    client_for, projectleider, concept, django_capture_on_commit_callbacks
):
    client = client_for(projectleider)
    ao = DecisionBody.objects.get(region=concept.programme.region, kind="ao")
    bo = DecisionBody.objects.get(region=concept.programme.region, kind="bo")
    _save_summary(client, concept, "Voor het AO geschreven.", django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("monitoring:report_step", args=[concept.pk, "ao"]),
            {"body": ao.pk, "date": "2021-07-05", "conclusion": "positief"},
        )
    assert "Voor het AO geschreven." in _pdf_text(concept)
    assert OUTDATED not in _page(client, concept)

    # Edited after the AO: the BO's adoption prints these texts, with the adoption.
    _save_summary(client, concept, "Na het AO aangevuld.", django_capture_on_commit_callbacks)
    assert OUTDATED in _page(client, concept)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("monitoring:report_step", args=[concept.pk, "bo"]),
            {"body": bo.pk, "date": "2021-07-12", "conclusion": "akkoord"},
        )
    text = _pdf_text(concept)
    assert "Na het AO aangevuld." in text and "vaststellen – akkoord" in text
    assert "CONCEPT" not in text
    assert OUTDATED not in _page(client, concept)

    # Definitief: the PDF made at the adoption is the record; no notice on a frozen report.
    client.post(reverse("monitoring:report_finalise", args=[concept.pk]))
    concept.refresh_from_db()
    assert concept.status == ReportStatus.FINAL
    assert "Na het AO aangevuld." in _pdf_text(concept)
    assert OUTDATED not in _page(client, concept)


def test_a_render_running_while_texts_are_saved_keeps_the_newer_texts(
    projectleider, concept, monkeypatch
):
    """The render stores its PDF; the texts saved meanwhile stay, and the PDF is older."""
    original = services.render_to_pdf

    def render_while_someone_saves(*args, **kwargs):
        result = original(*args, **kwargs)
        services.save_texts(concept, {"summary": "Tijdens het maken opgeslagen."}, projectleider)
        return result

    monkeypatch.setattr(services, "render_to_pdf", render_while_someone_saves)
    report = services.generate(concept.pk)
    assert report.generation_state == GenerationState.DONE
    assert report.texts["summary"] == "Tijdens het maken opgeslagen."
    assert report.pdf_outdated


def test_the_preview_shows_the_saved_texts_at_once_without_a_pdf(
    client_for, projectleider, concept, django_capture_on_commit_callbacks
):
    client = client_for(projectleider)
    _save_summary(client, concept, "Zo staat het er nu.", django_capture_on_commit_callbacks)
    sha = ProgressReport.objects.get(pk=concept.pk).pdf_sha256
    response = client.get(reverse("monitoring:report_preview", args=[concept.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "Zo staat het er nu." in page
    assert "Voorbeeld als webpagina" in page
    for action in concept.programme.actions.all():
        assert f"{action.code}. " in page
    assert ProgressReport.objects.get(pk=concept.pk).pdf_sha256 == sha
    # The report page and the texts page lead to it.
    preview_url = reverse("monitoring:report_preview", args=[concept.pk])
    assert preview_url in _page(client, concept)


def test_the_preview_is_for_those_who_see_the_report(client_for, concept, wethouder):
    url = reverse("monitoring:report_preview", args=[concept.pk])
    assert client_for(wethouder).get(url).status_code == 404  # a concept: project team only


def _accepted_updates(programme, author, reviewer, n):
    for action in programme.actions.order_by("pk")[:n]:
        update = submit_status_update(
            action=action,
            author=author,
            status="in_uitvoering",
            progress=50,
            remark=f"Voortgang van {action.code}.",
            period=HalfYear(2021, 1),
            explanation={"judgement": "op_schema", "next_steps": "Door."},
        )
        if update.review_status != ReviewStatus.ACCEPTED:  # the projectleider's own: accepted
            accept_update(update=update, reviewer=reviewer)


def test_the_preview_query_count_does_not_grow_with_actions_and_updates(
    client_for, projectleider, veiligthuis, zawa_programme, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(projectleider)
    report = ProgressReport.objects.get(pk=generate_report(zawa_programme.pk, "2021-H1"))
    url = reverse("monitoring:report_preview", args=[report.pk])
    client.get(url)  # warm-up: session, caches
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200

    template = zawa_programme.actions.order_by("pk").first()
    for i in range(8):
        Action.objects.create(
            programme=zawa_programme,
            action_line=template.action_line,
            code=f"9{chr(65 + i)}",
            title=f"Extra actie {i}",
            order=100 + i,
        )
    _accepted_updates(zawa_programme, projectleider, projectleider, 12)
    services.generate(report.pk)
    # session, user, scope, report, approval steps, actions, explanations, previous report,
    # annexes, the uitvraag of the half year: the same with 9 or 17 actions and updates.
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url).content.decode()
    assert "Extra actie 7" in page
