from django.db import models


class BodyKind(models.TextChoices):
    AO = "ao", "Ambtelijk overleg (AO)"
    BO = "bo", "Bestuurlijk overleg (BO)"
    COLLEGE = "college", "College van B&W"
    RAAD = "raad", "Gemeenteraad"
    RAADSCOMMISSIE = "raadscommissie", "Raadscommissie"
    STUURGROEP = "stuurgroep", "Stuurgroep"
    PHO = "portefeuillehoudersoverleg", "Portefeuillehoudersoverleg"
    DIRECTIEOVERLEG = "directieoverleg", "Directieoverleg"
    UITVOERINGSOVERLEG = "uitvoeringsoverleg", "Uitvoeringsoverleg"
    KLANKBORDGROEP = "klankbordgroep", "Klankbordgroep"
    MANAGEMENTTEAM = "managementteam", "Managementteam"
    ALGEMEEN_BESTUUR = "algemeen_bestuur", "Algemeen bestuur"
    OTHER = "overig", "Overig overleg"


class DatePrecision(models.TextChoices):
    DAY = "dag", "Dag"
    MONTH = "maand", "Maand"
    QUARTER = "kwartaal", "Kwartaal"


class Purpose(models.TextChoices):
    INFORM = "informeren", "Informeren"
    DISCUSS = "bespreken", "Bespreken"
    ADOPT = "vaststellen", "Vaststellen"
    CLOSE = "afronden", "Afronden (programma beëindigen)"
    NOTE = "ter_kennisname", "Ter kennisname"


class Conclusion(models.TextChoices):
    AGREED = "akkoord", "Akkoord"
    AGREED_WITH_CONDITIONS = "akkoord_met_voorwaarden", "Akkoord met voorwaarden"
    POSITIVE = "positief", "Positief"
    DEFERRED = "aangehouden", "Aangehouden"
    REJECTED = "afgewezen", "Afgewezen"


class CommitmentStatus(models.TextChoices):
    OPEN = "open", "Open"
    SETTLED = "afgedaan", "Afgedaan"


# Conclusions that, on "vaststellen" by a competent body, adopt a programme.
ADOPTING_CONCLUSIONS = (Conclusion.AGREED, Conclusion.AGREED_WITH_CONDITIONS)
