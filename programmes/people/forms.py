from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from crispy_forms.helper import FormHelper

from ghnt_portal.forms import choice_field
from ghnt_portal.validators import no_client_data

from ..models import Organisation, Programme, Region


def invitable_organisations(region: Region) -> QuerySet[Organisation]:
    """The organisations of the region and those taking part in its programmes."""
    return (
        Organisation.objects.filter(Q(region=region) | Q(programmes__region=region))
        .distinct()
        .order_by("name")
    )


class InvitationForm(forms.Form):
    first_name = forms.CharField(label="Voornaam", max_length=150, validators=[no_client_data])
    last_name = forms.CharField(label="Achternaam", max_length=150, validators=[no_client_data])
    email = forms.EmailField(
        label="E-mailadres",
        help_text="De uitnodiging gaat naar dit adres; het is ook de gebruikersnaam.",
        error_messages={"invalid": "Vul een geldig e-mailadres in, zoals naam@organisatie.nl."},
    )
    organisation = forms.ModelChoiceField(
        label="Organisatie",
        queryset=Organisation.objects.none(),
        empty_label="Kies de organisatie",
        help_text="De uitgenodigde wordt ketenpartner van deze organisatie: ziet haar acties "
        "en geeft er de voortgang van door.",
    )
    programmes = forms.ModelMultipleChoiceField(
        label="Actieprogramma's",
        queryset=Programme.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="De organisatie neemt deel aan deze programma's (wordt zo nodig toegevoegd).",
        error_messages={"required": "Kies ten minste één actieprogramma."},
    )

    def __init__(self, *args, region: Region, **kwargs):
        super().__init__(*args, **kwargs)
        self.region = region
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        choice_field(self, "organisation").queryset = invitable_organisations(region)
        programmes = Programme.objects.filter(region=region).order_by("-period_start", "title")
        choice_field(self, "programmes").queryset = programmes
        if not self.is_bound:
            self.initial.setdefault("programmes", list(programmes))

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        users = get_user_model().objects.filter(Q(email__iexact=email) | Q(username__iexact=email))
        if users.exists():
            raise forms.ValidationError(
                "Er is al een account met dit e-mailadres. Vraag de beheerder om deze persoon "
                "een rol te geven."
            )
        return email
