"""Forms of the actions app: an action with its milestones, results and budget lines (journey
1), and a ketenpartner's status update with the projectleider's review (journey 2)."""

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.forms.models import fields_for_model
from django.utils import timezone
from django.utils.functional import cached_property

from crispy_forms.bootstrap import InlineCheckboxes
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row

from ghnt_portal.formats import dutch_number
from ghnt_portal.forms import (
    FORMSET_LIMITS,
    CappedInlineFormSet,
    DutchDecimalField,
    LongSelect,
    NormalisedNewlinesMixin,
    SharedChoices,
    choice_field,
    forget_prefetched,
    keep_prefetched,
    label_choices,
    preload_choices,
)
from ghnt_portal.periods import HalfYear, half_years_between, reporting_period
from ghnt_portal.validators import no_client_data
from governance.models import Meeting
from programmes.models import ActionLine, BuildingBlock, Goal, Organisation, Programme

from .constants import ActionStatus, BudgetKind, Judgement
from .models import (
    Action,
    BudgetLine,
    ExpectedResult,
    FundingSource,
    Milestone,
    Risk,
    StatusUpdate,
)
from .models.updates import EXPLANATION_FIELDS

PROGRESS_ERROR = "De voortgang ligt tussen 0 en 100 procent."
QUARTER_ERROR = "Een kwartaal is 1, 2, 3 of 4."
NEGATIVE_AMOUNT = "Een bedrag kan niet negatief zijn."
NEGATIVE_VALUE = "Een waarde kan niet negatief zijn."


def non_negative_decimal(
    label, message=NEGATIVE_VALUE, amount: bool = False, **kwargs
) -> DutchDecimalField:
    """An optional amount or value of at most 12 digits, typed and shown the Dutch way
    ("55.000", "1.234,50"; ghnt_portal/forms.py), refused below zero in Dutch."""
    return DutchDecimalField(
        label=label,
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
        amount=amount,
        error_messages={"min_value": message},
        **kwargs,
    )


def _no_form_tag_helper():
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


# The seven texts of an action in the plan's table.
TEXT_FIELDS = ("wat", "doel", "hoe", "door", "wanneer", "resultaten", "kosten")


