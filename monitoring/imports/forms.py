from django import forms

from ghnt_portal.validators import text_problem

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


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
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("Het bestand is groter dan 2 MB.")
        return upload
