"""Editing actions (journey 1): create, save with conflict detection, quick updates,
milestones done, delete; each inside one transaction. Views, admin, tasks and tests call these.
"""

import datetime
from dataclasses import dataclass, field

from django import forms
from django.db import transaction
from django.db.models import Count, Field, Max
from django.utils import timezone

from programmes.access import AnyUser
from programmes.models import ActionLine, Programme
from programmes.people.names import names_with_organisation

from ..models import (
    Action,
    BudgetLine,
    Milestone,
)
from .history import action_timeline, same_value


@dataclass
class FieldConflict:
    label: str
    theirs: str
    yours: str


@dataclass
class EditConflict(Exception):
    """Someone else saved the action after the user opened it; nothing was saved."""

    current: Action
    changed_by: str
    fields: list[FieldConflict] = field(default_factory=list)
    other_changes: list = field(default_factory=list)  # timeline entries since the user began


def _display(instance, name, value):
    model_field = instance._meta.get_field(name)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if model_field.is_relation:
        return str(value) if value is not None else "–"
    if value in (None, ""):
        return "–"
    return str(value)


def _compare_fields(current: Action, base, yours: dict) -> list[FieldConflict]:
    """Fields the other person changed since `base` (a historical record), with both values."""
    conflicts = []
    for name, your_value in yours.items():
        model_field = Action._meta.get_field(name)
        if not isinstance(model_field, Field) or model_field.many_to_many:
            continue
        attname = model_field.attname
        theirs = getattr(current, attname)
        before = getattr(base, attname) if base is not None else None
        mine = your_value.pk if hasattr(your_value, "pk") else your_value
        if base is not None and same_value(theirs, before):
            continue  # the other person did not touch this field
        if same_value(theirs, mine):
            continue  # both made the same change: nothing to choose
        label = str(model_field.verbose_name)
        conflicts.append(
            FieldConflict(
                label=label[:1].upper() + label[1:],
                theirs=_display(current, name, getattr(current, name)),
                yours=_display(current, name, your_value),
            )
        )
    return conflicts


def _conflict(action_pk: int, expected_version: int | None, yours: dict) -> EditConflict:
    current = Action.objects.get(pk=action_pk)
    base = Action.history.filter(id=action_pk, version=expected_version).order_by("-history_id")
    base = base.first()
    latest = Action.history.filter(id=action_pk).select_related("history_user").first()
    changed_by = "een andere gebruiker"
    if latest is not None and latest.history_user is not None:
        changed_by = names_with_organisation([latest.history_user])[latest.history_user.pk]
    since = base.history_date if base is not None else None
    other = [e for e in action_timeline(current) if since is None or e.when > since]
    return EditConflict(
        current=current,
        changed_by=changed_by,
        fields=_compare_fields(current, base, yours),
        other_changes=other,
    )


def _claim_version(action_pk: int, expected_version) -> int:
    """Compare and increment the version in one UPDATE; raise when someone saved in between."""
    if expected_version is None:
        raise ValueError("expected_version is required")
    claimed = Action.objects.filter(pk=action_pk, version=expected_version).update(
        version=expected_version + 1
    )
    if not claimed:
        return 0
    return expected_version + 1


def _next_milestone_order(programme_id: int) -> int:
    top = Milestone.objects.filter(programme_id=programme_id).aggregate(top=Max("order"))["top"]
    return (top or 0) + 1


def _next_budget_order(programme_id: int) -> int:
    top = BudgetLine.objects.filter(programme_id=programme_id).aggregate(top=Max("order"))["top"]
    return (top or 0) + 1


