"""The personal start page: each role sees what to do next; counts in the navigation."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest
from freezegun import freeze_time

from actions import services
from actions.models import Milestone
from governance.models import Commitment
from monitoring.constants import ReportStatus
from programmes.models import Organisation
from tests.factories import ActionFactory, MilestoneFactory
from tests.monitoring.reports import make_report
from tests.world import World

pytestmark = pytest.mark.django_db

# In the second quarter of 2021: the next report is the one of 1 October 2021 over 2021-H1.
TODAY = "2021-05-20 10:00"


@pytest.fixture
def world():
    return World()


def _submit(action, author, progress=30):
    return services.submit_status_update(
        action=action, author=author, status="in_uitvoering", progress=progress
    )


def _home(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.text


# --- projectleider ---------------------------------------------------------------------------


def test_projectleider_sees_updates_to_review_oldest_first_with_a_link(
    client_for, projectleider, veiligthuis, world
):
    with freeze_time("2021-03-01"):
        older = _submit(world.action_2b, veiligthuis)
    with freeze_time("2021-04-01"):
        newer = _submit(World().zawa_programme.actions.get(code="1A"), veiligthuis)
    with freeze_time(TODAY):
        html = _home(client_for(projectleider))
    assert "2 voortgangsupdates wachten op uw beoordeling" in html
    first = html.index(reverse("actions:update_review", args=[older.pk]))
    second = html.index(reverse("actions:update_review", args=[newer.pk]))
    assert first < second  # the oldest first
    assert "ingediend op 1 maart 2021" in html  # a Dutch date
    assert "Te beoordelen (2)" in html  # the navigation


def test_projectleider_with_nothing_to_review_is_told_so(client_for, projectleider):
    html = _home(client_for(projectleider))
    assert "Er wachten geen voortgangsupdates op uw beoordeling." in html
    assert "Te beoordelen (0)" in html


def test_projectleider_sees_overdue_and_this_quarters_milestones(client_for, projectleider):
    with freeze_time(TODAY):
        html = _home(client_for(projectleider))
        mine = Milestone.objects.editable_by(projectleider)
        overdue = mine.overdue().count()
        from ghnt_portal.periods import Quarter

        due = mine.due_in(Quarter(2021, 2)).count()
    assert overdue and due
    assert f"Te laat ({overdue})" in html
    assert f"Gepland in Q2 2021 ({due})" in html


def test_projectleider_sees_toezeggingen_due(client_for, projectleider, world):
    commitment = world.zawa_commitment  # due 30 June 2021
    with freeze_time(TODAY):
        html = _home(client_for(projectleider))
    assert "1 open toezegging is te laat of binnen 6 weken af." in html
    assert commitment.get_absolute_url() in html
    assert "uiterlijk af op 30 juni 2021" in html
    with freeze_time("2021-07-05"):
        assert "Te laat" in _home(client_for(projectleider))
    Commitment.objects.filter(pk=commitment.pk).update(status="afgedaan", settled_on="2021-06-01")
    with freeze_time(TODAY):
        assert commitment.get_absolute_url() not in _home(client_for(projectleider))


def test_projectleider_sees_the_next_report_date_and_its_state(client_for, projectleider, world):
    client = client_for(projectleider)
    with freeze_time(TODAY):
        html = _home(client)
    assert "Volgende rapportage: 1 oktober 2021" in html
    assert "over het 1e halfjaar 2021" in html
    assert "Nog niet gemaakt" in html
    assert reverse("monitoring:report_list", args=[world.zawa_programme.pk]) in html
    report = make_report(world.zawa_programme, ReportStatus.CONCEPT, "2021-H1")
    with freeze_time(TODAY):
        html = _home(client)
    assert "Nog niet gemaakt" not in html
    assert report.get_absolute_url() in html and "Concept" in html


def test_a_partner_does_not_see_the_projectleiders_panels(client_for, veiligthuis):
    html = _home(client_for(veiligthuis))
    assert "Te beoordelen" not in html
    assert "Volgende rapportage" not in html
    assert "Toezeggingen" not in html


# --- ketenpartner ----------------------------------------------------------------------------


def test_partner_sees_its_actions_needing_an_update_for_the_coming_report(
    client_for, veiligthuis, world
):
    client = client_for(veiligthuis)
    with freeze_time(TODAY):
        html = _home(client)
    assert "Update nodig voor de rapportage van 1 oktober 2021" in html
    assert "Die rapportage gaat over het 1e halfjaar 2021." in html
    assert "5 acties van uw organisatie hebben daarover nog geen" in html
    link = reverse("actions:update_create", args=[world.action_2b.pk])
    assert link in html
    assert "Mijn acties (5" in html  # the navigation
    with freeze_time("2021-05-01"):
        _submit(world.action_2b, veiligthuis)
    with freeze_time(TODAY):
        html = _home(client)
    assert link not in html
    assert "4 acties van uw organisatie hebben" in html


def test_before_the_january_report_the_second_half_year_counts(client_for, veiligthuis, world):
    with freeze_time("2021-03-01"):
        _submit(world.action_2b, veiligthuis)  # in 2021-H1: not for the January report
    with freeze_time("2021-11-10"):
        html = _home(client_for(veiligthuis))
    assert "Update nodig voor de rapportage van 1 januari 2022" in html
    assert "over het 2e halfjaar 2021" in html
    assert reverse("actions:update_create", args=[world.action_2b.pk]) in html


def test_partner_sees_the_review_state_of_its_last_updates_in_words(
    client_for, veiligthuis, projectleider, world
):
    client = client_for(veiligthuis)
    update = _submit(world.action_2b, veiligthuis)
    assert "wacht op beoordeling door de projectleider" in _home(client)
    services.accept_update(update=update, reviewer=projectleider)
    html = _home(client)
    assert "Geaccepteerd" in html and "wacht op beoordeling" not in html
    second = _submit(world.action_2b, veiligthuis, progress=40)
    services.return_update(update=second, reviewer=projectleider, remark="Cijfers ontbreken")
    html = _home(client)
    assert "Teruggestuurd" in html and "Cijfers ontbreken" in html


def test_mijn_acties_says_whether_the_last_update_was_accepted(
    client_for, veiligthuis, projectleider, world
):
    client = client_for(veiligthuis)
    update = _submit(world.action_2b, veiligthuis)
    assert "ingediend, wacht op beoordeling" in client.get(reverse("actions:mine")).text
    services.accept_update(update=update, reviewer=projectleider)
    text = client.get(reverse("actions:mine")).text
    assert re.search(
        r"laatste update door Veilig Thuis Zaanstreek-Waterland, [^<:]*: geaccepteerd", text
    )


# --- readers ---------------------------------------------------------------------------------


def test_wethouder_sees_the_programmes_and_the_latest_sent_report(client_for, wethouder, world):
    client = client_for(wethouder)
    html = _home(client)
    assert world.zawa_programme.title in html
    assert "Er is nog geen voortgangsrapportage verzonden." in html
    report = make_report(world.zawa_programme, ReportStatus.SENT, "2020-H2")
    html = _home(client)
    assert report.get_absolute_url() in html
    assert reverse("monitoring:report_download", args=[report.pk]) in html
    assert "2e halfjaar 2020" in html
    assert "Te beoordelen" not in html


def test_raadslid_sees_the_programmes_with_their_action_count(client_for, raadslid, world):
    html = _home(client_for(raadslid))
    assert world.zawa_programme.title in html
    n = world.zawa_programme.actions.count()
    assert f"{n} acties" in html


def test_rijk_sees_the_latest_sent_reports_of_every_region_and_the_national_view(
    client_for, rijk, world
):
    zawa = make_report(world.zawa_programme, ReportStatus.SENT, "2020-H2")
    kennemerland = make_report(world.kennemerland_programme, ReportStatus.SENT, "2020-H2")
    html = _home(client_for(rijk))
    assert zawa.get_absolute_url() in html and kennemerland.get_absolute_url() in html
    assert reverse("monitoring:national") in html


# --- the review queue ------------------------------------------------------------------------


def test_review_queue_lists_every_update_to_review(client_for, projectleider, veiligthuis, world):
    update = _submit(world.action_2b, veiligthuis)
    response = client_for(projectleider).get(reverse("actions:review_queue"))
    assert response.status_code == 200
    assert reverse("actions:update_review", args=[update.pk]) in response.text
    assert "1 voortgangsupdate wacht op uw beoordeling" in response.text


def test_review_queue_is_for_projectleiders(client_for, veiligthuis, raadslid):
    assert client_for(veiligthuis).get(reverse("actions:review_queue")).status_code == 403
    assert client_for(raadslid).get(reverse("actions:review_queue")).status_code == 403


# --- queries ---------------------------------------------------------------------------------


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _grow(world, veiligthuis, projectleider):
    """More of everything the start pages show."""
    vt = Organisation.objects.get(name="Veilig Thuis Zaanstreek-Waterland")
    for n in range(4):
        action = ActionFactory(
            programme=world.zawa_programme, action_line=world.action_2b.action_line
        )
        action.owners.add(vt)
        MilestoneFactory(action=action, planned_year=2021, planned_quarter=1, order=900 + n)
        MilestoneFactory(action=action, planned_year=2021, planned_quarter=2, order=950 + n)
        update = _submit(action, veiligthuis)
        if n % 2:
            services.accept_update(update=update, reviewer=projectleider)
        Commitment.objects.create(
            region=world.zawa_programme.region, number=f"TZ-{n}", text="x", due_date="2021-06-01"
        )
    for period in ("2019-H2", "2020-H1", "2020-H2"):
        make_report(world.zawa_programme, ReportStatus.SENT, period)
    make_report(world.zawa_programme, ReportStatus.CONCEPT, "2021-H1")


@pytest.mark.parametrize("role", ["projectleider", "veiligthuis", "wethouder", "raadslid", "rijk"])
def test_start_page_query_count_does_not_grow_with_the_data(
    request, role, world, veiligthuis, projectleider, client_for, django_assert_num_queries
):
    client = client_for(request.getfixturevalue(role))
    with freeze_time(TODAY):
        _home(client)  # warm up
        _submit(world.action_2b, veiligthuis)  # one of each, so every panel has rows
        before = _count(client, reverse("home"))
        _grow(world, veiligthuis, projectleider)
        with django_assert_num_queries(before):
            client.get(reverse("home"))


def test_review_queue_query_count_does_not_grow(
    world, veiligthuis, projectleider, client_for, django_assert_num_queries
):
    client = client_for(projectleider)
    _submit(world.action_2b, veiligthuis)
    before = _count(client, reverse("actions:review_queue"))
    _grow(world, veiligthuis, projectleider)
    # session, user, memberships (scope), the updates (with action, programme, region,
    # organisation, author), the count in the navigation
    assert before == 5
    with django_assert_num_queries(before):
        client.get(reverse("actions:review_queue"))
