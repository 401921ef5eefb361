"""Where a source states a figure the portal computes otherwise, both are shown (issue 22):
the crisis call-outs the ZaWa plan says rose "met 50%" (74 -> 148 is +100%), and the plan's
own budget total (€ 186.000) beside the sum of its budget lines (€ 779.190)."""

from decimal import Decimal

from django.urls import reverse

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ghnt_portal.periods import HalfYear
from monitoring.dashboard.charts import Series, line_chart
from monitoring.models import Measurement
from programmes.models import Programme
from tests.monitoring.reports import make_report

pytestmark = pytest.mark.django_db

STATED = "(+100%, berekend; de bron noemt +50%)"


def _dashboard(client, programme):
    return client.get(reverse("monitoring:dashboard", args=[programme.pk])).content.decode()


def _crisis_total(programme):
    return Measurement.objects.get(
        indicator__code="crisisuitrukken", region=programme.region, period_start__year=2019
    )


# --- the crisis call-outs: computed change and the source's own ----------------------------


def test_the_dashboard_shows_the_computed_change_and_says_the_plan_states_otherwise(
    client_for, wethouder, zawa_programme
):
    page = _dashboard(client_for(wethouder), zawa_programme)
    assert f"gestegen van 74 in 2017 naar 148 in 2019 {STATED}." in page


def test_without_a_stated_change_the_summary_shows_only_the_computed_one(
    client_for, wethouder, zawa_programme
):
    Measurement.objects.filter(pk=_crisis_total(zawa_programme).pk).update(
        source_stated_change=None
    )
    page = _dashboard(client_for(wethouder), zawa_programme)
    assert "gestegen van 74 in 2017 naar 148 in 2019 (+100%)." in page
    assert "de bron noemt" not in page


def test_a_stated_change_that_agrees_with_the_computed_one_adds_nothing(
    client_for, wethouder, zawa_programme
):
    measurement = _crisis_total(zawa_programme)
    measurement.source_stated_change = Decimal("100")
    measurement.save()  # a save bumps the dashboard's cache
    page = _dashboard(client_for(wethouder), zawa_programme)
    assert "gestegen van 74 in 2017 naar 148 in 2019 (+100%)." in page
    assert "de bron noemt" not in page


def test_over_more_periods_the_stated_change_is_named_for_its_own_two_figures():
    chart = line_chart(
        "Crisisuitrukken",
        ["2017", "2018", "2019"],
        [Series("Regio", [74, 100, 148], stated=[None, None, Decimal("20")])],
    )
    assert chart.summary == (
        "Regio: gestegen van 74 in 2017 naar 148 in 2019 (+100%). "
        "Van 2018 naar 2019 is dat +48% (berekend); de bron noemt +20%."
    )


def test_a_change_stated_for_a_hidden_figure_is_not_shown():
    """Small-number suppression hides a value as None: no change is computed from it, and
    the stated change (which would let a reader work the hidden number out) is left out."""
    chart = line_chart(
        "Crisisuitrukken",
        ["2017", "2018", "2019"],
        [Series("Regio", [74, 100, None], labels=[None, None, "<5"], stated=[None, None, "50"])],
    )
    assert "bron" not in chart.summary


def test_the_report_pdf_prints_the_same_summary(zawa_programme):
    from monitoring.reports.indicators import indicator_summary, summary_tables

    tables = summary_tables(indicator_summary(zawa_programme.region, HalfYear(2020, 2)))
    crisis = next(t for t in tables if t.title.startswith("Crisisuitrukken"))
    assert STATED in crisis.summary


def test_the_demo_takes_the_stated_change_from_the_seed(zawa_programme):
    assert _crisis_total(zawa_programme).source_stated_change == Decimal("50")


# --- the budget: computed sum and the plan's own total --------------------------------------


def test_the_programme_page_labels_the_sum_computed_and_shows_the_plans_own_total(
    client_for, raadslid, zawa_programme
):
    assert zawa_programme.stated_budget_total == Decimal("186000")  # from the seed
    page = client_for(raadslid).get(zawa_programme.get_absolute_url()).content.decode()
    assert "Totaal begroot over alle bronnen (berekend uit de begrotingsregels)" in page
    assert (
        "Het plan noemt zelf een begroting van <strong>€ 186.000</strong>; de berekende som "
        "is € 593.190 meer." in page
    )
    assert reverse("programmes:stated_budget", args=[zawa_programme.pk]) not in page  # reader


