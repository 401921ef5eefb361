"""Compare a plan (from a workbook or a Word document) with a programme, and apply it.

`check_plan` finds every reference the file gets wrong (an action line that does not exist,
an unknown funding source, a milestone of an action that is not there); `plan_changes`
says what an import would create or change, without writing; `apply_plan` writes it in one
transaction, all or nothing. Records are matched on their natural keys (action code;
milestone letter + action, counted in order; finance cell row + description + funding
source + year), so importing the same file twice changes nothing the second time. What the
programme holds and the file does not mention is left alone.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction

from governance.models import DecisionBody
from programmes.models import ActionLine, BuildingBlock, Programme

from ..constants import BudgetKind
from ..models import Action, BudgetLine, FundingSource, Milestone
from .plan import (
    ACTION_TEXT_FIELDS,
    ActionRow,
    BudgetRow,
    CellError,
    LineRow,
    MilestoneRow,
    Plan,
    quarter_label,
)

ACTION_FIELDS = ["title", *[f for _, f in ACTION_TEXT_FIELDS]]


class PlanRejected(Exception):
    def __init__(self, errors: list[CellError]):
        super().__init__(f"{len(errors)} fouten")
        self.errors = errors


# --- programme -> plan ----------------------------------------------------------------------


def export_plan(programme: Programme) -> Plan:
    """The programme as plan data: what the workbook and the Word document are written from."""
    plan = Plan()
    for line in ActionLine.objects.filter(programme=programme).order_by("order"):
        plan.lines.append(LineRow(line.order, line.title, line.is_national, line.description))
    for action in (
        Action.objects.filter(programme=programme)
        .select_related("action_line")
        .prefetch_related("building_blocks")
        .order_by("order", "code")
    ):
        plan.actions.append(
            ActionRow(
                code=action.code,
                line=action.action_line.order,
                title=action.title,
                summary_title=action.summary_title,
                **{f: getattr(action, f) for _, f in ACTION_TEXT_FIELDS},
                building_blocks=", ".join(b.code for b in action.building_blocks.all()),
            )
        )
    for m in Milestone.objects.filter(programme=programme).select_related("action"):
        plan.milestones.append(
            MilestoneRow(
                letter=m.letter,
                action=m.action.code if m.action else "",
                title=m.title,
                year=m.planned_year,
                quarter=m.planned_quarter,
                meeting_label=m.meeting_label,
            )
        )
    # Rows of the finance table are numbered 1, 2, 3 ... in the order they are printed.
    rows: dict[int, int] = {}
    for b in (
        BudgetLine.objects.filter(programme=programme)
        .select_related("action", "funding_source")
        .order_by("order", "pk")
    ):
        number = rows.setdefault(b.order, len(rows) + 1)
        plan.budget.append(
            BudgetRow(
                order=number,
                description=b.description,
                funding_source=b.funding_source.name,
                kind=b.kind,
                amount=b.amount if b.kind == BudgetKind.AMOUNT else None,
                section=b.section,
                row_label=b.row_label,
                action=b.action.code if b.action else "",
                year=b.year,
                is_estimate=b.is_estimate,
                note=b.note,
            )
        )
    source_order = {
        name: i for i, name in enumerate(FundingSource.objects.values_list("name", flat=True))
    }
    plan.budget.sort(key=lambda r: (r.order, source_order.get(r.funding_source, len(source_order))))
    return plan


# --- checks against the programme ------------------------------------------------------------


def _max_length(model, name: str) -> int:
    return model._meta.get_field(name).max_length


def _check_lengths(row, model, fields: dict[str, str], errors: list[CellError]):
    """fields: row attribute -> model field."""
    for attr, model_field in fields.items():
        value = getattr(row, attr) or ""
        limit = _max_length(model, model_field)
        if len(value) > limit:
            errors.append(
                row.loc.error(attr, f"Te lang: {len(value)} tekens, hooguit {limit} toegestaan.")
                if row.loc
                else CellError("", None, attr, f"Te lang (hooguit {limit} tekens).")
            )


def _err(row, attr: str, message: str) -> CellError:
    return row.loc.error(attr, message) if row.loc else CellError("", None, attr, message)


def check_plan(plan: Plan, programme: Programme) -> list[CellError]:
    """Every reference and length the database would refuse, named by its cell."""
    errors: list[CellError] = []
    existing_lines = set(
        ActionLine.objects.filter(programme=programme).values_list("order", flat=True)
    )
    seen_lines: set[int] = set()
    for line in plan.lines:
        if line.order in seen_lines:
            errors.append(
                _err(line, "order", f"Actielijn {line.order} staat twee keer in het bestand.")
            )
        seen_lines.add(line.order)
        if not line.title:
            errors.append(_err(line, "title", "Een actielijn heeft een titel nodig."))
        _check_lengths(line, ActionLine, {"title": "title"}, errors)
    known_lines = existing_lines | seen_lines

    existing_codes = set(Action.objects.filter(programme=programme).values_list("code", flat=True))
    seen_codes: set[str] = set()
    block_codes = set(BuildingBlock.objects.values_list("code", flat=True))
    for action in plan.actions:
        unknown = [c for c in action.building_block_codes() if c not in block_codes]
        if unknown:
            errors.append(
                _err(
                    action,
                    "building_blocks",
                    f"Onbekende bouwsteen: {', '.join(unknown)}. Gebruik de codes van het "
                    "landelijke kader, bijvoorbeeld 1.1.",
                )
            )
        if not action.code:
            errors.append(_err(action, "code", "Een actie heeft een code nodig, zoals 2B."))
        elif action.code in seen_codes:
            errors.append(
                _err(action, "code", f"Actiecode {action.code} staat twee keer in het bestand.")
            )
        seen_codes.add(action.code)
        if not action.title:
            errors.append(_err(action, "title", "Een actie heeft een titel nodig."))
        if action.line is None:
            errors.append(_err(action, "line", "Vul het nummer van de actielijn in."))
        elif action.line not in known_lines:
            errors.append(
                _err(
                    action,
                    "line",
                    f"Actielijn {action.line} bestaat niet in dit programma en staat niet op het "
                    "blad Actielijnen.",
                )
            )
        _check_lengths(
            action,
            Action,
            {"code": "code", "title": "title", "summary_title": "summary_title"},
            errors,
        )
    known_codes = existing_codes | seen_codes

    for m in plan.milestones:
        if not m.letter:
            errors.append(_err(m, "letter", "Een mijlpaal heeft een letter nodig, zoals a of bb."))
        if not m.title:
            errors.append(_err(m, "title", "Een mijlpaal heeft een omschrijving nodig."))
        if m.action and m.action not in known_codes:
            errors.append(
                _err(m, "action", f"Actie {m.action} bestaat niet in dit programma of het bestand.")
            )
        _check_lengths(
            m,
            Milestone,
            {"letter": "letter", "title": "title", "meeting_label": "meeting_label"},
            errors,
        )

    sources = {s.lower(): s for s in FundingSource.objects.values_list("name", flat=True)}
    seen_cells: set[tuple] = set()
    for b in plan.budget:
        canonical = sources.get(b.funding_source.lower())
        if canonical is None:
            errors.append(
                _err(
                    b,
                    "funding_source",
                    f"Financieringsbron '{b.funding_source}' bestaat niet. Kies uit: "
                    + ", ".join(sorted(sources.values()))
                    + ".",
                )
            )
        else:
            b.funding_source = canonical
        if not b.description:
            errors.append(
                _err(b, "description", "Een regel van de financiën heeft een omschrijving nodig.")
            )
        if b.action and b.action not in known_codes:
            errors.append(
                _err(b, "action", f"Actie {b.action} bestaat niet in dit programma of het bestand.")
            )
        key = (b.order, b.description, b.funding_source, b.year)
        if key in seen_cells:
            errors.append(
                _err(
                    b,
                    "funding_source",
                    f"Regel {b.order} ({b.description}) heeft {b.funding_source} al"
                    + (f" voor {b.year}" if b.year else "")
                    + ".",
                )
            )
        seen_cells.add(key)
        _check_lengths(
            b,
            BudgetLine,
            {
                "section": "section",
                "row_label": "row_label",
                "description": "description",
                "note": "note",
            },
            errors,
        )
    return errors


# --- what would change -----------------------------------------------------------------------

CREATED, CHANGED, UNCHANGED = "nieuw", "gewijzigd", "ongewijzigd"


@dataclass
class Change:
    state: str
    label: str
    fields: list[str] = field(default_factory=list)  # Dutch names of the changed fields

    def __post_init__(self) -> None:
        self.fields = [_FIELD_LABELS.get(name, name) for name in self.fields]


_FIELD_LABELS = {
    f.name: str(f.verbose_name)
    for model in (BudgetLine, Milestone, Action, ActionLine)
    for f in model._meta.get_fields()
    if hasattr(f, "verbose_name")
}


@dataclass
class Section:
    title: str
    changes: list[Change] = field(default_factory=list)
    untouched: list[str] = field(default_factory=list)  # in the portal, not in the file

    def count(self, state: str) -> int:
        return sum(1 for c in self.changes if c.state == state)

    @property
    def created(self) -> int:
        return self.count(CREATED)

    @property
    def changed(self) -> int:
        return self.count(CHANGED)

    @property
    def unchanged(self) -> int:
        return self.count(UNCHANGED)


@dataclass
class Changes:
    sections: list[Section]

    @property
    def created(self) -> int:
        return sum(s.created for s in self.sections)

    @property
    def changed(self) -> int:
        return sum(s.changed for s in self.sections)

    @property
    def unchanged(self) -> int:
        return sum(s.unchanged for s in self.sections)

    @property
    def nothing_to_do(self) -> bool:
        return not (self.created or self.changed)


def _milestone_keys(rows) -> list[tuple[str, str, int]]:
    """(letter, action code, n): the n-th milestone with that letter under that action.
    The printed plans repeat letters (v and w twice, aa in two quarters), so the letter
    alone is not a key."""
    counts: Counter = Counter()
    keys = []
    for letter, action in rows:
        counts[(letter, action)] += 1
        keys.append((letter, action, counts[(letter, action)]))
    return keys


class _Work:
    """Matches the plan with the programme once; used for the preview and for the import."""

    def __init__(self, programme: Programme, plan: Plan):
        self.programme = programme
        self.plan = plan
        self.lines = {line.order: line for line in ActionLine.objects.filter(programme=programme)}
        self.actions = {
            a.code: a
            for a in Action.objects.filter(programme=programme)
            .select_related("action_line")
            .prefetch_related("building_blocks")
        }
        self.blocks = {b.code: b for b in BuildingBlock.objects.all()}
        self.milestones = list(
            Milestone.objects.filter(programme=programme).select_related("action").order_by("order")
        )
        self.budget = list(
            BudgetLine.objects.filter(programme=programme).select_related(
                "action", "funding_source"
            )
        )

    # Each *_values returns the field values the plan wants for one record.
    def line_values(self, row: LineRow) -> dict:
        return {"title": row.title, "is_national": row.is_national, "description": row.description}

    def action_values(self, row: ActionRow, index: int) -> dict:
        values = {f: getattr(row, f) for f in ACTION_FIELDS}
        if row.summary_title is not None:
            values["summary_title"] = row.summary_title
        values["order"] = index
        return values

    def milestone_values(self, row: MilestoneRow, order: int) -> dict:
        return {
            "title": row.title,
            "planned_year": row.year if row.quarter else None,
            "planned_quarter": row.quarter if row.year else None,
            "meeting_label": row.meeting_label,
            "order": order,
        }

    def budget_values(self, row: BudgetRow) -> dict:
        return {
            "section": row.section,
            "row_label": row.row_label,
            "kind": row.kind,
            "amount": row.amount if row.kind == BudgetKind.AMOUNT else None,
            "is_estimate": row.is_estimate,
            "note": row.note,
        }

    def _blocks_of(self, row: ActionRow) -> list:
        return [self.blocks[c] for c in row.building_block_codes() if c in self.blocks]

    def blocks_differ(self, obj: Action, row: ActionRow) -> bool:
        """Only a file with the Bouwstenen column says anything about the links."""
        if row.building_blocks is None:
            return False
        return {b.code for b in obj.building_blocks.all()} != set(row.building_block_codes())

    @staticmethod
    def differing(obj, values: dict) -> list[str]:
        return [name for name, value in values.items() if getattr(obj, name) != value]

    def matched_milestones(
        self,
    ) -> tuple[list[tuple[MilestoneRow, Milestone | None, tuple[str, str, int]]], list[Milestone]]:
        """[(row, existing or None, key)] for the plan's milestones, plus the unmatched rest."""
        existing_keys = _milestone_keys(
            (m.letter, m.action.code if m.action else "") for m in self.milestones
        )
        by_key = dict(zip(existing_keys, self.milestones, strict=True))
        plan_keys = _milestone_keys((r.letter, r.action) for r in self.plan.milestones)
        matched = [
            (r, by_key.pop(k, None), k)
            for r, k in zip(self.plan.milestones, plan_keys, strict=True)
        ]
        return matched, list(by_key.values())

    def budget_key(self, line: BudgetLine) -> tuple[int, str, str, int | None]:
        return (line.order, line.description, line.funding_source.name, line.year)

    def changes(self) -> Changes:
        return Changes(
            [
                self._line_changes(),
                self._action_changes(),
                self._milestone_changes(),
                self._budget_changes(),
            ]
        )

    def _line_changes(self) -> Section:
        lines = Section("Actielijnen")
        for row in self.plan.lines:
            obj = self.lines.get(row.order)
            label = f"{row.order}. {row.title}"
            if obj is None:
                lines.changes.append(Change(CREATED, label))
            else:
                diff = self.differing(obj, self.line_values(row))
                lines.changes.append(Change(CHANGED if diff else UNCHANGED, label, diff))
        in_file = {r.order for r in self.plan.lines}
        lines.untouched = [str(line) for o, line in sorted(self.lines.items()) if o not in in_file]
        return lines

    def _action_changes(self) -> Section:
        actions = Section("Acties")
        for index, row in enumerate(self.plan.actions, start=1):
            obj = self.actions.get(row.code)
            label = f"{row.code}. {row.title}"
            if obj is None:
                actions.changes.append(Change(CREATED, label))
                continue
            diff = self.differing(obj, self.action_values(row, index))
            if row.line is not None and obj.action_line.order != row.line:
                diff.append("action_line")
            if self.blocks_differ(obj, row):
                diff.append("building_blocks")
            actions.changes.append(Change(CHANGED if diff else UNCHANGED, label, diff))
        codes = {r.code for r in self.plan.actions}
        actions.untouched = [str(a) for c, a in sorted(self.actions.items()) if c not in codes]
        return actions

    def _milestone_changes(self) -> Section:
        milestones = Section("Mijlpalen")
        matched, rest = self.matched_milestones()
        for order, (row, obj, _key) in enumerate(matched, start=1):
            when = quarter_label(row.year, row.quarter)
            label = f"{row.letter}. {row.title}" + (
                f" ({row.action}, {when})" if when else f" ({row.action})"
            )
            if obj is None:
                milestones.changes.append(Change(CREATED, label))
            else:
                diff = self.differing(obj, self.milestone_values(row, order))
                milestones.changes.append(Change(CHANGED if diff else UNCHANGED, label, diff))
        milestones.untouched = [str(m) for m in rest]
        return milestones

    def _budget_changes(self) -> Section:
        budget = Section("Financiën")
        existing = {self.budget_key(b): b for b in self.budget}
        seen = set()
        for row in self.plan.budget:
            key = (row.order, row.description, row.funding_source, row.year)
            seen.add(key)
            obj = existing.get(key)
            label = f"{row.order}. {row.description} – {row.funding_source}"
            if obj is None:
                budget.changes.append(Change(CREATED, label))
                continue
            diff = self.differing(obj, self.budget_values(row))
            if (obj.action.code if obj.action else "") != row.action:
                diff.append("action")
            budget.changes.append(Change(CHANGED if diff else UNCHANGED, label, diff))
        budget.untouched = [str(b) for k, b in existing.items() if k not in seen]
        return budget

    # --- writing ---------------------------------------------------------------------------

    def apply(self) -> Changes:
        changes = self.changes()
        if changes.nothing_to_do:
            return changes
        # In this order: actions refer to the lines, milestones and budget to the actions.
        self._apply_lines()
        self._apply_actions()
        self._apply_milestones()
        self._apply_budget()
        return changes

    def _apply_lines(self) -> None:
        for row in self.plan.lines:
            values = self.line_values(row)
            obj = self.lines.get(row.order)
            if obj is None:
                self.lines[row.order] = ActionLine.objects.create(
                    programme=self.programme, order=row.order, **values
                )
            elif diff := self.differing(obj, values):
                _save(obj, values, diff)

    def _apply_actions(self) -> None:
        for index, row in enumerate(self.plan.actions, start=1):
            values = self.action_values(row, index)
            line = self.lines[row.line] if row.line is not None else None
            obj = self.actions.get(row.code)
            if obj is None:
                if line is None:  # check_plan refuses this before anything is written
                    raise PlanRejected([_err(row, "line", "Vul het nummer van de actielijn in.")])
                self.actions[row.code] = Action.objects.create(
                    programme=self.programme, code=row.code, action_line=line, **values
                )
                if row.building_blocks is not None:
                    self.actions[row.code].building_blocks.set(self._blocks_of(row))
                continue
            if self.blocks_differ(obj, row):
                obj.building_blocks.set(self._blocks_of(row))
            diff = self.differing(obj, values)
            if line is not None and obj.action_line_id != line.pk:
                values["action_line"] = line
                diff.append("action_line")
            if diff:
                values["version"] = obj.version + 1
                _save(obj, values, [*diff, "version"])

    def _apply_milestones(self) -> None:
        programme = self.programme
        matched, rest = self.matched_milestones()
        wanted = {id(row): order for order, (row, _obj, _key) in enumerate(matched, start=1)}
        next_order = len(matched) + 1
        rest_orders = {}
        for m in rest:
            rest_orders[m.pk] = next_order
            next_order += 1
        # Orders are unique per programme: move everything out of the way first when any
        # existing milestone gets another place.
        moving = any(
            obj is not None and obj.order != wanted[id(row)] for row, obj, _ in matched
        ) or any(m.order != rest_orders[m.pk] for m in rest)
        if moving:
            Milestone.objects.filter(programme=programme).update(order=_Offset.expr())
            for m in self.milestones:
                m.order += _Offset.OFFSET
        bodies = _bodies(programme)
        for row, obj, _key in matched:
            values = self.milestone_values(row, wanted[id(row)])
            action = self.actions.get(row.action) if row.action else None
            if obj is None:
                Milestone.objects.create(
                    programme=programme,
                    letter=row.letter,
                    action=action,
                    body=_body_for(row.meeting_label, bodies),
                    **values,
                )
                continue
            diff = self.differing(obj, values)
            if "meeting_label" in diff:
                values["body"] = _body_for(row.meeting_label, bodies)
                values["meeting"] = None
                diff += ["body", "meeting"]
            if diff:
                _save(obj, values, diff)
        for m in rest:
            if m.order != rest_orders[m.pk]:
                _save(m, {"order": rest_orders[m.pk]}, ["order"])

    def _apply_budget(self) -> None:
        existing = {self.budget_key(b): b for b in self.budget}
        sources = {s.name: s for s in FundingSource.objects.all()}
        for row in self.plan.budget:
            key = (row.order, row.description, row.funding_source, row.year)
            values = self.budget_values(row)
            action = self.actions.get(row.action) if row.action else None
            obj = existing.get(key)
            if obj is None:
                BudgetLine.objects.create(
                    programme=self.programme,
                    order=row.order,
                    description=row.description,
                    funding_source=sources[row.funding_source],
                    year=row.year,
                    action=action,
                    **values,
                )
                continue
            diff = self.differing(obj, values)
            if obj.action_id != (action.pk if action else None):
                values["action"] = action
                diff.append("action")
            if diff:
                _save(obj, values, diff)