class ActionForm(NormalisedNewlinesMixin, forms.ModelForm):
    """All fields of an action; `version` travels with the form for optimistic locking."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    progress = forms.IntegerField(
        label="Voortgang (%)",
        min_value=0,
        max_value=100,
        error_messages={"min_value": PROGRESS_ERROR, "max_value": PROGRESS_ERROR},
    )

    class Meta:
        model = Action
        fields = [
            "code",
            "title",
            "action_line",
            "goal",
            "order",
            "summary_title",
            "status",
            "progress",
            "owners",
            "building_blocks",
            "wat",
            "doel",
            "hoe",
            "door",
            "wanneer",
            "resultaten",
            "kosten",
        ]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in TEXT_FIELDS} | {
            "owners": forms.CheckboxSelectMultiple,
            "building_blocks": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, programme, **kwargs):
        instance = kwargs.get("instance")
        many = self._many_choices(programme, instance)
        super().__init__(*args, **kwargs)  # the initial values, from the kept relations
        forget_prefetched(self.instance, "owners", "building_blocks")  # no stale reads later
        self.programme = programme
        self.instance.programme = programme
        choice_field(self, "action_line").queryset = ActionLine.objects.filter(programme=programme)
        choice_field(self, "goal").queryset = Goal.objects.filter(programme=programme)
        for name, (queryset, objects) in many.items():
            field = choice_field(self, name)
            field.queryset = queryset  # what a POST is checked against
            field.choices = [(obj.pk, field.label_from_instance(obj)) for obj in objects]
        for key in ("invalid_choice", "invalid_pk_value", "invalid_list"):
            self.fields["building_blocks"].error_messages[key] = "Kies bouwstenen uit de lijst."
        self.fields["version"].initial = self.instance.version if self.instance.pk else None
        self.helper = _no_form_tag_helper()
        # Side by side where the fields are short, so the first screen holds the action.
        self.helper.layout = Layout(
            Row(Column("code", css_class="col-sm-3"), Column("title", css_class="col-sm-9")),
            Row(Column("action_line", css_class="col-md-6"), Column("goal", css_class="col-md-6")),
            Row(
                Column("order", css_class="col-sm-3"), Column("summary_title", css_class="col-sm-9")
            ),
            Row(Column("status", css_class="col-md-6"), Column("progress", css_class="col-md-6")),
            InlineCheckboxes("owners"),
            "building_blocks",
            Row(*(Column(name, css_class="col-lg-6") for name in TEXT_FIELDS)),
            "version",
        )

    @staticmethod
    def _many_choices(programme, instance) -> dict[str, tuple[QuerySet, list]]:
        """The owner and bouwsteen choices (queryset and its rows), each read in one query that
        also says which ones the action has; those are kept as the action's prefetched relations
        while the form reads its initial values, so these cost no query of their own."""
        owners = Organisation.objects.filter(
            Q(region_id=programme.region_id) | Q(region__isnull=True)
        ).order_by("name")
        blocks = BuildingBlock.objects.select_related("national_line").order_by(
            "national_line__number", "order", "code"
        )
        if instance is None or instance.pk is None:
            blocks = blocks.filter(active=True)
            return {"owners": (owners, list(owners)), "building_blocks": (blocks, list(blocks))}
        has_owner = Action.owners.through.objects.filter(
            action_id=instance.pk, organisation_id=OuterRef("pk")
        )
        has_block = Action.building_blocks.through.objects.filter(
            action_id=instance.pk, buildingblock_id=OuterRef("pk")
        )
        # A bouwsteen taken out of use stays on the actions that have it.
        blocks = blocks.filter(Q(active=True) | Q(Exists(has_block)))
        owner_list = list(owners.annotate(chosen=Exists(has_owner)))
        block_list = list(blocks.annotate(chosen=Exists(has_block)))
        keep_prefetched(instance, "owners", [o for o in owner_list if o.chosen])
        keep_prefetched(instance, "building_blocks", [b for b in block_list if b.chosen])
        return {"owners": (owners, owner_list), "building_blocks": (blocks, block_list)}

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        clash = Action.objects.filter(programme=self.programme, code__iexact=code)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError("Deze actiecode bestaat al in dit actieprogramma.")
        return code


class MilestoneForm(NormalisedNewlinesMixin, forms.ModelForm):
    planned_year = forms.IntegerField(
        label="Gepland jaar",
        required=False,
        min_value=2000,
        max_value=2100,
        error_messages={
            "min_value": "Vul een jaartal in, bijvoorbeeld 2022.",
            "max_value": "Vul een jaartal in, bijvoorbeeld 2022.",
        },
    )
    planned_quarter = forms.IntegerField(
        label="Gepland kwartaal",
        required=False,
        min_value=1,
        max_value=4,
        error_messages={"min_value": QUARTER_ERROR, "max_value": QUARTER_ERROR},
        help_text="1 tot en met 4; leeg laten voor doorlopend.",
    )

    class Meta:
        model = Milestone
        fields = [
            "letter",
            "title",
            "planned_year",
            "planned_quarter",
            "meeting_label",
            "meeting",
            "done_on",
        ]
        # The region's meetings are many (a dozen a month over years): written in Python,
        # not through a template per option (ghnt_portal.forms.LongSelect).
        widgets = {
            "done_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "meeting": LongSelect,
        }

    @staticmethod
    def choice_sources(programme) -> dict[str, Any]:
        meetings = Meeting.objects.select_related("body")
        if programme is not None:
            meetings = meetings.filter(body__region_id=programme.region_id)
        return {"meeting": meetings}

    def __init__(self, *args, programme=None, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        label_choices(self, "meeting", lambda m: m.choice_label)
        _use_choices(self, choices or self.choice_sources(programme))

    def clean(self):
        super().clean()
        data = self.cleaned_data
        year, quarter = data.get("planned_year"), data.get("planned_quarter")
        if year and not quarter and "planned_quarter" not in self.errors:
            self.add_error("planned_quarter", "Kies ook een kwartaal bij dit jaar.")
        if quarter and not year and "planned_year" not in self.errors:
            self.add_error("planned_year", "Kies ook een jaar bij dit kwartaal.")
        return data


def _use_choices(form: forms.BaseForm, choices: dict[str, Any]) -> None:
    """Lists read once by the formset are preloaded; a form on its own gets the querysets."""
    for name, source in choices.items():
        if isinstance(source, SharedChoices):
            preload_choices(form, name, source)
        else:
            choice_field(form, name).queryset = source


class ExpectedResultForm(NormalisedNewlinesMixin, forms.ModelForm):
    target_value = non_negative_decimal("Streefwaarde")
    achieved_value = non_negative_decimal("Behaalde waarde")

    class Meta:
        model = ExpectedResult
        fields = ["description", "target_value", "achieved_value", "unit"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        kwargs.pop("programme", None)
        kwargs.pop("choices", None)
        super().__init__(*args, **kwargs)


class BudgetLineForm(NormalisedNewlinesMixin, forms.ModelForm):
    amount = non_negative_decimal(
        "Begroot bedrag (€)",
        NEGATIVE_AMOUNT,
        amount=True,
        help_text="Bijvoorbeeld 55.000 of 1.250,50. Alleen bij soort bedrag; leeg bij "
        "capaciteit en pro memorie.",
    )
    realised = non_negative_decimal("Gerealiseerd (€)", NEGATIVE_AMOUNT, amount=True)

    class Meta:
        model = BudgetLine
        fields = ["description", "funding_source", "kind", "amount", "is_estimate", "per_year"]
        fields += ["realised", "year", "note"]
        widgets = {"funding_source": LongSelect}

    @staticmethod
    def choice_sources(programme) -> dict[str, Any]:
        return {"funding_source": FundingSource.objects.all()}

    def __init__(self, *args, choices=None, **kwargs):
        kwargs.pop("programme", None)
        super().__init__(*args, **kwargs)
        _use_choices(self, choices or self.choice_sources(None))

    def clean_realised(self):
        value = self.cleaned_data.get("realised")
        return Decimal("0") if value is None else value

    def clean(self):
        super().clean()
        data = self.cleaned_data
        kind, amount = data.get("kind"), data.get("amount")
        if "amount" in self.errors:
            return data
        if kind == BudgetKind.AMOUNT and amount is None:
            self.add_error("amount", "Vul een bedrag in bij een regel van het soort bedrag.")
        elif kind in (BudgetKind.CAPACITY, BudgetKind.PRO_MEMORIE) and amount is not None:
            self.add_error("amount", "Capaciteit en pro memorie hebben geen bedrag; laat dit leeg.")
        return data


class _ProgrammeFormSet(CappedInlineFormSet):
    def __init__(self, *args, programme=None, **kwargs):
        self.programme = programme
        super().__init__(*args, **kwargs)
        self.helper = _no_form_tag_helper()

    def get_form_kwargs(self, index):
        return super().get_form_kwargs(index) | {
            "programme": self.programme,
            "choices": self.shared_choices,
        }

    @cached_property
    def shared_choices(self) -> dict[str, SharedChoices] | None:
        """The rows' choice lists, read once for all rows (not once per row)."""
        sources = getattr(self.form, "choice_sources", None)
        if sources is None:
            return None
        return {name: SharedChoices(queryset) for name, queryset in sources(self.programme).items()}


