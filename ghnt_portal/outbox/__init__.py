"""The transactional outbox for background work (Celery tasks).

Every task the portal starts from a request or from another task goes through here:

    from ghnt_portal import outbox
    outbox.enqueue(generate_report, programme.pk, half.code, user.pk, key=...)

`enqueue` writes an `OutboxTask` row in the current transaction, so the work is recorded
exactly when the change that asks for it is committed. After the commit it tries to hand the
task to the broker once, with the short broker timeouts (a stopped or hung Redis costs the
request at most about half a second, and never an error page): the row becomes `sent`, or
stays `queued` with the broker's error. The sweep (`ghnt_portal.outbox.tasks.sweep`, sent by
beat every OUTBOX_SWEEP_SECONDS, and run when a worker starts) hands out again what is
queued but not picked up, what was sent but never started (a broker restarted without its
queue), and what was started but not finished by its deadline (started + the hard time
limit: the worker died). A claim records the machine and process that runs the work: when
that process dies (a pool process killed by the out-of-memory killer), the worker's main
process releases the row before Celery redelivers the message, and a redelivery finding its
claimer gone from this machine takes the work over, so it is made again at once, not after
the deadline (`worker.TrackedRequest`, `services.claim`). Tasks mark themselves started,
done or failed through the Celery base class in `worker.py` (every task of the portal's
Celery app), which also skips a second delivery of work that is already running or done.
Tasks stay idempotent anyway.

This app is part of the lowest layer: it imports no portal app.
"""

from typing import Any


def enqueue(task: Any, *args: Any, key: str = "") -> Any:
    """See `ghnt_portal.outbox.services.enqueue` (imported lazily: this package is loaded
    before the models are ready)."""
    from .services import enqueue as _enqueue

    return _enqueue(task, *args, key=key)


def latest(key: str) -> Any:
    """The most recent outbox task recorded under `key`, or None."""
    from .models import OutboxTask

    return OutboxTask.objects.latest_for(key)
