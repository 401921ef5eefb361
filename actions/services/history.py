"""The history of an action as a Dutch timeline, read from django-simple-history's tables.

One query per tracked model (action, milestones, expected results, budget lines) plus one per
kind of related object that appears in a change (funding source, meeting ...) and one for the
people who made the changes: the number of queries does not grow with the number of changes.

Texts are compared after normalising their line endings: a browser sends a textarea's lines
with CR LF, the forms store them with LF (ghnt_portal.forms.normalise_newlines), and a row
stored either way before is not a change. People are named by full name and organisation.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Model

from ghnt_portal.formats import euro, format_number
from ghnt_portal.forms import normalise_newlines
from governance.models import Meeting
from programmes.people.names import names_with_organisation

from ..models import Action, BudgetLine, ExpectedResult, Milestone

# Bookkeeping fields that say nothing to a reader.
EXCLUDED = {"id", "version", "updated_at", "order", "programme", "action"}
AMOUNT_FIELDS = {"amount", "realised"}

TRACKED = (
    # model, field pointing at the action, noun in Dutch
    (Action, "id", "actie"),
    (Milestone, "action_id", "mijlpaal"),
    (ExpectedResult, "action_id", "beoogd resultaat"),
    (BudgetLine, "action_id", "begrotingsregel"),
)


@dataclass
class TimelineEntry:
    when: datetime.datetime
    who: str
    noun: str
    subject: str
    kind: str  # "+", "~", "-"
    sentences: list[str] = field(default_factory=list)


def _label(model_field) -> str:
    text = str(model_field.verbose_name)
    return text[:1].upper() + text[1:]


class _Names:
    """Resolve foreign keys of historical rows to names, one query per related model."""

    def __init__(self):
        self.wanted: dict[type[Model], set] = defaultdict(set)
        self.names: dict[type[Model], dict] = {}

    def want(self, model_field, value):
        if value is not None:
            self.wanted[model_field.related_model].add(value)

    def resolve(self):
        for model, ids in self.wanted.items():
            queryset = model._default_manager.all()
            if model is Meeting:
                queryset = queryset.select_related("body")  # a meeting is named after its body
            self.names[model] = {pk: str(obj) for pk, obj in queryset.in_bulk(ids).items()}

    def get(self, model_field, value):
        return self.names.get(model_field.related_model, {}).get(value, f"#{value}")


def _fields(model):
    return [f for f in model._meta.concrete_fields if f.name not in EXCLUDED]


def _value(model_field, value, names: _Names) -> str:
    if value is None or value == "":
        return "leeg"
    if model_field.is_relation:
        return names.get(model_field, value)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, datetime.date):
        return value.strftime("%d-%m-%Y")
    if model_field.name in AMOUNT_FIELDS:
        return euro(value)
    if isinstance(value, Decimal):
        return format_number(value.normalize(), grouping=False)
    text = str(value)
    return text if len(text) <= 120 else text[:117] + "…"


def _subject(model, record, names: _Names) -> str:
    if model is Milestone:
        return f"{record.letter}. {record.title}"
    if model is ExpectedResult:
        text = record.description
        return text if len(text) <= 80 else text[:77] + "…"
    if model is BudgetLine:
        source = names.get(BudgetLine._meta.get_field("funding_source"), record.funding_source_id)
        return f"{record.description} ({source})"
    return f"{record.code}. {record.title}"


def _who(record, people: dict[int, str]) -> str:
    user_id = record.history_user_id
    return people.get(user_id, "Het systeem") if user_id is not None else "Het systeem"


def same_value(old, new) -> bool:
    """Equal values; texts equal once their line endings are normalised."""
    if isinstance(old, str) and isinstance(new, str):
        return normalise_newlines(old) == normalise_newlines(new)
    return old == new


OWNERS = Action._meta.get_field("owners")


def _owners_by_record(records) -> dict[int, frozenset]:
    """Owner ids per historical action record (simple_history's m2m snapshot), one query."""
    through = Action.history.model._meta.get_field("historicalaction_owners").related_model
    owners = defaultdict(set)
    rows = through.objects.filter(history__in=[r.history_id for r in records])
    for history_id, organisation_id in rows.values_list("history_id", "organisation_id"):
        owners[history_id].add(organisation_id)
    return {r.history_id: frozenset(owners[r.history_id]) for r in records}


def _owner_names(ids, names: _Names) -> str:
    return ", ".join(sorted(names.get(OWNERS, pk) for pk in ids)) or "leeg"


def _load(action: Action, names: _Names) -> tuple[list, dict[int, frozenset], dict[int, str]]:
    """The history records of the action and its children (one query per tracked model),
    with the names of what their foreign keys point at (one query per related model) and of
    the people who made the changes (one query)."""
    loaded = []
    users = {}
    owners: dict[int, frozenset] = {}
    for model, pointer, noun in TRACKED:
        records = list(
            model.history.filter(**{pointer: action.pk})
            .select_related("history_user")
            .order_by("id", "history_date", "history_id")
        )
        fields = _fields(model)
        for record in records:
            if record.history_user_id is not None:
                users[record.history_user_id] = record.history_user
            for f in fields:
                if f.is_relation:
                    names.want(f, getattr(record, f.attname))
        if model is Action:
            owners = _owners_by_record(records)
            for ids in owners.values():
                for pk in ids:
                    names.want(OWNERS, pk)
        loaded.append((model, noun, fields, records))
    names.resolve()
    return loaded, owners, names_with_organisation(users.values())


def _changes(model, noun, fields, previous, record, entry, names, owners) -> list[str]:
    """The sentences of one change: created, deleted, or each field changed since `previous`."""
    who, subject = entry.who, entry.subject
    object_phrase = "de actie" if model is Action else f"{noun} '{subject}'"
    if record.history_type == "+":
        verb = "maakte" if model is Action else "voegde"
        tail = "aan" if model is Action else "toe"
        return [f"{who} {verb} {object_phrase} {tail}"]
    if record.history_type == "-":
        return [f"{who} verwijderde {object_phrase}"]
    if previous is None:
        return []
    sentences = []
    where = "" if model is Action else f" bij {noun} '{subject}'"
    for f in fields:
        old, new = getattr(previous, f.attname), getattr(record, f.attname)
        if not same_value(old, new):
            sentences.append(
                f"{who} wijzigde{where} {_label(f)} van "
                f"'{_value(f, old, names)}' naar '{_value(f, new, names)}'"
            )
    if model is Action and owners[previous.history_id] != owners[record.history_id]:
        old_owners = _owner_names(owners[previous.history_id], names)
        new_owners = _owner_names(owners[record.history_id], names)
        sentences.append(f"{who} wijzigde {_label(OWNERS)} van '{old_owners}' naar '{new_owners}'")
    return sentences


def action_timeline(action: Action) -> list[TimelineEntry]:
    """Every recorded change to the action and its children, newest first."""
    names = _Names()
    loaded, owners, people = _load(action, names)
    entries = []
    for model, noun, fields, records in loaded:
        previous = None
        for record in records:
            if previous is not None and previous.id != record.id:
                previous = None
            entry = TimelineEntry(
                when=record.history_date,
                who=_who(record, people),
                noun=noun,
                subject=_subject(model, record, names),
                kind=record.history_type,
            )
            entry.sentences = _changes(model, noun, fields, previous, record, entry, names, owners)
            if entry.sentences:
                entries.append(entry)
            previous = record
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries
