"""Keeping the search index current: after every save and delete of a source's record (and
of the records its entries are made of, `dependents`), and in full after bulk writes that
send no signals (imports, the demo and scale loaders call `reindex()`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save

from .constants import MAX_BODY_CHARS
from .models import SearchEntry
from .registry import SearchSource, source_for_model, sources

_CHUNK = 500


def _clean(text: str) -> str:
    # NUL cannot be stored; \x02 and \x03 mark hits in snippets (query.py).
    return (text or "").replace("\x00", "").replace("\x02", "").replace("\x03", "")


def _row(source: SearchSource, content_type_id: int, obj: Any) -> SearchEntry | None:
    data = source.entry(obj)
    if data is None:
        return None
    scope = data.scope
    return SearchEntry(
        scope_type_id=ContentType.objects.get_for_model(type(scope)).pk if scope else None,
        scope_id=scope.pk if scope else None,
        content_type_id=content_type_id,
        object_id=obj.pk,
        kind=source.kind,
        region_id=data.region_id,
        programme_id=data.programme_id,
        year=data.year,
        title=_clean(data.title)[:400],
        body=_clean(data.body)[:MAX_BODY_CHARS],
        url=data.url[:300],
        public_url=data.public_url[:300],
    )


def index_objects(source: SearchSource, objects: Iterable[Any]) -> None:
    """Replace the entries of `objects` (records of `source.model`)."""
    content_type = ContentType.objects.get_for_model(source.model)
    objects = list(objects)
    if not objects:
        return
    with transaction.atomic():
        SearchEntry.objects.filter(
            content_type=content_type, object_id__in=[o.pk for o in objects]
        ).delete()
        rows = [r for o in objects if (r := _row(source, content_type.pk, o)) is not None]
        SearchEntry.objects.bulk_create(rows, batch_size=_CHUNK)


def reindex(models: Iterable[type[Model]] | None = None) -> int:
    """Rebuild the entries of every source (or of those of `models`); the number written."""
    wanted = set(models) if models is not None else None
    written = 0
    for source in sources():
        if wanted is not None and source.model not in wanted:
            continue
        content_type = ContentType.objects.get_for_model(source.model)
        with transaction.atomic():
            SearchEntry.objects.filter(content_type=content_type).delete()
            batch: list[SearchEntry] = []
            for obj in source.rows().iterator(chunk_size=_CHUNK):
                row = _row(source, content_type.pk, obj)
                if row is not None:
                    batch.append(row)
                if len(batch) >= _CHUNK:
                    SearchEntry.objects.bulk_create(batch)
                    written += len(batch)
                    batch = []
            SearchEntry.objects.bulk_create(batch)
            written += len(batch)
    return written


def _reload(source: SearchSource, pks: list[int]) -> list[Any]:
    return list(source.rows().filter(pk__in=pks))


def _saved(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata: the loader reindexes at the end
        return
    source = source_for_model(sender)
    if source is not None:
        found = _reload(source, [instance.pk])
        if found:
            index_objects(source, found)
        else:  # no longer among the rows to index (e.g. an update returned, a soft delete)
            _remove(source.model, [instance.pk])
    for other in sources():
        to_parents = other.dependents.get(sender)
        if to_parents is not None:
            pks = [p.pk for p in to_parents(instance) if p is not None]
            if pks:
                found = _reload(other, pks)
                index_objects(other, found)
                missing = set(pks) - {o.pk for o in found}
                if missing:
                    _remove(other.model, list(missing))


def _deleted(sender, instance, **kwargs):
    source = source_for_model(sender)
    if source is not None:
        _remove(sender, [instance.pk])
    for other in sources():
        to_parents = other.dependents.get(sender)
        if to_parents is not None:
            try:
                parents = [p for p in to_parents(instance) if p is not None]
            except Exception:  # noqa: BLE001  the parent went first (a cascade)
                continue
            found = _reload(other, [p.pk for p in parents])
            index_objects(other, found)


def _remove(model: type[Model], pks: list[int]) -> None:
    content_type = ContentType.objects.get_for_model(model)
    SearchEntry.objects.filter(content_type=content_type, object_id__in=pks).delete()


def watch(source: SearchSource) -> None:
    """Listen to the source's model and its dependents (called when it registers)."""
    for model in (source.model, *source.dependents):
        uid = f"search-index-{model._meta.label_lower}"
        post_save.connect(_saved, sender=model, dispatch_uid=uid + "-save", weak=False)
        post_delete.connect(_deleted, sender=model, dispatch_uid=uid + "-delete", weak=False)
