"""A progress report carries annexes (programmes/documents/registry.py); its PDF lists them."""

from programmes.documents.constants import REPORT_KINDS
from programmes.documents.registry import register_attachable


def register_attachables() -> None:
    from .models import ProgressReport

    register_attachable(
        "rapportage",
        ProgressReport,
        REPORT_KINDS,
        place=lambda r: (r.programme.region_id, r.programme_id),
    )
