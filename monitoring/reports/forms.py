from typing import cast

from django import forms
from django.utils import timezone

from actions.constants import Judgement
from ghnt_portal.periods import HalfYear
from ghnt_portal.validators import no_client_data
from governance.constants import Conclusion
from governance.forms import DateInput
from governance.models import DecisionBody


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


# --- Composing the report and recording its route --------------------------------------------

TEXT_ROWS = 3


def _text(label: str, help_text: str = "", rows: int = TEXT_ROWS) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class ReportTextsForm(forms.Form):
    """The written part of a concept report: a summary, a short text per action line and
    per action the explanation of the period (prefilled from the accepted updates)."""

    def __init__(self, *args, composed: dict, lines: list, actions: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["summary"] = _text(
            "Samenvatting",
            "Wat de lezer eerst moet weten: de voortgang op hoofdlijnen, wat achterloopt en wat "
            "er wordt bijgestuurd.",
            rows=6,
        )
        self.initial["summary"] = composed.get("summary", "")
        self.line_groups: list[dict] = []
        for order, title in lines:
            name = f"line_{order}"
            self.fields[name] = _text(
                f"Actielijn {order}: {title}", "Een korte tekst bij deze actielijn."
            )
            self.initial[name] = composed.get("lines", {}).get(order, "")
            self.line_groups.append({"order": order, "title": title, "field": name, "actions": []})
        by_line = {g["order"]: g for g in self.line_groups}
        self.action_codes: list[str] = []
        for action in actions:
            code = action.code
            self.action_codes.append(code)
            values = composed.get("actions", {}).get(code) or {}
            names = []
            for field_name, field in self._action_fields(code).items():
                self.fields[field_name] = field
                key = field_name.removeprefix(f"action_{code}_")
                self.initial[field_name] = values.get(key, "")
                names.append(field_name)
            group = by_line.get(str(action.action_line.order))
            if group is not None:
                group["actions"].append(
                    {
                        "action": action,
                        "fields": names,
                        "source": values.get("source", ""),
                        "edited": values.get("edited", False),
                    }
                )

    def _action_fields(self, code: str) -> dict[str, forms.Field]:
        prefix = f"action_{code}_"
        return {
            prefix + "judgement": forms.ChoiceField(
                label=f"Oordeel over actie {code}",
                required=False,
                choices=[("", "Nog geen oordeel"), *Judgement.choices],
            ),
            prefix + "remark": _text(f"Toelichting {code}: wat is er gedaan en bereikt?"),
            prefix + "missed_milestones": _text(f"Mijlpalen niet gehaald ({code}): waarom?"),
            prefix + "next_steps": _text(f"Volgende stappen {code}"),
            prefix + "risks": _text(f"Risico's {code}"),
            prefix + "corrective_action": _text(f"Bijsturing {code}"),
        }

    def bound_groups(self) -> list[dict]:
        return [
            {
                **group,
                "bound": self[group["field"]],
                "actions": [
                    {**a, "bound": [self[name] for name in a["fields"]]} for a in group["actions"]
                ],
            }
            for group in self.line_groups
        ]

    def submitted(self) -> dict:
        data = self.cleaned_data
        actions = {}
        for code in self.action_codes:
            prefix = f"action_{code}_"
            actions[code] = {
                key.removeprefix(prefix): value
                for key, value in data.items()
                if key.startswith(prefix)
            }
        return {
            "summary": data.get("summary", ""),
            "lines": {g["order"]: data.get(g["field"], "") for g in self.line_groups},
            "actions": actions,
        }


class RouteStepForm(forms.Form):
    """The AO's discussion or the BO's adoption of a concept report."""

    body: "forms.ModelChoiceField[DecisionBody]" = forms.ModelChoiceField(
        label="Overleg", queryset=None, empty_label=None
    )
    date = forms.DateField(
        label="Datum van het overleg",
        widget=DateInput(),
        error_messages={"invalid": "Vul een geldige datum in.", "required": "Vul de datum in."},
    )
    conclusion = forms.ChoiceField(label="Conclusie")
    remarks = forms.CharField(
        label="Opmerkingen en afspraken",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[no_client_data],
    )

    def __init__(self, *args, bodies: list, adoption: bool, **kwargs):
        super().__init__(*args, **kwargs)
        body = cast(forms.ModelChoiceField, self.fields["body"])
        body.queryset = DecisionBody.objects.filter(pk__in=[b.pk for b in bodies])
        body.choices = [(b.pk, b.name) for b in bodies]
        if bodies:
            self.initial.setdefault("body", bodies[0].pk)
        self.initial.setdefault("date", timezone.localdate())
        choices = list(Conclusion.choices)
        if not adoption:  # an AO discusses; "positief" or "akkoord" both fit
            choices = [c for c in choices if c[0] != Conclusion.REJECTED]
        cast(forms.ChoiceField, self.fields["conclusion"]).choices = choices
