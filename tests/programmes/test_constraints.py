"""The database refuses data that cannot be true, with a clear Dutch message on validation."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

import pytest

from actions.models import Action, BudgetLine
from monitoring.models import Measurement
from programmes.models import Programme
from tests.factories import (
    ActionFactory,
    BudgetLineFactory,
    MeasurementFactory,
    ProgrammeFactory,
)

pytestmark = pytest.mark.django_db


def test_duplicate_action_code_in_one_programme_is_refused():
    action = ActionFactory(code="2B")
    duplicate = Action(
        programme=action.programme, action_line=action.action_line, code="2B", title="Kopie"
    )
    with pytest.raises(ValidationError) as excinfo:
        duplicate.full_clean()
    assert "Deze actiecode bestaat al in dit actieprogramma." in str(excinfo.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()
    assert Action.objects.filter(programme=action.programme, code="2B").count() == 1


def test_same_action_code_in_another_programme_is_fine():
    ActionFactory(code="1A")
    ActionFactory(code="1A")
    assert Action.objects.filter(code="1A", title__startswith="Testactie").count() == 2


def test_negative_budget_amount_is_refused():
    line = BudgetLineFactory.build(action=ActionFactory(), amount=Decimal("-1.00"))
    line.programme = line.action.programme
    with pytest.raises(ValidationError) as excinfo:
        line.full_clean()
    assert "Een bedrag kan niet negatief zijn." in str(excinfo.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        line.save()
    assert not BudgetLine.objects.filter(amount__lt=0).exists()


def test_negative_realised_amount_is_refused():
    line = BudgetLineFactory()
    line.realised = Decimal("-5")
    with pytest.raises(IntegrityError), transaction.atomic():
        line.save()
    line.refresh_from_db()
    assert line.realised == 0


def test_capacity_line_cannot_carry_an_amount():
    line = BudgetLineFactory.build(action=ActionFactory(), kind="capaciteit", amount=Decimal("10"))
    line.programme = line.action.programme
    with pytest.raises(IntegrityError), transaction.atomic():
        line.save()


def test_programme_period_ending_before_it_starts_is_refused():
    programme = ProgrammeFactory.build(
        period_start=datetime.date(2021, 1, 1), period_end=datetime.date(2020, 12, 31)
    )
    programme.region.save()
    programme.region = programme.region
    with pytest.raises(ValidationError) as excinfo:
        programme.full_clean()
    assert "De einddatum ligt vóór de begindatum." in str(excinfo.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        programme.save()
    assert not Programme.objects.filter(title=programme.title).exists()


def test_duplicate_measurement_for_indicator_area_and_period_is_refused():
    first = MeasurementFactory()
    duplicate = Measurement(
        indicator=first.indicator,
        municipality=first.municipality,
        period_kind="jaar",
        period_start=first.period_start,
        period_end=first.period_end,
        value=Decimal("99"),
    )
    with pytest.raises(ValidationError) as excinfo:
        duplicate.full_clean()
    assert "Voor deze indicator, gemeente en periode is al een meting." in str(excinfo.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()
    first.refresh_from_db()
    assert first.value == Decimal("10")


def test_measurement_period_ending_before_start_is_refused():
    measurement = MeasurementFactory.build(
        period_start=datetime.date(2020, 6, 1), period_end=datetime.date(2020, 5, 31)
    )
    measurement.indicator.save()
    measurement.municipality.region.save()
    measurement.municipality.region = measurement.municipality.region
    measurement.municipality.save()
    measurement.municipality = measurement.municipality
    measurement.indicator = measurement.indicator
    with pytest.raises(IntegrityError), transaction.atomic():
        measurement.save()
