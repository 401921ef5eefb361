"""The milestone plan as a grid, like table 3.3 of the Zaanstreek-Waterland plan.

Rows are actions (grouped per action line), columns the quarters from the first to the last
planned milestone, plus a column "doorlopend" for milestones without a quarter. Everything is
computed from rows already loaded: no queries here.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from ghnt_portal.periods import quarters_between
from programmes.models import ActionLine

from ..models import Milestone

UNPLANNED = "doorlopend"


@dataclass
class GridRow:
    action: object | None  # None: milestones that belong to no action
    group: str
    cells: list = field(default_factory=list)  # one list of milestones per column
    unplanned: list = field(default_factory=list)


@dataclass
class MilestoneGrid:
    quarters: list
    rows: list

    def __bool__(self):
        return bool(self.rows)


def milestone_grid(
    action_lines: Iterable[ActionLine], milestones: Iterable[Milestone]
) -> MilestoneGrid:
    """`action_lines` with their actions prefetched, `milestones` of the same programme."""
    planned = [m.quarter for m in milestones if m.quarter is not None]
    quarters = quarters_between(min(planned), max(planned)) if planned else []
    column = {q: i for i, q in enumerate(quarters)}
    by_action: dict = {}
    for m in milestones:
        by_action.setdefault(m.action_id, []).append(m)

    def row_for(action, group, items):
        row = GridRow(action=action, group=group, cells=[[] for _ in quarters])
        for m in items:
            if m.quarter is None:
                row.unplanned.append(m)
            else:
                row.cells[column[m.quarter]].append(m)
        return row

    rows = []
    for line in action_lines:
        for action in line.actions.all():
            items = by_action.get(action.pk)
            if items:
                rows.append(row_for(action, line.title, items))
    if by_action.get(None):
        rows.append(row_for(None, "Zonder actie", by_action[None]))
    return MilestoneGrid(quarters=quarters, rows=rows)
