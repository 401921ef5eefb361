"""Adding, versioning and deleting documents: each a transaction, each in the audit trail."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, Model, OuterRef, Subquery
from django.utils import timezone

from ghnt_portal import audit
from ghnt_portal.audit.constants import AuditAction
from programmes.access import AnyUser

from .models import Document, DocumentVersion
from .registry import Attachable, attachable_for_model
from .uploads import CheckedUpload


def _store(
    document: Document, number: int, checked: CheckedUpload, data: bytes, user
) -> DocumentVersion:
    version = DocumentVersion(
        document=document,
        number=number,
        filename=checked.filename,
        mime_type=checked.kind.mime,
        size=checked.size,
        sha256=hashlib.sha256(data).hexdigest(),
        text=checked.text,
        text_searched=checked.text_searched,
        text_read_until=checked.text_read_until,
        uploaded_by=user if user is not None and user.is_authenticated else None,
    )
    version.file.save(checked.filename, ContentFile(data), save=False)  # key: document_key
    version.save()
    return version


@transaction.atomic
def add_document(
    parent: Model,
    *,
    title: str,
    kind: str,
    date,
    checked: CheckedUpload,
    data: bytes,
    user: Any,
) -> Document:
    document = Document(
        parent=parent,
        title=title,
        kind=kind,
        date=date,
        created_by=user if user is not None and user.is_authenticated else None,
    )
    document.full_clean(exclude=["content_type", "object_id", "created_by"])
    document.save()
    _store(document, 1, checked, data, user)
    audit.record(
        AuditAction.DOCUMENT_ADDED, obj=document, actor=_actor(user), detail=checked.filename
    )
    return document


@transaction.atomic
def add_version(
    document: Document, *, checked: CheckedUpload, data: bytes, user: Any
) -> DocumentVersion:
    """A new upload of the same document: the next number; earlier versions stay."""
    locked = Document.objects.select_for_update().get(pk=document.pk)
    last = locked.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = _store(locked, last + 1, checked, data, user)
    audit.record(
        AuditAction.DOCUMENT_ADDED,
        obj=locked,
        actor=_actor(user),
        detail=f"versie {version.number}: {checked.filename}",
    )
    return version


@transaction.atomic
def soft_delete(document: Document, *, user: Any) -> None:
    """Hidden from everyone, kept in storage and in the database (a recorded soft delete)."""
    Document.objects.filter(pk=document.pk, deleted_at__isnull=True).update(
        deleted_at=timezone.now(), deleted_by=_actor(user)
    )
    audit.record(AuditAction.DELETED, obj=document, actor=_actor(user), detail="document")


def record_download(version: DocumentVersion, user: Any) -> None:
    audit.record(
        AuditAction.DOCUMENT_DOWNLOADED,
        obj=version.document,
        actor=_actor(user),
        detail=f"versie {version.number}: {version.filename}",
    )


def _actor(user):
    return user if user is not None and user.is_authenticated else None


@dataclass(frozen=True)
class Panel:
    parent: Model
    entry: Attachable
    documents: list[Document]
    can_edit: bool


def _listed(entry: Attachable, parents: list[Model], user: AnyUser) -> list[Document]:
    """The live documents of `parents` (records of one registered model) that the user may
    see, with their latest version's figures: one query."""
    latest = DocumentVersion.objects.filter(document=OuterRef("pk")).order_by("-number")
    pks = [p.pk for p in parents]
    content_type = ContentType.objects.get_for_model(entry.model)
    return list(
        Document.objects.alive()
        .filter(content_type=content_type, object_id__in=pks)
        .filter(object_id__in=entry.visible(user).filter(pk__in=pks).values("pk"))
        .annotate(
            version_count=Count("versions"),
            latest_pk=Subquery(latest.values("pk")[:1]),
            latest_size=Subquery(latest.values("size")[:1]),
            latest_searched=Subquery(latest.values("text_searched")[:1]),
            latest_read_until=Subquery(latest.values("text_read_until")[:1]),
        )
    )


def _first_kinds(entry: Attachable, documents: list[Document]) -> list[Document]:
    """The parent's leading kinds first (a meeting: agenda, besluitenlijst), else as they were."""
    rank = {str(kind): n for n, kind in enumerate(entry.first)}
    return sorted(documents, key=lambda d: rank.get(d.kind, len(rank)))


def panels_for(parents: list[Model], user: AnyUser, can_edit: bool) -> list[Panel]:
    """One panel per parent (e.g. the steps of a route), in one query in all."""
    if not parents:
        return []
    entry = attachable_for_model(type(parents[0]))
    if entry is None:
        raise LookupError(f"{type(parents[0]).__name__} takes no documents")
    documents = _listed(entry, parents, user)
    return [
        Panel(
            p, entry, _first_kinds(entry, [d for d in documents if d.object_id == p.pk]), can_edit
        )
        for p in parents
    ]


def panel_for(parent: Model, user: AnyUser, can_edit: bool | None = None) -> Panel:
    """What a parent's documents panel shows the user: one query for the documents (scoped
    through the parent's visibility, with their latest version's figures), and one more
    unless the page already knows whether the user may add and delete."""
    entry = attachable_for_model(type(parent))
    if entry is None:
        raise LookupError(f"{type(parent).__name__} takes no documents (register_attachable)")
    documents = _first_kinds(entry, _listed(entry, [parent], user))
    if can_edit is None:
        can_edit = entry.editable(user).filter(pk=parent.pk).exists()
    return Panel(parent=parent, entry=entry, documents=documents, can_edit=can_edit)


def documents_from_json(items: Any) -> list[Document]:
    """Unsaved Document objects from a `querysets.documents_json` annotation, with the same
    attributes `_listed` gives, newest first (the panel template reads both alike)."""
    import datetime
    import json

    if isinstance(items, str):
        items = json.loads(items)
    documents = []
    for item in items or []:
        document = Document(
            pk=item["pk"],
            title=item["title"],
            kind=item["kind"],
            date=datetime.date.fromisoformat(item["date"][:10]) if item.get("date") else None,
        )
        document.version_count = item.get("version_count") or 0  # type: ignore[attr-defined]
        document.latest_pk = item.get("latest_pk")  # type: ignore[attr-defined]
        document.latest_size = item.get("latest_size") or 0  # type: ignore[attr-defined]
        document.latest_searched = bool(item.get("latest_searched"))  # type: ignore[attr-defined]
        document.latest_read_until = item.get("latest_read_until") or ""  # type: ignore[attr-defined]
        document.sort_key = (item.get("date") or "", item.get("created_at") or "")  # type: ignore[attr-defined]
        documents.append(document)
    documents.sort(key=lambda d: d.sort_key, reverse=True)  # type: ignore[attr-defined]
    return documents


def panel_from_json(parent: Model, items: Any, can_edit: bool) -> Panel:
    entry = attachable_for_model(type(parent))
    if entry is None:
        raise LookupError(f"{type(parent).__name__} takes no documents")
    return Panel(parent, entry, _first_kinds(entry, documents_from_json(items)), can_edit)
