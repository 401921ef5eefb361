"""Small helpers shared by the apps' forms, and the Dutch number field."""

import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

from django import forms
from django.db.models import Model
from django.forms.formsets import TOTAL_FORM_COUNT
from django.utils.html import conditional_escape as escape
from django.utils.safestring import mark_safe

from .formats import dutch_amount, dutch_number


def normalise_newlines(text: str) -> str:
    """LF line endings: a browser sends a textarea's lines with CR LF (HTML spec), the demo
    data and the imports have LF; stored one way, an unchanged text stays unchanged."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


class NormalisedNewlinesMixin:
    """A form whose cleaned texts have LF line endings (see normalise_newlines)."""

    cleaned_data: dict[str, Any]

    def _clean_fields(self) -> None:
        super()._clean_fields()  # type: ignore[misc]
        for name, value in self.cleaned_data.items():
            if isinstance(value, str):
                self.cleaned_data[name] = normalise_newlines(value)


class HasFields(Protocol):
    fields: dict[str, forms.Field]


def choice_field(form: HasFields, name: str) -> forms.ModelChoiceField:
    """The form's model choice field `name` (also a multiple choice field), typed, to limit its
    queryset."""
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{name} is not a model choice field")
    return field


def label_choices(form: HasFields, name: str, label: Callable[[Any], str]) -> None:
    """Name the choices of model choice field `name` with `label(obj)` instead of str(obj)."""
    field = choice_field(form, name)
    field.label_from_instance = label  # type: ignore[method-assign,assignment]  # per instance


class SharedChoices(list):
    """Objects read once for the rows of a formset. The first row labels them; the other rows
    reuse those (value, label) pairs (a region's hundred meetings each format a date)."""

    labelled: list[tuple[Any, str]] | None = None


def preload_choices(form: HasFields, name: str, objects: SharedChoices) -> None:
    """Give model choice field `name` its choices from `objects`, read once for many forms (the
    rows of a formset share their meetings and funding sources): rendering and cleaning the
    field then read nothing more, where each row's queryset would be read again per row."""
    field = choice_field(form, name)
    by_key = {str(obj.pk): obj for obj in objects}
    empty: list[tuple[Any, Any]] = (
        [("", field.empty_label)] if field.empty_label is not None else []
    )
    if objects.labelled is None:
        objects.labelled = [(obj.pk, field.label_from_instance(obj)) for obj in objects]
    field.choices = empty + objects.labelled

    def to_python(value: Any) -> Any:
        if value in field.empty_values:
            return None
        try:
            return by_key[str(getattr(value, "pk", value))]
        except KeyError:
            raise forms.ValidationError(
                field.error_messages["invalid_choice"], code="invalid_choice"
            ) from None

    field.to_python = to_python  # type: ignore[method-assign]  # per instance


def keep_prefetched(instance: Model, name: str, objects: list[Any]) -> None:
    """Keep `objects` as what `instance.<name>.all()` returns, as prefetch_related would, when
    they came from a query that was needed anyway (a form's choices saying which are chosen).
    Adding to or removing from the relation drops it, as Django does with any prefetch."""
    queryset = getattr(instance, name).all()
    queryset._result_cache = objects
    queryset._prefetch_done = True
    if not hasattr(instance, "_prefetched_objects_cache"):
        instance._prefetched_objects_cache = {}  # type: ignore[attr-defined]
    instance._prefetched_objects_cache[name] = queryset  # type: ignore[attr-defined]


def forget_prefetched(instance: Model, *names: str) -> None:
    """Drop what keep_prefetched kept, once read: a later read asks the database again."""
    for name in names:
        getattr(instance, "_prefetched_objects_cache", {}).pop(name, None)


# --- numbers as Dutch people type them --------------------------------------------------------
#
# The rule (also in the help text of every number field):
# - a comma is the decimal separator: "55000,50", "0,5";
# - a point separates thousands, in groups of three: "55.000", "1.234.567", "55.000,00";
# - so "55.000" is fifty-five thousand, never fifty-five;
# - a point followed by one, two or more than three digits ("1.5", "55000.50") is not Dutch
#   and could be meant either way: it is refused with a message saying how to type it, rather
#   than guessed;
# - spaces (also non-breaking ones) and a leading "€" are ignored; a leading minus is kept
#   (the field's own minimum refuses it where negative numbers make no sense).
# Shown back the same way: "55.000", "55.000,50" (amounts: whole euros or two decimals).

_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")
_PLAIN = re.compile(r"^\d+(,\d+)?$")
_NOISE = re.compile(r"[\s\u00a0\u202f€]")

NOT_A_NUMBER = "Vul een getal in, bijvoorbeeld 55.000 of 1.234,50."
POINT_AS_DECIMAL = (
    "Gebruik een komma voor decimalen, bijvoorbeeld {suggestion}. Een punt scheidt "
    "duizendtallen (55.000 is vijfenvijftigduizend)."
)


def parse_dutch_number(text: str) -> Decimal:
    """The number in `text` by the rule above; ValidationError (Dutch) otherwise."""
    cleaned = _NOISE.sub("", text)
    sign = ""
    if cleaned.startswith(("-", "−")):
        sign, cleaned = "-", cleaned[1:]
    if _GROUPED.match(cleaned):
        cleaned = cleaned.replace(".", "")
    elif not _PLAIN.match(cleaned):
        if re.fullmatch(r"\d+\.\d+", cleaned):
            suggestion = cleaned.replace(".", ",")
            raise forms.ValidationError(
                POINT_AS_DECIMAL.format(suggestion=suggestion), code="point_as_decimal"
            )
        raise forms.ValidationError(NOT_A_NUMBER, code="invalid")
    try:
        return Decimal(sign + cleaned.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the patterns above allow only digits
        raise forms.ValidationError(NOT_A_NUMBER, code="invalid") from None


class DutchNumberInput(forms.TextInput):
    """A text box (not type=number, which cannot hold "55.000") with the numeric keyboard on
    phones, showing its value in Dutch notation."""

    def __init__(self, attrs=None, amount: bool = False, decimal_places: int = 2):
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})
        self.amount = amount
        self.decimal_places = decimal_places

    def format_value(self, value):
        if value is None or value == "":
            return None
        if isinstance(value, str):
            return value  # what the user typed ("50.000"), shown back as typed
        if self.amount:
            return dutch_amount(value)
        return dutch_number(value, self.decimal_places)


