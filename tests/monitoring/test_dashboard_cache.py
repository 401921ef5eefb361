"""The dashboard cache (monitoring/dashboard/cache.py): a second request is cheaper, every
change that affects the dashboard shows on the next request, a reader never gets an editor's
unsuppressed figures, and a cache that is away never breaks the page."""

import datetime
import logging
import os
import socket
import uuid
from decimal import Decimal
from functools import partial

from django.core.cache import cache as django_cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from actions.constants import ActionStatus
from actions.models import Action
from actions.services.updates import accept_update, submit_status_update
from monitoring.constants import ReportStatus
from monitoring.dashboard import cache as dashboard_cache
from monitoring.dashboard.services import dashboard_data
from monitoring.imports.services import import_measurements, parse_measurements
from monitoring.models import Indicator, ProgressReport
from tests.factories import IndicatorFactory, MeasurementFactory
from tests.monitoring.helpers import (
    csv_upload,
    dashboard_url,
    police_rows_2021,
    small_counts_indicator,
)

pytestmark = pytest.mark.django_db

POLICE = "politie-incidenten-hg"


def _get(client, url):
    """The response and its number of queries."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(ctx.captured_queries)


def _statuses(response) -> dict[str, int]:
    return {s["status"]: s["count"] for s in response.context["dashboard"]["headline"].statuses}


def _table(response, code):
    key = f"indicator-{code}"
    return next(t for t in response.context["dashboard"]["tables"] if t.key == key)


def _row(response, code, area):
    table = _table(response, code)
    return dict(zip(table.columns, next(r for r in table.rows if r[0] == area), strict=True))


# --- a second request -----------------------------------------------------------------


@pytest.mark.parametrize("role", ["raadslid", "projectleider"])
def test_a_second_request_is_served_from_the_cache_with_fewer_queries_whatever_the_data(
    request, client_for, zawa_programme, zawa, role
):
    client = client_for(request.getfixturevalue(role))
    url = dashboard_url(zawa_programme)
    first, computed = _get(client, url)
    second, cached = _get(client, url)
    # Cached: session, user, memberships (scope), programme, municipalities (filter form),
    # latest sent report; for the projectleider "Te beoordelen (n)" in the navigation. The
    # dashboard's own queries (rollups, actions, milestones, budget, measurements, the years
    # of the filter) are gone.
    assert cached == 6 + (role == "projectleider")
    assert cached < computed
    assert second.context["dashboard"]["headline"] == first.context["dashboard"]["headline"]
    # Ten more years of a new indicator for every municipality: computed once, then cached
    # with the same number of queries.
    indicator = IndicatorFactory()
    for municipality in zawa.municipalities.all():
        for year in range(2010, 2020):
            MeasurementFactory(
                indicator=indicator,
                municipality=municipality,
                period_start=datetime.date(year, 1, 1),
                period_end=datetime.date(year, 12, 31),
            )
    grown, _ = _get(client, url)
    assert any(t.indicator == indicator.code for t in grown.context["dashboard"]["tables"])
    assert _get(client, url)[1] == cached


# --- every change shows on the next request -----------------------------------------


def test_a_quick_status_change_shows_at_once(client_for, projectleider, raadslid, zawa_programme):
    reader = partial(client_for, raadslid)  # the test client is one: log in again each time
    before = _statuses(_get(reader(), dashboard_url(zawa_programme))[0])
    action = zawa_programme.actions.get(code="2B")
    editor = client_for(projectleider)
    response = editor.post(
        reverse("actions:quick_update", args=[action.pk]),
        {"status": "vertraagd", "progress": 35, "version": action.version},
    )
    assert response.status_code == 302
    after = _get(reader(), dashboard_url(zawa_programme))[0]
    assert _statuses(after) == {"in_uitvoering": before["in_uitvoering"] - 1, "vertraagd": 1}
    acties = next(t for t in after.context["dashboard"]["tables"] if t.key == "acties")
    row = next(r for r in acties.rows if r[0] == "2B")
    assert (row[3], row[4]) == (ActionStatus.DELAYED.label, "35%")


def test_a_milestone_marked_done_shows_at_once(client_for, projectleider, raadslid, zawa_programme):
    reader = partial(client_for, raadslid)  # the test client is one: log in again each time
    before = (
        _get(reader(), dashboard_url(zawa_programme))[0].context["dashboard"]["headline"].milestones
    )
    milestone = zawa_programme.milestones.filter(done_on__isnull=True).first()
    response = client_for(projectleider).post(
        reverse("actions:milestone_done", args=[milestone.pk]), {"done_on": ""}
    )
    assert response.status_code == 302
    after = (
        _get(reader(), dashboard_url(zawa_programme))[0].context["dashboard"]["headline"].milestones
    )
    assert after["done"] == before["done"] + 1


def test_an_accepted_status_update_shows_at_once(
    client_for, projectleider, veiligthuis, raadslid, zawa_programme
):
    reader = partial(client_for, raadslid)  # the test client is one: log in again each time
    action = Action.objects.updatable_by(veiligthuis).filter(programme=zawa_programme).first()
    _get(reader(), dashboard_url(zawa_programme))
    update = submit_status_update(
        action=action, author=veiligthuis, status="afgerond", progress=100
    )
    # Submitted, not accepted: the dashboard shows the action as it was.
    assert "afgerond" not in _statuses(_get(reader(), dashboard_url(zawa_programme))[0])
    accept_update(update=update, reviewer=projectleider)
    assert _statuses(_get(reader(), dashboard_url(zawa_programme))[0]).get("afgerond") == 1


def test_a_measurement_import_through_the_page_shows_at_once(
    client_for, projectleider, raadslid, zawa, zawa_programme
):
    reader = partial(client_for, raadslid)  # the test client is one: log in again each time
    before = _get(reader(), dashboard_url(zawa_programme))[0]
    assert "2021" not in _table(before, POLICE).columns
    editor = client_for(projectleider)
    response = editor.post(
        reverse("monitoring:import_upload", kwargs={"slug": zawa.slug}),
        {"bestand": csv_upload(*police_rows_2021())},
    )
    assert editor.post(response["Location"]).status_code == 302
    after = _get(reader(), dashboard_url(zawa_programme))[0]
    assert _row(after, POLICE, "Zaanstad")["2021"] == "701"


def test_a_bulk_reimport_that_changes_a_value_shows_at_once(
    raadslid, client_for, zawa, zawa_programme
):
    rows, _ = parse_measurements(csv_upload(*police_rows_2021()), zawa)
    import_measurements(rows, zawa)
    reader = partial(client_for, raadslid)  # the test client is one: log in again each time
    assert (
        _row(_get(reader(), dashboard_url(zawa_programme))[0], POLICE, "Zaanstad")["2021"] == "701"
    )
    changed = [line.replace(";701;", ";702;") for line in police_rows_2021()]
    rows, _ = parse_measurements(csv_upload(*changed), zawa)
    assert import_measurements(rows, zawa).updated == 1  # bulk_update: no signal of its own
    assert (
        _row(_get(reader(), dashboard_url(zawa_programme))[0], POLICE, "Zaanstad")["2021"] == "702"
    )


def test_renaming_an_indicator_or_the_programme_shows_at_once(raadslid, client_for, zawa_programme):
    reader = partial(client_for, raadslid)  # the test client is one: log in again each time
    _get(reader(), dashboard_url(zawa_programme))
    police = Indicator.objects.get(code=POLICE)
    police.name = "Politie: incidenten (nieuwe naam)"
    police.save()
    zawa_programme.title = "Nieuwe titel van het plan"
    zawa_programme.save()
    after = _get(reader(), dashboard_url(zawa_programme))[0]
    assert _table(after, POLICE).title == "Politie: incidenten (nieuwe naam)"
    assert after.context["dashboard"]["programme"]["title"] == "Nieuwe titel van het plan"


def test_a_budget_line_realised_shows_at_once(raadslid, client_for, zawa_programme):
    reader = partial(client_for, raadslid)  # the test client is one: log in again each time
    before = (
        _get(reader(), dashboard_url(zawa_programme))[0].context["dashboard"]["headline"].budget
    )
    line = zawa_programme.budget_lines.filter(kind="bedrag").first()
    line.realised = Decimal("77919.00")
    line.save()
    after = _get(reader(), dashboard_url(zawa_programme))[0].context["dashboard"]["headline"].budget
    assert after != before


def test_a_new_day_is_computed_afresh(raadslid, client_for, zawa_programme, monkeypatch):
    """Milestone states depend on the date: tomorrow's request never reads today's entry."""
    reader = partial(client_for, raadslid)  # the test client is one: log in again each time
    _get(reader(), dashboard_url(zawa_programme))
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(dashboard_cache.timezone, "localdate", lambda: tomorrow)
    _, queries = _get(reader(), dashboard_url(zawa_programme))
    assert queries > 7


# --- suppression never leaks through the cache ------------------------------------------


@pytest.fixture
def small_count(zawa):
    """Oostzaan's 3 in an indicator with threshold 5: readers see "<5"."""
    return small_counts_indicator(zawa)


