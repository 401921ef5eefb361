from django import forms
from django.utils import timezone

from ghnt_portal.periods import HalfYear

MODE_LIVE = "live"
MODE_REPORTED = "gerapporteerd"
MAX_UPLOAD_BYTES = 2 * 1024 * 1024


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

    def __init__(self, *args, municipalities=(), **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["jaar"].choices = [("", "Alle jaren")] + [
            (y, str(y)) for y in range(this_year + 5, 2009, -1)
        ]
        self.fields["gemeente"].choices = [("", "Alle gemeenten")] + [
            (m.pk, m.name) for m in municipalities
        ]
        self.fields["jaar"].help_text = "Voor de cijfers en de mijlpalen van dat jaar."
        self.fields["gemeente"].help_text = "Voor de cijfers per gemeente; de regio blijft staan."

    def filters(self) -> dict:
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
        self.fields["table"].choices = [(t.key, t.title) for t in tables]


class MeasurementUploadForm(forms.Form):
    bestand = forms.FileField(
        label="Bestand met metingen (CSV of xlsx)",
        help_text=(
            "Kolommen: indicator, gemeente (CBS-code of naam; leeg of 'regio' voor de hele "
            "regio), soort periode, begin, einde, label, waarde, toelichting."
        ),
    )

    def clean_bestand(self):
        upload = self.cleaned_data["bestand"]
        name = (upload.name or "").lower()
        if not name.endswith((".csv", ".xlsx")):
            raise forms.ValidationError("Kies een bestand dat eindigt op .csv of .xlsx.")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("Het bestand is groter dan 2 MB.")
        return upload


def reportable_half_years(programme, today=None) -> list[HalfYear]:
    """Half years of the programme's run that have ended (or started) by today."""
    today = today or timezone.localdate()
    first = HalfYear.of(programme.period_start) if programme.period_start else HalfYear.of(today)
    last = HalfYear.of(programme.period_end) if programme.period_end else HalfYear.of(today)
    last = min(last, HalfYear.of(today))
    result, current = [], first
    while current <= last:
        result.append(current)
        current = HalfYear(current.year + 1, 1) if current.half == 2 else HalfYear(current.year, 2)
    return result


class GenerateReportForm(forms.Form):
    period = forms.ChoiceField(label="Periode")

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        halves = reportable_half_years(programme)
        self.fields["period"].choices = [(h.code, f"{h} ({h.code})") for h in reversed(halves)]
        self.fields["period"].error_messages["invalid_choice"] = (
            "Kies een halfjaar binnen de looptijd van het actieprogramma."
        )

    @property
    def half_year(self) -> HalfYear:
        return HalfYear.parse(self.cleaned_data["period"])
