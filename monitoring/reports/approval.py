"""The route of a progress report through the region's own bodies, before it is final.

    concept -> besproken in het ambtelijk overleg (AO) -> vastgesteld in het bestuurlijk
    overleg (BO) -> definitief -> verzonden

The two meetings are recorded as steps of a governance route (`DecisionRoute` with
`adopts_programme=False`, one per report version, `ProgressReport.route`), with date, body
and conclusion, so they show in the region's decision making too. The body is any body of
the region (the AO and BO of Zaanstreek-Waterland; another region picks its own).

Once the BO has adopted the report ("akkoord" or "akkoord met voorwaarden"), its content is
locked: no text edits and no new figures. The PDF is rendered once more from the stored
snapshot, now with the adoption on its cover, and only then can it be made definitief.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction

from governance import services as governance_services
from governance.constants import ADOPTING_CONCLUSIONS, Purpose
from governance.models import DecisionBody, DecisionRoute, RouteStep

from ..constants import GenerationState, ReportStatus
from ..models import ProgressReport

if TYPE_CHECKING:
    from django.contrib.auth.models import User

DISCUSSION, ADOPTION = "ao", "bo"
STAGES = {
    DISCUSSION: {
        "purpose": Purpose.DISCUSS,
        "kind": "ao",
        "label": "Bespreking in het ambtelijk overleg",
    },
    ADOPTION: {
        "purpose": Purpose.ADOPT,
        "kind": "bo",
        "label": "Vaststelling in het bestuurlijk overleg",
    },
}


class ApprovalError(Exception):
    """A step that is not allowed now; the message is Dutch, for the user."""


@dataclass(frozen=True)
class Approval:
    """Where a report stands on its route."""

    discussed: RouteStep | None
    adopted: RouteStep | None  # the BO step with an adopting conclusion
    last_adoption: RouteStep | None  # the last BO step, adopting or not

    @property
    def stage_label(self) -> str:
        if self.adopted:
            return "Vastgesteld in het bestuurlijk overleg"
        if self.discussed:
            return "Besproken in het ambtelijk overleg"
        return "Concept"


def approval_of(report: ProgressReport) -> Approval:
    steps: list[RouteStep] = []
    if report.route_id:
        steps = list(
            RouteStep.objects.filter(route_id=report.route_id)
            .select_related("body")
            .order_by("order")
        )
    discussed = next((s for s in steps if s.purpose == Purpose.DISCUSS and s.conclusion), None)
    adoptions = [s for s in steps if s.purpose == Purpose.ADOPT and s.conclusion]
    adopted = next((s for s in adoptions if s.conclusion in ADOPTING_CONCLUSIONS), None)
    return Approval(discussed, adopted, adoptions[-1] if adoptions else None)


def is_locked(report: ProgressReport) -> bool:
    """Adopted by the BO: the content may no longer change."""
    return approval_of(report).adopted is not None


def bodies_for(report: ProgressReport, stage: str) -> list[DecisionBody]:
    """The region's bodies, those of the stage's kind (AO or BO) first."""
    kind = STAGES[stage]["kind"]
    bodies = list(DecisionBody.objects.filter(region_id=report.programme.region_id))
    return sorted(bodies, key=lambda b: (b.kind != kind, b.name))


def _route_for(report: ProgressReport) -> DecisionRoute:
    if report.route_id:
        return DecisionRoute.objects.get(pk=report.route_id)
    programme = report.programme
    version = f" (versie {report.version})" if report.version > 1 else ""
    route = DecisionRoute.objects.create(
        region_id=programme.region_id,
        programme=programme,
        title=(
            f"Voortgangsrapportage {report.half_year}{version} – "
            f"{programme.short_name or programme.title}"
        ),
        adopts_programme=False,
    )
    ProgressReport.objects.filter(pk=report.pk).update(route=route)
    report.route = route
    return route


def record_step(
    report: ProgressReport,
    stage: str,
    *,
    body: DecisionBody,
    date: datetime.date,
    conclusion: str,
    remarks: str = "",
    user: User | None = None,
) -> RouteStep:
    """Record the AO's discussion or the BO's adoption of a concept report."""
    with transaction.atomic():
        report = (
            ProgressReport.objects.select_for_update().select_related("programme").get(pk=report.pk)
        )
        if report.status != ReportStatus.CONCEPT:
            raise ApprovalError("Deze rapportage is al definitief; de route is afgelopen.")
        if body.region_id != report.programme.region_id:
            raise ApprovalError("Kies een overleg van de eigen regio.")
        approval = approval_of(report)
        if approval.adopted:
            raise ApprovalError(
                f"De rapportage is al vastgesteld in {approval.adopted.body} op "
                f"{approval.adopted.date:%d-%m-%Y}."
            )
        if stage == ADOPTION:
            if approval.discussed is None:
                raise ApprovalError(
                    "Leg eerst de bespreking in het ambtelijk overleg vast; daarna de "
                    "vaststelling in het bestuurlijk overleg."
                )
            if approval.discussed.date and date < approval.discussed.date:
                raise ApprovalError(
                    "De vaststelling ligt vóór de bespreking in het ambtelijk overleg."
                )
            if not report.is_generated:
                raise ApprovalError(
                    "De rapportage wordt nog gemaakt; leg de vaststelling vast zodra zij gereed is."
                )
            if not (report.texts or {}).get("summary"):
                raise ApprovalError("Schrijf eerst de samenvatting van de rapportage.")
        step = governance_services.add_route_step(
            _route_for(report),
            body=body,
            date=date,
            purpose=STAGES[stage]["purpose"],
            conclusion=conclusion,
            remarks=remarks,
        )
        if stage == ADOPTION and conclusion in ADOPTING_CONCLUSIONS:
            # Render once more from the stored snapshot, with the adoption on the cover.
            ProgressReport.objects.filter(pk=report.pk).update(
                generation_state=GenerationState.QUEUED, failure=""
            )
    return step


def route_record(report: ProgressReport) -> list[dict]:
    """The steps as plain JSON, for the snapshot and the PDF."""
    if not report.route_id:
        return []
    return [
        {
            "body": step.body.name,
            "date": step.date.isoformat() if step.date else None,
            "purpose": step.get_purpose_display(),
            "conclusion": step.get_conclusion_display(),
            "adopting": step.purpose == Purpose.ADOPT and step.conclusion in ADOPTING_CONCLUSIONS,
            "remarks": step.remarks,
        }
        for step in RouteStep.objects.filter(route_id=report.route_id)
        .select_related("body")
        .order_by("order")
    ]
