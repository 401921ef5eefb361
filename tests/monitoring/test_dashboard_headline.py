"""Journey 4's first screen: headline figures computed from the rows (never typed), the
reader's own municipality first, Dutch dates and plurals, years from the data."""

import datetime
import html
import re
from decimal import Decimal

from django.utils import timezone

import pytest

from actions.models import Action, BudgetLine
from ghnt_portal.formats import dutch_date
from monitoring.dashboard.presentation import present
from monitoring.dashboard.services import dashboard_data
from monitoring.models import Measurement
from tests.factories import IndicatorFactory, MeasurementFactory
from tests.monitoring.helpers import dashboard_url

pytestmark = pytest.mark.django_db


def _headline_html(response) -> str:
    text = response.text
    start = text.index('<section class="dashboard-headline')
    return text[start : text.index("</section>", start)]


def _words(fragment: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment)))


def test_the_headline_comes_first_and_follows_the_actions_statuses(
    client_for, raadslid, zawa_programme
):
    client = client_for(raadslid)
    response = client.get(dashboard_url(zawa_programme))
    text = response.text
    assert text.index("dashboard-headline") < text.index('class="dashboard-filters')
    before = response.context["dashboard"]["headline"]
    total = zawa_programme.actions.count()
    assert before.actions_total == total
    assert {s["status"]: s["count"] for s in before.statuses} == {"in_uitvoering": total}

    action = zawa_programme.actions.get(code="2B")
    action.status = "vertraagd"
    action.save(update_fields=["status"])
    after = client.get(dashboard_url(zawa_programme))
    counts = {s["status"]: s["count"] for s in after.context["dashboard"]["headline"].statuses}
    assert counts == {"in_uitvoering": total - 1, "vertraagd": 1}
    headline = _headline_html(after)
    # In words, the colour only supports them (a badge with its status class).
    assert (
        '<span class="utrecht-status-badge utrecht-status-badge--danger" data-status="vertraagd">'
        "1 vertraagd</span>"
    ) in headline
    assert 'href="#acties"' in headline and 'id="acties"' in after.text
    # Each action with its status in words in the table below.
    table = next(t for t in after.context["dashboard"]["tables"] if t.key == "acties")
    row = next(r for r in table.rows if r[0] == "2B")
    assert row[3] == "Vertraagd"
    assert (
        '<span class="utrecht-status-badge utrecht-status-badge--danger" data-status="vertraagd">'
        "Vertraagd</span>"
    ) in after.text


def test_the_milestone_headline_follows_the_rows(client_for, raadslid, zawa_programme):
    client = client_for(raadslid)
    first = client.get(dashboard_url(zawa_programme)).context["dashboard"]["headline"].milestones
    assert first["total"] == zawa_programme.milestones.count()
    assert first["overdue"] > 0

    today = timezone.localdate()
    late = zawa_programme.milestones.filter(planned_year__lt=today.year).first()
    late.done_on = today - datetime.timedelta(days=1)
    late.save(update_fields=["done_on"])
    due = zawa_programme.milestones.filter(planned_year__lt=today.year).last()
    due.planned_year, due.planned_quarter = today.year, (today.month - 1) // 3 + 1
    due.save(update_fields=["planned_year", "planned_quarter"])
    response = client.get(dashboard_url(zawa_programme))
    second = response.context["dashboard"]["headline"].milestones
    assert second["done"] == first["done"] + 1
    assert second["due"] == first["due"] + 1
    assert second["overdue"] == first["overdue"] - 2
    words = _words(_headline_html(response))
    assert f"{second['overdue']} te laat" in words
    assert f"1 dit kwartaal ({(today.month - 1) // 3 + 1}e kwartaal {today.year})" in words
    assert "1 gereed" in words
    # ZaWa's "aa" is one milestone planned at two meetings: cells and items are both named.
    assert second["items"] == second["total"] - 1
    assert (
        f"Van de {second['total']} vakjes in de planning van het hele plan "
        f"({second['items']} mijlpalen;"
    ) in words
    assert 'href="#mijlpalen"' in _headline_html(response)


def test_the_budget_headline_says_what_is_known(client_for, raadslid, zawa_programme):
    client = client_for(raadslid)
    words = _words(_headline_html(client.get(dashboard_url(zawa_programme))))
    assert "€ 779.190 begroot" in words
    assert "nog geen bedragen vastgelegd" in words  # realised is 0 everywhere in the plan

    line = BudgetLine.objects.filter(programme=zawa_programme, kind="bedrag").first()
    line.realised = Decimal("77919.00")
    line.save(update_fields=["realised"])
    words = _words(_headline_html(client.get(dashboard_url(zawa_programme))))
    assert "Gerealiseerd: € 77.919 (10% van het begrote bedrag)" in words
    assert "nog geen bedragen" not in words


