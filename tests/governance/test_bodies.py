"""A projectleider manages the region's overleggen in the portal, not in the admin."""

from django.urls import reverse

import pytest

from governance.models import DecisionBody, Meeting
from programmes.models import Programme

KENNEMERLAND = ["kennemerland"]


def test_kennemerland_projectleider_adds_a_bo_and_plans_a_meeting_of_it(
    client_for, other_projectleider
):
    client = client_for(other_projectleider)
    assert not DecisionBody.objects.filter(region__slug="kennemerland", kind="bo").exists()

    response = client.post(
        reverse("governance:body_create", args=KENNEMERLAND),
        {"name": "Bestuurlijk Overleg Zorg en Veiligheid", "abbreviation": "BO", "kind": "bo"},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("governance:body_list", args=KENNEMERLAND)
    body = DecisionBody.objects.get(region__slug="kennemerland", abbreviation="BO")
    page = client.get(response["Location"]).content.decode()
    assert "Bestuurlijk Overleg Zorg en Veiligheid" in page
    # The new body is offered for a meeting straight away.
    form = client.get(reverse("governance:meeting_create", args=KENNEMERLAND)).content.decode()
    assert f'value="{body.pk}"' in form
    response = client.post(
        reverse("governance:meeting_create", args=KENNEMERLAND),
        {"body": body.pk, "date": "2021-06-10", "date_precision": "dag", "label": "BO juni"},
    )
    assert response.status_code == 302
    assert Meeting.objects.filter(body=body, label="BO juni").exists()


def test_a_second_body_with_the_same_name_gets_a_dutch_error_at_the_field(
    client_for, projectleider, zawa
):
    existing = DecisionBody.objects.filter(region=zawa).first()
    response = client_for(projectleider).post(
        reverse("governance:body_create", args=["zaanstreek-waterland"]),
        {"name": existing.name.upper(), "kind": "ao"},
    )
    assert response.status_code == 200
    assert "Er is al een overleg met deze naam in deze regio." in response.content.decode()


def test_municipality_choices_are_the_regions_own(client_for, projectleider, zawa):
    page = client_for(projectleider).get(
        reverse("governance:body_create", args=["zaanstreek-waterland"])
    )
    choices = page.context["form"].fields["municipality"].queryset
    assert set(choices) == set(zawa.municipalities.all())
    assert "Haarlem" not in page.content.decode()


def test_readers_see_the_bodies_without_change_links(client_for, raadslid):
    page = client_for(raadslid).get(reverse("governance:body_list", args=["zaanstreek-waterland"]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Bestuurlijk" in html or "Ambtelijk" in html
    assert "Nieuw overleg" not in html and "Wijzigen" not in html


@pytest.mark.django_db
def test_making_a_body_competent_refreshes_the_programme_status(client_for, projectleider):
    """An "akkoord" on "vaststellen" adopts a programme only from a competent body."""
    programme = Programme.objects.get(region__slug="zaanstreek-waterland")
    assert programme.status == "vastgesteld"
    competent = DecisionBody.objects.filter(region=programme.region, is_competent=True)
    for body in competent:
        client_for(projectleider).post(
            reverse("governance:body_update", args=[body.pk]),
            {
                "name": body.name,
                "abbreviation": body.abbreviation,
                "kind": body.kind,
                "municipality": body.municipality_id or "",
            },
        )
    programme.refresh_from_db()
    assert programme.status == "in_besluitvorming"
