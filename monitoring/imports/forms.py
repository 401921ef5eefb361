"""Upload measurements (CSV or xlsx), preview every row, import all or nothing."""

from django import forms
from django.conf import settings

from ghnt_portal.validators import text_problem


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
        problem = text_problem(upload.name or "")
        if problem:
            raise forms.ValidationError(problem)
        limit_mb = settings.IMPORT_MAX_BYTES // (1024 * 1024)
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(f"Het bestand is groter dan {limit_mb} MB.")
        return upload
