"""The history of an action as a Dutch timeline, read from django-simple-history's tables.

One query per tracked model (action, milestones, expected results, budget lines) and one for
the people who made the changes: the number of queries does not grow with the number of
changes. What a change's foreign keys point at (action line, funding source, meeting and its
body ...) is joined into the query of its table, and the action's owners snapshot (simple
history's m2m table, with the organisations' names) into the action's, one row per owner.
A record whose related object is gone shows "#<id>".

Texts are compared after normalising their line endings: a browser sends a textarea's lines
with CR LF, the forms store them with LF (ghnt_portal.forms.normalise_newlines), and a row
stored either way before is not a change. People are named by full name and organisation.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F, Model

from ghnt_portal.formats import euro, format_number
from ghnt_portal.forms import normalise_newlines
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
    """The names of what the historical rows' foreign keys point at, read from the objects
    joined into the history queries (no query of its own)."""

    def __init__(self):
        self.names: dict[type[Model], dict] = defaultdict(dict)

    def add(self, model_field, value, obj):
        if value is not None and obj is not None:
            self.names[model_field.related_model][value] = str(obj)

    def add_name(self, model_field, value, name):
        if value is not None and name is not None:
            self.names[model_field.related_model][value] = name

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


def _joins(model, fields) -> list[str]:
    """The related objects to join into a history query: every foreign key shown, a
    meeting with its body (a meeting is named after it)."""
    joins = ["history_user"] + [f.name for f in fields if f.is_relation]
    if model is Milestone:
        joins.append("meeting__body")
    return joins


def _with_owners(records, names: _Names) -> tuple[list, dict[int, frozenset]]:
    """Historical action rows joined to their owners snapshot come once per owner: one
    record per history id, with the owner ids per history id."""
    unique: dict[int, object] = {}
    owners: dict[int, set] = defaultdict(set)
    for record in records:
        unique.setdefault(record.history_id, record)
        owners[record.history_id]  # a record without owners has the empty set
        if record.owner_id is not None:
            owners[record.history_id].add(record.owner_id)
            names.add_name(OWNERS, record.owner_id, record.owner_name)
    return list(unique.values()), {pk: frozenset(ids) for pk, ids in owners.items()}


def _owner_names(ids, names: _Names) -> str:
    return ", ".join(sorted(names.get(OWNERS, pk) for pk in ids)) or "leeg"


def _load(action: Action, names: _Names) -> tuple[list, dict[int, frozenset], dict[int, str]]:
    """The history records of the action and its children (one query per tracked model,
    with what their foreign keys point at, and for the action its owners snapshot) and the
    names of the people who made the changes (one query)."""
    loaded = []
    users = {}
    owners: dict[int, frozenset] = {}
    for model, pointer, noun in TRACKED:
        fields = _fields(model)
        queryset = model.history.filter(**{pointer: action.pk}).select_related(
            *_joins(model, fields)
        )
        if model is Action:
            queryset = queryset.annotate(
                owner_id=F("historicalaction_owners__organisation_id"),
                owner_name=F("historicalaction_owners__organisation__name"),
            )
        records = list(queryset.order_by("id", "history_date", "history_id"))
        if model is Action:
            records, owners = _with_owners(records, names)
        for record in records:
            if record.history_user_id is not None:
                users[record.history_user_id] = record.history_user
            for f in fields:
                if f.is_relation:
                    names.add(f, getattr(record, f.attname), getattr(record, f.name))
        loaded.append((model, noun, fields, records))
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
