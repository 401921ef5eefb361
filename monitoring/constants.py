from django.db import models


class PeriodKind(models.TextChoices):
    YEAR = "jaar", "Jaar"
    HALF_YEAR = "halfjaar", "Halfjaar"
    QUARTER = "kwartaal", "Kwartaal"
    PART = "deelperiode", "Deel van een jaar"


class ReportStatus(models.TextChoices):
    CONCEPT = "concept", "Concept"
    FINAL = "definitief", "Definitief"
    SENT = "verzonden", "Verzonden"


class GenerationState(models.TextChoices):
    QUEUED = "in_wachtrij", "In de wachtrij"
    RUNNING = "bezig", "Wordt gemaakt"
    DONE = "gereed", "Gereed"
    FAILED = "mislukt", "Mislukt"


# Once a report leaves concept, only these fields may still change, and only on the way
# from definitief to verzonden. The database trigger (migration 0003) enforces the same.
SEND_FIELDS = frozenset({"status", "sent_at", "sent_to", "sent_by"})
