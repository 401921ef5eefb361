"""The shipped static/css/nlds.css looks exactly like the NL Design System components as their
packages publish them. tools/build_css.mjs rewrites the components' design-token chains to make
the file small (fixed tokens written where they are read, tokens that can never hold a value
dropped, declarations that read one made `unset`); that is only allowed when no element on any
page computes a different style. So pages are loaded twice, once with the shipped file and once
with the build without those passes (`--reference`), and every element's computed style, with
its ::before, ::after and ::marker, is compared: the six main pages at 1280 and 375 px, five more
at 1280 px, three also with a region's theme, and for every kind of link, button and field
also while hovered, focused (as by keyboard) and pressed."""

import re
import subprocess
from pathlib import Path

from django.urls import reverse

import pytest

from tests.browser.conftest import login
from tests.browser.test_main_pages import WIDTHS, _open, _pages

ROOT = Path(__file__).resolve().parents[2]

# Every computed property but custom properties (the passes remove tokens on purpose), as one
# FNV-1a hash per element and pseudo-element, in document order; `detail` gives the text.
STYLES = """([selector, detail]) => {
  const text = (el, pseudo) => {
    const cs = getComputedStyle(el, pseudo);
    const absent = pseudo === '::marker'
      ? cs.content === 'normal' && getComputedStyle(el).display !== 'list-item'
      : pseudo && cs.content === 'none';
    if (absent) return '';  // no such pseudo-element here
    let s = '';
    for (let i = 0; i < cs.length; i++) {
      const p = cs[i];
      if (!p.startsWith('--')) s += p + ':' + cs.getPropertyValue(p) + ';';
    }
    return s;
  };
  const hash = (s) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193); }
    return h >>> 0;
  };
  // The whole page, or the probes with what is inside them and their parents (:focus-within,
  // :has), each once.
  let els = [...document.querySelectorAll('*')];
  if (selector) {
    const near = new Set();
    for (const probe of document.querySelectorAll(selector)) {
      [probe.parentElement, probe, ...probe.querySelectorAll('*')].forEach((e) => near.add(e));
    }
    els = [...near];
  }
  const out = [];
  els.forEach((el, i) => {
    for (const pseudo of [null, '::before', '::after', '::marker']) {
      const classes = typeof el.className === 'string' ? el.className.trim() : '';
      const key = i + ' ' + el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + (classes ? '.' + classes.split(/\\s+/).join('.') : '') + (pseudo || '');
      const s = text(el, pseudo);
      out.push(detail ? [key, s] : [key, hash(s)]);
    }
  });
  return out;
}"""

# One element of each kind a user can hover, focus or press (tag, classes, type), marked so the
# DevTools protocol can force those states on it.
PROBES = """() => {
  const seen = new Set();
  let n = 0;
  const interactive = 'a[href], button, input:not([type=hidden]), select, textarea, summary, '
    + '[tabindex]';
  for (const el of document.querySelectorAll(interactive)) {
    const kind = el.tagName + '|' + el.className + '|' + (el.type || '') + '|' + el.disabled;
    if (seen.has(kind)) continue;
    seen.add(kind);
    el.setAttribute('data-css-probe', String(n++));
  }
  return n;
}"""

CLASSES = "() => [...document.querySelectorAll('[class]')].flatMap((e) => [...e.classList])"

# A region's theme as programmes/theme/services.py writes it (a stylesheet after nlds.css that
# sets the portal-level tokens on :root): the passes must hold under any theme, not only the
# default, so some pages are compared again with this one after each file.
THEME = """
:root {
  --ghnt-color-primary: #6b1f5c; --ghnt-color-primary-hover: #4a1540;
  --ghnt-color-on-primary: #fffbe6; --ghnt-color-text: #1a1a2e;
  --ghnt-color-background: #fdfcf7; --ghnt-color-focus: #ffbf47;
  --ghnt-font-family: Georgia, serif; --ghnt-font-family-heading: "Trebuchet MS", sans-serif;
}
"""
THEMED_PAGES = ("programme", "action-form-errors", "login")

STATES = (["hover"], ["focus", "focus-visible", "focus-within"], ["active", "hover"])