def test_the_police_headline_compares_with_the_same_period_a_year_earlier(
    client_for, raadslid, zawa_programme
):
    response = client_for(raadslid).get(dashboard_url(zawa_programme))
    headline = response.context["dashboard"]["headline"]
    assert headline.police_name == "Politie: incidenten huiselijk geweld"
    zaanstad, region = headline.police
    # The latest figure is the part year; the plan has no January-May 2019 to compare with,
    # so the latest whole year is compared with the year before.
    assert (zaanstad.area, zaanstad.period, zaanstad.figure) == ("Zaanstad", "t/m mei 2020", "272")
    assert zaanstad.partial
    assert zaanstad.comparison == (
        "Geen cijfer over dezelfde periode een jaar eerder. 2019: 667, 29% meer dan in 2018 (517)."
    )
    assert region.area == "Regio Zaanstreek-Waterland" and region.figure == "475"
    assert 'href="#indicator-politie-incidenten-hg-kop"' in _headline_html(response)
    assert 'id="indicator-politie-incidenten-hg-kop"' in response.text


@pytest.fixture
def small_police(zawa):
    """A police indicator with a threshold, Oostzaan small in both years."""
    indicator = IndicatorFactory(
        code="politie-aangiften-test", name="Politie: aangiften (test)", suppression_threshold=5
    )
    values = {
        2020: {"Zaanstad": 40, "Purmerend": 20, "Oostzaan": 3, "Landsmeer": 12},
        2021: {"Zaanstad": 46, "Purmerend": 21, "Oostzaan": 4, "Landsmeer": 13},
    }
    for year, by_name in values.items():
        start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        for municipality in zawa.municipalities.filter(name__in=by_name):
            MeasurementFactory(
                indicator=indicator,
                municipality=municipality,
                period_start=start,
                period_end=end,
                value=by_name[municipality.name],
            )
        Measurement.objects.create(
            indicator=indicator,
            region=zawa,
            period_kind="jaar",
            period_start=start,
            period_end=end,
            value=sum(by_name.values()),
        )
    return indicator


def test_a_suppressed_small_number_never_reaches_the_headline(
    client_for, raadslid, projectleider, zawa, zawa_programme, small_police
):
    oostzaan = zawa.municipalities.get(name="Oostzaan")
    landsmeer = zawa.municipalities.get(name="Landsmeer")
    reader = client_for(raadslid)
    response = reader.get(dashboard_url(zawa_programme, gemeente=oostzaan.pk))
    headline = response.context["dashboard"]["headline"]
    assert headline.police_name == "Politie: aangiften (test)"
    oostzaan_figure, region = headline.police
    assert (oostzaan_figure.area, oostzaan_figure.figure) == ("Oostzaan", "<5")
    assert oostzaan_figure.hidden
    assert oostzaan_figure.comparison == "Geen vergelijking met dezelfde periode een jaar eerder."
    assert region.figure == "84" and "2020 (75)" in region.comparison
    words = _words(_headline_html(response))
    assert "<5 (klein aantal, afgeschermd)" in words
    assert not re.search(r"\b[34]\b", words.split("Politie: aangiften (test)")[1])
    # Landsmeer is hidden too (secondary): neither its figure nor a change from it shows.
    landsmeer_figure = (
        reader.get(dashboard_url(zawa_programme, gemeente=landsmeer.pk))
        .context["dashboard"]["headline"]
        .police[0]
    )
    assert landsmeer_figure.figure == "afgeschermd"
    assert "13" not in landsmeer_figure.comparison and "12" not in landsmeer_figure.comparison
    # The projectleider sees the real figures and their change.
    real = client_for(projectleider).get(dashboard_url(zawa_programme, gemeente=oostzaan.pk))
    figure = real.context["dashboard"]["headline"].police[0]
    assert figure.figure == "4" and figure.comparison == "33% meer dan in 2020 (3)."


def test_an_older_snapshot_without_the_list_of_actions_still_has_a_headline(zawa_programme):
    data = dashboard_data(zawa_programme)
    del data["actions"]
    view = present(data, suppress=True)
    assert view["headline"].actions_total == zawa_programme.actions.count()
    assert "acties" not in view["by_section"]


def _police_table(response):
    tables = response.context["dashboard"]["tables"]
    return next(t for t in tables if t.indicator == "politie-incidenten-hg")


