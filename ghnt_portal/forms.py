"""Small helpers shared by the apps' forms."""

from collections.abc import Callable
from typing import Any, Protocol

from django import forms


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
