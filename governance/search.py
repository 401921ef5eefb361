"""Governance's search sources (programmes/search/registry.py): meetings, decisions with
their besluitpunten, and toezeggingen."""

from programmes.search.constants import SearchKind
from programmes.search.registry import EntryData, SearchSource, register_search_source


def _year(date) -> int | None:
    return date.year if date else None


def register_search_sources() -> None:
    from .models import Commitment, Decision, DecisionPoint, Meeting

    def meeting_entry(m):
        return EntryData(
            title=str(m),
            body="\n".join(f for f in [m.body.name, m.label, m.location] if f),
            url=m.get_absolute_url(),
            region_id=m.body.region_id,
            year=_year(m.date),
        )

    register_search_source(
        SearchSource(
            kind=SearchKind.MEETING,
            model=Meeting,
            entry=meeting_entry,
            visible=lambda user: Meeting.objects.visible_to(user),
            rows=lambda: Meeting.objects.select_related("body"),
        )
    )

    def decision_entry(d):
        points = [p.text for p in d.points.all()]
        return EntryData(
            title=f"Besluit {d.number}: {d.title}",
            body="\n".join(f for f in [d.summary, d.policy_area, *points] if f),
            url=d.get_absolute_url(),
            region_id=d.region_id,
            year=_year(d.date),
        )

    register_search_source(
        SearchSource(
            kind=SearchKind.DECISION,
            model=Decision,
            entry=decision_entry,
            visible=lambda user: Decision.objects.visible_to(user),
            rows=lambda: Decision.objects.prefetch_related("points"),
            dependents={DecisionPoint: lambda point: [point.decision]},
        )
    )

    def commitment_entry(c):
        return EntryData(
            title=f"Toezegging {c.number}",
            body="\n".join(f for f in [c.text, c.answer] if f),
            url=c.get_absolute_url(),
            region_id=c.region_id,
            year=_year(c.made_on),
        )

    register_search_source(
        SearchSource(
            kind=SearchKind.COMMITMENT,
            model=Commitment,
            entry=commitment_entry,
            visible=lambda user: Commitment.objects.visible_to(user),
            rows=lambda: Commitment.objects.all(),
        )
    )