def test_a_raadslid_opens_on_their_own_municipality_and_can_choose_all(
    client_for, raadslid, projectleider, zawa, zawa_programme
):
    zaanstad = zawa.municipalities.get(name="Zaanstad")
    client = client_for(raadslid)
    response = client.get(dashboard_url(zawa_programme))
    assert str(response.context["form"]["gemeente"].value()) == str(zaanstad.pk)
    assert f'<option value="{zaanstad.pk}" selected>Zaanstad</option>' in response.text
    police = _police_table(response)
    assert [row[0] for row in police.rows] == ["Zaanstad", "Regio Zaanstreek-Waterland"]
    assert "U ziet de cijfers van uw gemeente Zaanstad" in response.text
    # The CSV links download what the page shows.
    assert f"/status/?gemeente={zaanstad.pk}" in response.text
    # "Alle gemeenten" is the empty choice: every municipality again, no choice forced.
    everything = client.get(dashboard_url(zawa_programme, gemeente=""))
    police = _police_table(everything)
    assert len(police.rows) == zawa.municipalities.count() + 1
    assert '<option value="" selected>Alle gemeenten</option>' in everything.text
    # Another filter without a municipality keeps the reader's own one.
    assert str(
        client.get(dashboard_url(zawa_programme, jaar=2019)).context["form"]["gemeente"].value()
    ) == str(zaanstad.pk)
    # A projectleider has no municipality: the whole region.
    region = client_for(projectleider).get(dashboard_url(zawa_programme))
    assert region.context["form"]["gemeente"].value() is None


def test_the_year_filter_offers_the_years_of_the_data(client_for, raadslid, zawa_programme):
    client = client_for(raadslid)
    response = client.get(dashboard_url(zawa_programme))
    years = [value for value, _label in response.context["form"].fields["jaar"].choices]
    # Police figures 2017-2020, milestones planned in 2020 and 2021.
    assert years == ["", 2021, 2020, 2019, 2018, 2017]
    bad = client.get(dashboard_url(zawa_programme, jaar=2010))
    assert "Controleer de filters" in bad.text and "Selecteer een geldige keuze" in bad.text


def test_dates_are_dutch_and_counts_have_their_plural(client_for, raadslid, zawa_programme):
    response = client_for(raadslid).get(dashboard_url(zawa_programme))
    visible = _words(re.sub(r"<(svg|script|style).*?</\1>", " ", response.text, flags=re.S))
    assert f"actuele stand op {dutch_date(timezone.localdate())}" in visible
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", visible), "an ISO date on the page"
    assert "Borgen ambities en kennis (1 actie)" in visible
    assert "(1 acties)" not in response.text


def test_a_chosen_year_gives_that_years_figure_against_the_year_before(
    client_for, raadslid, zawa_programme
):
    response = client_for(raadslid).get(dashboard_url(zawa_programme, jaar=2019))
    zaanstad, region = response.context["dashboard"]["headline"].police
    assert (zaanstad.period, zaanstad.figure) == ("2019", "667")
    assert zaanstad.comparison == "29% meer dan in 2018 (517)."
    # The tables still show the chosen year only.
    table = _police_table(response)
    assert table.columns == ["Gebied", "2019"]
    # The first year with figures has nothing before it: said so, no number made up.
    first = client_for(raadslid).get(dashboard_url(zawa_programme, jaar=2017))
    figure = first.context["dashboard"]["headline"].police[0]
    assert figure.figure == "487"
    assert figure.comparison == "Geen vergelijking met dezelfde periode een jaar eerder."


def test_as_reported_the_headline_is_the_frozen_one(client_for, raadslid, zawa_programme):
    from monitoring.constants import ReportStatus
    from monitoring.models import ProgressReport

    ProgressReport.objects.create(
        programme=zawa_programme,
        period="2021-H1",
        status=ReportStatus.SENT,
        snapshot={"dashboard": dashboard_data(zawa_programme)},
    )
    Action.objects.filter(programme=zawa_programme).update(status="afgerond")  # later
    client = client_for(raadslid)
    live = client.get(dashboard_url(zawa_programme)).context["dashboard"]["headline"]
    reported = client.get(dashboard_url(zawa_programme, weergave="gerapporteerd"))
    frozen = reported.context["dashboard"]["headline"]
    assert [s["status"] for s in live.statuses] == ["afgerond"]
    assert [s["status"] for s in frozen.statuses] == ["in_uitvoering"]
    assert f"stand van {dutch_date(timezone.localdate())}" in _words(_headline_html(reported))
