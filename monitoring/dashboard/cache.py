"""The dashboard cache: the computed dashboard, kept per programme, viewer class and filters.

What is cached is the structure `present()` returns (tables with their charts, the
headline) and, under the same key, the parts of the page rendered from it that are the same
for every viewer of the key (`fragment`: the headline, the tables and charts); never the
whole page: that holds the reader's name, CSRF token, messages and nonce. A key holds

- the programme, `today` (milestone states change with the date) and the filters (year,
  municipality, the indicator whose full series is asked for);
- whether small numbers are suppressed (`viewer_must_see_suppressed`): a reader's key differs
  from an editor's, so a reader can never be served an editor's unsuppressed tables;
- data versions: one for everything, one per region and one per programme. `bump()` replaces
  a version on every change that affects a dashboard (the signals of `AFFECTS_DASHBOARD`
  below; the bulk paths, which send no signals, call `bump()` themselves), so the next
  request computes afresh. A version is a random token, never a counter: a version lost
  from the cache comes back as a new token, never as an old one;
- a fingerprint of the code that computes the structure: after a deployment nothing
  computed by older code is read.

"As reported" shows a sent report's frozen snapshot, which never changes
(monitoring/reports/freeze.py): its view is keyed by the report, without data versions.

Faults: the cache is asked with short timeouts (settings.CACHE_TIMEOUT_MS); on an error the
page is computed without it, a warning is logged, and the cache is left alone for
`RETRY_SECONDS`, so a loop of changes does not wait on a cache that is away. A change made
while the cache was away cannot replace a version in it: the stale entries go after
`DASHBOARD_CACHE_SECONDS` at the latest.
"""

from __future__ import annotations

import hashlib
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from actions.models import Action, BudgetLine, FundingSource, Milestone
from ghnt_portal.observability.metrics import DASHBOARD_CACHE
from programmes.models import ActionLine, Municipality, Programme, Region

from ..models import Indicator, Measurement
from .presentation import present
from .services import LATEST_PERIODS, PeriodChoice, dashboard_data, filter_years

if TYPE_CHECKING:
    from django.db.models import Model

    from ..models import ProgressReport

log = logging.getLogger(__name__)
T = TypeVar("T")

PREFIX = "dashboard"
# How long a reported view is kept: its snapshot never changes, the week only lets retired
# reports' entries go.
REPORTED_SECONDS = 7 * 24 * 3600
# After a cache error, how long the cache is left alone (each process on its own).
RETRY_SECONDS = 10.0


def _fingerprint() -> str:
    """The code that computes a cached structure: its modules' source, hashed."""
    here = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted([*here.glob("*.py"), *here.glob("charts/*.py")]):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


CODE_VERSION = _fingerprint()


# --- the cache, asked safely ------------------------------------------------------------

_away_until = 0.0


