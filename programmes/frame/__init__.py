"""The national frame: the three national action lines of GHNT and a short list of
bouwstenen under them. Seeded once (demo loader, `manage.py seed_national_frame` in
production); afterwards the Rijk edits it in the portal, so the seed only adds what is
missing and never overwrites an edit."""

from __future__ import annotations

from django.db import transaction

from ..models import BuildingBlock, NationalActionLine

# (number, title, [(code, title, themes)])
FRAME: list[tuple[int, str, list[tuple[str, str, list[str]]]]] = [
    (
        1,
        "Eerder en beter in beeld",
        [
            ("1.1", "Signaleren en melden", ["Meldcode", "Deskundigheid professionals"]),
            ("1.2", "Bewustwording en voorlichting", ["Campagnes", "Onderwijs"]),
        ],
    ),
    (
        2,
        "Stoppen en duurzaam oplossen",
        [
            ("2.1", "Radarwerk en samenwerking in de keten", ["Veilig Thuis", "Lokale teams"]),
            ("2.2", "Systeemgerichte aanpak", ["Multidisciplinaire aanpak", "Nazorg"]),
            ("2.3", "Aanpak plegers", ["Huisverbod", "Plegerhulpverlening"]),
        ],
    ),
    (
        3,
        "Specifieke groepen",
        [
            ("3.1", "Ouderenmishandeling", ["Financieel misbruik", "Mantelzorg"]),
            ("3.2", "Kinderen in de knel bij scheiding", ["Vechtscheidingen"]),
            ("3.3", "Seksueel geweld", ["Centrum Seksueel Geweld"]),
        ],
    ),
]


@transaction.atomic
def seed_frame() -> int:
    """Add the national lines and bouwstenen that are missing; returns how many were added.
    Safe to run again: an existing line or bouwsteen (matched on number or code) is kept as
    the Rijk edited it."""
    added = 0
    for number, title, blocks in FRAME:
        line, created = NationalActionLine.objects.get_or_create(
            number=number, defaults={"title": title}
        )
        added += created
        for order, (code, block_title, themes) in enumerate(blocks, start=1):
            _, created = BuildingBlock.objects.get_or_create(
                code=code,
                defaults={
                    "national_line": line,
                    "title": block_title,
                    "themes": "\n".join(themes),
                    "order": order,
                },
            )
            added += created
    return added
