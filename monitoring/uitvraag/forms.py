"""Forms of the uitvraag: composing (Rijk) and answering (region). Dutch errors at the field."""

from __future__ import annotations

from typing import Any

from django import forms

from ghnt_portal.periods import HalfYear
from programmes.models import BuildingBlock

from . import answers
from .constants import PREFILLED_KINDS, YES_NO, QuestionKind
from .models import Question, Questionnaire


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class QuestionnaireForm(forms.ModelForm):
    based_on = forms.ModelChoiceField(
        label="Vragen overnemen uit",
        queryset=Questionnaire.objects.none(),
        required=False,
        empty_label="Geen: begin met een lege uitvraag",
        help_text="De vragen van een eerdere uitvraag worden gekopieerd; pas ze daarna aan.",
    )

    class Meta:
        model = Questionnaire
        fields = ["title", "period", "kind", "deadline", "introduction"]
        widgets = {"deadline": DateInput(), "introduction": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, earlier=None, **kwargs):
        super().__init__(*args, **kwargs)
        if earlier is not None:
            self.fields["based_on"].queryset = earlier  # type: ignore[attr-defined]
        self.fields["based_on"].error_messages["invalid_choice"] = "Kies een eerdere uitvraag."
        self.fields["deadline"].error_messages["invalid"] = "Vul een datum in, zoals 2021-09-15."

    def clean_period(self):
        period = self.cleaned_data["period"].strip()
        try:
            return HalfYear.parse(period).code
        except ValueError as exc:
            raise forms.ValidationError("Geef een halfjaar als 2021-H1 of 2021-H2.") from exc


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["theme", "text", "kind", "choices", "building_block"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "choices": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["building_block"].queryset = BuildingBlock.objects.in_use().select_related(  # type: ignore[attr-defined]
            "national_line"
        )

    def clean(self):
        data = super().clean() or {}
        kind = data.get("kind")
        if (
            kind == QuestionKind.CHOICE
            and len([c for c in (data.get("choices") or "").splitlines() if c.strip()]) < 2
        ):
            self.add_error(
                "choices", "Geef bij een keuzevraag minstens twee opties, één per regel."
            )
        if kind == QuestionKind.BUILDING_BLOCK and not data.get("building_block"):
            self.add_error("building_block", "Kies de bouwsteen waarnaar deze vraag vraagt.")
        return data


class AnswersForm(forms.Form):
    """One field per question, prefilled with the sheet's answers. Nothing is required: a
    concept may be answered in steps."""

    def __init__(self, *args, questions: list[Question], sheet: dict[str, Any], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        initial: dict[str, Any] = {}
        self.initial = initial
        stored = sheet.get("answers", {})
        for q in questions:
            name = f"q{q.pk}"
            value = (stored.get(str(q.pk)) or {}).get("value", "")
            label = q.text
            if q.kind == QuestionKind.CHOICE:
                field: forms.Field = forms.ChoiceField(
                    label=label,
                    required=False,
                    choices=[("", "(nog geen keuze)")] + [(c, c) for c in q.choice_list],
                )
            elif q.kind == QuestionKind.YES_NO:
                field = forms.ChoiceField(
                    label=label, required=False, choices=[("", "(nog geen keuze)"), *YES_NO]
                )
            elif q.kind == QuestionKind.NUMBER:
                field = forms.CharField(label=label, required=False, max_length=30)
            else:
                field = forms.CharField(
                    label=label, required=False, widget=forms.Textarea(attrs={"rows": 4})
                )
            field.error_messages["invalid_choice"] = "Kies een van de opties."
            if q.kind in PREFILLED_KINDS:
                field.help_text = "Door het portaal ingevuld uit uw plan; pas het aan waar nodig."
            self.fields[name] = field
            initial[name] = value

    def clean(self):
        data = super().clean() or {}
        for q in self.questions:
            name = f"q{q.pk}"
            if name in data:
                try:
                    data[name] = answers.clean_answer(q, data[name])
                except ValueError as exc:
                    self.add_error(name, str(exc))
        return data

    def submitted(self) -> dict[str, str]:
        return {str(q.pk): self.cleaned_data.get(f"q{q.pk}", "") for q in self.questions}

    def grouped(self) -> list[tuple[str, list]]:
        """(theme, [(question, bound field)]) in question order."""
        groups: list[tuple[str, list]] = []
        for q in self.questions:
            if not groups or groups[-1][0] != q.theme:
                groups.append((q.theme, []))
            groups[-1][1].append((q, self[f"q{q.pk}"]))
        return groups