def test_a_reader_after_an_editor_still_sees_suppressed_values(
    client_for, projectleider, raadslid, zawa_programme, small_count
):
    url = dashboard_url(zawa_programme, gemeente="")
    editor = _get(client_for(projectleider), url)[0]
    assert _row(editor, small_count.code, "Oostzaan")["2021"] == "3"
    _, cached = _get(client_for(projectleider), url)
    reader = _get(client_for(raadslid), url)[0]
    assert _row(reader, small_count.code, "Oostzaan")["2021"] == "<5"
    assert ">3<" not in _table(reader, small_count.code).svg
    # And the CSV, which reads the same cache.
    csv = client_for(raadslid).get(
        reverse(
            "monitoring:dashboard_csv",
            kwargs={"pk": zawa_programme.pk, "table": f"indicator-{small_count.code}"},
        )
    )
    assert "Oostzaan;<5" in csv.content.decode() and "Oostzaan;3" not in csv.content.decode()
    # The other way round too: an editor after a reader sees the real value.
    assert (
        _row(_get(client_for(projectleider), url)[0], small_count.code, "Oostzaan")["2021"] == "3"
    )


def test_as_reported_is_cached_per_report_and_suppressed_for_readers(
    client_for, projectleider, raadslid, zawa_programme, small_count, monkeypatch
):
    ProgressReport.objects.create(
        programme=zawa_programme,
        period="2021-H1",
        status=ReportStatus.SENT,
        snapshot={"dashboard": dashboard_data(zawa_programme)},
    )
    presented = []
    real_present = dashboard_cache.present

    def present(*args, **kwargs):
        presented.append(kwargs["suppress"])
        return real_present(*args, **kwargs)

    monkeypatch.setattr(dashboard_cache, "present", present)
    url = dashboard_url(zawa_programme, gemeente="", weergave="gerapporteerd")
    assert (
        _row(_get(client_for(projectleider), url)[0], small_count.code, "Oostzaan")["2021"] == "3"
    )
    reader = partial(client_for, raadslid)  # the test client is one: log in again each time
    first = _get(reader(), url)[0]
    assert _row(first, small_count.code, "Oostzaan")["2021"] == "<5"
    assert presented == [False, True]  # the reader's view is its own
    # A later change to the live data does not touch the frozen view, nor its cache entry.
    MeasurementFactory(
        indicator=small_count,
        municipality=zawa_programme.region.municipalities.get(name="Oostzaan"),
        period_start=datetime.date(2022, 1, 1),
        period_end=datetime.date(2022, 12, 31),
    )
    second = _get(reader(), url)[0]
    assert "2022" not in _table(second, small_count.code).columns
    assert _row(second, small_count.code, "Oostzaan")["2021"] == "<5"
    assert presented == [False, True]  # from the cache


