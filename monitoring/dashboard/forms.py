"""The dashboard's filters and the choice of a table to download as CSV."""

from typing import TypedDict, cast

from django import forms

MODE_LIVE = "live"
MODE_REPORTED = "gerapporteerd"


class Filters(TypedDict):
    mode: str
    year: int | None
    municipality_id: int | None


class DashboardFilterForm(forms.Form):
    """The dashboard's filters, from the query string; invalid input is shown, never guessed."""

    weergave = forms.ChoiceField(
        label="Weergave",
        choices=[
            (MODE_LIVE, "Actuele stand"),
            (MODE_REPORTED, "Zoals gerapporteerd (laatst verzonden voortgangsrapportage)"),
        ],
        required=False,
        widget=forms.RadioSelect,
    )
    jaar = forms.TypedChoiceField(label="Jaar", coerce=int, required=False, empty_value=None)
    gemeente = forms.TypedChoiceField(
        label="Gemeente", coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, municipalities=(), years=(), **kwargs):
        """`years`: the years that have measurements or milestones (`filter_years`), so a
        reader chooses only a year with something to show."""
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["jaar"]).choices = [("", "Alle jaren")] + [
            (y, str(y)) for y in years
        ]
        cast(forms.ChoiceField, self.fields["gemeente"]).choices = [("", "Alle gemeenten")] + [
            (m.pk, m.name) for m in municipalities
        ]
        self.fields["jaar"].help_text = "Voor de cijfers en de mijlpalen van dat jaar."
        self.fields["gemeente"].help_text = "Voor de cijfers per gemeente; de regio blijft staan."

    def filters(self) -> Filters:
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "mode": data.get("weergave") or MODE_LIVE,
            "year": data.get("jaar"),
            "municipality_id": data.get("gemeente"),
        }


class CsvTableForm(forms.Form):
    table = forms.ChoiceField(label="Tabel")

    def __init__(self, *args, tables=(), **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["table"]).choices = [(t.key, t.title) for t in tables]