MilestoneFormSet = forms.inlineformset_factory(
    Action,
    Milestone,
    form=MilestoneForm,
    formset=_ProgrammeFormSet,
    extra=1,
    can_delete=True,
    **FORMSET_LIMITS,
)
ExpectedResultFormSet = forms.inlineformset_factory(
    Action,
    ExpectedResult,
    form=ExpectedResultForm,
    formset=_ProgrammeFormSet,
    extra=1,
    can_delete=True,
    **FORMSET_LIMITS,
)
BudgetLineFormSet = forms.inlineformset_factory(
    Action,
    BudgetLine,
    form=BudgetLineForm,
    formset=_ProgrammeFormSet,
    extra=1,
    can_delete=True,
    **FORMSET_LIMITS,
)

FORMSETS = (
    ("milestones", MilestoneFormSet, "Mijlpalen"),
    ("results", ExpectedResultFormSet, "Beoogde resultaten"),
    ("budget", BudgetLineFormSet, "Begrotingsregels"),
)

# What one row of each formset is called, and a new one (headings and the error summary):
# written out, not cut from the plural ("Mijlpal", "Begrotingsrege" were).
ROW_LABELS = {
    "milestones": ("Mijlpaal", "Nieuwe mijlpaal"),
    "results": ("Beoogd resultaat", "Nieuw beoogd resultaat"),
    "budget": ("Begrotingsregel", "Nieuwe begrotingsregel"),
}


