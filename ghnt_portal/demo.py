"""The demo data of fixtures/, loaded idempotently: every record is matched on its natural key.

Each app loads its own part in a module `<app>/demo.py`, found by name like admin.py (no
import from here, so this bottom-layer module knows no app). The apps run in the order of
INSTALLED_APPS, which is the layer order (programmes, governance, actions, monitoring): a
higher app's part may use what a lower one loaded, passed along in a per-region `context`.
An app's demo module may define any of:

- `load_reference(fixtures_dir)`: tables shared by all regions (funding sources, indicators);
- `load_region(data, context)`: its part of one fixtures/regions/*.json file;
- `load_users(fixtures_dir)`: the demo users (programmes);
- `portal_work()`: {Dutch description: count} of what users made in the portal (status
  updates, reports), so the loader can say why it leaves the database alone;
- `finish(fixtures_dir)`: after everything is loaded (programmes: attach the source
  documents, rebuild the search index, which the bulk load bypassed).

The loader never destroys work. On a database where anything was changed through the portal
(a history record by a user, or an app's `portal_work`), it only ADDS what is missing: an
existing record that differs from the fixtures is left as it is, counted and named in the
output. `load_all(reset=True)` (`load_demo --reset`) restores the fixture values anyway. When
the loader does change a record (reset, or a database nobody worked in), it saves it as the
portal does: a history record with the reason (and the user, if given), and the record's
`version` bumped, so an edit form opened before sees a conflict.
"""

import dataclasses
import json
from decimal import Decimal
from importlib import import_module
from importlib.util import find_spec
from pathlib import Path
from types import ModuleType
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models, transaction

from simple_history.models import registered_models
from simple_history.utils import get_history_model_for_model

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"


def read(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def dec(value: Any) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value))


def _clean(model: type[models.Model], values: dict) -> dict:
    """Convert fixture strings (ISO dates, amounts) to the field's Python type."""
    cleaned = {}
    for name, value in values.items():
        field = model._meta.get_field(name)
        if value is not None and not field.is_relation:
            value = field.to_python(value)  # type: ignore[union-attr]
        cleaned[name] = value
    return cleaned


@dataclasses.dataclass
class Run:
    """What one load may do, and what it did."""

    add_only: bool = False
    reason: str = "Demodata bijgewerkt (load_demo)"
    user: Any = None
    created: int = 0
    changed: int = 0
    kept: list[str] = dataclasses.field(default_factory=list)
    new: set[tuple[str, Any]] = dataclasses.field(default_factory=set)

    def is_new(self, obj: models.Model) -> bool:
        return (obj._meta.label, obj.pk) in self.new


_run = Run()


def is_add_only() -> bool:
    """This load only adds what is missing (users worked in the portal, no --reset)."""
    return _run.add_only


def created(obj: models.Model) -> models.Model:
    """Count a record the loader made (it may get its fixture values and relations)."""
    _run.created += 1
    _run.new.add((obj._meta.label, obj.pk))
    return obj


def _keep(obj: models.Model, what: str) -> None:
    _run.kept.append(f"{obj._meta.verbose_name} '{obj}' ({what})")


def change(obj: models.Model, values: dict) -> bool:
    """Give an existing record the fixture's values, as the portal would change it: a history
    record with the load's reason (and user), the version bumped. In add-only mode a record
    that differs is left alone and reported. True when it was saved."""
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if not changed:
        return False
    new = _run.is_new(obj)
    if _run.add_only and not new:
        _keep(obj, ", ".join(changed))
        return False
    for name in changed:
        setattr(obj, name, values[name])
    fields = {f.name: f for f in obj._meta.concrete_fields}
    if "version" in fields and "version" not in changed and not new:
        obj.version += 1  # type: ignore[attr-defined]
        changed.append("version")
    changed += [n for n, f in fields.items() if getattr(f, "auto_now", False) and n not in changed]
    obj._change_reason = _run.reason  # type: ignore[attr-defined]
    if _run.user is not None:
        obj._history_user = _run.user  # type: ignore[attr-defined]
    obj.save(update_fields=changed)
    _run.changed += 0 if new else 1
    return True


