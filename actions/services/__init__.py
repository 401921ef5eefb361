"""Changes and computations of the actions app, one module per feature:

- `editing`: create, save (with conflict detection), quick updates, delete (journey 1);
- `updates`: ketenpartners' status updates, accepted or returned by the projectleider (journey 2);
- `budget`: the finance table (table 3.4); `planning`: the milestone grid (table 3.3);
- `history`: an action's history as a Dutch timeline.

The change services are re-exported here, so callers write `services.accept_update(...)`.
"""

from .editing import (
    EditConflict,
    FieldConflict,
    create_action,
    delete_action,
    deletion_summary,
    mark_milestone_done,
    quick_update,
    save_action,
)
from .updates import accept_all_in_order, accept_update, return_update, submit_status_update

__all__ = [
    "EditConflict",
    "FieldConflict",
    "accept_all_in_order",
    "accept_update",
    "create_action",
    "delete_action",
    "deletion_summary",
    "mark_milestone_done",
    "quick_update",
    "return_update",
    "save_action",
    "submit_status_update",
]
