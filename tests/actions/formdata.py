"""POST data for the action form, built from what the form shows (as a browser would send it)."""

import datetime

from actions.forms import FORMSETS, ActionForm
from ghnt_portal.forms import DutchNumberInput


def _plain(value):
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _form_fields(form, prefix=None):
    data = {}
    for name in form.fields:
        key = f"{prefix}-{name}" if prefix else name
        value = form[name].value()
        widget = form.fields[name].widget
        if isinstance(widget, DutchNumberInput):  # shown (and sent back) as "55.000"
            data[key] = widget.format_value(value) or ""
            continue
        if isinstance(value, bool):
            if value:
                data[key] = "on"
            continue
        if isinstance(value, list | tuple):
            data[key] = [str(v) for v in value]
            continue
        data[key] = _plain(value)
    return data


def action_form_data(action, *, new=None, **overrides):
    """The edit form of `action` as submitted unchanged, with `overrides` for action fields
    and `new={"milestones": [{...}], ...}` for rows added in the formsets' empty forms.

    Use keys like "milestones-0-title" in `overrides` to change a child row.
    """
    new = new or {}
    form = ActionForm(instance=action, programme=action.programme)
    data = _form_fields(form)
    for prefix, formset_class, _title in FORMSETS:
        formset = formset_class(instance=action, prefix=prefix, programme=action.programme)
        initial = len(formset.initial_forms)
        for i, child in enumerate(formset.initial_forms):
            data |= _form_fields(child, prefix=f"{prefix}-{i}")
            data.pop(f"{prefix}-{i}-DELETE", None)
        rows = new.get(prefix, [])
        for j, row in enumerate(rows):
            for key, value in row.items():
                data[f"{prefix}-{initial + j}-{key}"] = value
        data[f"{prefix}-TOTAL_FORMS"] = str(initial + len(rows))
        data[f"{prefix}-INITIAL_FORMS"] = str(initial)
        data[f"{prefix}-MIN_NUM_FORMS"] = "0"
        data[f"{prefix}-MAX_NUM_FORMS"] = "1000"
    data |= overrides
    return data


def new_action_data(programme, action_line, **overrides):
    data = {
        "code": "9Z",
        "title": "Nieuwe testactie",
        "action_line": str(action_line.pk),
        "order": "99",
        "status": "niet_gestart",
        "progress": "0",
    }
    for prefix, _cls, _title in FORMSETS:
        data |= {
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    return data | overrides
