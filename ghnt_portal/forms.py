"""Small helpers shared by the apps' forms."""

from collections.abc import Callable
from typing import Any, Protocol

from django import forms
from django.forms.formsets import TOTAL_FORM_COUNT


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
