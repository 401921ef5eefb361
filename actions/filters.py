"""The action list's filters: the same FilterSet drives the page and its CSV/Excel exports."""

from django import forms
from django.db.models import Q

import django_filters

from ghnt_portal.forms import LongSelect
from programmes.models import ActionLine, Organisation, Programme

from .constants import ActionStatus
from .models import Action


class ActionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Zoeken", method="search")
    programme = django_filters.ModelChoiceFilter(
        label="Actieprogramma",
        queryset=Programme.objects.none(),
        empty_label="Alle programma's",
        widget=LongSelect,
    )
    action_line = django_filters.ModelChoiceFilter(
        label="Actielijn",
        queryset=ActionLine.objects.none(),
        empty_label="Alle actielijnen",
        widget=LongSelect,
    )
    status = django_filters.ChoiceFilter(
        label="Status", choices=ActionStatus.choices, empty_label="Alle statussen"
    )
    owner = django_filters.ModelChoiceFilter(
        label="Organisatie (eigenaar)",
        field_name="owners",
        queryset=Organisation.objects.none(),
        empty_label="Alle organisaties",
        widget=LongSelect,
    )
    overdue = django_filters.BooleanFilter(
        label="Mijlpalen te laat",
        method="filter_overdue",
        widget=forms.Select(
            choices=[("", "Maakt niet uit"), ("true", "Ja, te late mijlpalen"), ("false", "Nee")]
        ),
    )
    ordering = django_filters.OrderingFilter(
        label="Sorteren op",
        fields=(
            ("programme__title", "programme"),
            ("order", "order"),
            ("code", "code"),
            ("title", "title"),
            ("status", "status"),
            ("progress", "progress"),
        ),
        # Keyed by the model field (the left side above), as django-filter looks them up.
        field_labels={
            "programme__title": "Programma",
            "order": "Volgorde in het plan (over alle programma's)",
            "code": "Code",
            "title": "Titel",
            "status": "Status",
            "progress": "Voortgang",
        },
        empty_label="Programma, dan volgorde in het plan",
    )

    class Meta:
        model = Action
        fields = ["q", "programme", "action_line", "status", "owner", "overdue"]

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        user = request.user
        programmes = Programme.objects.visible_to(user)
        self.filters["programme"].queryset = programmes.order_by("region__name", "title")
        lines = ActionLine.objects.filter(programme__in=programmes).select_related("programme")
        self.filters["action_line"].queryset = lines.order_by("programme__title", "order")
        self.filters["owner"].queryset = Organisation.objects.filter(
            owned_actions__programme__in=programmes
        ).distinct()

    @property
    def form(self):
        form = super().form
        if not getattr(form, "_labels_set", False):
            form.fields["action_line"].label_from_instance = lambda line: (
                f"{line.programme.short_name or line.programme.title}: {line.title}"
            )
            form._labels_set = True
        return form

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(code__iexact=value)
            | Q(title__icontains=value)
            | Q(wat__icontains=value)
            | Q(doel__icontains=value)
            | Q(door__icontains=value)
        )

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(has_overdue=value)
