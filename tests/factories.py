"""factory_boy factories for records the tests make themselves, beside the demo data."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model

import factory

from actions.models import Action, BudgetLine, FundingSource, Milestone
from monitoring.models import Indicator, Measurement
from programmes.models import ActionLine, Membership, Municipality, Organisation, Programme, Region


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    name = factory.Sequence(lambda n: f"Testregio {n}")
    slug = factory.Sequence(lambda n: f"testregio-{n}")


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Testgemeente {n}")
    cbs_code = factory.Sequence(lambda n: f"GM{9000 + n:04d}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Ketenpartner {n}")
    kind = "ketenpartner"
    region = factory.SubFactory(RegionFactory)


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    region = factory.SubFactory(RegionFactory)
    title = factory.Sequence(lambda n: f"Testprogramma {n}")
    period_start = datetime.date(2021, 1, 1)
    period_end = datetime.date(2022, 12, 31)
    status = "vastgesteld"


class ActionLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionLine

    programme = factory.SubFactory(ProgrammeFactory)
    order = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Actielijn {n}")


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    action_line = factory.SubFactory(ActionLineFactory)
    programme = factory.SelfAttribute("action_line.programme")
    code = factory.Sequence(lambda n: f"T{n}")
    title = factory.Sequence(lambda n: f"Testactie {n}")


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    action = factory.SubFactory(ActionFactory)
    programme = factory.SelfAttribute("action.programme")
    letter = "x"
    order = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Mijlpaal {n}")


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetLine

    action = factory.SubFactory(ActionFactory)
    programme = factory.SelfAttribute("action.programme")
    description = factory.Sequence(lambda n: f"Begrotingsregel {n}")
    funding_source = factory.LazyFunction(lambda: FundingSource.objects.get(name="Gemeente"))
    kind = "bedrag"
    amount = Decimal("1000.00")


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    code = factory.Sequence(lambda n: f"test-indicator-{n}")
    name = factory.Sequence(lambda n: f"Testindicator {n}")


class MeasurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measurement

    indicator = factory.SubFactory(IndicatorFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    period_kind = "jaar"
    period_start = datetime.date(2020, 1, 1)
    period_end = datetime.date(2020, 12, 31)
    value = Decimal("10")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"gebruiker{n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
