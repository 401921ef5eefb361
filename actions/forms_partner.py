"""Forms of journey 2: a ketenpartner's status update and the projectleider's review."""

from django import forms

from .forms import non_negative_decimal
from .models import StatusUpdate

RESULT_PREFIX = "resultaat_"


class StatusUpdateForm(forms.ModelForm):
    """Status, progress and remark, plus one field per expected result of the action and
    the action's open milestones. Only the action's own results and milestones are fields,
    so ids of another action's results cannot be posted into it."""

    milestones_done = forms.ModelMultipleChoiceField(
        label="Mijlpalen gereed",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Vink de mijlpalen aan die sinds de vorige update zijn afgerond.",
    )

    class Meta:
        model = StatusUpdate
        fields = ["status", "progress", "remark"]
        labels = {
            "status": "Status",
            "progress": "Voortgang (%)",
            "remark": "Toelichting",
        }
        help_texts = {
            "progress": "Een geheel getal van 0 tot en met 100.",
            "remark": "Wat is er gedaan, wat loopt anders dan gepland?",
        }
        widgets = {"remark": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, action, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        progress = self.fields["progress"]
        progress.widget.attrs.update({"min": 0, "max": 100})
        progress.error_messages["min_value"] = "De voortgang ligt tussen 0 en 100 procent."
        self.result_fields = []
        for result in action.expected_results.all():
            name = f"{RESULT_PREFIX}{result.pk}"
            target = ""
            if result.target_value is not None:
                target = f"Streefwaarde: {result.target_value.normalize():f} {result.unit}".strip()
            self.fields[name] = non_negative_decimal(
                result.description,
                "Een behaalde waarde kan niet negatief zijn.",
                help_text=target,
            )
            self.result_fields.append((result, name))
        open_milestones = [m for m in action.milestones.all() if m.done_on is None]
        self.fields["milestones_done"].queryset = action.milestones.filter(
            pk__in=[m.pk for m in open_milestones]
        )
        if not open_milestones:
            del self.fields["milestones_done"]

    def result_bound_fields(self):
        return [self[name] for _, name in self.result_fields]

    def results(self):
        """{ExpectedResult id: achieved value} for the result fields that were filled in."""
        return {
            result.pk: self.cleaned_data[name]
            for result, name in self.result_fields
            if self.cleaned_data.get(name) is not None
        }

    def milestones(self):
        return list(self.cleaned_data.get("milestones_done") or [])


class ReviewForm(forms.Form):
    ACCEPT, RETURN = "accepteren", "terugsturen"

    decision = forms.ChoiceField(
        label="Besluit",
        choices=[
            (ACCEPT, "Accepteren: de waarden worden in de actie overgenomen"),
            (RETURN, "Terugsturen naar de ketenpartner met een opmerking"),
        ],
        widget=forms.RadioSelect,
    )
    review_remark = forms.CharField(
        label="Opmerking voor de ketenpartner",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Verplicht als u de update terugstuurt.",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == self.RETURN and not cleaned.get("review_remark", "").strip():
            self.add_error("review_remark", "Geef aan waarom u de update terugstuurt.")
        return cleaned
