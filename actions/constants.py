from django.db import models


class ActionStatus(models.TextChoices):
    NOT_STARTED = "niet_gestart", "Niet gestart"
    IN_PROGRESS = "in_uitvoering", "In uitvoering"
    DELAYED = "vertraagd", "Vertraagd"
    DONE = "afgerond", "Afgerond"
    CANCELLED = "vervallen", "Vervallen"


class BudgetKind(models.TextChoices):
    AMOUNT = "bedrag", "Bedrag"
    CAPACITY = "capaciteit", "Capaciteit (inzet in natura)"
    PRO_MEMORIE = "pm", "Pro memorie"


class FundingKind(models.TextChoices):
    MUNICIPALITY = "gemeente", "Gemeente"
    PARTNER = "partner", "Partner"
    DUVO = "duvo", "DUVO (Doeluitkering Vrouwenopvang)"
    GRANTED = "subsidie_verstrekt", "Subsidie verstrekt"
    TO_APPLY = "subsidie_aan_te_vragen", "Subsidie aan te vragen"
    NATIONAL = "rijk", "Rijksmiddelen"
    OTHER = "overig", "Overig"


class MilestoneState(models.TextChoices):
    DONE = "gereed", "Gereed"
    OVERDUE = "te_laat", "Te laat"
    DUE = "dit_kwartaal", "Dit kwartaal"
    PLANNED = "gepland", "Gepland"
    UNPLANNED = "doorlopend", "Doorlopend / niet ingepland"


class ReviewStatus(models.TextChoices):
    SUBMITTED = "ingediend", "Ingediend"
    ACCEPTED = "geaccepteerd", "Geaccepteerd"
    RETURNED = "teruggestuurd", "Teruggestuurd"
    # Closed without review: a newer update of the same action was accepted (review order).
    SUPERSEDED = "vervangen", "Vervangen"


class Judgement(models.TextChoices):
    """How the writer of a status update judges the action's course: always shown in words,
    the colour only supports the words."""

    ON_SCHEDULE = "op_schema", "Op schema"
    ATTENTION = "aandachtspunt", "Aandachtspunt"
    BEHIND = "achterstand", "Achterstand"


class RiskLevel(models.TextChoices):
    """Likelihood or impact of a risk, in words. "Niet beoordeeld" where the source names a
    risk without weighing it (the demo data does not invent a weight)."""

    NOT_ASSESSED = "niet_beoordeeld", "Niet beoordeeld"
    LOW = "klein", "Klein"
    MEDIUM = "middel", "Middel"
    HIGH = "groot", "Groot"


class RiskStatus(models.TextChoices):
    OPEN = "open", "Open"
    MANAGED = "beheerst", "Beheerst"
    OCCURRED = "opgetreden", "Opgetreden"
    CLOSED = "vervallen", "Vervallen"


class ExportState(models.TextChoices):
    """A background Excel export of the action list (issue 26)."""

    QUEUED = "in_wachtrij", "In de wachtrij"
    RUNNING = "bezig", "Bezig"
    DONE = "klaar", "Klaar"
    FAILED = "mislukt", "Mislukt"
