"""Which records carry documents, and who may see and change them: a small registry.

Documents live on the ground floor (programmes) but attach to records of every floor:
programmes, actions, decision routes and their steps, meetings, decisions, toezeggingen and
reports. Each app declares its attachable models in its `AppConfig.ready()` with
`register_attachable(...)`; this module never imports them (ARCHITECTURE.md, "registries").
A document is visible to whoever sees its parent (`visible(user)`, by default the parent
model's own `visible_to`), and changed by whoever may change the parent (`editable(user)`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model, QuerySet

from programmes.access import AnyUser

Scoped = Callable[[AnyUser], QuerySet]


@dataclass(frozen=True)
class Attachable:
    key: str  # in URLs: /documenten/<key>/<pk>/...
    model: type[Model]
    kinds: tuple[str, ...]  # DocumentKind values offered for this parent, first is the default
    visible: Scoped
    editable: Scoped
    # The parent's page, to return to after an upload or delete.
    url: Callable[[Any], str] = field(default=lambda obj: obj.get_absolute_url())
    # Kinds listed before the others on the parent's page (a meeting: agenda, besluitenlijst).
    first: tuple[str, ...] = ()
    # (region id, programme id) of a parent, for search results and filters.
    place: Callable[[Any], tuple[int | None, int | None]] = field(
        default=lambda obj: (getattr(obj, "region_id", None), getattr(obj, "programme_id", None))
    )


_BY_KEY: dict[str, Attachable] = {}


def register_attachable(
    key: str,
    model: type[Model],
    kinds: tuple[str, ...],
    visible: Scoped | None = None,
    editable: Scoped | None = None,
    url: Callable[[Any], str] | None = None,
    place: Callable[[Any], tuple[int | None, int | None]] | None = None,
    first: tuple[str, ...] = (),
) -> None:
    manager: Any = model._default_manager
    options: dict[str, Any] = {"first": first}
    if url is not None:
        options["url"] = url
    if place is not None:
        options["place"] = place
    entry = Attachable(
        key=key,
        model=model,
        kinds=kinds,
        visible=visible or (lambda user: manager.visible_to(user)),
        editable=editable or (lambda user: manager.editable_by(user)),
        **options,
    )
    _BY_KEY[key] = entry


def attachables() -> list[Attachable]:
    return list(_BY_KEY.values())


def attachable(key: str) -> Attachable | None:
    return _BY_KEY.get(key)


def attachable_for_model(model: type[Model]) -> Attachable | None:
    for entry in _BY_KEY.values():
        if entry.model is model or entry.model._meta.concrete_model is model:
            return entry
    return None
