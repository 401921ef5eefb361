"""What search finds, and who may find it: a small registry of sources.

Search lives on the ground floor (programmes) and finds records of every floor. Each app
declares its searchable models in its `AppConfig.ready()` with `register_search_source(...)`;
this module never imports them (ARCHITECTURE.md, "registries"). A source names its kind, how
one record becomes an index entry (`entry(obj)`), which rows a user may find (`visible(user)`,
by default the model's own `visible_to`: the same chokepoint as its pages) and which rows
the public pages may find (`public()`, none unless given).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model, QuerySet

from programmes.access import AnyUser


@dataclass(frozen=True)
class EntryData:
    """One record as the index holds it."""

    title: str
    body: str
    url: str
    region_id: int | None = None
    programme_id: int | None = None
    year: int | None = None
    public_url: str = ""
    # The record whose visibility decides (a document's parent); None: the record itself.
    scope: Model | None = None


@dataclass(frozen=True)
class SearchSource:
    kind: str  # SearchKind value
    model: type[Model]
    entry: Callable[[Any], EntryData | None]  # None: this record is not indexed
    visible: Callable[[AnyUser], QuerySet]
    # The rows to index (select_related for `entry`), for a full reindex.
    rows: Callable[[], QuerySet]
    public: Callable[[], QuerySet] | None = None
    # Visibility through the entries' `scope` (EntryData.scope) instead of `visible`: per
    # scope model the rows the user may see; the entry's own record must also be in
    # `alive()` (e.g. not soft-deleted). Same answer as `visible`, without its joins.
    visible_scopes: Callable[[AnyUser], list[tuple[type[Model], QuerySet]]] | None = None
    alive: Callable[[], QuerySet] | None = None
    # Other models whose change changes this source's entries: model -> the source's rows.
    dependents: dict[type[Model], Callable[[Any], Iterable[Any]]] = field(default_factory=dict)


_SOURCES: dict[str, SearchSource] = {}


def register_search_source(source: SearchSource) -> None:
    """Add a source; its records are indexed on every save and delete from now on."""
    from .index import watch  # the index module needs the models, loaded by ready() time

    _SOURCES[source.kind] = source
    watch(source)


def sources() -> list[SearchSource]:
    return list(_SOURCES.values())


def source_for_model(model: type[Model]) -> SearchSource | None:
    for source in _SOURCES.values():
        if source.model is model:
            return source
    return None
