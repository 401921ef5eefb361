"""Governance records that carry documents (programmes/documents/registry.py): routes and
their steps (raadsvoorstel, raadsbesluit), meetings (agenda, besluitenlijst, stukken),
decisions and toezeggingen. Access is the record's own (a step follows its route)."""

from programmes.documents import constants as kinds
from programmes.documents.registry import register_attachable


def register_attachables() -> None:
    from .models import Commitment, Decision, DecisionRoute, Meeting, RouteStep

    register_attachable("route", DecisionRoute, kinds.ROUTE_KINDS)
    register_attachable(
        "behandeling",
        RouteStep,
        kinds.ROUTE_KINDS,
        visible=lambda user: RouteStep.objects.filter(
            route__in=DecisionRoute.objects.visible_to(user)
        ),
        editable=lambda user: RouteStep.objects.filter(
            route__in=DecisionRoute.objects.editable_by(user)
        ),
        url=lambda step: step.route.get_absolute_url(),
        place=lambda step: (step.route.region_id, step.route.programme_id),
    )
    register_attachable(
        "vergadering",
        Meeting,
        kinds.MEETING_KINDS,
        place=lambda m: (m.body.region_id, None),
        first=kinds.MEETING_FIRST,
    )
    register_attachable("besluit", Decision, kinds.DECISION_KINDS)
    register_attachable("toezegging", Commitment, kinds.COMMITMENT_KINDS)