# --- a cache that is away --------------------------------------------------------------


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def cache_away(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{_closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    dashboard_cache.reset_fault_state()
    yield
    dashboard_cache.reset_fault_state()


def test_a_cache_that_is_away_still_serves_the_dashboard_and_its_changes(
    cache_away, client_for, projectleider, raadslid, zawa_programme, caplog
):
    reader = partial(client_for, raadslid)  # the test client is one: log in again each time
    with caplog.at_level(logging.WARNING, logger="monitoring.dashboard.cache"):
        first = _get(reader(), dashboard_url(zawa_programme))[0]
    assert "Dashboard cache unavailable" in caplog.text
    assert first.context["dashboard"]["headline"].actions_total > 0
    # A change while the cache is away: saved, and shown.
    action = zawa_programme.actions.get(code="2B")
    response = client_for(projectleider).post(
        reverse("actions:quick_update", args=[action.pk]),
        {"status": "vertraagd", "progress": 35, "version": action.version},
    )
    assert response.status_code == 302
    assert _statuses(_get(reader(), dashboard_url(zawa_programme))[0]).get("vertraagd") == 1
    # After the pause the cache is asked again (and is still away): still a page.
    dashboard_cache.reset_fault_state()
    assert _get(reader(), dashboard_url(zawa_programme))[0].status_code == 200


# --- the same on a real Redis ----------------------------------------------------------


@pytest.fixture
def real_redis(settings):
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        if os.environ.get("REQUIRE_REAL_SERVICES"):
            pytest.fail("TEST_REDIS_URL is not set", pytrace=False)
        pytest.skip("TEST_REDIS_URL is not set (CI sets it to a throwaway Redis)")
    # Its own key prefix, never clear(): that would empty the whole Redis database, which
    # other tests (the broker) may be using at the same time.
    prefix = f"test-dashboard-cache-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    yield
    client = django_cache._cache.get_client()
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def test_on_redis_a_reader_gets_suppressed_values_and_changes_show(
    real_redis, client_for, projectleider, raadslid, zawa_programme, small_count
):
    url = dashboard_url(zawa_programme, gemeente="")
    assert (
        _row(_get(client_for(projectleider), url)[0], small_count.code, "Oostzaan")["2021"] == "3"
    )
    reader = partial(client_for, raadslid)  # the test client is one: log in again each time
    first, computed = _get(reader(), url)
    assert _row(first, small_count.code, "Oostzaan")["2021"] == "<5"
    _, cached = _get(reader(), url)
    assert cached < computed
    oostzaan = small_count.measurements.get(municipality__name="Oostzaan")
    oostzaan.value = 30
    oostzaan.save()
    assert _row(_get(reader(), url)[0], small_count.code, "Oostzaan")["2021"] == "30"
    # The rendered page too, through the fragments kept in Redis.
    page = _get(reader(), url)[0]
    assert ">30</td>" in _page_row(page, small_count.code, "Oostzaan")
    assert _rendered_tables(page) == 0


# --- the rendered tables and charts (fragments) ------------------------------------------

TABLE_TEMPLATE = "monitoring/includes/table_chart.html"


def _rendered_tables(response) -> int:
    """How many tables the request rendered (the test client records every template)."""
    return sum(t.name == TABLE_TEMPLATE for t in response.templates)


def _page_row(response, code: str, area: str) -> str:
    """The HTML of one row of an indicator's table, as the reader's browser gets it."""
    html = response.content.decode()
    table = html[html.index(f'data-table="indicator-{code}"') :]
    table = table[: table.index("</table>")]
    row = table[table.index(f">{area}</th>") :]
    return row[: row.index("</tr>")]


def test_the_rendered_tables_are_reused_and_a_change_still_shows_on_the_next_request(
    raadslid, client_for, zawa_programme
):
    reader = partial(client_for, raadslid)  # the test client is one: log in again each time
    first = _get(reader(), dashboard_url(zawa_programme))[0]
    assert _rendered_tables(first) > 5
    second = _get(reader(), dashboard_url(zawa_programme))[0]
    assert _rendered_tables(second) == 0  # the fragment, not the tables, was rendered
    # The same page, but for the reader's own bits around the fragment.
    assert second.content.decode().count('data-table="') == first.content.decode().count(
        'data-table="'
    )
    assert "Politie: incidenten (nieuwe naam)" not in second.content.decode()
    police = Indicator.objects.get(code=POLICE)
    police.name = "Politie: incidenten (nieuwe naam)"
    police.save()
    changed = _get(reader(), dashboard_url(zawa_programme))[0]
    assert _rendered_tables(changed) > 5
    assert "Politie: incidenten (nieuwe naam)" in changed.content.decode()
    # The CSV links keep the page's query (the reader's own municipality, preselected).
    municipality = raadslid.memberships.first().municipality
    assert f"?gemeente={municipality.pk}" in changed.content.decode()


def test_each_filter_gets_its_own_fragment_and_a_stray_query_is_not_cached(
    raadslid, client_for, zawa_programme
):
    reader = partial(client_for, raadslid)  # the test client is one: log in again each time
    _get(reader(), dashboard_url(zawa_programme, gemeente=""))
    other = _get(reader(), dashboard_url(zawa_programme, gemeente="", jaar=2021))[0]
    assert _rendered_tables(other) > 5
    assert "?gemeente=&amp;jaar=2021" in other.content.decode()
    for _ in range(2):
        stray = _get(reader(), dashboard_url(zawa_programme, gemeente="", utm_source="mail"))[0]
        assert _rendered_tables(stray) > 5


def test_a_reader_after_an_editor_still_sees_less_than_five_in_the_page(
    client_for, projectleider, raadslid, zawa_programme, small_count
):
    url = dashboard_url(zawa_programme, gemeente="")
    for _ in range(2):  # the editor's fragment is made and then reused
        editor = _get(client_for(projectleider), url)[0]
        assert ">3</td>" in _page_row(editor, small_count.code, "Oostzaan")
    assert _rendered_tables(editor) == 0
    reader = partial(client_for, raadslid)  # the test client is one: log in again each time
    for _ in range(2):
        page = _get(reader(), url)[0]
        row = _page_row(page, small_count.code, "Oostzaan")
        assert ">&lt;5</td>" in row and ">3</td>" not in row
    assert _rendered_tables(page) == 0  # the reader's own fragment, reused
    # The editor, after the reader, still sees the real value.
    assert ">3</td>" in _page_row(
        _get(client_for(projectleider), url)[0], small_count.code, "Oostzaan"
    )


def test_as_reported_and_live_pages_have_their_own_fragments(
    client_for, raadslid, zawa_programme, small_count
):
    ProgressReport.objects.create(
        programme=zawa_programme,
        period="2021-H1",
        status=ReportStatus.SENT,
        snapshot={"dashboard": dashboard_data(zawa_programme)},
    )
    reader = partial(client_for, raadslid)  # the test client is one: log in again each time
    live_url = dashboard_url(zawa_programme, gemeente="", weergave="live")
    reported_url = dashboard_url(zawa_programme, gemeente="", weergave="gerapporteerd")
    for url in (live_url, reported_url, live_url, reported_url):
        _get(reader(), url)
    MeasurementFactory(
        indicator=small_count,
        municipality=zawa_programme.region.municipalities.get(name="Zaanstad"),
        period_start=datetime.date(2022, 1, 1),
        period_end=datetime.date(2022, 12, 31),
        value=41,
    )
    live = _get(reader(), live_url)[0]
    assert ">41</td>" in _page_row(live, small_count.code, "Zaanstad")
    assert "actuele stand op" in live.content.decode()
    reported = _get(reader(), reported_url)[0]
    assert _rendered_tables(reported) == 0  # the frozen view's fragment, still good
    assert ">41</td>" not in _page_row(reported, small_count.code, "Zaanstad")
    assert "Zoals gerapporteerd:" in reported.content.decode()
    assert "actuele stand op" not in reported.content.decode()
