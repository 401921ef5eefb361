"""static/css/nlds.css, the NL Design System components the templates use plus our own
(tools/build_css.mjs, `make css`), is committed; it must be what the build makes from the
pinned packages, tokens.css, the component files and the templates of this commit, so a
template that starts using a component (or a changed token) never ships without its CSS."""

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NLDS = ROOT / "static" / "css" / "nlds.css"


def assert_build_is_current(script, needs):
    """`node tools/<script> --check` passes: the committed output is what the build makes now.
    `needs`: the npm package the build imports (missing: `npm ci` has not run)."""
    if not (ROOT / "node_modules" / needs).exists():
        pytest.fail(
            "The build tools are not installed: run `make node_modules/.installed` (npm ci)."
        )
    result = subprocess.run(
        ["node", f"tools/{script}", "--check"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr + result.stdout


def test_nlds_css_is_up_to_date_with_the_templates_and_components():
    assert_build_is_current("build_css.mjs", "purgecss")


def test_nlds_css_keeps_each_packages_licence_notice():
    import json

    header = NLDS.read_text(encoding="utf-8").split("*/", 1)[0]
    packages = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]
    components = [name for name in packages if name.endswith("-css")]
    assert len(components) > 20
    for name in components:
        assert f"{name} {packages[name]}" in header, name
        published = ROOT / "node_modules" / name / "dist" / "index.css"
        if published.exists():  # its copyright holders, as the package states them
            for owner in set(re.findall(r"Copyright \(c\) [^\n*]+", published.read_text())):
                assert owner.strip() in header, (name, owner)
    assert "used under the EUPL-1.2" in header


def test_the_components_the_templates_use_are_in_it_and_unused_ones_are_not():
    css = NLDS.read_text(encoding="utf-8")
    for used in (
        ".utrecht-button--primary-action",
        ".utrecht-form-field--invalid",
        ".utrecht-alert--error",
        ".utrecht-skip-link--visible-on-focus",
        ".utrecht-nav-list__link",
        ".ghnt-header__menu",
    ):
        assert used in css, used
    # The components' state classes for their documentation (hover/focus shown as a class)
    # are used by no template: removed.
    for unused in (".utrecht-button--hover", ".utrecht-textbox--focus", ".utrecht-link--visited"):
        assert unused not in css, unused  # fmt: skip
