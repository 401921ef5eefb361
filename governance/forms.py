"""Forms of the governance pages; Programme.status is derived and never in a form."""

from typing import Any

from django import forms
from django.forms import inlineformset_factory
from django.utils import timezone

from crispy_forms.helper import FormHelper

from ghnt_portal.forms import (
    FORMSET_LIMITS,
    CappedInlineFormSet,
    NormalisedNewlinesMixin,
    choice_field,
    label_choices,
)
from ghnt_portal.relations import model_across
from ghnt_portal.validators import no_client_data
from programmes.models import Programme

from .constants import Conclusion
from .models import (
    Commitment,
    Decision,
    DecisionBody,
    DecisionPoint,
    DecisionRoute,
    Meeting,
    RouteStep,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _helper() -> FormHelper:
    """Crispy renders the fields; the template owns <form>, csrf and the buttons."""
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


class RegionFormMixin:
    """Limits the choices of related fields to the records of one region."""

    fields: dict[str, forms.Field]

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.region = region
        self.helper = _helper()
        bodies = DecisionBody.objects.filter(region=region)
        meetings = Meeting.objects.filter(body__region=region).select_related("body")
        for name, queryset in (
            ("body", bodies),
            ("made_to", bodies),
            ("meeting", meetings),
            ("made_in", meetings),
            ("programme", Programme.objects.filter(region=region)),
        ):
            if name in self.fields:
                choice_field(self, name).queryset = queryset
        for name in ("meeting", "made_in"):
            if name in self.fields:  # "AO 12 januari 2021", not "AO" three times
                label_choices(self, name, lambda meeting: meeting.choice_label)


class DecisionBodyForm(RegionFormMixin, forms.ModelForm):
    """An overleg of the region (e.g. a BO the region's own documents pass)."""

    class Meta:
        model = DecisionBody
        fields = ["name", "abbreviation", "kind", "municipality", "is_competent"]
        help_texts = {
            "abbreviation": "Zoals in de stukken, bijvoorbeeld AO of BO.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choice_field(self, "municipality").queryset = self.region.municipalities.all()
        self.instance.region = self.region

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        others = DecisionBody.objects.filter(region=self.region, name__iexact=name)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError("Er is al een overleg met deze naam in deze regio.")
        return name


class MeetingForm(NormalisedNewlinesMixin, RegionFormMixin, forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["body", "date", "date_precision", "label", "location"]
        widgets = {"date": DateInput()}
        help_texts = {"date": "Bij nauwkeurigheid maand: de eerste dag van die maand."}


class DecisionRouteForm(NormalisedNewlinesMixin, RegionFormMixin, forms.ModelForm):
    class Meta:
        model = DecisionRoute
        fields = ["title", "reference", "programme", "adopts_programme"]
        help_texts = {
            "programme": "Het actieprogramma waar dit stuk bij hoort (leeg voor een ander stuk)."
        }

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("adopts_programme") and not cleaned.get("programme"):
            self.add_error(
                "programme", "Kies het actieprogramma dat met deze route wordt vastgesteld."
            )
        return cleaned


class RouteStepForm(NormalisedNewlinesMixin, RegionFormMixin, forms.ModelForm):
    class Meta:
        model = RouteStep
        fields = [
            "date", "date_precision", "body", "meeting", "purpose", "conclusion", "conditions",
            "remarks",
        ]  # fmt: skip
        widgets = {
            "date": DateInput(),
            "conditions": forms.Textarea(attrs={"rows": 2}),
            "remarks": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {"conclusion": "Leeg zolang het overleg het stuk nog niet heeft behandeld."}

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        body, meeting = cleaned.get("body"), cleaned.get("meeting")
        if meeting and body and meeting.body_id != body.pk:
            self.add_error("meeting", "Deze vergadering is van een ander overleg.")
        if meeting and not cleaned.get("date"):
            cleaned["date"] = meeting.date
            self.instance.date = meeting.date
        if (
            cleaned.get("conclusion") == Conclusion.AGREED_WITH_CONDITIONS
            and not (cleaned.get("conditions") or "").strip()
        ):
            self.add_error("conditions", "Vermeld de voorwaarden bij 'akkoord met voorwaarden'.")
        return cleaned


# Three empty rows: without JavaScript a route of three steps takes one save. With it, the
# page keeps one empty row and a "Behandeling toevoegen" button adds more (static/js).
EXTRA_ROWS = 3

RouteStepFormSet = inlineformset_factory(
    DecisionRoute,
    RouteStep,
    form=RouteStepForm,
    formset=CappedInlineFormSet,
    extra=EXTRA_ROWS,
    can_delete=True,
    can_order=True,
    **FORMSET_LIMITS,
)


class DecisionForm(NormalisedNewlinesMixin, RegionFormMixin, forms.ModelForm):
    class Meta:
        model = Decision
        fields = [
            "number",
            "title",
            "date",
            "body",
            "route_step",
            "portfolio_holders",
            "policy_area",
            "summary",
        ]
        widgets = {"date": DateInput(), "summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choice_field(self, "route_step").queryset = RouteStep.objects.filter(
            route__region=self.region
        ).select_related("route", "body")
        label_choices(self, "route_step", lambda step: f"{step.route.title[:80]} – {step}")

    def clean_number(self):
        number = self.cleaned_data["number"].strip()
        others = Decision.objects.filter(region=self.region, number=number)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError("Er is al een besluit met dit nummer in deze regio.")
        return number


class DecisionPointForm(NormalisedNewlinesMixin, forms.ModelForm):
    class Meta:
        model = DecisionPoint
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


DecisionPointFormSet = inlineformset_factory(
    Decision,
    DecisionPoint,
    form=DecisionPointForm,
    formset=CappedInlineFormSet,
    extra=EXTRA_ROWS,
    can_delete=True,
    can_order=True,
    **FORMSET_LIMITS,
)


class CommitmentForm(NormalisedNewlinesMixin, RegionFormMixin, forms.ModelForm):
    # The actions that fulfil the toezegging: the reverse side of Action.commitments (the
    # relation is declared in actions, one floor up), saved in _save_m2m below.
    actions: "forms.ModelMultipleChoiceField[Any]" = forms.ModelMultipleChoiceField(
        label="Acties die de toezegging invullen",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Commitment
        fields = ["number", "text", "made_to", "made_in", "made_on", "due_date", "actions"]
        widgets = {
            "made_on": DateInput(),
            "due_date": DateInput(),
            "text": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        action_model = model_across(Commitment, "actions")
        choice_field(self, "actions").queryset = (
            action_model.objects.editable_by(user)
            .filter(programme__region=self.region)
            .order_by("programme__title", "order", "code")
        )
        if self.instance.pk and "actions" not in self.initial:
            self.initial["actions"] = list(self.instance.actions.all())
        self.fields["due_date"].required = True

    def _save_m2m(self):
        super()._save_m2m()  # type: ignore[misc]
        self.instance.actions.set(self.cleaned_data["actions"])

    def clean_number(self):
        number = self.cleaned_data["number"].strip()
        others = Commitment.objects.filter(region=self.region, number=number)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError("Er is al een toezegging met dit nummer in deze regio.")
        return number

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        made_to, made_in = cleaned.get("made_to"), cleaned.get("made_in")
        if made_in and made_to and made_in.body_id != made_to.pk:
            self.add_error("made_in", "Deze vergadering is niet van het gekozen overleg.")
        made_on, due = cleaned.get("made_on"), cleaned.get("due_date")
        if made_on and due and due < made_on:
            self.add_error("due_date", "De uiterste datum ligt vóór de datum van de toezegging.")
        return cleaned


class SettleCommitmentForm(NormalisedNewlinesMixin, forms.Form):
    answer = forms.CharField(
        label="Antwoord",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        validators=[no_client_data],
    )
    settled_by = forms.CharField(
        label="Afgedaan met (document)",
        max_length=300,
        help_text="Bijvoorbeeld: raadsinformatiebrief of bijlage bij een collegebesluit.",
        validators=[no_client_data],
    )
    settled_on = forms.DateField(label="Afgedaan op", widget=DateInput())

    def __init__(self, *args, commitment, **kwargs):
        super().__init__(*args, **kwargs)
        self.commitment = commitment
        self.helper = _helper()

    def clean_settled_on(self):
        settled_on = self.cleaned_data["settled_on"]
        if settled_on > timezone.localdate():
            raise forms.ValidationError("De datum van afdoening ligt in de toekomst.")
        made_on = self.commitment.made_on
        if made_on and settled_on < made_on:
            raise forms.ValidationError(
                "De datum van afdoening ligt vóór de datum van de toezegging."
            )
        return settled_on
