from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from .constants import DocumentKind
from .models import Document
from .uploads import CheckedUpload, inspect_upload, max_upload_bytes, too_large_message


class UploadField(forms.FileField):
    """A file checked completely (type by content, size, zip limits, no client data);
    `cleaned_data` holds (CheckedUpload, bytes)."""

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload is None:
            return None
        limit = max_upload_bytes()
        if upload.size is not None and upload.size > limit:
            raise ValidationError(too_large_message(limit), code="too_large")
        content = upload.read(limit + 1)
        checked: CheckedUpload = inspect_upload(upload.name or "", content)
        return checked, content


class DocumentForm(forms.ModelForm):
    upload = UploadField(
        label="Bestand",
        help_text=(
            "PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG of tekst; zonder cliëntgegevens."
        ),
    )

    class Meta:
        model = Document
        fields = ["title", "kind", "date"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(k, DocumentKind(k).label) for k in kinds] or list(DocumentKind.choices)
        kind_field: Any = self.fields["kind"]
        kind_field.choices = choices
        self.fields["kind"].initial = choices[0][0]
        self.fields["title"].required = False
        self.fields["title"].help_text = "Leeg laten: de bestandsnaam wordt de titel."

    def clean(self):
        cleaned = super().clean() or {}
        upload = cleaned.get("upload")
        if upload and not cleaned.get("title"):
            cleaned["title"] = upload[0].filename.rsplit(".", 1)[0]
        return cleaned


class VersionForm(forms.Form):
    upload = UploadField(label="Nieuwe versie")