@pytest.fixture(scope="module")
def reference_css(tmp_path_factory):
    """The build without the token passes, from the same packages, tokens and templates."""
    out = tmp_path_factory.mktemp("css") / "nlds-reference.css"
    if not (ROOT / "node_modules" / "purgecss").exists():
        pytest.fail("The CSS build tools are not installed: run `make node_modules/.installed`.")
    result = subprocess.run(
        ["node", "tools/build_css.mjs", "--reference", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr + result.stdout
    return out.read_text(encoding="utf-8")


def _signature(page, cdp):
    """Every element's style, then the probes' (with their parents and what is inside them)
    in each forced state, forced on all probes at once (the same for both files)."""
    styles = {"page": page.evaluate(STYLES, [None, False])}
    probes = page.evaluate(PROBES)
    document = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    nodes = cdp.send("DOM.querySelectorAll", {"nodeId": document, "selector": "[data-css-probe]"})
    assert len(nodes["nodeIds"]) == probes
    for states in STATES:
        for node in nodes["nodeIds"]:
            cdp.send("CSS.forcePseudoState", {"nodeId": node, "forcedPseudoClasses": states})
        styles[":" + "+".join(states)] = page.evaluate(STYLES, ["[data-css-probe]", False])
        for node in nodes["nodeIds"]:
            cdp.send("CSS.forcePseudoState", {"nodeId": node, "forcedPseudoClasses": []})
    return styles


def _differences(page, cdp, shipped, reference, route, target):
    """The first elements whose style differs, property by property, for the failure message."""
    diffs = []
    for key in shipped:
        if shipped[key] == reference[key]:
            continue
        if len(shipped[key]) != len(reference[key]):
            counts = f"{len(shipped[key])} against {len(reference[key])}"
            diffs.append(f"{key}: {counts} elements and pseudo-elements")
            continue
        at = [
            i for i, (a, b) in enumerate(zip(shipped[key], reference[key], strict=True)) if a != b
        ]
        diffs.append(f"{key}: {len(at)} elements differ, first {shipped[key][at[0]][0]}")
        if key == "page":
            details = {}
            for css in ("shipped", "reference"):
                route(css)
                _open(page, target)
                details[css] = page.evaluate(STYLES, [None, True])[at[0]][1].split(";")
            only = sorted(set(details["shipped"]) ^ set(details["reference"]))
            diffs.append(f"  properties: {only[:12]}")
    return diffs


def _extra_pages():
    from actions.models import Action
    from programmes.models import Programme

    programme = Programme.objects.get(region__slug="zaanstreek-waterland")
    action = Action.objects.get(programme=programme, code="2B")
    return {
        "action-list": reverse("actions:list"),
        "action-delete": reverse("actions:delete", args=[action.pk]),
        "action-new": reverse("actions:create", args=[programme.pk]),
        "decision-new": reverse("governance:decision_create", args=[programme.region.slug]),
    }


def test_the_token_passes_change_no_computed_style(chromium, live_demo, reference_css):
    shipped_css = (ROOT / "static" / "css" / "nlds.css").read_text(encoding="utf-8")
    assert len(shipped_css) < len(reference_css)
    context = chromium.new_context(locale="nl-NL", viewport=WIDTHS["1280"])
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = live_demo.url
    cdp = context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    files = {"shipped": shipped_css, "reference": reference_css}
    serving = {"css": "shipped", "theme": ""}
    page.route(
        re.compile(r"/static/css/nlds(\.[0-9a-f]+)?\.css$"),
        lambda route: route.fulfill(
            status=200, content_type="text/css", body=files[serving["css"]] + serving["theme"]
        ),
    )

    def use(css):
        serving["css"] = css

    failures, compared, classes = [], 0, set()
    try:
        login(page, "projectleider-zawa")
        main = _pages()
        pages = {**_extra_pages(), **main}  # the public page last: it is seen logged out
        for name, target in pages.items():
            if name == "public":
                page.set_viewport_size(WIDTHS["1280"])
                page.get_by_role("button", name="Uitloggen").click()
                page.wait_for_url("**/inloggen/")
                pages_here = {"login": "/inloggen/", name: target}
            else:
                pages_here = {name: target}
            for here, where in pages_here.items():
                # The main pages at both widths, the others wide (their components are the
                # same; the phone layouts are the main pages' own).
                views = [(width, "") for width in WIDTHS if here in main or width == "1280"]
                if here in THEMED_PAGES:
                    views.append(("1280", THEME))
                for width, theme in views:
                    page.set_viewport_size(WIDTHS[width])
                    serving["theme"] = theme
                    seen = {}
                    for css in files:
                        use(css)
                        _open(page, where)
                        seen[css] = _signature(page, cdp)
                    classes |= set(page.evaluate(CLASSES))
                    compared += sum(len(v) for v in seen["shipped"].values())
                    if seen["shipped"] != seen["reference"]:
                        diffs = _differences(
                            page, cdp, seen["shipped"], seen["reference"], use, where
                        )
                        view = f"{here} at {width} px" + (" with a region's theme" if theme else "")
                        failures.append(f"{view}:\n  " + "\n  ".join(diffs[:6]))
    finally:
        context.close()

    assert not failures, "computed styles that the token passes changed:\n" + "\n".join(failures)
    # The comparison reached the components whose tokens the passes rewrite most.
    for component in (
        "utrecht-button--primary-action", "utrecht-button--secondary-action",
        "utrecht-button--danger", "utrecht-button-link", "utrecht-textbox--invalid",
        "utrecht-select", "utrecht-textarea", "utrecht-radio-button", "utrecht-checkbox",
        "utrecht-alert", "utrecht-table", "utrecht-status-badge", "utrecht-breadcrumb-nav",
        "utrecht-form-field--invalid", "utrecht-skip-link", "utrecht-nav-list",
    ):  # fmt: skip
        assert component in classes, f"no page compared shows {component}"
    assert compared > 10_000
