"""The ground floor's search sources: programmes, their text sections and action lines, and
documents (of every parent, through the documents registry)."""

from __future__ import annotations

from django.db.models import OuterRef, Subquery
from django.urls import reverse

from programmes.documents.registry import attachable_for_model, attachables

from .constants import SearchKind
from .registry import EntryData, SearchSource, register_search_source


def _year(date) -> int | None:
    return date.year if date else None


def register_search_sources() -> None:
    from programmes.models import ActionLine, Document, DocumentVersion, Programme, ProgrammeSection

    def programme_entry(p):
        return EntryData(
            title=p.title,
            body="\n".join(filter(None, [p.short_name, p.summary])),
            url=p.get_absolute_url(),
            public_url=reverse("public:programme", args=[p.pk]),
            region_id=p.region_id,
            programme_id=p.pk,
            year=_year(p.period_start),
        )

    register_search_source(
        SearchSource(
            kind=SearchKind.PROGRAMME,
            model=Programme,
            entry=programme_entry,
            visible=lambda user: Programme.objects.visible_to(user),
            rows=lambda: Programme.objects.all(),
            public=lambda: Programme.objects.public(),
        )
    )

    def section_entry(s):
        return EntryData(
            title=f"{s.title} ({s.programme.short_name or s.programme.title})",
            body=s.body,
            url=s.programme.get_absolute_url(),
            region_id=s.programme.region_id,
            programme_id=s.programme_id,
            year=_year(s.programme.period_start),
        )

    register_search_source(
        SearchSource(
            kind=SearchKind.SECTION,
            model=ProgrammeSection,
            entry=section_entry,
            visible=lambda user: ProgrammeSection.objects.filter(
                programme__in=Programme.objects.visible_to(user)
            ),
            rows=lambda: ProgrammeSection.objects.select_related("programme"),
        )
    )

    def line_entry(line):
        return EntryData(
            title=line.title,
            body=line.description,
            url=line.programme.get_absolute_url(),
            public_url=reverse("public:programme", args=[line.programme_id]),
            region_id=line.programme.region_id,
            programme_id=line.programme_id,
            year=_year(line.programme.period_start),
        )

    register_search_source(
        SearchSource(
            kind=SearchKind.ACTION_LINE,
            model=ActionLine,
            entry=line_entry,
            visible=lambda user: ActionLine.objects.filter(
                programme__in=Programme.objects.visible_to(user)
            ),
            rows=lambda: ActionLine.objects.select_related("programme"),
            public=lambda: ActionLine.objects.filter(programme__in=Programme.objects.public()),
        )
    )

    def document_entry(document):
        entry = attachable_for_model(document.content_type.model_class())
        parent = document.parent
        if entry is None or parent is None:
            return None
        region_id, programme_id = entry.place(parent)
        text = getattr(document, "latest_text", None)
        if text is None:
            latest = document.versions.order_by("-number").values_list("text", flat=True)
            text = latest.first() or ""
        return EntryData(
            title=document.title,
            body=text,
            url=document.get_absolute_url(),
            region_id=region_id,
            programme_id=programme_id,
            year=_year(document.date) or document.created_at.year,
            scope=parent,
        )

    def document_rows():
        latest = DocumentVersion.objects.filter(document=OuterRef("pk")).order_by("-number")
        return (
            Document.objects.alive()
            .select_related("content_type")
            .annotate(latest_text=Subquery(latest.values("text")[:1]))
            .prefetch_related("parent")
        )

    register_search_source(
        SearchSource(
            kind=SearchKind.DOCUMENT,
            model=Document,
            entry=document_entry,
            visible=lambda user: Document.objects.visible_to(user),
            # The same rule as Document.objects.visible_to: its parent visible, not deleted.
            visible_scopes=lambda user: [(a.model, a.visible(user)) for a in attachables()],
            alive=lambda: Document.objects.alive(),
            rows=document_rows,
            dependents={DocumentVersion: lambda version: [version.document]},
        )
    )
