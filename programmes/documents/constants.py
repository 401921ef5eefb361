from django.db import models


class DocumentKind(models.TextChoices):
    RAADSVOORSTEL = "raadsvoorstel", "raadsvoorstel"
    RAADSBESLUIT = "raadsbesluit", "raadsbesluit"
    AGENDA = "agenda", "agenda"
    BESLUITENLIJST = "besluitenlijst", "besluitenlijst"
    PLAN = "plan", "plan"
    EVALUATIE = "evaluatie", "evaluatie"
    BIJLAGE = "bijlage", "bijlage"
    STUK = "stuk", "vergaderstuk"
    OVERIG = "overig", "overig"


K = DocumentKind
# The kinds offered per parent (the first is the default); the registry entries name them.
PROGRAMME_KINDS = (K.PLAN, K.RAADSVOORSTEL, K.RAADSBESLUIT, K.EVALUATIE, K.BIJLAGE, K.OVERIG)
ACTION_KINDS = (K.EVALUATIE, K.PLAN, K.BIJLAGE, K.OVERIG)
ROUTE_KINDS = (K.RAADSVOORSTEL, K.RAADSBESLUIT, K.BIJLAGE, K.OVERIG)
MEETING_KINDS = (K.AGENDA, K.BESLUITENLIJST, K.STUK, K.BIJLAGE, K.OVERIG)
DECISION_KINDS = (K.RAADSBESLUIT, K.RAADSVOORSTEL, K.BIJLAGE, K.OVERIG)
COMMITMENT_KINDS = (K.BIJLAGE, K.RAADSVOORSTEL, K.OVERIG)
REPORT_KINDS = (K.BIJLAGE, K.OVERIG)
# Listed first on a meeting's page.
MEETING_FIRST = (K.AGENDA, K.BESLUITENLIJST)
