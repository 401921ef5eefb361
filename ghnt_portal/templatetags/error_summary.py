"""The error summary at the top of every page with a form that has errors (the GOV.UK and
NL Design System pattern): a box titled "Er is een probleem" listing every error, each
linking to its field; static/js/portal.js moves the focus to it, and a click on a link to
the field. base.html shows it for every form and formset in the page's context, so a new
form gets it without doing anything."""

from dataclasses import dataclass

from django import forms, template
from django.forms import ModelForm
from django.forms.formsets import BaseFormSet
from django.utils.functional import LazyObject

register = template.Library()


@dataclass(frozen=True)
class Problem:
    text: str
    target: str = ""  # the id of the field to go to; empty for an error of the whole form


def _target(bound: forms.BoundField) -> str:
    widget = bound.field.widget
    if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
        return f"{bound.auto_id}_0"  # the first box: the group itself has no id
    return bound.auto_id or ""


def _form_problems(form: forms.BaseForm, row: str = "") -> list[Problem]:
    if not form.is_bound:
        return []
    problems = []
    lead = f"{row}: " if row else ""
    for name, errors in form.errors.items():
        bound = form[name] if name in form.fields else None
        for error in errors:
            if bound is None or bound.is_hidden:
                problems.append(Problem(f"{lead}{error}"))
            else:
                problems.append(Problem(f"{lead}{bound.label}: {error}", _target(bound)))
    return problems


def _formset_problems(formset: BaseFormSet) -> list[Problem]:
    if not formset.is_bound:
        return []
    problems = [Problem(str(error)) for error in formset.non_form_errors()]
    singular = getattr(formset, "row_label", "") or "Regel"
    new_label = getattr(formset, "new_row_label", "") or f"Nieuwe {singular.lower()}"
    initial = formset.initial_form_count()
    for index, form in enumerate(formset.forms):
        row = f"{singular} {index + 1}" if index < initial else new_label
        problems += _form_problems(form, row)
    return problems


def _candidates(value, depth=0):
    # A lazy value (the context's csrf_token) is not a form; isinstance would evaluate it,
    # putting a CSRF token and cookie on pages without a form (and so no gzip for them).
    if issubclass(type(value), LazyObject):
        return
    if isinstance(value, forms.BaseForm | BaseFormSet):
        yield value
    elif isinstance(value, list | tuple) and depth < 2:
        for item in value:
            yield from _candidates(item, depth + 1)


def problems_in(context) -> tuple[list[Problem], bool]:
    """Every error of every bound form and formset in the context, and whether one of them
    would have saved records (a model form or a formset: "er is niets opgeslagen")."""
    seen: set[int] = set()
    problems: list[Problem] = []
    saves = False
    for value in context.flatten().values():
        for candidate in _candidates(value):
            if id(candidate) in seen:
                continue
            seen.add(id(candidate))
            if isinstance(candidate, BaseFormSet):
                found = _formset_problems(candidate)
            else:
                found = _form_problems(candidate)
            saves = saves or bool(found) and isinstance(candidate, ModelForm | BaseFormSet)
            problems += found
    return problems, saves


@register.inclusion_tag("includes/error_summary.html", takes_context=True)
def error_summary(context):
    problems, nothing_saved = problems_in(context)
    return {"problems": problems, "nothing_saved": nothing_saved}
