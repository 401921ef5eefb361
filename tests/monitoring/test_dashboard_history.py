"""The dashboard at national scale: the latest periods at a glance, the full series one click
away; the page does not grow with years of measurements."""

from django.urls import reverse

import pytest

from ghnt_portal.periods import Quarter
from monitoring.dashboard import cache as dashboard_cache
from monitoring.dashboard.services import LATEST_PERIODS
from monitoring.models import Measurement
from tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def quarterly(zawa):
    return IndicatorFactory(code="meldingen-vt", name="Meldingen Veilig Thuis")


def _add_years(indicator, zawa, first_year, last_year):
    """Quarterly measurements for every municipality and the region, first..last year."""
    municipalities = list(zawa.municipalities.all())
    rows = []
    for year in range(first_year, last_year + 1):
        for q in range(1, 5):
            quarter = Quarter(year, q)
            common = {
                "indicator": indicator,
                "period_kind": "kwartaal",
                "period_start": quarter.start,
                "period_end": quarter.end,
                "period_label": str(quarter),
            }
            rows.extend(
                Measurement(municipality=m, value=100 + year % 7 + q, **common)
                for m in municipalities
            )
            rows.append(Measurement(region=zawa, value=5000 + year, **common))
    Measurement.objects.bulk_create(rows)
    dashboard_cache.bump(region_id=zawa.pk)  # bulk_create sends no signal; the import bumps too


def _dashboard(client, programme, **query):
    url = reverse("monitoring:dashboard", kwargs={"pk": programme.pk})
    response = client.get(url, query)
    assert response.status_code == 200
    return response


def _table(response, code):
    return next(t for t in response.context["dashboard"]["tables"] if t.indicator == code)


@pytest.mark.parametrize("role", ["raadslid", "projectleider"])
def test_dashboard_size_does_not_grow_with_the_measurement_history(
    request, client_for, zawa, zawa_programme, quarterly, role
):
    client = client_for(request.getfixturevalue(role))
    _add_years(quarterly, zawa, 2023, 2024)
    two_years = _dashboard(client, zawa_programme)
    _add_years(quarterly, zawa, 2015, 2022)  # ten years of quarters now
    ten_years = _dashboard(client, zawa_programme)
    assert len(ten_years.content) <= len(two_years.content) + 500  # only the "full series" link
    table = _table(ten_years, quarterly.code)
    assert table.columns[1:] == [str(Quarter(y, q)) for y in (2023, 2024) for q in range(1, 5)]
    assert len(table.columns) == LATEST_PERIODS + 1
    assert table.truncated and "Toon de volledige reeks" in ten_years.text


def test_the_full_series_is_one_click_away_and_suppression_still_holds(
    client_for, raadslid, zawa, zawa_programme, quarterly
):
    quarterly.suppression_threshold = 104
    quarterly.save()
    _add_years(quarterly, zawa, 2015, 2024)
    client = client_for(raadslid)
    glance = _dashboard(client, zawa_programme)
    link = f"reeks={quarterly.code}"
    assert link in glance.text
    full = _dashboard(client, zawa_programme, reeks=quarterly.code)
    table = _table(full, quarterly.code)
    assert len(table.columns) == 40 + 1 and not table.truncated
    # The latest columns are the same cells, suppressed the same way, in both views.
    latest = [row[-LATEST_PERIODS:] for row in table.rows]
    assert latest == [row[1:] for row in _table(glance, quarterly.code).rows]
    assert any(cell == "<104" for row in table.rows for cell in row)
    csv = client.get(
        reverse(
            "monitoring:dashboard_csv",
            kwargs={"pk": zawa_programme.pk, "table": f"indicator-{quarterly.code}"},
        )
    ).content.decode()
    header = csv.splitlines()[1].split(";")
    assert header[1:] == [str(Quarter(y, q)) for y in range(2015, 2025) for q in range(1, 5)]


def test_choosing_a_year_shows_that_year_even_when_it_is_old(
    client_for, raadslid, zawa, zawa_programme, quarterly
):
    _add_years(quarterly, zawa, 2015, 2024)
    response = _dashboard(client_for(raadslid), zawa_programme, jaar=2016)
    table = _table(response, quarterly.code)
    assert table.columns[1:] == [str(Quarter(2016, q)) for q in range(1, 5)]
