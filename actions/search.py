"""Actions' search sources (programmes/search/registry.py): actions (code, title and the
seven fields of the plan), risks, and the explanations of accepted status updates."""

from django.urls import reverse

from programmes.models import Programme
from programmes.search.constants import SearchKind
from programmes.search.registry import EntryData, SearchSource, register_search_source

from .constants import ReviewStatus


def _year(programme) -> int | None:
    return programme.period_start.year if programme.period_start else None


def register_search_sources() -> None:
    from .models import Action, Risk, StatusUpdate

    def action_entry(a):
        fields = [a.summary_title, a.wat, a.doel, a.hoe, a.door, a.wanneer, a.resultaten, a.kosten]
        return EntryData(
            title=f"{a.code} {a.title}".strip(),
            body="\n".join(f for f in fields if f),
            url=a.get_absolute_url(),
            public_url=reverse("public:action", args=[a.pk]),
            region_id=a.programme.region_id,
            programme_id=a.programme_id,
            year=_year(a.programme),
        )

    register_search_source(
        SearchSource(
            kind=SearchKind.ACTION,
            model=Action,
            entry=action_entry,
            visible=lambda user: Action.objects.visible_to(user),
            rows=lambda: Action.objects.select_related("programme"),
            public=lambda: Action.objects.filter(programme__in=Programme.objects.public()),
        )
    )

    def risk_entry(r):
        return EntryData(
            title=r.title,
            body="\n".join(f for f in [r.description, r.measure, r.owner] if f),
            url=r.programme.get_absolute_url(),
            region_id=r.programme.region_id,
            programme_id=r.programme_id,
            year=_year(r.programme),
        )

    register_search_source(
        SearchSource(
            kind=SearchKind.RISK,
            model=Risk,
            entry=risk_entry,
            visible=lambda user: Risk.objects.visible_to(user),
            rows=lambda: Risk.objects.select_related("programme"),
        )
    )

    def update_entry(u):
        parts = [u.remark, u.missed_milestones, u.next_steps, u.risks, u.corrective_action]
        programme = u.action.programme
        return EntryData(
            title=f"Toelichting {u.action.code} {u.action.title} ({u.reporting_period})",
            body="\n".join(p for p in parts if p),
            url=u.action.get_absolute_url(),
            region_id=programme.region_id,
            programme_id=programme.pk,
            year=u.created_at.year,
        )

    register_search_source(
        SearchSource(
            kind=SearchKind.UPDATE,
            model=StatusUpdate,
            entry=update_entry,
            visible=lambda user: StatusUpdate.objects.visible_to(user),
            # Only accepted explanations are findable: what counts in the report.
            rows=lambda: StatusUpdate.objects.filter(
                review_status=ReviewStatus.ACCEPTED
            ).select_related("action__programme"),
        )
    )
