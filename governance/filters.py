from django import forms
from django.utils import timezone

import django_filters

from .constants import BodyKind, CommitmentStatus
from .forms import DateInput
from .models import Commitment, Decision, DecisionBody, Meeting

YEAR_ERROR = "Vul een jaartal in tussen 1900 en 2100, bijvoorbeeld 2021."


def year_filter() -> django_filters.NumberFilter:
    """A year of the date: a whole number 1900-2100 (the database cannot look up year 10^30
    or -1; that was a 500)."""
    return django_filters.NumberFilter(
        label="Jaar",
        field_name="date",
        lookup_expr="year",
        min_value=1900,
        max_value=2100,
        decimal_places=0,
        error_messages={
            key: YEAR_ERROR
            for key in ("invalid", "min_value", "max_value", "max_digits", "max_decimal_places")
        },
    )


class RegionFilterSet(django_filters.FilterSet):
    """A FilterSet whose body choices are the bodies of one region."""

    body_field = "body"

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        if self.body_field in self.filters:
            self.filters[self.body_field].queryset = DecisionBody.objects.filter(region=region)


class MeetingFilterSet(RegionFilterSet):
    body = django_filters.ModelChoiceFilter(
        label="Overleg", queryset=DecisionBody.objects.none(), empty_label="Alle overleggen"
    )
    kind = django_filters.ChoiceFilter(
        label="Soort overleg", field_name="body__kind", choices=BodyKind.choices, empty_label="Alle"
    )
    year = year_filter()
    date_from = django_filters.DateFilter(
        label="Vanaf", field_name="date", lookup_expr="gte", widget=DateInput()
    )
    date_to = django_filters.DateFilter(
        label="Tot en met", field_name="date", lookup_expr="lte", widget=DateInput()
    )

    class Meta:
        model = Meeting
        fields = ["body", "kind", "year", "date_from", "date_to"]


class DecisionFilterSet(RegionFilterSet):
    body = django_filters.ModelChoiceFilter(
        label="Genomen door", queryset=DecisionBody.objects.none(), empty_label="Alle overleggen"
    )
    year = year_filter()

    class Meta:
        model = Decision
        fields = ["body", "year"]


class CommitmentFilterSet(RegionFilterSet):
    body_field = "made_to"

    status = django_filters.ChoiceFilter(
        label="Status", choices=CommitmentStatus.choices, empty_label="Alle"
    )
    overdue = django_filters.BooleanFilter(
        label="Alleen te laat",
        method="filter_overdue",
        widget=forms.CheckboxInput,
    )
    made_to = django_filters.ModelChoiceFilter(
        label="Gedaan aan", queryset=DecisionBody.objects.none(), empty_label="Alle overleggen"
    )

    class Meta:
        model = Commitment
        fields = ["status", "overdue", "made_to"]

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue(timezone.localdate()) if value else queryset