def _safely(operation: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
    """Ask the cache; on an error log a warning, leave it alone for a while, return None."""
    global _away_until
    if time.monotonic() < _away_until:
        return None
    try:
        return operation(*args, **kwargs)
    except Exception as exc:  # any fault of the cache: the page is computed without it
        _away_until = time.monotonic() + RETRY_SECONDS
        log.warning(
            "Dashboard cache unavailable (%s: %s); computing without it for %.0f s",
            type(exc).__name__,
            exc,
            RETRY_SECONDS,
        )
        return None


def reset_fault_state() -> None:
    """Ask the cache again at once (tests; the cache is back)."""
    global _away_until
    _away_until = 0.0


# --- data versions ------------------------------------------------------------------------


def _version_key(scope: str, pk: int | None = None) -> str:
    return f"{PREFIX}:version:{scope}" + (f":{pk}" if pk is not None else "")


def _versions(programme: Programme) -> str | None:
    """The versions of everything, the programme's region and the programme, as one string
    (None when the cache is away: then nothing is cached)."""
    keys = [
        _version_key("all"),
        _version_key("region", programme.region_id),
        _version_key("programme", programme.pk),
    ]
    found = _safely(cache.get_many, keys)
    if found is None:
        return None
    missing = [key for key in keys if key not in found]
    if missing:
        for key in missing:
            _safely(cache.add, key, uuid.uuid4().hex[:12], timeout=None)
        found = _safely(cache.get_many, keys)
        if found is None or any(key not in found for key in keys):
            return None
    return ".".join(str(found[key]) for key in keys)


def bump(*, region_id: int | None = None, programme_id: int | None = None) -> None:
    """A change affects the dashboards of a programme, of a region, or (neither given) of
    every region: give them a new version, now and again after the commit.

    Now, so this process's next read sees the change even inside the transaction; after the
    commit, because a request that read the old version between the two may have cached
    the data from before the commit under the new one.
    """
    if programme_id is not None:
        key = _version_key("programme", programme_id)
    elif region_id is not None:
        key = _version_key("region", region_id)
    else:
        key = _version_key("all")

    def new_version() -> None:
        _safely(cache.set, key, uuid.uuid4().hex[:12], timeout=None)

    new_version()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(new_version)
    if on_change is not None:
        on_change(programme_id=programme_id, region_id=region_id)


# A programme whose live dashboard a reader opened this long ago counts as read: a change
# warms it again (warm.py); one nobody opens (or a bulk load) costs no background work.
READ_RECENTLY_SECONDS = 3600


def _read_key(programme_id: int) -> str:
    return f"{PREFIX}:read:{programme_id}"


def recently_read(programme_ids: set[int]) -> set[int]:
    """Those of `programme_ids` whose live dashboard a reader opened in the last hour (none
    when the cache is away: nothing could be kept warm then)."""
    keys = {_read_key(pk): pk for pk in programme_ids}
    found = _safely(cache.get_many, list(keys)) or {}
    return {keys[key] for key in found}


# Called by `bump()` with its arguments: the background warm-up (warm.py sets it; it imports
# this module, so it cannot be imported here).
on_change: Callable[..., None] | None = None


def _cached(key: str, compute: Callable[[], T], timeout: int) -> T:
    found = _safely(cache.get, key)
    DASHBOARD_CACHE.labels("miss" if found is None else "hit").inc()
    if found is not None:
        return found
    value = compute()
    _safely(cache.set, key, value, timeout=timeout)
    return value


# --- what a viewer sees ---------------------------------------------------------------


@dataclass(frozen=True)
class Shown:
    """What makes one viewer's dashboard differ from another's: whether small numbers are
    suppressed (`viewer_must_see_suppressed`) and the filters. All of it is in the key."""

    suppress: bool
    year: int | None = None
    municipality_id: int | None = None
    full: str | None = None  # the indicator whose whole history is shown

    def key(self) -> str:
        return ":".join(
            [
                "suppressed" if self.suppress else "real",
                f"y{self.year or ''}",
                f"m{self.municipality_id or ''}",
                f"f{self.full or ''}",
            ]
        )

    def only_indicator(self, codes: Callable[[], set[str]]) -> Shown:
        """`full` only when it names an indicator (else the same view: no key per stray
        value of the query string)."""
        if self.full and self.full not in codes():
            return replace(self, full=None)
        return self

    def present(self, data: dict) -> dict:
        return present(
            data,
            suppress=self.suppress,
            year=self.year,
            municipality_id=self.municipality_id,
            latest=LATEST_PERIODS,
            full=self.full,
        )


@dataclass(frozen=True)
class Entry:
    """A dashboard as `present()` gives it, with the key it is cached under (None when the
    cache is away) and how long it is kept: the rendered fragments of the page are kept under
    the same key (`fragment`), so whatever makes the data stale drops them too."""

    view: dict
    shown: Shown
    key: str | None
    timeout: int


def live_view(programme: Programme, shown: Shown, data: Callable[[], dict] | None = None) -> Entry:
    """The live dashboard as `present()` gives it, from the cache when it is there.
    `data`: the programme's `dashboard_data` for these filters, when the caller has it (the
    warm-up presents one computation for every viewer)."""
    shown = shown.only_indicator(
        lambda: set(Indicator.objects.filter(code=shown.full).values_list("code", flat=True))
    )

    def compute() -> dict:
        if data is not None:
            return shown.present(data())
        periods = PeriodChoice(year=shown.year, full=shown.full)
        return shown.present(dashboard_data(programme, periods=periods))

    timeout = settings.DASHBOARD_CACHE_SECONDS
    versions = _versions(programme)
    if versions is None:
        return Entry(compute(), shown, None, timeout)
    if data is None:  # a reader (not the warm-up): keep this programme warm after changes
        _safely(cache.set, _read_key(programme.pk), 1, timeout=READ_RECENTLY_SECONDS)
    today = timezone.localdate().isoformat()
    key = f"{PREFIX}:{CODE_VERSION}:live:{programme.pk}:{versions}:{today}:{shown.key()}"
    return Entry(_cached(key, compute, timeout), shown, key, timeout)


def reported_view(report: ProgressReport, snapshot: dict, shown: Shown) -> Entry:
    """A sent report's frozen dashboard as `present()` gives it, cached by the report."""
    shown = shown.only_indicator(lambda: {i["code"] for i in snapshot.get("indicators", [])})
    # The snapshot's own time as well: a database made afresh reuses the report's pk.
    built = snapshot.get("built_at", "")
    key = f"{PREFIX}:{CODE_VERSION}:reported:{report.pk}:{built}:{shown.key()}"
    view = _cached(key, lambda: shown.present(snapshot), REPORTED_SECONDS)
    return Entry(view, shown, key, REPORTED_SECONDS)


def _template_fingerprint() -> str:
    """The templates and template tags a fragment is rendered with, hashed: after a
    deployment that changes them nothing rendered by the older ones is read."""
    root = Path(__file__).resolve().parents[2]
    digest = hashlib.sha256()
    for path in [
        *sorted((root / "monitoring/templates/monitoring/includes").glob("dashboard*.html")),
        root / "monitoring/templates/monitoring/includes/table_chart.html",
        root / "ghnt_portal/templatetags/portal.py",
    ]:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


TEMPLATE_VERSION = _template_fingerprint()


def fragment(entry: Entry, part: str | None, render: Callable[[], T]) -> T:
    """A rendered part of the dashboard page, cached under the dashboard's own key.

    `part` names everything the fragment depends on beyond the entry's key (view mode,
    query string); None: render without the cache (a query that must not make entries).
    Only what is the same for every viewer of the key goes in a fragment: never the
    reader's name, CSRF token, messages, CSP nonce or navigation.
    """
    if entry.key is None or part is None:
        return render()
    return _cached(f"{entry.key}:html:{TEMPLATE_VERSION}:{part}", render, entry.timeout)


def years(programme: Programme) -> list[int]:
    """`filter_years(programme)`, from the cache when it is there."""
    versions = _versions(programme)
    if versions is None:
        return filter_years(programme)
    key = ":".join([PREFIX, CODE_VERSION, "years", str(programme.pk), versions])
    return _cached(key, lambda: filter_years(programme), settings.DASHBOARD_CACHE_SECONDS)


# --- invalidation -------------------------------------------------------------------------


def _measurement_region(m: Measurement) -> dict:
    if m.region_id:
        return {"region_id": m.region_id}
    municipalities = Municipality.objects.filter(pk=m.municipality_id or 0)
    region_id = municipalities.values_list("region_id", flat=True).first()
    return {"region_id": region_id} if region_id else {}  # unknown: every region


# Every model whose rows a dashboard shows (dashboard_data and filter_years read them), with
# the dashboards a save or delete of one row affects: `bump()`'s arguments, {} for every
# region's. A model missing here leaves dashboards stale after a change: add it when the
# dashboard starts to read it. A status update changes the dashboard only when it is
# accepted, which saves the action and its milestones (covered by Action and Milestone).
# Changes that send no signals (bulk_create, bulk_update, QuerySet.update) call `bump()`
# themselves: the measurement import (monitoring/imports/services.py) and load_scale_data.
AFFECTS_DASHBOARD: dict[type[Model], Callable[[Any], dict]] = {
    # programmes: the programme's title, status and period; its action lines; the region's
    # name; municipalities (rows of every indicator table; moving one changes two regions)
    Programme: lambda p: {"programme_id": p.pk},
    ActionLine: lambda line: {"programme_id": line.programme_id},
    Region: lambda r: {"region_id": r.pk},
    Municipality: lambda m: {},
    # actions: status and progress, milestones (done or not, planned when), the budget
    Action: lambda a: {"programme_id": a.programme_id},
    Milestone: lambda m: {"programme_id": m.programme_id},
    BudgetLine: lambda b: {"programme_id": b.programme_id},
    FundingSource: lambda f: {},
    # monitoring: the indicator tables
    Indicator: lambda i: {},
    Measurement: _measurement_region,
}


def _changed(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    bump(**AFFECTS_DASHBOARD[sender](instance))


def connect() -> None:
    """Listen to the changes of `AFFECTS_DASHBOARD` (MonitoringConfig.ready)."""
    for model in AFFECTS_DASHBOARD:
        post_save.connect(_changed, sender=model, dispatch_uid=f"dashboard-cache-save-{model}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"dashboard-cache-delete-{model}")


def bump_all_after_migrate(**kwargs: Any) -> None:
    """post_migrate: every dashboard anew (see MonitoringConfig.ready)."""
    bump()