class QuickUpdateForm(forms.Form):
    """Status and progress of an action, from the programme page or the action list."""

    status = forms.ChoiceField(label="Status", choices=ActionStatus.choices)
    progress = forms.IntegerField(
        label="Voortgang (%)",
        min_value=0,
        max_value=100,
        error_messages={"min_value": PROGRESS_ERROR, "max_value": PROGRESS_ERROR},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
    next = forms.CharField(widget=forms.HiddenInput, required=False)


class MilestoneDoneForm(forms.Form):
    done_on = forms.DateField(label="Gereed op", required=False)
    next = forms.CharField(widget=forms.HiddenInput, required=False)


# --- Journey 2: a ketenpartner's status update and the projectleider's review ---

RESULT_PREFIX = "resultaat_"

# The written explanation of a status update: the partner writes it, the projectleider may
# edit it when accepting (ReviewForm), the report quotes it.
EXPLANATION_LABELS = {
    "judgement": "Oordeel over de voortgang",
    "remark": "Toelichting: wat is er gedaan en bereikt?",
    "missed_milestones": "Mijlpalen niet gehaald: waarom?",
    "next_steps": "Volgende stappen",
    "risks": "Risico's",
    "corrective_action": "Bijsturing: wat doet u aan de risico's of de achterstand?",
}
EXPLANATION_HELP = {
    "judgement": "Op schema: loopt zoals gepland. Aandachtspunt: loopt, maar iets vraagt "
    "aandacht. Achterstand: loopt achter op de planning.",
    "remark": "Wat is er in deze periode gedaan en wat heeft het opgeleverd?",
    "missed_milestones": "Laat leeg als alle mijlpalen van de periode zijn gehaald.",
    "next_steps": "Wat gebeurt er in de komende periode?",
    "risks": "Wat kan de uitvoering in gevaar brengen?",
    "corrective_action": "Nodig bij een aandachtspunt of achterstand.",
}
EXPLANATION_WIDGETS: dict[str, type[forms.Widget] | forms.Widget] = {"judgement": forms.RadioSelect}
EXPLANATION_WIDGETS.update(
    (name, forms.Textarea(attrs={"rows": 3})) for name in EXPLANATION_FIELDS if name != "judgement"
)


def update_periods(programme: Programme, today) -> tuple[list[HalfYear], HalfYear]:
    """The half years an update may report on, and the one preselected: the period of the
    next report (in September: the first half year). Within the programme's run, when it
    has one, up to today (a late update about an earlier half year stays possible)."""
    default = reporting_period(today)
    current = HalfYear.of(today)
    if not (programme.period_start and programme.period_end):
        return sorted({default, current}), default
    last = min(programme.period_end, today)
    halves = half_years_between(programme.period_start, max(last, programme.period_start))
    for extra in (default, current):
        if halves[0] <= extra <= HalfYear.of(programme.period_end) and extra not in halves:
            halves.append(extra)
    halves.sort()
    return halves, default if default in halves else halves[-1]


def setup_explanation_fields(form: forms.BaseForm) -> None:
    """The judgement is required and offered without an empty choice; bijsturing is asked
    for when the judgement is not 'op schema' (checked in `check_explanation`)."""
    judgement = cast(forms.ChoiceField, form.fields["judgement"])
    judgement.required = True
    judgement.choices = list(Judgement.choices)
    judgement.error_messages["required"] = (
        "Kies een oordeel: op schema, aandachtspunt of achterstand."
    )


def check_explanation(form: forms.BaseForm) -> None:
    data = form.cleaned_data
    judgement = data.get("judgement")
    if judgement and judgement != Judgement.ON_SCHEDULE and not data.get("corrective_action"):
        form.add_error(
            "corrective_action",
            "Beschrijf de bijsturing: bij een aandachtspunt of achterstand is die nodig.",
        )


class StatusUpdateForm(NormalisedNewlinesMixin, forms.ModelForm):
    """Status, progress and remark, plus one field per expected result of the action and
    the action's open milestones. Only the action's own results and milestones are fields,
    so ids of another action's results cannot be posted into it."""

    milestones_done: "forms.ModelMultipleChoiceField[Milestone]" = forms.ModelMultipleChoiceField(
        label="Mijlpalen gereed",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Vink de mijlpalen aan die sinds de vorige update zijn afgerond.",
    )

    period = forms.ChoiceField(
        label="Verslagperiode",
        required=False,
        help_text="Het halfjaar waarover u rapporteert; de halfjaarlijkse rapportage aan het "
        "Rijk telt alleen updates over haar eigen periode.",
    )

    class Meta:
        model = StatusUpdate
        fields = ["status", "progress", *EXPLANATION_FIELDS]
        labels = EXPLANATION_LABELS | {"status": "Status", "progress": "Voortgang (%)"}
        help_texts = EXPLANATION_HELP | {"progress": "Een geheel getal van 0 tot en met 100."}
        widgets = EXPLANATION_WIDGETS

    def __init__(self, *args, action, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        setup_explanation_fields(self)
        halves, default = update_periods(action.programme, today or timezone.localdate())
        period = cast(forms.ChoiceField, self.fields["period"])
        period.choices = [(h.code, f"{h} ({h.code})") for h in reversed(halves)]
        period.error_messages["invalid_choice"] = "Kies het halfjaar waarover u rapporteert."
        self.fields["period"].initial = default.code
        progress = self.fields["progress"]
        progress.widget.attrs.update({"min": 0, "max": 100})
        progress.error_messages["min_value"] = "De voortgang ligt tussen 0 en 100 procent."
        self.result_fields = []
        for result in action.expected_results.all():
            name = f"{RESULT_PREFIX}{result.pk}"
            target = ""
            if result.target_value is not None:
                target = f"Streefwaarde: {dutch_number(result.target_value)} {result.unit}".strip()
            self.fields[name] = non_negative_decimal(
                result.description,
                "Een behaalde waarde kan niet negatief zijn.",
                help_text=target,
            )
            self.result_fields.append((result, name))
        open_milestones = [m for m in action.milestones.all() if m.done_on is None]
        choice_field(self, "milestones_done").queryset = action.milestones.filter(
            pk__in=[m.pk for m in open_milestones]
        )
        if not open_milestones:
            del self.fields["milestones_done"]

    def clean(self):
        cleaned = super().clean()
        check_explanation(self)
        return cleaned

    def explanation_bound_fields(self):
        return [self[name] for name in EXPLANATION_FIELDS]

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

    def explanation(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name) or "" for name in EXPLANATION_FIELDS}

    @property
    def half_year(self) -> HalfYear:
        """The period chosen; without one, the period the next report covers."""
        return HalfYear.parse(self.cleaned_data.get("period") or self.fields["period"].initial)


class ReviewForm(NormalisedNewlinesMixin, forms.Form):
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
        validators=[no_client_data],
    )

    def __init__(self, *args, update: StatusUpdate, **kwargs):
        super().__init__(*args, **kwargs)
        # The partner's explanation, editable by the projectleider when accepting.
        explanation = fields_for_model(
            StatusUpdate,
            fields=list(EXPLANATION_FIELDS),
            labels=EXPLANATION_LABELS,
            help_texts=EXPLANATION_HELP,
            widgets=EXPLANATION_WIDGETS,
        )
        for name, field in explanation.items():
            field.initial = getattr(update, name)
            self.fields[name] = field
        setup_explanation_fields(self)

    def explanation_bound_fields(self):
        return [self[name] for name in EXPLANATION_FIELDS]

    def decision_bound_fields(self):
        return [self["decision"], self["review_remark"]]

    def explanation(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name) or "" for name in EXPLANATION_FIELDS}

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("decision") == self.RETURN:
            # Returning changes nothing: the explanation is the partner's to revise.
            for name in EXPLANATION_FIELDS:
                self.errors.pop(name, None)
            if not cleaned.get("review_remark", "").strip():
                self.add_error("review_remark", "Geef aan waarom u de update terugstuurt.")
        else:
            check_explanation(self)
        return cleaned


