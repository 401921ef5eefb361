from django import forms

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class PlanUploadForm(forms.Form):
    bestand = forms.FileField(
        label="Plan als Excel- of Word-bestand (.xlsx of .docx)",
        help_text=(
            "Excel: de bladen van het sjabloon (Actielijnen, Acties, Mijlpalen, Financiën). "
            "Word: de actietabellen zoals in het plan van Zaanstreek-Waterland (eerste rij "
            "'Actie 1A' met de titel, dan Wat, Doel, Hoe, Door, Wanneer, Resultaten en "
            "effecten, Kosten), en zo nodig de mijlpalenplanning en de financiële tabel."
        ),
    )

    def clean_bestand(self):
        upload = self.cleaned_data["bestand"]
        name = (upload.name or "").lower()
        if not name.endswith((".xlsx", ".docx")):
            raise forms.ValidationError("Kies een bestand dat eindigt op .xlsx of .docx.")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("Het bestand is groter dan 5 MB.")
        return upload

    @property
    def kind(self) -> str:
        return "docx" if self.cleaned_data["bestand"].name.lower().endswith(".docx") else "xlsx"
