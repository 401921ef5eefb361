"""Measurements in the API carry the dashboard's small-number suppression."""

import datetime

import pytest

from monitoring.models import Indicator, Measurement
from programmes.models import Municipality, Region
from tests.api.helpers import all_results, api_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_numbers():
    """Verwey-style numbers for tijdelijke huisverboden (threshold 5): one small cell."""
    indicator = Indicator.objects.get(code="tijdelijke-huisverboden")
    region = Region.objects.get(slug="zaanstreek-waterland")
    values = {"Zaanstad": 40, "Purmerend": 12, "Landsmeer": 3, "Oostzaan": 9}
    for name, value in values.items():
        Measurement.objects.create(
            indicator=indicator,
            municipality=Municipality.objects.get(name=name),
            period_kind="jaar",
            period_start=datetime.date(2024, 1, 1),
            period_end=datetime.date(2024, 12, 31),
            value=value,
        )
    Measurement.objects.create(
        indicator=indicator,
        region=region,
        period_kind="jaar",
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2024, 12, 31),
        value=64,
    )
    return indicator


def _cells(role):
    return {
        r["area"]: r
        for r in all_results(
            api_client(role), "measurements", indicator="tijdelijke-huisverboden", year=2024
        )
    }


@pytest.mark.parametrize("role", ["anonymous", "wethouder", "raadslid", "rijk"])
def test_readers_get_small_numbers_suppressed_and_not_recoverable(small_numbers, role):
    cells = _cells(role)
    assert cells["Landsmeer"]["value"] is None and cells["Landsmeer"]["display"] == "<5"
    assert cells["Landsmeer"]["suppressed"] == "primair"
    # One hidden cell would follow from the total: a second one (the smallest) is hidden.
    assert cells["Oostzaan"]["value"] is None and cells["Oostzaan"]["suppressed"] == "secundair"
    assert cells["Zaanstad"]["value"] == 40
    assert cells["Regio Zaanstreek-Waterland"]["value"] == 64


def test_the_regions_projectleider_gets_the_real_numbers(small_numbers):
    cells = _cells("projectleider")
    assert cells["Landsmeer"]["value"] == 3 and cells["Landsmeer"]["suppressed"] == ""


def test_a_filter_cannot_reveal_a_hidden_cell(small_numbers):
    rows = all_results(
        api_client("anonymous"), "measurements", indicator="tijdelijke-huisverboden",
        municipality="GM0415",
    )  # fmt: skip
    assert [r["display"] for r in rows if r["period_start"] == "2024-01-01"] == ["<5"]


def test_a_bad_filter_answers_400_in_dutch():
    response = api_client("anonymous").get("/api/v1/measurements", {"municipality": "Zaanstad"})
    assert response.status_code == 400
    assert "GM en vier cijfers" in response.content.decode()
