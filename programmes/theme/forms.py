"""The theme form of the admin and of the projectleider's page: colours, logo and fonts.
The files are checked by content here (uploads.py), the contrast by the model's clean()."""

from django import forms
from django.core.files.uploadedfile import UploadedFile

from .constants import FONT_MAX_BYTES, LOGO_MAX_BYTES
from .models import RegionTheme
from .uploads import check_font, check_logo, read_capped

COLOUR_FIELDS = (
    "primary_colour",
    "primary_hover_colour",
    "on_primary_colour",
    "text_colour",
    "background_colour",
    "focus_colour",
)
FILE_FIELDS = ("logo", "font", "heading_font")


class RegionThemeForm(forms.ModelForm):
    class Meta:
        model = RegionTheme
        fields = ["region", *COLOUR_FIELDS, *FILE_FIELDS]

    def __init__(self, *args, region=None, **kwargs):
        super().__init__(*args, **kwargs)
        if region is not None:  # the projectleider's page: the region is the page's
            del self.fields["region"]
            self.instance.region = region
        for name in COLOUR_FIELDS:
            field = self.fields[name]
            field.widget.attrs.update(
                {
                    "pattern": "#[0-9a-fA-F]{6}",
                    "size": 8,
                    "autocomplete": "off",
                    "spellcheck": "false",
                }
            )
        self.fields["logo"].widget.attrs["accept"] = "image/png,image/jpeg"
        for name in ("font", "heading_font"):
            self.fields[name].widget.attrs["accept"] = ".woff2,font/woff2"

    def _new_upload(self, name):
        value = self.cleaned_data.get(name)
        return value if isinstance(value, UploadedFile) else None

    def clean_logo(self):
        upload = self._new_upload("logo")
        if upload is not None:
            data = read_capped(upload, LOGO_MAX_BYTES, "Het logo")
            self.instance.logo_mime = check_logo(upload.name or "", data)
        elif not self.cleaned_data.get("logo"):
            self.instance.logo_mime = ""
        return self.cleaned_data.get("logo")

    def _clean_font(self, name):
        upload = self._new_upload(name)
        if upload is not None:
            check_font(read_capped(upload, FONT_MAX_BYTES, "Het lettertype"))
        return self.cleaned_data.get(name)

    def clean_font(self):
        return self._clean_font("font")

    def clean_heading_font(self):
        return self._clean_font("heading_font")

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        for name in COLOUR_FIELDS:
            value = cleaned.get(name)
            if isinstance(value, str):
                cleaned[name] = value.lower()
        return cleaned
