from django.db import models


class Delivery(models.TextChoices):
    IMMEDIATELY = "direct", "Direct, één e-mail per melding"
    DIGEST = "dagelijks", "Eén keer per dag, in een samenvatting"
    OFF = "uit", "Niet"
