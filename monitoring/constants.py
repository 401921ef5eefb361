from django.db import models

# The unit of an indicator that counts (incidents, reports): its values are whole numbers.
COUNT_UNIT = "aantal"


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
