from typing import Any

from django import forms

from ghnt_portal.validators import no_client_data

from .constants import SearchKind


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Zoeken naar", max_length=200, required=False, validators=[no_client_data]
    )
    soort = forms.ChoiceField(
        label="Soort",
        required=False,
        choices=[("", "alle soorten"), *SearchKind.choices],
    )
    regio = forms.TypedChoiceField(label="Regio", required=False, coerce=int, empty_value=None)
    jaar = forms.TypedChoiceField(label="Jaar", required=False, coerce=int, empty_value=None)
    pagina = forms.IntegerField(
        required=False, min_value=1, max_value=500, widget=forms.HiddenInput
    )

    def __init__(self, *args, regions=(), years=(), **kwargs):
        super().__init__(*args, **kwargs)
        region_field: Any = self.fields["regio"]
        region_field.choices = [("", "alle regio's"), *[(r.pk, r.name) for r in regions]]
        year_field: Any = self.fields["jaar"]
        year_field.choices = [("", "alle jaren"), *[(y, str(y)) for y in years]]
        for name in ("soort", "regio", "jaar"):
            self.fields[name].widget.attrs["class"] = "utrecht-select utrecht-select--html-select"