def test_the_dashboard_headline_shows_both_totals(client_for, wethouder, zawa_programme):
    page = _dashboard(client_for(wethouder), zawa_programme)
    assert (
        '€ 779.190 <span class="headline-note">begroot (berekend uit de begrotingsregels)' in page
    )
    assert (
        "Het plan noemt zelf een begroting van <strong>€ 186.000</strong>; de berekende som is "
        "€ 593.190 meer." in page
    )


def test_without_a_stated_total_only_the_computed_sum_shows(
    client_for, projectleider, zawa_programme
):
    Programme.objects.filter(pk=zawa_programme.pk).update(stated_budget_total=None)
    client = client_for(projectleider)
    page = client.get(zawa_programme.get_absolute_url()).content.decode()
    assert "Het plan noemt zelf" not in page
    assert "Begroting volgens het plan invullen" in page  # the projectleider may add it
    assert "Het plan noemt zelf" not in _dashboard(client, zawa_programme)


def test_the_report_pdf_shows_both_totals(zawa_programme):
    from django.template.loader import render_to_string

    from monitoring.dashboard.services import dashboard_data
    from monitoring.reports import services
    from monitoring.reports.snapshot import build_snapshot

    report = make_report(zawa_programme)
    snapshot = build_snapshot(zawa_programme, HalfYear(2021, 1))
    snapshot["dashboard"] = dashboard_data(zawa_programme)
    html = render_to_string(services.REPORT_TEMPLATE, services.report_context(report, snapshot))
    assert "Totaal begroot (berekend uit de begrotingsregels)" in html
    assert (
        "Het plan noemt zelf een begroting van <strong>€ 186.000</strong>; de berekende som "
        "is € 593.190 meer." in html
    )


def test_the_projectleider_sets_the_plans_total(client_for, projectleider, zawa_programme):
    url = reverse("programmes:stated_budget", args=[zawa_programme.pk])
    client = client_for(projectleider)
    assert "€ 779.190" in client.get(url).content.decode()  # the computed sum, for comparison
    response = client.post(url, {"stated_budget_total": "800.000"})
    assert response.status_code == 302
    zawa_programme.refresh_from_db()
    assert zawa_programme.stated_budget_total == Decimal("800000")
    page = client.get(zawa_programme.get_absolute_url()).content.decode()
    assert "de berekende som is € 20.810 minder." in page
    client.post(url, {"stated_budget_total": ""})  # the plan names no total after all
    zawa_programme.refresh_from_db()
    assert zawa_programme.stated_budget_total is None


@pytest.mark.parametrize(
    ("typed", "message"),
    [("-5", "kan niet negatief zijn"), ("veel", "Vul een getal in"), ("1e400", "")],
)
def test_a_bad_total_is_refused_in_dutch_next_to_the_field(
    client_for, projectleider, zawa_programme, typed, message
):
    url = reverse("programmes:stated_budget", args=[zawa_programme.pk])
    response = client_for(projectleider).post(url, {"stated_budget_total": typed})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="error_1_id_stated_budget_total"' in page or "invalid-feedback" in page
    if message:
        assert message in page
    zawa_programme.refresh_from_db()
    assert zawa_programme.stated_budget_total == Decimal("186000")


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(typed=st.text(max_size=40))
def test_any_typed_total_is_saved_as_a_non_negative_amount_or_refused(
    client_for, projectleider, zawa_programme, typed
):
    url = reverse("programmes:stated_budget", args=[zawa_programme.pk])
    response = client_for(projectleider).post(url, {"stated_budget_total": typed})
    assert response.status_code in (200, 302)
    zawa_programme.refresh_from_db()
    value = zawa_programme.stated_budget_total
    assert value is None or value >= 0
    if response.status_code == 200:
        assert value == Decimal("186000")  # nothing changed
    Programme.objects.filter(pk=zawa_programme.pk).update(stated_budget_total=Decimal("186000"))