class DutchDecimalField(forms.DecimalField):
    """A decimal field that reads and shows numbers the Dutch way (see the rule above)."""

    widget: Any = DutchNumberInput
    default_error_messages = {
        "invalid": NOT_A_NUMBER,
        "max_decimal_places": "Gebruik niet meer dan %(max)s cijfers achter de komma.",
        "max_digits": "Dit getal is te groot.",
        "max_whole_digits": "Dit getal is te groot.",
    }

    def __init__(self, *args, amount: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.widget = DutchNumberInput(
            self.widget.attrs if isinstance(self.widget, DutchNumberInput) else None,
            amount=amount,
            decimal_places=self.decimal_places if self.decimal_places is not None else 2,
        )

    def widget_attrs(self, widget):
        # No min/max/step attributes: they belong to type=number, which this field avoids.
        return {}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        return parse_dutch_number(str(value))


# Formsets refuse more rows than a person ever types. Django would still build (and the page
# render) `absolute_max` forms for a forged TOTAL_FORMS=99999999; CappedInlineFormSet builds
# none then and shows Django's own Dutch error ("Verstuur maximaal 50 formulieren.").
# Use `inlineformset_factory(..., formset=CappedInlineFormSet, **FORMSET_LIMITS)`.
MAX_FORMSET_ROWS = 50
FORMSET_LIMITS: dict[str, Any] = {
    "max_num": MAX_FORMSET_ROWS,
    "absolute_max": MAX_FORMSET_ROWS,
    "validate_max": True,
}


class CappedInlineFormSet(forms.BaseInlineFormSet):
    def total_form_count(self) -> int:
        if self.is_bound:
            submitted: int = self.management_form.cleaned_data.get(TOTAL_FORM_COUNT) or 0
            if submitted > (self.absolute_max or MAX_FORMSET_ROWS):
                return 0  # forged: refused in full_clean, nothing to build or render
        return super().total_form_count()


def _attrs(attrs: dict[str, Any]) -> str:
    """Attributes as django/forms/widgets/attrs.html writes them (False left out, True bare),
    in their order: django.forms.utils.flatatt sorts them, so its markup would differ."""
    return "".join(
        f" {name}" if value is True else f' {name}="{escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False and value is not None
    )


class LongSelect(forms.Select):
    """A <select> written in Python, option by option, with the markup of Django's template.

    Django renders every option through a template include; a beheerder's filters list
    hundreds of programmes, action lines and organisations, and that took most of the
    action list's time (benchmarks: 130 ms of 140 ms)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{escape(str(group_name))}">')
            parts.extend(
                f'\n  <option value="{escape(str(option["value"]))}"'
                f"{_attrs(option['attrs'])}>{escape(str(option['label']))}</option>"
                for option in options
            )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped
