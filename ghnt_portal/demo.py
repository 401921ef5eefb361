"""The demo data of fixtures/, loaded idempotently: every record is matched on its natural key.

Each app loads its own part in a module `<app>/demo.py`, found by name like admin.py (no
import from here, so this bottom-layer module knows no app). The apps run in the order of
INSTALLED_APPS, which is the layer order (programmes, governance, actions, monitoring): a
higher app's part may use what a lower one loaded, passed along in a per-region `context`.
An app's demo module may define any of:

- `load_reference(fixtures_dir)`: tables shared by all regions (funding sources, indicators);
- `load_region(data, context)`: its part of one fixtures/regions/*.json file;
- `load_users(fixtures_dir)`: the demo users (programmes).
"""

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


def upsert(model: type[models.Model], lookup: dict, values: dict) -> Any:
    """update_or_create that writes only when something differs, so reruns change nothing."""
    lookup, values = _clean(model, lookup), _clean(model, values)
    manager = model._default_manager
    obj = manager.filter(**lookup).first()
    if obj is None:
        return manager.create(**lookup, **values)
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save(update_fields=changed)
    return obj


def set_m2m(manager: Any, objects: list) -> None:
    wanted = {o.pk for o in objects}
    current = set(manager.values_list("pk", flat=True))
    if wanted != current:
        manager.set(objects)


def demo_modules() -> list[ModuleType]:
    """The apps' demo modules, in the order of INSTALLED_APPS (the layer order)."""
    modules = []
    for config in apps.get_app_configs():
        name = f"{config.name}.demo"
        if name != __name__ and find_spec(name) is not None:
            modules.append(import_module(name))
    return modules


@transaction.atomic
def load_all(fixtures_dir: Path = FIXTURES_DIR, with_users: bool = True) -> dict:
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
    return {"regions": len(paths)}
