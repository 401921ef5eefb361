"""The demo command loads the seed documents faithfully, and a second run changes nothing."""

from decimal import Decimal

from django.apps import apps
from django.core.management import call_command
from django.db.models import Sum

import pytest

from actions.models import Action, BudgetLine, Milestone
from monitoring.models import Measurement
from programmes.models import Region

pytestmark = pytest.mark.django_db


def _counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"programmes", "actions", "governance", "monitoring", "auth"}
    }


def test_loading_twice_changes_nothing():
    before = _counts()
    call_command("load_demo", verbosity=0)
    assert _counts() == before


def test_all_five_regions_of_the_seeds_are_there():
    names = set(Region.objects.values_list("name", flat=True))
    assert {
        "Zaanstreek-Waterland",
        "Kennemerland",
        "Groningen",
        "Gooi en Vechtstreek",
        "Zuid-Holland Zuid",
    } <= names
    assert Region.objects.get(slug="zaanstreek-waterland").municipalities.count() == 8


def test_zaanstreek_waterland_plan_has_its_nine_actions(zawa_programme):
    codes = list(zawa_programme.actions.order_by("order").values_list("code", flat=True))
    assert codes == ["1A", "1B", "2A", "2B", "2C", "2D", "3A", "3B", "4A"]
    assert zawa_programme.action_lines.count() == 4
    action_2b = zawa_programme.actions.get(code="2B")
    assert "MDA++" in action_2b.title
    assert action_2b.wat and action_2b.doel and action_2b.hoe and action_2b.kosten


def test_zaanstreek_waterland_milestone_plan_runs_from_a_to_ee(zawa_programme):
    letters = list(zawa_programme.milestones.order_by("order").values_list("letter", flat=True))
    assert letters[0] == "a"
    assert letters[-1] == "ee"
    # The printed plan uses the letters v and w twice; the portal keeps both.
    assert letters.count("v") == 2 and letters.count("w") == 2
    first = zawa_programme.milestones.get(letter="a")
    assert (first.planned_year, first.planned_quarter, first.meeting_label) == (2021, 1, "AO-jan")
    assert first.meeting is not None and first.meeting.body.abbreviation == "AO"


def test_zaanstreek_waterland_finance_table_line_by_line(zawa_programme):
    lines = BudgetLine.objects.filter(programme=zawa_programme)
    duvo = lines.filter(funding_source__name="DUVO")
    assert sorted(duvo.values_list("amount", flat=True)) == [Decimal("43520"), Decimal("71958")]
    zonmw = lines.get(note="ZonMW")
    assert zonmw.amount == Decimal("186000") and zonmw.funding_source.name == "Subsidie verstrekt"
    assert lines.filter(kind="capaciteit").count() >= 20
    # The table prints the MDA++ lines under 2A; they fund action 2B.
    mda = lines.filter(description__icontains="MDA++", row_label="2A").first()
    assert mda is not None and mda.action.code == "2B"


def test_totals_per_funding_source_are_the_sums_of_the_lines(zawa_programme):
    lines = BudgetLine.objects.filter(programme=zawa_programme)
    totals = {row["funding_source__name"]: row for row in lines.totals_by_funding_source()}
    for name, row in totals.items():
        expected = lines.filter(funding_source__name=name, kind="bedrag").aggregate(
            s=Sum("amount")
        )["s"] or Decimal("0")
        assert row["planned"] == expected
    assert totals["DUVO"]["planned"] == Decimal("115478")
    # The source prints 476.715 for this column; the lines add up to 476.712.
    assert totals["Subsidie verstrekt"]["planned"] == Decimal("476712")


def test_police_figures_per_municipality_as_printed(zawa):
    zaanstad = zawa.municipalities.get(name="Zaanstad")
    values = dict(
        Measurement.objects.filter(
            indicator__code="politie-incidenten-hg", municipality=zaanstad
        ).values_list("period_label", "value")
    )
    assert values["2017"] == 487 and values["2019"] == 667 and values["t/m mei 2020"] == 272
    part = Measurement.objects.get(
        indicator__code="politie-misdrijven-hg", municipality=zaanstad, period_kind="deelperiode"
    )
    assert (part.period_start.isoformat(), part.period_end.isoformat()) == (
        "2020-01-01",
        "2020-05-31",
    )
    assert part.value == 89


def test_no_personal_names_from_the_sources_in_the_demo_data():
    texts = " ".join(
        str(v) for v in Action.objects.values_list("door", "wat", "hoe", "kosten") for v in v
    )
    for name in ("Riet van Loon", "Langevelde", "Afke Jong", "Hera Dekker", "Botter", "Meijs"):
        assert name not in texts
    assert not Milestone.objects.filter(title__icontains="@").exists()