def _save_children(action: Action, formsets: dict, user):
    milestones = formsets.get("milestones")
    if milestones is not None:
        for obj in milestones.save(commit=False):
            obj.action = action
            obj.programme_id = action.programme_id
            if obj.meeting_id and not obj.body_id:
                obj.body_id = obj.meeting.body_id
            if not obj.order:
                obj.order = _next_milestone_order(action.programme_id)
            obj._history_user = user
            obj.save()
        for obj in milestones.deleted_objects:
            obj._history_user = user
            obj.delete()
    results = formsets.get("results")
    if results is not None:
        for obj in results.save(commit=False):
            obj.action = action
            if not obj.pk and not obj.order:
                top = action.expected_results.aggregate(top=Max("order"))["top"]
                obj.order = (top or 0) + 1
            obj._history_user = user
            obj.save()
        for obj in results.deleted_objects:
            obj._history_user = user
            obj.delete()
    budget = formsets.get("budget")
    if budget is not None:
        for obj in budget.save(commit=False):
            obj.action = action
            obj.programme_id = action.programme_id
            if not obj.pk:
                obj.order = obj.order or _next_budget_order(action.programme_id)
                obj.row_label = obj.row_label or action.code
                obj.section = obj.section or action.action_line.title
            obj._history_user = user
            obj.save()
        for obj in budget.deleted_objects:
            obj._history_user = user
            obj.delete()


def create_action(form: forms.ModelForm, formsets: dict, user: AnyUser) -> Action:
    with transaction.atomic():
        action = form.save(commit=False)
        action.version = 1
        action._history_user = user
        action.save()
        form.save_m2m()
        for formset in formsets.values():
            formset.instance = action
        _save_children(action, formsets, user)
    return action


def save_action(form: forms.ModelForm, formsets: dict, user: AnyUser) -> Action:
    """Save an edited action with its children, or raise EditConflict and save nothing.

    The version the user started from comes in the form's hidden `version` field; one
    `UPDATE ... SET version = v + 1 WHERE version = v` claims the row, inside the transaction.
    """
    action = form.instance
    expected = form.cleaned_data.get("version")
    with transaction.atomic():
        new_version = _claim_version(action.pk, expected) if expected is not None else 0
        if not new_version:
            yours = {
                name: value
                for name, value in form.cleaned_data.items()
                if name not in ("version", "owners", "building_blocks")
            }
            raise _conflict(action.pk, expected, yours)
        action = form.save(commit=False)
        action.version = new_version
        action._history_user = user
        action.save()
        form.save_m2m()
        _save_children(action, formsets, user)
    return action


def quick_update(
    action: Action, *, status: str, progress: int, version: int, user: AnyUser
) -> Action:
    """Set status and progress from a quick form; the same version check as the full form."""
    with transaction.atomic():
        new_version = _claim_version(action.pk, version)
        if not new_version:
            yours = {"status": status, "progress": progress}
            raise _conflict(action.pk, version, yours)
        action.refresh_from_db()
        action.status = status
        action.progress = progress
        action._history_user = user
        action.save()
    return action


def mark_milestone_done(
    milestone: Milestone, *, user: AnyUser, done_on: datetime.date | None = None
) -> Milestone:
    with transaction.atomic():
        if milestone.done_on is None:
            milestone.done_on = done_on or timezone.localdate()
            milestone._history_user = user
            milestone.save(update_fields=["done_on"])
    return milestone


def deletion_summary(action: Action) -> dict:
    """What goes with an action when it is deleted (one query)."""
    counts = Action.objects.filter(pk=action.pk).aggregate(
        milestones=Count("milestones", distinct=True),
        results=Count("expected_results", distinct=True),
        budget_lines=Count("budget_lines", distinct=True),
        updates=Count("status_updates", distinct=True),
    )
    return counts


def delete_action(action: Action, user: AnyUser) -> None:
    """Delete an action; its milestones, results, budget lines and updates go with it.

    Django deletes the children one by one (they have history), so each gets a history row.
    """
    with transaction.atomic():
        action._history_user = user
        action.delete()


def link_building_blocks(
    programme: Programme,
    lines: dict[int, list[int]],
    actions: dict[int, list[int]],
    user: AnyUser,
) -> int:
    """Set the national bouwstenen of the programme's action lines and actions in one go;
    returns how many rows changed. Rows of another programme are ignored."""
    changed = 0
    with transaction.atomic():
        rows: list[tuple[ActionLine | Action, list[int]]] = [
            (line, lines[line.pk])
            for line in ActionLine.objects.filter(programme=programme, pk__in=lines)
        ] + [
            (action, actions[action.pk])
            for action in Action.objects.filter(programme=programme, pk__in=actions)
        ]
        for obj, wanted in rows:
            current = set(obj.building_blocks.values_list("pk", flat=True))
            if current != set(wanted):
                obj.building_blocks.set(wanted)
                changed += 1
    return changed
