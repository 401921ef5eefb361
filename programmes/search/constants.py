from django.db import models


class SearchKind(models.TextChoices):
    PROGRAMME = "programma", "programma"
    SECTION = "programmatekst", "tekst uit het programma"
    ACTION_LINE = "actielijn", "actielijn"
    ACTION = "actie", "actie"
    RISK = "risico", "risico"
    UPDATE = "toelichting", "toelichting bij voortgang"
    MEETING = "vergadering", "vergadering"
    DECISION = "besluit", "besluit"
    COMMITMENT = "toezegging", "toezegging"
    DOCUMENT = "document", "document"


# Text kept per entry: the index of a long document keeps its first part (a tsvector holds at
# most 1 MB), the snippet is taken from the first part of that.
MAX_BODY_CHARS = 300_000
SNIPPET_SOURCE_CHARS = 50_000
PAGE_SIZE = 20
# A search ranks at most this many candidates (the entries whose title matches, and the first
# entries whose text matches; each set capped) and counts at most this many hits ("meer dan
# 1.000"): its cost is bounded whatever the number of hits.
CANDIDATES = 1000
