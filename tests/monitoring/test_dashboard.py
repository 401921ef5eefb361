"""Journey 4: the dashboard of an adopted programme, for the council and the project team."""

import datetime
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from actions.models import Action, BudgetLine, StatusUpdate
from monitoring.constants import ReportStatus
from monitoring.dashboard.services import dashboard_data
from monitoring.models import Measurement, ProgressReport
from tests.factories import (
    ActionFactory,
    BudgetLineFactory,
    MeasurementFactory,
    MilestoneFactory,
)
from tests.monitoring.helpers import dashboard_url, small_counts_indicator
from tests.world import World

pytestmark = pytest.mark.django_db


def _set_progress(programme):
    """1A 40% in uitvoering, 1B afgerond at 60% (counts as 100), 2A vervallen (not counted)."""
    actions = {a.code: a for a in programme.actions.all()}
    for code, status, progress in [
        ("1A", "in_uitvoering", 40),
        ("1B", "afgerond", 60),
        ("2A", "vervallen", 90),
        ("2B", "vertraagd", 30),
    ]:
        Action.objects.filter(pk=actions[code].pk).update(status=status, progress=progress)


def test_action_line_progress_is_the_mean_of_its_actions_by_the_stated_rule(zawa_programme):
    _set_progress(zawa_programme)
    data = dashboard_data(zawa_programme)
    for line in data["action_lines"]:
        counted = [
            100 if a.status == "afgerond" else a.progress
            for a in Action.objects.filter(action_line_id=line["id"]).exclude(status="vervallen")
        ]
        assert line["actions"] == len(counted)
        assert line["progress"] == pytest.approx(sum(counted) / len(counted), abs=0.051)
    first = next(line for line in data["action_lines"] if line["order"] == 1)
    assert first["progress"] == 70  # (40 + 100) / 2
    everything = [
        100 if a.status == "afgerond" else a.progress
        for a in zawa_programme.actions.exclude(status="vervallen")
    ]
    assert data["progress"] == pytest.approx(sum(everything) / len(everything), abs=0.051)
    assert "afgeronde acties tellen als 100%" in data["progress_rule"]


def test_totals_equal_the_sum_of_their_rows(zawa_programme):
    BudgetLine.objects.filter(programme=zawa_programme, kind="bedrag").update(
        realised=Decimal("100.00")
    )
    data = dashboard_data(zawa_programme)
    assert sum(s["count"] for s in data["actions_by_status"]) == zawa_programme.actions.count()
    assert sum(c["count"] for c in data["milestones"]["counts"]) == (
        zawa_programme.milestones.count()
    )
    lines = BudgetLine.objects.filter(programme=zawa_programme)
    planned = sum(line.amount for line in lines if line.kind == "bedrag")
    assert Decimal(data["budget"]["planned"]) == planned
    assert Decimal(data["budget"]["realised"]) == sum(line.realised for line in lines)
    for source in data["budget"]["sources"]:
        assert Decimal(source["planned"]) == sum(
            line.amount
            for line in lines
            if line.kind == "bedrag" and line.funding_source.name == source["name"]
        )
    # The police table: the region's printed totals equal the sum of the municipalities.
    police = [t for t in data["indicators"] if t["code"].startswith("politie-")]
    assert len(police) == 2
    for table in police:
        for i, total in enumerate(table["total"]["values"]):
            assert total == sum(row["values"][i] for row in table["rows"])


def test_raadslid_sees_the_police_figures_and_the_part_year_marked(client_for, raadslid):
    response = client_for(raadslid).get(dashboard_url(World().zawa_programme))
    assert response.status_code == 200
    dashboard = response.context["dashboard"]
    police = next(t for t in dashboard["tables"] if t.key == "indicator-politie-incidenten-hg")
    assert ["Zaanstad", "487", "517", "667", "272"] in police.rows
    assert police.columns[-1] == "t/m mei 2020 (deel van een jaar)"
    caption = "Politie: incidenten huiselijk geweld (cijfers bij de grafiek)</caption>"
    assert f'id="indicator-politie-incidenten-hg-tabel">{caption}' in response.text


def test_raadslid_cannot_reach_a_draft_or_another_region_by_url(client_for, raadslid):
    client = client_for(raadslid)
    world = World()
    assert world.groningen_programme.status == "in_besluitvorming"
    assert client.get(dashboard_url(world.groningen_programme)).status_code == 404
    assert client.get(dashboard_url(world.kennemerland_programme)).status_code == 404
    csv_url = reverse(
        "monitoring:dashboard_csv", kwargs={"pk": world.groningen_programme.pk, "table": "status"}
    )
    assert client.get(csv_url).status_code == 404


def test_internal_remarks_never_reach_the_dashboard(client_for, raadslid, projectleider):
    action = World().action_2b
    StatusUpdate.objects.create(
        action=action,
        author=projectleider,
        status="in_uitvoering",
        progress=50,
        remark="INTERNE-OPMERKING-XYZ",
        review_remark="BEOORDELING-XYZ",
    )
    for user in (raadslid, projectleider):
        text = client_for(user).get(dashboard_url(action.programme)).text
        assert "INTERNE-OPMERKING-XYZ" not in text and "BEOORDELING-XYZ" not in text


@pytest.fixture
def small_counts(zawa):
    """A Veilig Thuis-like indicator (threshold 5) with one small municipality in 2021."""
    indicator = small_counts_indicator(zawa)
    Measurement.objects.create(
        indicator=indicator,
        region=zawa,
        period_kind="jaar",
        period_start=datetime.date(2021, 1, 1),
        period_end=datetime.date(2021, 12, 31),
        value=75,
    )
    return indicator


