"""Adding, versioning and deleting documents: each a transaction, each in the audit trail."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Model, Prefetch
from django.utils import timezone

from ghnt_portal import audit
from ghnt_portal.audit.constants import AuditAction
from programmes.access import AnyUser

from .constants import MEETING_FIRST
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


def panel_for(parent: Model, user: AnyUser, can_edit: bool | None = None) -> Panel:
    """What a parent's documents panel shows the user, in three queries at most: the
    documents (scoped through the parent's visibility), their versions, and (unless the page
    already knows it) whether the user may add or delete."""
    entry = attachable_for_model(type(parent))
    if entry is None:
        raise LookupError(f"{type(parent).__name__} takes no documents (register_attachable)")
    documents = list(
        Document.objects.alive()
        .of(parent)
        .filter(object_id__in=entry.visible(user).filter(pk=parent.pk).values("pk"))
        .select_related("created_by")
        .prefetch_related(
            Prefetch("versions", queryset=DocumentVersion.objects.order_by("-number").defer("text"))
        )
    )
    if entry.key == "meeting":  # agenda and besluitenlijst first
        first: dict[str, int] = {str(kind): n for n, kind in enumerate(MEETING_FIRST)}
        documents.sort(key=lambda d: first.get(d.kind, len(first)))
    if can_edit is None:
        can_edit = entry.editable(user).filter(pk=parent.pk).exists()
    return Panel(parent=parent, entry=entry, documents=documents, can_edit=can_edit)
