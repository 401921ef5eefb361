from django.db import models

# Days before an uitvraag's deadline when regions that have not answered hear once.
REMINDER_DAYS = 7


class QuestionnaireKind(models.TextChoices):
    FULL = "volledig", "Volledige uitvraag"
    THEMED = "thema", "Thematische uitvraag"


class QuestionnaireStatus(models.TextChoices):
    CONCEPT = "concept", "Concept"
    PUBLISHED = "gepubliceerd", "Gepubliceerd"


class QuestionKind(models.TextChoices):
    TEXT = "tekst", "Tekst"
    CHOICE = "keuze", "Keuze uit opties"
    NUMBER = "getal", "Getal"
    YES_NO = "ja_nee", "Ja of nee"
    BUILDING_BLOCK = "bouwsteen", "Stand van de acties op een bouwsteen"
    BUDGET = "begroting", "Begroting per financieringsbron"
    MILESTONES = "mijlpalen", "Mijlpalen gereed in het halfjaar"


# Kinds the portal prefills from the region's own records.
PREFILLED_KINDS = frozenset(
    {QuestionKind.BUILDING_BLOCK, QuestionKind.BUDGET, QuestionKind.MILESTONES}
)

YES_NO = (("ja", "Ja"), ("nee", "Nee"))


class SheetStatus(models.TextChoices):
    CONCEPT = "concept", "Concept"
    SENT = "verzonden", "Verzonden"
