from django import forms

from .constants import SearchKind


class SearchForm(forms.Form):
    q = forms.CharField(label="Zoeken naar", max_length=200, required=False)
    soort = forms.ChoiceField(
        label="Soort",
        required=False,
        choices=[("", "alle soorten"), *SearchKind.choices],
    )
    regio = forms.TypedChoiceField(label="Regio", required=False, coerce=int, empty_value=None)
    jaar = forms.TypedChoiceField(label="Jaar", required=False, coerce=int, empty_value=None)
    pagina = forms.IntegerField(required=False, min_value=1, max_value=500, widget=forms.HiddenInput)

    def __init__(self, *args, regions=(), years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regio"].choices = [("", "alle regio's"), *[(r.pk, r.name) for r in regions]]
        self.fields["jaar"].choices = [("", "alle jaren"), *[(y, str(y)) for y in years]]
        for name in ("soort", "regio", "jaar"):
            self.fields[name].widget.attrs["class"] = "form-select"
