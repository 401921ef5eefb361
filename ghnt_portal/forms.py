"""Small helpers shared by the apps' forms."""

from collections.abc import Callable
from typing import Any, Protocol

from django import forms


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
