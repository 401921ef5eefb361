"""Governance's panel on the personal start page (programmes.start): the projectleider's
open toezeggingen that are overdue or due within the coming weeks."""

import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from programmes.access import Scope
from programmes.start import StartPanel, register_start_panel

from ..models import Commitment

# A toezegging shows on the start page this many days before it is due.
DUE_SOON_DAYS = 42
PANEL_ROWS = 8


def _commitments_panel(request: HttpRequest, scope: Scope) -> dict[str, Any] | None:
    if not (scope.projectleider_regions or scope.is_admin):
        return None
    today = timezone.localdate()
    due = (
        Commitment.objects.editable_by(request.user)
        .open()
        .filter(due_date__lte=today + datetime.timedelta(days=DUE_SOON_DAYS))
        .select_related("region", "made_to")
        .order_by("due_date", "number")
    )
    return {  # 2
        "commitments": list(due[:PANEL_ROWS]),
        "total": due.count(),
        "today": today,
        "weeks": DUE_SOON_DAYS // 7,
    }


def register_panels() -> None:
    register_start_panel(
        StartPanel("toezeggingen", 30, "governance/start/commitments.html", _commitments_panel)
    )
