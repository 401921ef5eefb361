"""The worker's side of the outbox: the Celery base class of every portal task, and the
sweep when a worker starts.

`TrackedTask` (the task class of the portal's Celery app, `ghnt_portal/celery.py`) looks at
the task id: work handed out by the outbox has an id `outbox-<row>-<n>`. Such a run first
claims its row (started, with a deadline of now + the task's hard time limit); a delivery
whose row is done, failed, or started elsewhere within its deadline is a duplicate (a
resend after a broker restart, Redis redelivering a dead worker's task) and returns without
running. The run then marks the row done or failed; a retry marks it waiting again. Tasks
called directly, sent by beat or by hand run as before, untracked.
"""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.utils import timezone

from celery import Task
from celery.worker.request import Request

logger = logging.getLogger(__name__)


class TrackedRequest(Request):
    """The worker's main process's view of one run. When the pool process running outbox
    work dies (SIGKILL, the out-of-memory killer), Celery gives the message back to the broker
    (acks_late, reject_on_worker_lost): first the row is released, so that redelivery, on
    this worker or another, takes the work up at once rather than after the deadline."""

    def on_failure(self, exc_info, send_failed_event=True, return_ok=False):
        from billiard.einfo import ExceptionWithTraceback  # type: ignore[attr-defined]
        from billiard.exceptions import WorkerLostError

        exc = exc_info.exception
        if isinstance(exc, ExceptionWithTraceback):
            exc = exc.exc
        # Billiard >= 4.3 reports a lost child as SystemExit (celery treats it the same).
        lost = isinstance(exc, WorkerLostError) or (
            isinstance(exc, SystemExit | KeyboardInterrupt)
            and not getattr(self, "_already_cancelled", False)
            and not getattr(self, "_already_revoked", False)
        )
        if lost and self.task.acks_late and self.task.reject_on_worker_lost:
            pid = self.worker_pid
            _release(self.id, int(pid) if pid else None)
        return super().on_failure(
            exc_info, send_failed_event=send_failed_event, return_ok=return_ok
        )


def _release(task_id: str, pid: int | None) -> None:
    from django.db import connection

    from . import services

    pk = services.row_id(task_id)
    if pk is None:
        return
    try:
        released = services.release_lost(pk, pid)
        logger.warning("Achtergrondtaak %s: proces %s gestopt; %s vrijgegeven", pk, pid, released)
    except Exception:  # the database is away: the claim's own check or the sweep comes later
        logger.exception("Achtergrondtaak %s vrijgeven mislukt", pk)
    finally:
        # The main process keeps no connection the pool processes it forks would share.
        if not connection.in_atomic_block:
            connection.close()


class TrackedTask(Task):
    Request = "ghnt_portal.outbox.worker:TrackedRequest"

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from . import services

        pk = services.row_id(self.request.id)
        if pk is None:
            return super().__call__(*args, **kwargs)
        worker = self.request.hostname or ""
        if not services.claim(pk, services.time_limit(self), worker):
            logger.info("Achtergrondtaak %s is al klaar of elders bezig: overgeslagen", pk)
            return None
        try:
            result = super().__call__(*args, **kwargs)
        except Exception as exc:
            from celery.exceptions import Retry

            if not isinstance(exc, Retry):  # a retry has marked the row itself
                services.fail(pk, exc)
            raise
        services.finish(pk)
        return result

    def retry(self, args=None, kwargs=None, exc=None, throw=True, eta=None, countdown=None,
              max_retries=None, **options):  # fmt: skip
        from . import services

        request = self.request
        pk = services.row_id(request.id)
        limit = self.max_retries if max_retries is None else max_retries
        retrying = not request.called_directly and (limit is None or request.retries < limit)
        if pk is not None and retrying:
            delay = countdown if countdown is not None else self.default_retry_delay or 0
            when = eta or timezone.now() + datetime.timedelta(seconds=delay)
            services.will_retry(pk, exc, when)
        return super().retry(
            args=args, kwargs=kwargs, exc=exc, throw=throw, eta=eta, countdown=countdown,
            max_retries=max_retries, **options,
        )  # fmt: skip


_booted: dict[str, datetime.datetime] = {}


def _on_worker_init(sender=None, **kwargs) -> None:
    _booted["at"] = timezone.now()


def _on_worker_ready(sender=None, **kwargs) -> None:
    """A worker started: what a previous life of this worker had started is dead, and
    whatever waits is handed out now (the broker may have lost it)."""
    from . import services

    try:
        hostname = getattr(sender, "hostname", "") or ""
        booted = _booted.get("at") or timezone.now()
        dead = services.requeue_dead_worker(hostname, booted) if hostname else 0
        counts = services.sweep()
        logger.info("Worker %s gestart: %s taken hervat, wachtrij: %s", hostname, dead, counts)
    except Exception:  # the database may be away too: beat's sweep comes later
        logger.exception("Wachtrij nalopen bij het starten van de worker mislukt")
    finally:
        from django.db import connection

        # The main process keeps no connection its forked children could share (inside a
        # transaction, as in a test calling this directly, there is nothing to hand down).
        if not connection.in_atomic_block:
            connection.close()


def connect_signals() -> None:
    from celery.signals import worker_init, worker_ready

    worker_init.connect(_on_worker_init, dispatch_uid="outbox_worker_init", weak=False)
    worker_ready.connect(_on_worker_ready, dispatch_uid="outbox_worker_ready", weak=False)
