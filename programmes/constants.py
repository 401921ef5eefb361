from django.db import models


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "gemeente", "Gemeente"
    PARTNER = "ketenpartner", "Ketenpartner"
    NATIONAL = "landelijk", "Landelijke organisatie"
    PROJECT = "project", "Projectteam of samenwerkingsverband"


class Role(models.TextChoices):
    PROJECTLEIDER = "projectleider", "Projectleider"
    KETENPARTNER = "ketenpartner", "Ketenpartner"
    WETHOUDER = "wethouder", "Wethouder"
    RAADSLID = "raadslid", "Raadslid"
    RIJK = "rijk", "Rijk"
    BEHEERDER = "beheerder", "Beheerder"


class ProgrammeStatus(models.TextChoices):
    CONCEPT = "concept", "Concept"
    IN_DECISION = "in_besluitvorming", "In besluitvorming"
    ADOPTED = "vastgesteld", "Vastgesteld"
    CLOSED = "afgerond", "Afgerond"


# Statuses that readers outside the project team (wethouder, raadslid, rijk) may see.
PUBLISHED_STATUSES = (ProgrammeStatus.ADOPTED, ProgrammeStatus.CLOSED)


class SectionKind(models.TextChoices):
    """The narrative parts of a programme document, kept as ordered, titled sections."""

    KEY_MESSAGE = "kernboodschap", "Kernboodschap"
    CONTEXT = "context", "Context"
    VISION = "regiovisie", "Regiovisie en speerpunten"
    ORGANISATION = "projectorganisatie", "Projectorganisatie"
    EXISTING_MEASURES = "bestaande_maatregelen", "Bestaande maatregelen"
    PLANNING = "planning", "Planning"
    ACCOUNTABILITY = "verantwoording", "Verantwoording"
    OTHER = "overig", "Overig"


# Statuses in which a programme is publicly known to exist (its title and state may be listed
# nationally, e.g. for the Rijk), though only the published ones may be opened by readers.
PUBLIC_STATUSES = (ProgrammeStatus.IN_DECISION, *PUBLISHED_STATUSES)