class _Offset:
    OFFSET = 10000

    @classmethod
    def expr(cls):
        from django.db.models import F

        return F("order") + cls.OFFSET


def _save(obj, values: dict, names: list[str]):
    for name in names:
        setattr(obj, name, values[name])
    obj.save(update_fields=list(dict.fromkeys(names)))


def _bodies(programme: Programme) -> dict[str, DecisionBody]:
    return {
        b.abbreviation.lower(): b
        for b in DecisionBody.objects.filter(region_id=programme.region_id).exclude(abbreviation="")
    }


def _body_for(label: str, bodies: dict[str, DecisionBody]):
    """'AO-jan', 'AO jul', 'BO okt' -> the region's body with that abbreviation, if any."""
    first = label.replace("-", " ").split()
    return bodies.get(first[0].lower()) if first else None


def plan_changes(programme: Programme, plan: Plan) -> Changes:
    return _Work(programme, plan).changes()


def apply_plan(programme: Programme, plan: Plan) -> Changes:
    """Check and write the plan in one transaction: everything, or nothing at all."""
    with transaction.atomic():
        locked = Programme.objects.select_for_update().get(pk=programme.pk)
        errors = check_plan(plan, locked)
        if errors:
            raise PlanRejected(errors)
        return _Work(locked, plan).apply()