# --- The risk register -----------------------------------------------------------------------


class StatedBudgetForm(forms.ModelForm):
    """The plan's own budget total, as it prints it: shown beside the computed sum."""

    stated_budget_total = non_negative_decimal(
        "Begroting volgens het plan (€)",
        NEGATIVE_AMOUNT,
        amount=True,
        help_text="Het totaal dat het plan zelf noemt, bijvoorbeeld 186.000. Laat leeg als het "
        "plan geen totaal noemt; het portaal toont dan alleen de som van de begrotingsregels.",
    )

    class Meta:
        model = Programme
        fields = ["stated_budget_total"]


class RiskForm(forms.ModelForm):
    class Meta:
        model = Risk
        fields = [
            "title",
            "action",
            "description",
            "likelihood",
            "impact",
            "measure",
            "owner",
            "status",
            "source",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "measure": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.programme = programme
        action = choice_field(self, "action")
        action.queryset = Action.objects.filter(programme=programme).order_by("order", "code")
        action.empty_label = "Het programma als geheel"
        label_choices(self, "action", lambda a: f"{a.code}. {a.title}")
        self.fields["title"].error_messages["required"] = "Geef het risico een korte naam."


class BuildingBlockLinksForm(forms.Form):
    """In bulk on the programme: per action line and per action the national bouwstenen it
    contributes to. One field per row (`line-<pk>`, `action-<pk>`)."""

    def __init__(self, *args, lines, actions, blocks, **kwargs):
        super().__init__(*args, **kwargs)
        self.blocks = blocks
        choices = [(b.pk, str(b)) for b in blocks]
        self.rows: list[tuple[str, object, str]] = []
        for kind, objects in (("line", lines), ("action", actions)):
            for obj in objects:
                name = f"{kind}-{obj.pk}"
                label = (
                    f"Actielijn {obj.order}: {obj.title}"
                    if kind == "line"
                    else f"Actie {obj.code}. {obj.title}"
                )
                self.fields[name] = forms.TypedMultipleChoiceField(
                    label=label,
                    choices=choices,
                    coerce=int,
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                    error_messages={"invalid_choice": "Kies bouwstenen uit de lijst."},
                )
                self.initial[name] = [b.pk for b in obj.building_blocks.all()]
                self.rows.append((kind, obj, name))

    def links(self, kind: str) -> dict[int, list[int]]:
        prefix = f"{kind}-"
        return {
            int(name.removeprefix(prefix)): values
            for name, values in self.cleaned_data.items()
            if name.startswith(prefix)
        }

    def bound_rows(self):
        return [(kind, obj, self[name]) for kind, obj, name in self.rows]
