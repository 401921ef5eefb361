"""Toezeggingen: overdue ones stand out; settling one records answer, document and date."""

import datetime

from django.urls import reverse

import pytest
from freezegun import freeze_time

from governance.models import Commitment, DecisionBody
from governance.services import settle_commitment


@pytest.fixture
def commitments(zawa):
    raad = DecisionBody.objects.get(region=zawa, abbreviation="BO")
    make = lambda number, due: Commitment.objects.create(  # noqa: E731
        region=zawa,
        number=number,
        text=f"Toezegging {number}",
        made_to=raad,
        made_on=datetime.date(2021, 1, 10),
        due_date=due,
    )
    return (
        make("TZ-1", datetime.date(2021, 3, 1)),
        make("TZ-2", datetime.date(2021, 6, 1)),
        make("TZ-3", datetime.date(2021, 9, 1)),
    )


@freeze_time("2021-07-01")
def test_overdue_are_the_open_ones_past_their_due_date(commitments):
    one, two, three = commitments
    settle_commitment(one, answer="a", settled_by="RIB", settled_on=datetime.date(2021, 2, 1))
    overdue = Commitment.objects.filter(region=one.region).overdue()
    assert list(overdue) == [two]
    assert two.is_overdue and not three.is_overdue


@freeze_time("2021-07-01")
def test_the_overview_counts_and_marks_overdue_toezeggingen(client_for, projectleider, commitments):
    client = client_for(projectleider)
    url = reverse("governance:commitment_list", args=["zaanstreek-waterland"])
    html = client.get(url).content.decode()
    assert "<strong>3</strong> open, waarvan <strong>2</strong> te laat" in html
    assert html.count("Te laat</span>") == 2
    only_overdue = client.get(url, {"overdue": "on"}).content.decode()
    assert "TZ-1" in only_overdue and "TZ-2" in only_overdue and "TZ-3" not in only_overdue


@freeze_time("2021-07-01")
def test_projectleider_settles_a_toezegging_via_the_form(client_for, projectleider, commitments):
    _one, two, _three = commitments
    client = client_for(projectleider)
    response = client.post(
        reverse("governance:commitment_settle", args=[two.pk]),
        {
            "answer": "Zie de raadsinformatiebrief.",
            "settled_by": "RIB 2021-07",
            "settled_on": "2021-06-30",
        },
    )
    assert response.status_code == 302
    two.refresh_from_db()
    assert (two.status, two.settled_by, two.settled_on) == (
        "afgedaan",
        "RIB 2021-07",
        datetime.date(2021, 6, 30),
    )
    detail = client.get(two.get_absolute_url()).content.decode()
    assert "Zie de raadsinformatiebrief." in detail and "Afgedaan" in detail


@freeze_time("2021-07-01")
@pytest.mark.parametrize(
    ("data", "field_error"),
    [
        ({"answer": "", "settled_by": "RIB", "settled_on": "2021-06-30"}, "Dit veld is verplicht."),
        (
            {"answer": "a", "settled_by": "RIB", "settled_on": "2021-08-01"},
            "De datum van afdoening ligt in de toekomst.",
        ),
        (
            {"answer": "a", "settled_by": "RIB", "settled_on": "2020-12-01"},
            "De datum van afdoening ligt vóór de datum van de toezegging.",
        ),
        (
            {"answer": "a", "settled_by": "RIB", "settled_on": "30-13-2021"},
            "Voer een geldige datum in.",
        ),
    ],
)
def test_settling_with_bad_input_shows_a_dutch_error_and_saves_nothing(
    client_for, projectleider, commitments, data, field_error
):
    _one, two, _three = commitments
    response = client_for(projectleider).post(
        reverse("governance:commitment_settle", args=[two.pk]), data
    )
    assert response.status_code == 200
    assert field_error in response.content.decode()
    two.refresh_from_db()
    assert two.status == "open" and two.settled_on is None


def test_kennemerland_toezeggingen_are_shown_settled_on_14_september_2021(
    client_for, other_projectleider
):
    client = client_for(other_projectleider)
    html = client.get(reverse("governance:commitment_list", args=["kennemerland"])).content.decode()
    assert "BAZ 20201161126" in html and "BAZ 20201161102" in html
    assert html.count("(14 september 2021)") == 2
    commitment = Commitment.objects.get(number="BAZ 20201161126")
    detail = client.get(commitment.get_absolute_url()).content.decode()
    assert "in <a" in detail and "Raad Haarlem 17 december 2020</a>" in detail  # made in
    assert "Bijlage 3 bij collegebesluit 2021/457717" in detail


def test_a_toezegging_links_to_the_actions_that_fulfil_it(
    client_for, projectleider, zawa_programme
):
    action = zawa_programme.actions.get(code="2B")
    client = client_for(projectleider)
    response = client.post(
        reverse("governance:commitment_create", args=["zaanstreek-waterland"]),
        {
            "number": "TZ-9",
            "text": "Voortgang 2B",
            "due_date": "2021-12-31",
            "actions": [action.pk],
        },
    )
    assert response.status_code == 302
    commitment = Commitment.objects.get(number="TZ-9")
    assert list(commitment.actions.all()) == [action]
    assert action.get_absolute_url() in client.get(commitment.get_absolute_url()).content.decode()
