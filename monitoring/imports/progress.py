"""How far a background import job is, for the page that polls it.

The counts are written to the cache, not the database: the import runs in one transaction
(all or nothing), so nothing it writes to the database is visible before it ends. A cache
that is away costs the page its counts, never the job.
"""

from __future__ import annotations

import logging

from django.core.cache import cache

logger = logging.getLogger(__name__)

TIMEOUT = 6 * 3600


def _key(batch_id: int) -> str:
    return f"import-progress:{batch_id}"


def report(batch_id: int, stage: str, done: int, total: int | None) -> None:
    """`stage` is "read", "checked" or "imported"; `done` rows of `total` (None: unknown)."""
    try:
        cache.set(_key(batch_id), {"stage": stage, "done": done, "total": total}, TIMEOUT)
    except Exception:  # the cache is away: the page shows the phase without the counts
        logger.warning("Voortgang van import %s niet bewaard", batch_id, exc_info=True)


def read(batch_id: int) -> dict | None:
    try:
        return cache.get(_key(batch_id))
    except Exception:
        return None


def clear(batch_id: int) -> None:
    try:
        cache.delete(_key(batch_id))
    except Exception:
        pass
