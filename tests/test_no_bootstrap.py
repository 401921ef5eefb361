"""Issue 25: the portal is built on NL Design System components, not Bootstrap. No template
uses a Bootstrap class name or a Bootstrap JavaScript hook (data-bs-*), and Bootstrap itself is
gone from static/ (its CSS and JS are not served any more).

NOT_YET_SWEPT lists the template folders whose restyle is still under way (branches nlds2 and
theme); each helper empties its entry when its folder is done. Django's admin templates keep
the admin's own classes."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOT_YET_SWEPT: tuple[str, ...] = ()

# Bootstrap 5's class names (layout, utilities, components) as whole class tokens.
BOOTSTRAP = re.compile(
    r"^(?:"
    r"container(?:-fluid|-(?:sm|md|lg|xl|xxl))?|row|col(?:-(?:sm|md|lg|xl|xxl))?(?:-(?:\d{1,2}|auto))?"
    r"|g[xy]?-\d|row-cols-.+|offset-.+|order-.+"
    r"|d-(?:none|inline|inline-block|block|grid|table|flex|inline-flex|print-none|print-block)"
    r"|d-(?:sm|md|lg|xl|xxl|print)-.+|flex-.+|justify-content-.+|align-(?:items|self|content)-.+"
    r"|[mp][tbsexy]?-(?:sm-|md-|lg-|xl-|xxl-)?(?:\d|auto)|gap-\d|[mp]e-auto|ms-auto"
    r"|w-\d+|h-\d+|mw-100|mh-100|vw-100|vh-100|float-.+|position-.+|top-\d+|start-\d+"
    r"|text-(?:muted|body-secondary|center|start|end|nowrap|truncate|break|wrap|uppercase|lowercase|"
    r"capitalize|primary|secondary|success|danger|warning|info|light|dark|white|body|reset|decoration-.+)"
    r"|fw-.+|fs-\d|fst-.+|lh-.+|lead|small|display-\d|h[1-6]|font-monospace|user-select-.+"
    r"|bg-.+|border(?:-.+)?|rounded(?:-.+)?|shadow(?:-.+)?|opacity-\d+|overflow-.+|visible|invisible"
    r"|btn(?:-.+)?|btn-group(?:-.+)?|btn-toolbar"
    r"|table(?:-.+)?|caption-top|align-middle|align-top|align-bottom"
    r"|alert(?:-.+)?|badge|card(?:-.+)?|list-group(?:-.+)?|list-unstyled|list-inline(?:-item)?"
    r"|nav|nav-(?:link|item|tabs|pills|fill|justified|underline)|navbar(?:-.+)?|breadcrumb(?:-item)?"
    r"|pagination(?:-.+)?|page-item|page-link|progress(?:-bar|-stacked)?|spinner-.+|placeholder(?:-.+)?"
    r"|form-(?:control|control-sm|control-lg|control-plaintext|select|select-sm|select-lg|check|check-input|"
    r"check-label|check-inline|switch|label|text|floating|range|group)|col-form-label(?:-.+)?|input-group(?:-.+)?"
    r"|is-invalid|is-valid|invalid-feedback|valid-feedback|was-validated|needs-validation"
    r"|visually-hidden(?:-focusable)?|sr-only|stretched-link|clearfix|ratio(?:-.+)?|vr"
    r"|collapse|collapsing|show|fade|active|disabled|dropdown(?:-.+)?|modal(?:-.+)?|offcanvas(?:-.+)?"
    r"|accordion(?:-.+)?|tooltip|popover|toast(?:-.+)?|close|btn-close|figure(?:-.+)?|img-fluid|img-thumbnail"
    r"|link-(?:primary|secondary|light|dark|body-emphasis|underline.*|offset.*)|icon-link"
    r")$"
)
CLASS_ATTR = re.compile(r"""\bclass\s*=\s*(["'])(.*?)\1""", re.S)
TEMPLATE_CODE = re.compile(r"{%.*?%}|{{.*?}}|{#.*?#}", re.S)


def _templates():
    for path in ROOT.rglob("*.html"):
        rel = path.relative_to(ROOT).as_posix()
        if "/templates/" not in f"/{rel}" or rel.startswith((".venv/", "node_modules/")):
            continue
        if "/admin/" in f"/{rel}":
            continue  # Django's admin styles its own templates
        yield rel, path


def bootstrap_in(html: str) -> list[str]:
    """The Bootstrap class names and data-bs-* attributes in a template's markup."""
    found = []
    for match in CLASS_ATTR.finditer(html):
        # What the template language adds is judged by what it prints: the literal words in
        # {% if %}...{% endif %} stay, the tags and variables go.
        words = TEMPLATE_CODE.sub(" ", match.group(2)).split()
        found += [w for w in words if BOOTSTRAP.match(w)]
    found += re.findall(r"\bdata-bs-[a-z-]+", html)
    return found


def test_the_scanner_finds_bootstrap_and_passes_the_vocabulary():
    assert bootstrap_in('<div class="container py-4"><a class="btn btn-primary">x</a></div>') == [
        "container",
        "py-4",
        "btn",
        "btn-primary",
    ]
    assert bootstrap_in('<p class="{% if x %}text-muted{% endif %} small">') == [
        "text-muted",
        "small",
    ]
    assert bootstrap_in('<button data-bs-toggle="collapse">') == ["data-bs-toggle"]
    ours = (
        '<div class="ghnt-page ghnt-grid utrecht-button utrecht-button--primary-action '
        "utrecht-table__cell--numeric utrecht-alert--error nl-data-badge ghnt-visually-hidden "
        'utrecht-status-badge--{{ s|status_tone }} error-summary">'
    )
    assert bootstrap_in(ours) == []


def test_no_template_uses_a_bootstrap_class():
    checked, found = 0, {}
    for rel, path in _templates():
        if rel.startswith(NOT_YET_SWEPT):
            continue
        checked += 1
        names = bootstrap_in(path.read_text(encoding="utf-8"))
        if names:
            found[rel] = sorted(set(names))
    assert checked > 60, checked  # templates/, the crispy pack, ghnt_portal and programmes
    assert not found, found


def test_bootstrap_is_not_served_any_more():
    static = ROOT / "static"
    assert not list(static.rglob("bootstrap*")), "Bootstrap's files are still in static/"
    base = (ROOT / "templates" / "base.html").read_text(encoding="utf-8")
    assert "bootstrap" not in base.lower()
