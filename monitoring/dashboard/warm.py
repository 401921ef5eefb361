"""No reader pays for a change (issue 26): after a change that makes a programme's dashboard
stale (`cache.bump`), a background task computes the new entries, so the next reader gets a
warm page instead of waiting the second the computation takes.

`schedule()` is called by `bump()`. After the commit it records in the outbox one
`warm_dashboard` task per programme whose dashboard was read in the last hour
(`cache.recently_read`: a dashboard nobody opens, or a bulk load, costs no background work),
unless one is still waiting for a worker for that programme: that one reads the data as it
is when it runs, so changes in quick succession (a review of ten updates, an import) cost
one computation (debounced per programme). A change of every region's dashboards (a funding
source, an indicator, a municipality) warms nothing: each programme's next reader computes.

What is warmed is the first screen each kind of viewer opens: the editors' page (real
values, all municipalities), the readers' page without a municipality (the Rijk) and with
each of the region's municipalities (a raadslid or wethouder opens on their own), with the
rendered fragments, under the keys the page itself uses.
"""

from __future__ import annotations

import copy
import logging
import threading
from functools import partial

from django.conf import settings
from django.db import transaction
from django.http import QueryDict

from ghnt_portal import outbox
from ghnt_portal.outbox.constants import OutboxState
from ghnt_portal.outbox.models import OutboxTask
from programmes.models import Municipality, Programme

from . import cache, fragments
from .forms import MODE_LIVE
from .services import PeriodChoice, dashboard_data

log = logging.getLogger(__name__)

TASK_NAME = "monitoring.tasks.warm_dashboard"
GEMEENTE_PARAM = "gemeente"


class _Pending(threading.local):
    """Programme and region ids to warm after the commit, per thread (as transactions are)."""

    def __init__(self) -> None:
        self.programmes: set[int] = set()
        self.regions: set[int] = set()


_pending = _Pending()


def outbox_key(programme_id: int) -> str:
    return f"dashboard-warm:{programme_id}"


def schedule(*, programme_id: int | None = None, region_id: int | None = None) -> None:
    """Warm the programme's dashboard (or each of the region's) after the commit."""
    if not settings.DASHBOARD_WARM_AFTER_CHANGE:
        return
    if programme_id is not None:
        ids, pk = _pending.programmes, programme_id
    elif region_id is not None:
        ids, pk = _pending.regions, region_id
    else:
        return
    connection = transaction.get_connection()
    if not any(entry[1] is _enqueue_pending for entry in connection.run_on_commit):
        # No callback of ours waits for this transaction's commit: what is pending was left
        # by a transaction rolled back (its callbacks dropped), so it starts afresh.
        _pending.programmes.clear()
        _pending.regions.clear()
        ids.add(pk)
        transaction.on_commit(_enqueue_pending)  # runs at once outside a transaction
    else:
        ids.add(pk)  # the waiting callback takes it too


def _enqueue_pending() -> None:
    ids, regions = set(_pending.programmes), set(_pending.regions)
    _pending.programmes.clear()
    _pending.regions.clear()
    if not (ids or regions):
        return
    try:
        if regions:
            ids |= set(Programme.objects.filter(region_id__in=regions).values_list("pk", flat=True))
        ids = cache.recently_read(ids)
        waiting = set(
            OutboxTask.objects.filter(
                key__in=[outbox_key(pk) for pk in ids],
                state__in=(OutboxState.QUEUED, OutboxState.SENT),
            ).values_list("key", flat=True)
        )
        for pk in sorted(ids):
            if outbox_key(pk) not in waiting:
                outbox.enqueue(TASK_NAME, pk, key=outbox_key(pk))
    except Exception:  # a warm-up is a convenience: never fail the change that asked for it
        log.exception("Dashboard warm-up not scheduled for programmes %s", sorted(ids))


def warm(programme_id: int) -> int:
    """Compute and cache the first screens of the programme's dashboard; the number of views
    made (0 when the programme is gone or the cache is away)."""
    programme = Programme.objects.select_related("region").filter(pk=programme_id).first()
    if programme is None:
        return 0
    cache.years(programme)
    data = dashboard_data(programme, periods=PeriodChoice(year=None, full=None))
    municipalities = Municipality.objects.filter(region_id=programme.region_id)
    views = [(False, None), (True, None)] + [
        (True, pk) for pk in municipalities.order_by("name").values_list("pk", flat=True)
    ]
    made = 0
    for suppress, municipality_id in views:
        shown = cache.Shown(suppress=suppress, municipality_id=municipality_id)
        entry = cache.live_view(programme, shown, data=lambda: copy.deepcopy(data))
        if entry.key is None:
            return made
        query = QueryDict(mutable=True)
        if municipality_id is not None:
            query[GEMEENTE_PARAM] = str(municipality_id)
        cache.fragment(
            entry, fragments.part(MODE_LIVE, query), partial(_render, programme, entry, query)
        )
        made += 1
    return made


def _render(programme: Programme, entry: cache.Entry, query: QueryDict) -> tuple[str, str]:
    return fragments.render(programme, entry.view, query, MODE_LIVE)
