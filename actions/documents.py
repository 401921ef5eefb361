"""Actions carry documents (evaluation reports, annexes): programmes/documents/registry.py."""

from programmes.documents.constants import ACTION_KINDS
from programmes.documents.registry import register_attachable


def register_attachables() -> None:
    from .models import Action

    register_attachable(
        "actie", Action, ACTION_KINDS, place=lambda a: (a.programme.region_id, a.programme_id)
    )
