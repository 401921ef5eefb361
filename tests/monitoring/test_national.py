"""The national portfolio for the Rijk: every region with its programmes in any public state,
links through to region, programme and report, an inbox of all sent reports, and a national
comparison of headline figures; a fixed number of queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from actions.models import BudgetLine, Milestone
from monitoring.constants import ReportStatus
from tests.factories import ActionFactory, BudgetLineFactory, MilestoneFactory
from tests.monitoring.reports import make_report
from tests.world import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return World()


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response


def test_every_region_is_listed_also_one_whose_programme_is_in_besluitvorming(
    client_for, rijk, world
):
    response = _get(client_for(rijk), reverse("monitoring:national"))
    html = response.text
    groningen = world.groningen_programme
    assert groningen.status == "in_besluitvorming"
    assert groningen.title in html
    assert "In besluitvorming" in html
    # listed, but its page stays closed to the Rijk until it is adopted
    assert f'href="{groningen.get_absolute_url()}"' not in html
    regions = {entry.region.name: entry for entry in response.context["regions"]}
    assert len(regions) == 5
    assert [e.programme for e in regions["Groningen"].programmes] == [groningen]


def test_links_go_through_to_region_programme_dashboard_and_report(client_for, rijk, world):
    zawa = world.zawa_programme
    report = make_report(zawa, ReportStatus.SENT, "2021-H1")
    client = client_for(rijk)
    html = _get(client, reverse("monitoring:national")).text
    region_url = reverse("monitoring:national_region", args=[zawa.region.slug])
    for url in (
        region_url,
        zawa.get_absolute_url(),
        reverse("monitoring:dashboard", args=[zawa.pk]),
        report.get_absolute_url(),
        reverse("monitoring:national_reports"),
    ):
        assert f'href="{url}"' in html, url
        assert client.get(url).status_code == 200, url  # and the Rijk may open it


def test_the_comparison_shows_actions_per_status_overdue_milestones_and_budget(
    client_for, rijk, world
):
    zawa = world.zawa_programme
    response = _get(client_for(rijk), reverse("monitoring:national"))
    entry = next(e for e in response.context["regions"] if e.region == zawa.region)
    figures = entry.figures
    assert figures.actions == zawa.actions.count()
    assert figures.actions_by_status.get("in_uitvoering", 0) == (
        zawa.actions.filter(status="in_uitvoering").count()
    )
    assert figures.overdue == Milestone.objects.filter(programme=zawa).overdue().count()
    totals = BudgetLine.objects.filter(programme=zawa).total()
    assert figures.planned == totals["planned"]
    assert "Niet gestart" in response.text and "Vertraagd" in response.text
    assert "€ " in response.text  # amounts in Dutch


def test_the_inbox_lists_every_sent_report_with_period_date_and_download(client_for, rijk, world):
    zawa = make_report(world.zawa_programme, ReportStatus.SENT, "2021-H1")
    kennemerland = make_report(world.kennemerland_programme, ReportStatus.SENT, "2020-H2")
    concept = make_report(world.zawa_programme, ReportStatus.CONCEPT, "2021-H2")
    html = _get(client_for(rijk), reverse("monitoring:national_reports")).text
    for report in (zawa, kennemerland):
        assert reverse("monitoring:report_download", args=[report.pk]) in html
    assert "1e halfjaar 2021" in html and "2e halfjaar 2020" in html
    assert concept.get_absolute_url() not in html  # not sent: not the Rijk's


def test_the_region_page_shows_its_programmes_figures_and_reports(client_for, rijk, world):
    report = make_report(world.zawa_programme, ReportStatus.SENT, "2021-H1")
    region = world.zawa_programme.region
    html = _get(client_for(rijk), reverse("monitoring:national_region", args=[region.slug])).text
    assert "Regio Zaanstreek-Waterland" in html
    assert world.zawa_programme.title in html
    assert reverse("monitoring:report_download", args=[report.pk]) in html
    assert "Kerncijfers" in html


def test_the_national_portfolio_is_for_the_rijk_and_beheer(client_for, projectleider, raadslid):
    for user in (projectleider, raadslid):
        client = client_for(user)
        for url in (reverse("monitoring:national"), reverse("monitoring:national_reports")):
            assert client.get(url).status_code == 403


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _grow(world):
    for programme in (world.zawa_programme, world.kennemerland_programme):
        for n in range(3):
            action = ActionFactory(programme=programme, action_line=programme.action_lines.first())
            MilestoneFactory(action=action, planned_year=2020, planned_quarter=1, order=800 + n)
            BudgetLineFactory(action=action)
        for period in ("2019-H2", "2020-H1", "2020-H2"):
            make_report(programme, ReportStatus.SENT, period)


@pytest.mark.parametrize("page", ["national", "national_reports", "national_region"])
def test_query_count_stays_the_same_as_data_grows(
    page, client_for, rijk, world, django_assert_num_queries
):
    client = client_for(rijk)
    kwargs = {"slug": world.zawa_programme.region.slug} if page == "national_region" else {}
    url = reverse(f"monitoring:{page}", kwargs=kwargs)
    make_report(world.zawa_programme, ReportStatus.SENT, "2021-H1")
    before = _count(client, url)
    _grow(world)
    with django_assert_num_queries(before):
        client.get(url)
    # session, user, memberships (scope) + the page's own: the portfolio 7 (regions,
    # programmes listed, which are open, actions per status, overdue, budget, sent reports);
    # the inbox 2 (count for the pages, the page of reports); a region 9 (region, the
    # portfolio's 7 for it, its sent reports)
    assert before == 3 + {"national": 7, "national_reports": 2, "national_region": 9}[page]


@pytest.mark.parametrize("page", ["national", "national_reports", "national_region"])
def test_the_national_pages_leave_the_sent_reports_frozen_data_unread(
    page, client_for, rijk, world
):
    """A list of sent reports shows none of their frozen figures or texts: with every region's
    reports those are megabytes of JSON per request (the overview took 410 ms at national
    scale, 69 ms without them)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    report = make_report(world.zawa_programme, ReportStatus.SENT, "2021-H1")
    kwargs = {"slug": world.zawa_programme.region.slug} if page == "national_region" else {}
    with CaptureQueriesContext(connection) as context:
        response = client_for(rijk).get(reverse(f"monitoring:{page}", kwargs=kwargs))
    assert response.status_code == 200
    assert report.get_absolute_url() in response.content.decode()  # the report is listed
    report_queries = [q["sql"] for q in context.captured_queries
                      if 'FROM "monitoring_progressreport"' in q["sql"]]  # fmt: skip
    assert report_queries
    for sql in report_queries:
        assert '"monitoring_progressreport"."snapshot"' not in sql
        assert '"monitoring_progressreport"."texts"' not in sql
