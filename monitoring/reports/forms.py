from typing import cast

from django import forms
from django.utils import timezone

from ghnt_portal.periods import HalfYear


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
        cast(forms.ChoiceField, self.fields["period"]).choices = [
            (h.code, f"{h} ({h.code})") for h in reversed(halves)
        ]
        self.fields["period"].error_messages["invalid_choice"] = (
            "Kies een halfjaar binnen de looptijd van het actieprogramma."
        )

    @property
    def half_year(self) -> HalfYear:
        return HalfYear.parse(self.cleaned_data["period"])