def _table(response, indicator):
    key = f"indicator-{indicator.code}"
    return next(t for t in response.context["dashboard"]["tables"] if t.key == key)


def test_readers_see_small_numbers_hidden_and_not_recoverable(
    client_for, raadslid, zawa_programme, small_counts
):
    # "Alle gemeenten" (an empty choice): not only the raadslid's own municipality.
    response = client_for(raadslid).get(dashboard_url(zawa_programme, gemeente=""))
    rows = {row[0]: row[1] for row in _table(response, small_counts).rows}
    assert rows["Oostzaan"] == "<5"
    assert rows["Landsmeer"] == "afgeschermd"  # the smallest other cell of the column
    assert rows["Regio Zaanstreek-Waterland"] == "75"
    shown = sum(int(v) for k, v in rows.items() if v.isdigit() and not k.startswith("Regio"))
    assert 75 - shown == 15  # subtraction only gives Oostzaan + Landsmeer together
    assert ">3<" not in _table(response, small_counts).svg
    csv = client_for(raadslid).get(
        reverse(
            "monitoring:dashboard_csv",
            kwargs={"pk": zawa_programme.pk, "table": f"indicator-{small_counts.code}"},
        )
    )
    assert "Oostzaan;<5" in csv.content.decode() and "Oostzaan;3" not in csv.content.decode()


def test_filtering_on_a_municipality_does_not_reveal_a_hidden_cell(
    client_for, raadslid, zawa_programme, small_counts, zawa
):
    oostzaan = zawa.municipalities.get(name="Oostzaan")
    response = client_for(raadslid).get(dashboard_url(zawa_programme, gemeente=oostzaan.pk))
    rows = _table(response, small_counts).rows
    assert [row[0] for row in rows] == ["Oostzaan", "Regio Zaanstreek-Waterland"]
    assert rows[0][1] == "<5"


def test_editors_see_the_real_values(client_for, projectleider, zawa_programme, small_counts):
    response = client_for(projectleider).get(dashboard_url(zawa_programme))
    rows = {row[0]: row[1] for row in _table(response, small_counts).rows}
    assert rows["Oostzaan"] == "3" and rows["Landsmeer"] == "12"


def test_bad_filter_input_gives_a_dutch_error_not_a_crash(client_for, raadslid, zawa_programme):
    response = client_for(raadslid).get(
        dashboard_url(zawa_programme, jaar="abc", gemeente="999999")
    )
    assert response.status_code == 200
    assert "Controleer de filters" in response.text
    assert "Selecteer een geldige keuze" in response.text


def test_as_reported_shows_the_frozen_snapshot(client_for, raadslid, zawa_programme):
    ProgressReport.objects.create(
        programme=zawa_programme,
        period="2021-H1",
        status=ReportStatus.SENT,
        snapshot={"dashboard": dashboard_data(zawa_programme)},
    )
    _set_progress(zawa_programme)  # the live state moves on after the report
    client = client_for(raadslid)
    live = client.get(dashboard_url(zawa_programme, weergave="live")).context["dashboard"]
    reported = client.get(dashboard_url(zawa_programme, weergave="gerapporteerd"))
    assert "Zoals gerapporteerd:" in reported.text and "1e halfjaar 2021" in reported.text
    assert live["progress"] != 0
    assert reported.context["dashboard"]["progress"] == 0
    assert 'id="weergave-gerapporteerd" value="gerapporteerd" checked' in reported.text


def test_as_reported_without_a_sent_report_says_so(client_for, raadslid, zawa_programme):
    ProgressReport.objects.create(
        programme=zawa_programme, period="2021-H1", status=ReportStatus.CONCEPT
    )
    response = client_for(raadslid).get(dashboard_url(zawa_programme, weergave="gerapporteerd"))
    assert response.status_code == 200
    assert "nog geen voortgangsrapportage verzonden" in response.text
    assert "Er is nog geen verzonden voortgangsrapportage" in response.text
    assert 'value="gerapporteerd" disabled' in response.text


def test_csv_of_an_unknown_table_is_404(client_for, raadslid, zawa_programme):
    url = reverse("monitoring:dashboard_csv", kwargs={"pk": zawa_programme.pk, "table": "geheim"})
    assert client_for(raadslid).get(url).status_code == 404


def _grow(programme, zawa, indicator):
    line = programme.action_lines.first()
    for n in range(3):
        action = ActionFactory(action_line=line, programme=programme)
        MilestoneFactory(
            action=action, programme=programme, order=900 + n, planned_year=2021, planned_quarter=2
        )
        BudgetLineFactory(action=action, programme=programme)
    for municipality in zawa.municipalities.all()[:3]:
        MeasurementFactory(
            indicator=indicator,
            municipality=municipality,
            period_start=datetime.date(2022, 1, 1),
            period_end=datetime.date(2022, 12, 31),
        )


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("role", ["raadslid", "projectleider"])
def test_dashboard_query_count_stays_flat_as_data_grows(
    request, client_for, zawa_programme, zawa, small_counts, django_assert_num_queries, role
):
    client = client_for(request.getfixturevalue(role))
    url = dashboard_url(zawa_programme)
    before = _count(client, url)
    _grow(zawa_programme, zawa, small_counts)
    # session, user, memberships (scope), programme, municipalities (filter form), the
    # years with measurements or milestones (filter form), latest sent report, action lines
    # with rollup, overall rollup, actions (listed and counted per status), milestones,
    # budget per source, municipalities (tables), measurements: 14, whatever the amount of
    # data; for the projectleider "Te beoordelen (n)" in the navigation. The headline is
    # computed from the same rows, without a query of its own.
    with django_assert_num_queries(before):
        client.get(url)
    assert before == 14 + (role == "projectleider")
