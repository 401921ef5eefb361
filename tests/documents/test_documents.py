"""Documents on records: upload, versions, download and soft delete per role."""

from django.urls import reverse

import pytest

from ghnt_portal.audit.models import AuditEvent
from ghnt_portal.validators import BSN_MESSAGE
from programmes.models import Document, DocumentVersion
from tests.documents import files
from tests.documents.helpers import attach, upload
from tests.world import World

pytestmark = pytest.mark.django_db


def test_projectleider_attaches_the_raadsvoorstel_to_a_route_step(client_for, projectleider):
    step = World().zawa_route.steps.order_by("order").first()
    client = client_for(projectleider)
    response = client.post(
        reverse("documents:add", kwargs={"key": "behandeling", "pk": step.pk}),
        {
            "title": "Raadsvoorstel Regionaal Actieplan",
            "kind": "raadsvoorstel",
            "date": "2020-09-01",
            "upload": upload("voorstel.pdf", files.pdf("Het college stelt de raad voor")),
        },
    )
    assert response.status_code == 302
    assert response["Location"] == step.route.get_absolute_url()
    document = Document.objects.of(step).get()
    assert document.title == "Raadsvoorstel Regionaal Actieplan"
    version = document.versions.get()
    assert version.filename == "voorstel.pdf" and version.number == 1
    assert "voorstel" not in version.file.name  # stored under a random key, not its name
    assert "Het college stelt de raad voor" in version.text


def test_a_file_with_a_bsn_is_refused_next_to_the_field_and_nothing_is_stored(
    client_for, projectleider
):
    meeting = World().zawa_ao_january
    before = Document.objects.count()
    response = client_for(projectleider).post(
        reverse("documents:add", kwargs={"key": "vergadering", "pk": meeting.pk}),
        {
            "title": "Deelnemers",
            "kind": "agenda",
            "upload": upload("lijst.docx", files.docx(table=[["cliënt", files.BSN]])),
        },
    )
    assert response.status_code == 200
    assert BSN_MESSAGE in response.content.decode()
    assert "tabel 1, rij 1, kolom 2" in response.content.decode()
    assert Document.objects.count() == before


def test_a_pdf_named_file_with_html_inside_is_refused_in_dutch(client_for, projectleider):
    meeting = World().zawa_ao_january
    response = client_for(projectleider).post(
        reverse("documents:add", kwargs={"key": "vergadering", "pk": meeting.pk}),
        {"title": "Agenda", "kind": "agenda", "upload": upload("agenda.pdf", b"<html><body>x")},
    )
    assert "HTML-bestanden worden niet geaccepteerd" in response.content.decode()
    assert not Document.objects.of(meeting).exists()


def test_a_new_upload_is_a_new_version_and_the_earlier_stays_downloadable(
    client_for, projectleider
):
    document = attach(World().zawa_programme, title="Actieplan", kind="plan", text="eerste")
    client = client_for(projectleider)
    response = client.post(
        reverse("documents:add_version", args=[document.pk]),
        {"upload": upload("actieplan-v2.pdf", files.pdf("tweede"))},
    )
    assert response.status_code == 302
    numbers = list(document.versions.order_by("number").values_list("number", flat=True))
    assert numbers == [1, 2]
    page = client.get(reverse("documents:detail", args=[document.pk])).content.decode()
    for version in document.versions.all():
        assert version.get_download_url() in page
        assert client.get(version.get_download_url()).status_code == 200


def test_download_is_an_attachment_with_its_real_type_nosniff_and_in_the_audit_trail(
    client_for, raadslid
):
    document = attach(World().zawa_programme, title="Raadsbesluit", kind="raadsbesluit")
    version = document.versions.get()
    response = client_for(raadslid).get(version.get_download_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert 'filename="stuk.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    event = AuditEvent.objects.filter(action="document_downloaded").latest("pk")
    assert event.actor_name == raadslid.username
    assert event.object_id == str(document.pk)


# Who may download a document of the adopted ZaWa programme: those who see the programme.
PROGRAMME_DOWNLOAD = {
    "projectleider": 200,
    "other_projectleider": 404,
    "veiligthuis": 200,  # takes part in the programme
    "politie": 200,
    "wethouder": 200,
    "raadslid": 200,
    "rijk": 200,
    "beheerder": 200,
}


@pytest.mark.parametrize(("role", "status"), PROGRAMME_DOWNLOAD.items())
def test_download_follows_the_programme_access(request, client_for, role, status):
    version = attach(World().zawa_programme).versions.get()
    user = request.getfixturevalue(role)
    assert client_for(user).get(version.get_download_url()).status_code == status


def test_documents_of_a_draft_programme_stay_hidden_from_readers(client_for, raadslid, wethouder):
    programme = World().zawa_programme
    programme.status = "concept"
    programme.save()
    version = attach(programme).versions.get()
    for user in (raadslid, wethouder):
        assert client_for(user).get(version.get_download_url()).status_code == 404


def test_a_ketenpartner_does_not_see_governance_documents(client_for, veiligthuis):
    version = attach(World().zawa_ao_january, kind="agenda").versions.get()
    assert client_for(veiligthuis).get(version.get_download_url()).status_code == 404


def test_readers_may_not_add_or_delete(client_for, raadslid):
    document = attach(World().zawa_programme)
    client = client_for(raadslid)
    assert client.post(reverse("documents:delete", args=[document.pk])).status_code == 403
    add_url = reverse("documents:add", kwargs={"key": "programma", "pk": World().zawa_programme.pk})
    assert client.get(add_url).status_code == 403
    assert Document.objects.alive().filter(pk=document.pk).exists()


def test_projectleider_soft_deletes_and_it_is_recorded(client_for, projectleider, raadslid):
    document = attach(World().zawa_programme)
    version = document.versions.get()
    response = client_for(projectleider).post(reverse("documents:delete", args=[document.pk]))
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.deleted_at is not None and document.deleted_by == projectleider
    assert DocumentVersion.objects.filter(pk=version.pk).exists()  # kept, not shown
    assert AuditEvent.objects.filter(action="deleted", object_id=str(document.pk)).exists()
    assert client_for(raadslid).get(version.get_download_url()).status_code == 404


def test_the_api_lists_documents_with_their_download_links_for_who_may_see_them(
    client_for, raadslid, other_projectleider, client, django_assert_max_num_queries
):
    document = attach(World().zawa_programme, title="Raadsbesluit actieplan", kind="raadsbesluit")
    version = document.versions.get()
    url = reverse("api:document-list")
    api = client_for(raadslid)
    data = api.get(url, {"parentType": "programma"}).json()
    rows = {row["id"]: row for row in data["results"]}
    assert rows[document.pk]["title"] == "Raadsbesluit actieplan"
    assert rows[document.pk]["parent_id"] == World().zawa_programme.pk
    assert rows[document.pk]["versions"][0]["download"].endswith(version.get_download_url())
    assert document.pk not in {
        r["id"] for r in client_for(other_projectleider).get(url).json()["results"]
    }
    assert client.logout() is None
    for n in range(5):
        attach(World().zawa_programme, title=f"Bijlage {n}", kind="bijlage")
    api = client_for(raadslid)
    with django_assert_max_num_queries(8):
        assert api.get(url).status_code == 200
