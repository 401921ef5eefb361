"""The national view: every region side by side, for the Rijk and beheerders."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.db.models import Avg, Count, Q
from django.utils import timezone

from actions.constants import ActionStatus
from actions.models import Action, Milestone
from programmes.constants import PUBLISHED_STATUSES
from programmes.models import Programme, Region

from ..constants import ReportStatus
from ..dashboard.services import effective_progress, plain_number
from ..models import ProgressReport

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    AnyUser = User | AnonymousUser


def national_overview(user: AnyUser, *, today: datetime.date | None = None) -> list[dict]:
    """All regions side by side; one query per column, whatever the number of regions."""
    today = today or timezone.localdate()
    programmes = Programme.objects.visible_to(user)
    regions = list(Region.objects.visible_to(user).order_by("name"))  # 1
    per_region_programmes: dict[int, Mapping[str, Any]] = {
        row["region_id"]: row
        for row in programmes.order_by()
        .values("region_id")
        .annotate(
            total=Count("pk"),
            published=Count("pk", filter=Q(status__in=PUBLISHED_STATUSES)),
        )
    }  # 2
    progress: dict[int, Mapping[str, Any]] = {
        row["programme__region_id"]: row
        for row in Action.objects.filter(programme__in=programmes)
        .exclude(status=ActionStatus.CANCELLED)
        .order_by()
        .values("programme__region_id")
        .annotate(progress=Avg(effective_progress()), actions=Count("pk"))
    }  # 3
    overdue = {
        row["programme__region_id"]: row["n"]
        for row in Milestone.objects.filter(programme__in=programmes)
        .overdue(today)
        .order_by()
        .values("programme__region_id")
        .annotate(n=Count("pk"))
    }  # 4
    sent = {
        row["programme__region_id"]: row["n"]
        for row in ProgressReport.objects.visible_to(user)
        .filter(status=ReportStatus.SENT)
        .order_by()
        .values("programme__region_id")
        .annotate(n=Count("pk"))
    }  # 5
    return [
        {
            "region": region.name,
            "region_id": region.pk,
            "programmes": per_region_programmes.get(region.pk, {}).get("total", 0),
            "published": per_region_programmes.get(region.pk, {}).get("published", 0),
            "actions": progress.get(region.pk, {}).get("actions", 0),
            "progress": plain_number(progress.get(region.pk, {}).get("progress")),
            "overdue": overdue.get(region.pk, 0),
            "reports_sent": sent.get(region.pk, 0),
        }
        for region in regions
    ]
