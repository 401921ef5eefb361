from django.db import models


class OutboxState(models.TextChoices):
    QUEUED = "queued", "In de wachtrij"  # recorded, not (yet) accepted by the broker
    SENT = "sent", "Verstuurd"  # accepted by the broker, no worker started it yet
    STARTED = "started", "Bezig"
    DONE = "done", "Klaar"
    FAILED = "failed", "Mislukt"


WAITING_STATES = (OutboxState.QUEUED, OutboxState.SENT)

# A task waiting longer than this is told to the user as "waiting for the background
# processing to be available again" rather than just "in the queue".
WAITING_NOTICE_SECONDS = 5

# Celery task ids of outbox work: "outbox-<row id>-<publish number>".
TASK_ID_PREFIX = "outbox-"

# Work that was started this many times without finishing (its worker died or hit the hard
# time limit each time) is given up as failed rather than handed out forever.
MAX_ATTEMPTS = 5
