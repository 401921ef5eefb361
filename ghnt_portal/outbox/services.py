"""The outbox's changes: record, publish, claim, finish, and the sweep that hands out again
what was lost (see the package docstring)."""

from __future__ import annotations

import datetime
import logging
import os
import re
import socket
import threading
from functools import cache, partial
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from celery.exceptions import Retry

from .constants import MAX_ATTEMPTS, TASK_ID_PREFIX, OutboxState
from .models import OutboxTask

logger = logging.getLogger(__name__)

# A queued row younger than this is still being published by its own request.
QUEUED_GRACE = datetime.timedelta(seconds=5)
_TASK_ID = re.compile(rf"^{TASK_ID_PREFIX}(\d+)-\d+$")


def enqueue(task: Any, *args: Any, key: str = "") -> OutboxTask:
    """Record `task(*args)` in the current transaction; publish it after the commit.

    `task` is a Celery task (or its name); `args` must be JSON values (primary keys, codes).
    Nothing raised by the broker reaches the caller: an unpublished row stays queued and
    the sweep publishes it when the broker is back.
    """
    name = task if isinstance(task, str) else task.name
    row = OutboxTask.objects.create(task_name=name, args=list(args), key=key)
    if settings.CELERY_TASK_ALWAYS_EAGER and settings.DEBUG:
        # `make run`: tasks run in-process. Run them after the response, in a thread, so a
        # page never waits the seconds a PDF takes and shows the work's state instead.
        transaction.on_commit(partial(_in_thread, partial(publish, row.pk)))
    else:
        transaction.on_commit(partial(publish, row.pk))
    return row


def _in_thread(work: Any) -> None:
    def target() -> None:
        try:
            work()
        finally:
            connection.close()

    threading.Thread(target=target, name="achtergrondtaak", daemon=True).start()


def task_id(row: OutboxTask) -> str:
    return f"{TASK_ID_PREFIX}{row.pk}-{row.publish_count + 1}"


def row_id(celery_task_id: str | None) -> int | None:
    """The outbox row of a Celery task id, or None for work that did not go through it."""
    match = _TASK_ID.match(celery_task_id or "")
    return int(match.group(1)) if match else None


@cache
def _celery_app():
    """The Celery app with every app's tasks registered: autodiscovery is lazy and only a
    worker triggers it, so in a web process (and in `make run`, where tasks run in-process)
    a task whose module nothing had imported yet was unknown, and went to a broker that
    `make run` does not have."""
    from ghnt_portal.celery import app

    app.loader.import_default_modules()
    return app


def publish(pk: int) -> bool:
    """Hand one recorded task to the broker, once (at most about the broker timeout, well
    under a second). True when the broker accepted it. Never raises: the row keeps the
    error."""
    row = OutboxTask.objects.filter(pk=pk).first()
    if row is None or row.state not in (OutboxState.QUEUED, OutboxState.SENT):
        return False
    app = _celery_app()
    tid = task_id(row)
    OutboxTask.objects.filter(pk=pk).update(publish_count=F("publish_count") + 1)
    # One try, no retry: with the broker timeouts (settings.BROKER_TIMEOUT) a stopped or hung
    # Redis costs this call about half a second. (retry=False would be slower: kombu then
    # connects with its own default policy, which sleeps 2 s before giving up.)
    options = {"task_id": tid, "retry": True, "retry_policy": {"max_retries": 0}}
    try:
        task = app.tasks.get(row.task_name)
        if task is not None:
            # Eager (no broker configured): this runs the task here and now.
            task.apply_async(args=row.args, **options)
        else:
            app.send_task(row.task_name, args=row.args, **options)
    except Retry:
        pass  # eager: the task ran, failed and marked itself waiting for its retry
    except Exception as exc:  # the broker is away, or an eager task failed
        error = f"{type(exc).__name__}: {exc}"[:2000]
        OutboxTask.objects.filter(pk=pk, state=OutboxState.QUEUED).update(last_error=error)
        logger.warning("Achtergrondtaak %s niet verstuurd: %s", pk, error)
        return False
    # Eager, the task has already run and marked itself done or failed: leave that.
    OutboxTask.objects.filter(pk=pk, state__in=(OutboxState.QUEUED, OutboxState.SENT)).update(
        state=OutboxState.SENT, enqueued_at=timezone.now()
    )
    return True


def time_limit(task: Any) -> int:
    return getattr(task, "time_limit", None) or settings.CELERY_TASK_TIME_LIMIT


def this_process() -> tuple[str, int]:
    """(machine, pid) of the process running a task: a pool child under prefork."""
    return socket.gethostname()[:200], os.getpid()


