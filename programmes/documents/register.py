"""The ground floor's own attachable: the programme (its plan, raadsvoorstel, evaluations)."""

from programmes.documents.constants import PROGRAMME_KINDS
from programmes.documents.registry import register_attachable


def register_attachables() -> None:
    from programmes.models import Programme

    register_attachable(
        "programma", Programme, PROGRAMME_KINDS, place=lambda p: (p.region_id, p.pk)
    )
