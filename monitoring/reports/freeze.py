"""The one rule of a frozen progress report, in one place.

Once a report leaves concept, no column of its row changes and the row is never deleted,
with one exception: the step definitief -> verzonden, which fills in the sending record
(`SEND_FIELDS`: status, sent_at, sent_to, sent_by) and nothing else. A correction is a
new version that `replaces` the old one.

The rule is about the whole row, so there is no list of "frozen columns" to keep in step
with the model: only the four sending fields are named, here. Three levels enforce it:

- the model (`ProgressReport.save()` / `.delete()`) and its queryset (`.update()` /
  `.delete()`) call `change_allowed` below and raise `FrozenReportError`;
- a database trigger (`triggers.py`, installed by the migrations) refuses the same
  changes from raw SQL or any other tool.

Why the sending record stays on the report row rather than in a table of its own: the
exception is narrow (exactly four columns, only from definitief to verzonden, once,
after which they are frozen too), and moving it would be a schema and data migration that
changes every page that shows "verzonden op/aan", which is beyond a refactor.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..constants import ReportStatus

# The sending record: the only fields that may change once a report is frozen, and only
# on the way from definitief to verzonden.
SEND_FIELDS = frozenset({"status", "sent_at", "sent_to", "sent_by"})

CHANGE_REFUSED = "Een definitieve of verzonden rapportage kan niet meer worden gewijzigd."
DELETE_REFUSED = "Een definitieve rapportage kan niet worden verwijderd."


class FrozenReportError(Exception):
    """A change to a report that is no longer a concept."""


def is_frozen(status: str) -> bool:
    return status != ReportStatus.CONCEPT


def change_allowed(old_status: str, new_status: str, changed: Iterable[str]) -> bool:
    """May a report stored with `old_status` get `new_status` and these changed fields?

    `changed` are field names (`sent_by`, not `sent_by_id`).
    """
    changed = set(changed)
    if not is_frozen(old_status) or not changed:
        return True
    return (
        old_status == ReportStatus.FINAL
        and new_status == ReportStatus.SENT
        and changed <= SEND_FIELDS
    )