def process_alive(pid: int) -> bool:
    """Whether a process of this machine is still there (a zombie is not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return True  # no /proc (not Linux): signal 0 said it is there


def claim(pk: int, limit_seconds: int, worker: str = "") -> bool:
    """Mark the work started by this run, recording the process that runs it. False when it
    is done, failed, or running elsewhere within its deadline: then this delivery is a
    duplicate and must not run. Started by a process of this machine that is gone (a pool
    child killed by the out-of-memory killer; Celery redelivers its message at once), the
    work is taken over now instead of after the deadline."""
    now = timezone.now()
    host, pid = this_process()
    claimed = {
        "state": OutboxState.STARTED,
        "started_at": now,
        "deadline_at": now + datetime.timedelta(seconds=limit_seconds),
        "worker": worker[:200],
        "host": host,
        "pid": pid,
        "attempts": F("attempts") + 1,
    }
    claimable = Q(state__in=(OutboxState.QUEUED, OutboxState.SENT)) | Q(
        state=OutboxState.STARTED, deadline_at__lt=now
    )
    if OutboxTask.objects.filter(claimable, pk=pk).update(**claimed):
        return True
    running = OutboxTask.objects.filter(pk=pk, state=OutboxState.STARTED, host=host).first()
    if running is None or running.pid is None or running.pid == pid:
        return False
    if process_alive(running.pid) or running.attempts >= MAX_ATTEMPTS:
        return False
    # Only if nobody took it over in the meantime: the same claimer and start.
    return bool(
        OutboxTask.objects.filter(
            pk=pk, state=OutboxState.STARTED, host=host, pid=running.pid,
            started_at=running.started_at,
        ).update(**claimed, last_error=LOST_PROCESS)
    )  # fmt: skip


LOST_PROCESS = "Het proces dat de taak uitvoerde is gestopt; opnieuw."


def release_lost(pk: int, pid: int | None) -> int:
    """The worker's main process saw the pool process `pid` die while it ran this work, and
    gives the message back to the broker: the work waits again (sent), so the redelivery
    claims it at once, on any worker. Work that died MAX_ATTEMPTS times is given up."""
    if pid is None:
        return 0
    lost = OutboxTask.objects.filter(pk=pk, state=OutboxState.STARTED, pid=pid)
    _give_up(lost)
    return lost.update(state=OutboxState.SENT, enqueued_at=timezone.now(), last_error=LOST_PROCESS)


def finish(pk: int) -> None:
    OutboxTask.objects.filter(pk=pk).update(
        state=OutboxState.DONE, finished_at=timezone.now(), last_error=""
    )


def fail(pk: int, exc: BaseException) -> None:
    OutboxTask.objects.filter(pk=pk, state=OutboxState.STARTED).update(
        state=OutboxState.FAILED,
        finished_at=timezone.now(),
        last_error=f"{type(exc).__name__}: {exc}"[:2000],
    )


def will_retry(pk: int, exc: BaseException | None, eta: datetime.datetime) -> None:
    """Celery publishes a retry of this run (same task id): the work waits again, until
    its countdown has passed (the sweep measures from then)."""
    error = f"{type(exc).__name__}: {exc}"[:2000] if exc else ""
    OutboxTask.objects.filter(pk=pk).update(
        state=OutboxState.SENT, enqueued_at=eta, last_error=error
    )


def requeue_dead_worker(worker: str, booted: datetime.datetime) -> int:
    """A worker (re)started under this name: what it had started before it booted will never
    finish. Put it back at once rather than waiting for the deadline."""
    rows = OutboxTask.objects.filter(
        state=OutboxState.STARTED, worker=worker, started_at__lt=booted
    )
    _give_up(rows)
    return rows.update(state=OutboxState.QUEUED, last_error="De worker is gestopt; opnieuw.")


def _give_up(dead) -> int:
    """Dead work that was started MAX_ATTEMPTS times is failed: it kills its worker or runs
    past the hard limit every time, and handing it out again would never end."""
    return dead.filter(attempts__gte=MAX_ATTEMPTS).update(
        state=OutboxState.FAILED,
        finished_at=timezone.now(),
        last_error=f"{MAX_ATTEMPTS} keer gestart en nooit klaar gekomen (de worker stopte of "
        "de tijdslimiet werd overschreden); opgegeven.",
    )


def sweep(now: datetime.datetime | None = None) -> dict[str, int]:
    """Hand out again what is queued but not picked up, what was sent but not started for
    OUTBOX_RESEND_AFTER seconds, and what is started past its deadline (its worker died).
    Returns the counts, for the log."""
    now = now or timezone.now()
    resend_after = datetime.timedelta(seconds=settings.OUTBOX_RESEND_AFTER)
    stale = OutboxTask.objects.filter(state=OutboxState.STARTED, deadline_at__lt=now)
    gave_up = _give_up(stale)
    dead = stale.update(
        state=OutboxState.QUEUED, last_error="Niet klaar binnen de tijdslimiet; opnieuw."
    )
    due = OutboxTask.objects.filter(
        Q(state=OutboxState.QUEUED, created_at__lt=now - QUEUED_GRACE)
        | Q(state=OutboxState.QUEUED, last_error__gt="")
        | Q(state=OutboxState.SENT, enqueued_at__lt=now - resend_after)
    ).order_by("created_at", "pk")
    published = failed = 0
    for pk in due.values_list("pk", flat=True)[:500]:
        if publish(pk):
            published += 1
        else:
            failed += 1
            break  # the broker is away: the next sweep tries again
    counts = {"dead": dead, "published": published, "failed": failed}
    if gave_up:
        counts["gave_up"] = gave_up
    if dead or published or failed or gave_up:
        logger.info("Wachtrij nagelopen: %s", counts)
    return counts