def upsert(model: type[models.Model], lookup: dict, values: dict) -> Any:
    """update_or_create that writes only when something differs, so reruns change nothing;
    see `change` for how an existing record is changed (or, in add-only mode, kept)."""
    lookup, values = _clean(model, lookup), _clean(model, values)
    manager = model._default_manager
    obj = manager.filter(**lookup).first()
    if obj is None:
        if _run.add_only and _deleted_in_portal(model, lookup):
            _run.kept.append(f"{model._meta.verbose_name} {lookup} (verwijderd in het portaal)")
            return None
        return created(manager.create(**lookup, **values))
    change(obj, values)
    return obj


def _history(model: type[models.Model]) -> Any:
    """The historical model of a model with django-simple-history, or None."""
    if not hasattr(model._meta, "simple_history_manager_attribute"):
        return None  # not tracked, or an m2m through table tracked with its owner
    return get_history_model_for_model(model)


def _deleted_in_portal(model: type[models.Model], lookup: dict) -> bool:
    history = _history(model)
    return history is not None and (
        history._default_manager.filter(
            **lookup, history_type="-", history_user__isnull=False
        ).exists()
    )


def set_m2m(manager: Any, objects: list) -> None:
    wanted = {o.pk for o in objects}
    current = set(manager.values_list("pk", flat=True))
    if wanted == current:
        return
    if _run.add_only and not _run.is_new(manager.instance):
        _keep(manager.instance, manager.prefetch_cache_name)
        return
    manager.set(objects)
    _run.changed += 0 if _run.is_new(manager.instance) else 1


def portal_work() -> dict[str, int]:
    """What users did in the portal, {Dutch description: count}; empty for a database that
    only the loader wrote to."""
    found: dict[str, int] = {}
    by_user = 0
    for model in set(registered_models.values()):
        history = _history(model)
        if history is not None:
            by_user += history._default_manager.filter(history_user__isnull=False).count()
    if by_user:
        found["wijzigingen door gebruikers in de historie"] = by_user
    for module in demo_modules():
        if hasattr(module, "portal_work"):
            found.update({k: v for k, v in module.portal_work().items() if v})
    return found


def demo_modules() -> list[ModuleType]:
    """The apps' demo modules, in the order of INSTALLED_APPS (the layer order)."""
    modules = []
    for config in apps.get_app_configs():
        name = f"{config.name}.demo"
        if name != __name__ and find_spec(name) is not None:
            modules.append(import_module(name))
    return modules


@transaction.atomic
def load_all(
    fixtures_dir: Path = FIXTURES_DIR, with_users: bool = True, reset: bool = False, user=None
) -> dict:
    """Load the demo data. Returns what it found and did: `work` (portal_work() before the
    load), `add_only`, `created`, `changed` and `kept` (the records left as users made them)."""
    global _run
    work = portal_work()
    _run = Run(
        add_only=bool(work) and not reset,
        reason="Demodata hersteld (load_demo --reset)" if reset else Run.reason,
        user=user,
    )
    modules = demo_modules()
    for module in modules:
        if hasattr(module, "load_reference"):
            module.load_reference(fixtures_dir)
    paths = sorted((fixtures_dir / "regions").glob("*.json"))
    for path in paths:
        data = read(path)
        context: dict[str, Any] = {}  # what lower apps loaded, for the higher ones
        for module in modules:
            if hasattr(module, "load_region"):
                module.load_region(data, context)
    if with_users:
        for module in modules:
            if hasattr(module, "load_users"):
                module.load_users(fixtures_dir)
    for module in modules:
        if hasattr(module, "finish"):
            module.finish(fixtures_dir)
    return {
        "regions": len(paths),
        "work": work,
        "add_only": _run.add_only,
        "created": _run.created,
        "changed": _run.changed,
        "kept": list(_run.kept),
    }
