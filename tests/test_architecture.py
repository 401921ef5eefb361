"""The apps form layers (ARCHITECTURE.md): ghnt_portal <- programmes <- governance <- actions
<- monitoring. A module may import its own app and the apps below it, never one above it; the
migrations follow the same order. The layers are written once, in pyproject.toml's
import-linter contract, and read from there."""

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from django.db.migrations.loader import MigrationLoader

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "pyproject.toml"
LINT_IMPORTS = str(Path(sys.executable).with_name("lint-imports"))  # import-linter's command


def _contract() -> dict:
    config = tomllib.loads(CONFIG.read_text(encoding="utf-8"))["tool"]["importlinter"]
    (contract,) = [c for c in config["contracts"] if c["id"] == "layers"]
    return {**contract, "root_packages": config["root_packages"]}


LAYERS = _contract()["layers"]  # highest first


def _lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    """lint-imports in a fresh interpreter whose import path starts at `cwd`, so the packages
    analysed are the ones under `cwd` (not those this test process has imported)."""
    return subprocess.run(
        [LINT_IMPORTS, "--config", str(CONFIG), "--no-cache"],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(cwd)},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _copy_packages(target: Path) -> None:
    for package in _contract()["root_packages"]:
        shutil.copytree(
            ROOT / package,
            target / package,
            ignore=shutil.ignore_patterns("__pycache__", "templates", "static", "*.html"),
        )


def test_imports_follow_the_layers():
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_an_import_from_a_lower_app_into_a_higher_one_breaks_the_contract(tmp_path):
    _copy_packages(tmp_path)
    # The copy as it is keeps the contract: the check below fails because of the one line.
    assert _lint_imports(tmp_path).returncode == 0
    governance_services = tmp_path / "governance" / "services.py"
    governance_services.write_text(
        governance_services.read_text(encoding="utf-8") + "\nfrom actions.models import Action\n",
        encoding="utf-8",
    )
    result = _lint_imports(tmp_path)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    assert "governance.services -> actions.models" in result.stdout


def test_the_composition_root_is_the_only_exception():
    assert _contract()["ignore_imports"] == ["ghnt_portal.urls -> **"]


def _upward_migration_dependencies(graph) -> list[str]:
    """Migrations of a layered app that depend on a migration of a higher app."""
    rank = {app: level for level, app in enumerate(LAYERS)}  # 0 = highest
    wrong = []
    for (app, name), node in graph.node_map.items():
        for parent in node.parents:
            parent_app = parent.key[0]
            if app in rank and parent_app in rank and rank[parent_app] < rank[app]:
                wrong.append(f"{app}.{name} -> {parent_app}.{parent.key[1]}")
    return wrong


def test_migrations_follow_the_layers():
    assert _upward_migration_dependencies(MigrationLoader(None).graph) == []


def test_an_upward_migration_dependency_is_found():
    loader = MigrationLoader(None)
    graph = loader.graph
    governance = next(key for key in graph.leaf_nodes() if key[0] == "governance")
    actions = next(key for key in graph.leaf_nodes() if key[0] == "actions")
    graph.add_dependency("test", governance, actions, skip_validation=True)
    assert _upward_migration_dependencies(graph) == [
        f"governance.{governance[1]} -> actions.{actions[1]}"
    ]
