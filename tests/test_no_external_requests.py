"""The portal loads nothing from elsewhere: no CDN, no web fonts, no trackers. Every stylesheet,
script, font and image comes from our own `static/` (privacy of visitors, and EN 301 549 /
government rules for Dutch public sites)."""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
APP_TEMPLATE_DIRS = ["templates", "programmes", "actions", "governance", "monitoring"]

# URLs that a browser would fetch or follow: attributes, CSS url() and @import.
EXTERNAL = re.compile(
    r"""(?:\b(?:src|href|action|srcset|poster|data|formaction)\s*=\s*["']?\s*(?:https?:)?//)"""
    r"""|(?:url\(\s*["']?\s*(?:https?:)?//)"""
    r"""|(?:@import\s+(?:url\()?\s*["']?\s*(?:https?:)?//)""",
    re.IGNORECASE,
)


def _files(pattern):
    for folder in APP_TEMPLATE_DIRS:
        yield from (ROOT / folder).rglob(pattern)


def test_the_pattern_finds_what_it_should():
    for bad in (
        '<script src="https://cdn.jsdelivr.net/npm/bootstrap.js">',
        "<link href='//fonts.googleapis.com/css2?family=Roboto' rel=stylesheet>",
        "@font-face { src: url(https://example.org/font.woff2) }",
        '@import "https://example.org/x.css";',
        '<img srcset="http://example.org/a.png 2x">',
    ):
        assert EXTERNAL.search(bad), bad
    # Addresses in running text are fine (the user reads them, the browser fetches nothing).
    assert not EXTERNAL.search("Zie https://www.rijksoverheid.nl voor het landelijke programma.")
    assert not EXTERNAL.search("<a href=\"{% url 'home' %}\">Home</a>")


def test_no_template_loads_or_links_an_external_url():
    templates = [p for p in _files("*.html") if ".venv" not in p.parts]
    assert len(templates) > 40  # all apps' templates are really scanned
    found = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in templates
        for match in EXTERNAL.finditer(path.read_text(encoding="utf-8"))
    ]
    assert not found, found


def test_no_stylesheet_or_script_of_ours_fetches_from_elsewhere():
    assets = [
        p
        for p in (ROOT / "static").rglob("*")
        if p.suffix in {".css", ".js"} and not p.name.endswith(".map")
    ]
    assert any(p.name == "nlds.css" for p in assets)
    found = []
    for path in assets:
        text = path.read_text(encoding="utf-8", errors="replace")
        # Vendored libraries mention URLs in licence comments; only url() and @import fetch.
        for match in re.finditer(r"(?:url\(|@import)\s*[\"']?\s*(?:https?:)?//[^)\"';]*", text):
            found.append(f"{path.relative_to(ROOT)}: {match.group(0)}")
    assert not found, found


def test_the_font_is_the_system_font_stack():
    css = (ROOT / "static" / "css" / "tokens.css").read_text(encoding="utf-8")
    assert "@font-face" not in css
    assert re.search(r"--ghnt-font-family:[^;]*sans-serif", css)
