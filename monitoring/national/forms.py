"""Filters of the national picture (a form, so nothing parses request.GET by hand)."""

from __future__ import annotations

from typing import cast

from django import forms

from ghnt_portal.periods import HalfYear

from .uitvraag import LATE, OPEN, SENT, STATE_LABELS


class AnswerFilterForm(forms.Form):
    theme = forms.ChoiceField(label="Thema", required=False)
    question = forms.TypedChoiceField(label="Vraag", required=False, coerce=int, empty_value=None)
    state = forms.ChoiceField(
        label="Regio's",
        required=False,
        choices=[("", "Alle regio's")] + [(s, STATE_LABELS[s]) for s in (SENT, LATE, OPEN)],
    )

    def __init__(self, *args, themes: list[str], questions: list, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["theme"]).choices = [("", "Alle thema's")] + [
            (t, t) for t in themes
        ]
        cast(forms.ChoiceField, self.fields["question"]).choices = [("", "Alle vragen")] + [
            (q.pk, f"{q.order}. {q.text[:80]}") for q in questions
        ]
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = "Kies een van de opties."


def half_year_choices(periods: list[str]) -> list[tuple[str, str]]:
    return [(p, str(HalfYear.parse(p))) for p in periods]


class PeriodForm(forms.Form):
    period = forms.ChoiceField(label="Halfjaar", required=False)

    def __init__(self, *args, periods: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["period"]).choices = half_year_choices(periods)
        self.fields["period"].error_messages["invalid_choice"] = "Kies een halfjaar uit de lijst."

    def half_year(self, default: str) -> HalfYear:
        if self.is_valid() and self.cleaned_data.get("period"):
            return HalfYear.parse(self.cleaned_data["period"])
        return HalfYear.parse(default)
