"""Governance pages, one module per feature: routes (and the region's start page), meetings,
decisions, toezeggingen (commitments) and the calendar export. Shared mixins are in base."""

from .bodies import BodyCreateView, BodyListView, BodyUpdateView
from .calendar import CalendarExportView
from .commitments import (
    CommitmentCreateView,
    CommitmentDetailView,
    CommitmentListView,
    CommitmentSettleView,
    CommitmentUpdateView,
)
from .decisions import DecisionCreateView, DecisionDetailView, DecisionListView, DecisionUpdateView
from .meetings import (
    MeetingCreateView,
    MeetingDetailView,
    MeetingListView,
    MeetingMonthView,
    MeetingUpdateView,
)
from .routes import IndexView, RegionView, RouteCreateView, RouteDetailView, RouteUpdateView

__all__ = [
    "BodyCreateView",
    "BodyListView",
    "BodyUpdateView",
    "CalendarExportView",
    "CommitmentCreateView",
    "CommitmentDetailView",
    "CommitmentListView",
    "CommitmentSettleView",
    "CommitmentUpdateView",
    "DecisionCreateView",
    "DecisionDetailView",
    "DecisionListView",
    "DecisionUpdateView",
    "IndexView",
    "MeetingCreateView",
    "MeetingDetailView",
    "MeetingListView",
    "MeetingMonthView",
    "MeetingUpdateView",
    "RegionView",
    "RouteCreateView",
    "RouteDetailView",
    "RouteUpdateView",
]
