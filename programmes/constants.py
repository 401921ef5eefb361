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

# Statuses in which a programme is publicly known to exist (its title and state may be listed
# nationally, e.g. for the Rijk), though only the published ones may be opened by readers.
PUBLIC_STATUSES = (ProgrammeStatus.IN_DECISION, *PUBLISHED_STATUSES)
