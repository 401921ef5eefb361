"""Which theme a page has, what its CSS says, and saving a region's theme.

A page takes the theme of the region it belongs to (a region's programme, action, dashboard,
report and governance pages), else the user's single region's, else the installation's
(settings: THEME_*). The theme is a small CSS file served by `views.region_css`, setting only
the portal-level tokens (`--ghnt-*`, plus `--ghnt-logo`) after tokens.css. Its URL carries
the theme's version when the cache knows it (then it may be kept for a year); rendering a
page never queries the database for it.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse

from . import contrast
from .constants import COLOUR_TOKENS, DEFAULT_COLOURS, DEFAULT_FONT_STACK
from .models import RegionTheme

log = logging.getLogger(__name__)
T = TypeVar("T")

# The Region field's default: a region that never chose an accent colour has no own colour.
DEFAULT_ACCENT = "#154273"
CACHE_PREFIX = "theme:region:"
CACHE_SECONDS = 24 * 3600
RETRY_SECONDS = 10.0


@dataclass(frozen=True)
class Theme:
    colours: dict[str, str]  # every colour token, the hover colour filled in
    key: str  # "regio-5" or "installatie": names its fonts
    logo_url: str = ""
    font_url: str = ""
    heading_font_url: str = ""
    version: str = ""
    own: bool = True  # False: nothing of its own, the default theme stands

    def css(self) -> str:
        """The theme as CSS: only the portal-level tokens, and @font-face for its own fonts.
        Every value is a checked colour or a URL of ours, so nothing of a user reaches the
        CSS unescaped."""
        if not self.own:
            return "/* Geen eigen thema: de standaardwaarden van tokens.css gelden. */\n"
        lines = [":root {"]
        for name, prop, _label in COLOUR_TOKENS:
            lines.append(f"  {prop}: {self.colours[name]};")
        body_family = f'"ghnt-{self.key}"' if self.font_url else ""
        heading_family = f'"ghnt-{self.key}-kop"' if self.heading_font_url else body_family
        if body_family:
            lines.append(f"  --ghnt-font-family: {body_family}, {DEFAULT_FONT_STACK};")
        if heading_family:
            lines.append(f"  --ghnt-font-family-heading: {heading_family}, {DEFAULT_FONT_STACK};")
        if self.logo_url:
            lines.append(f'  --ghnt-logo: url("{self.logo_url}");')
            lines.append("  --ghnt-logo-inline-size: 5rem;")
        lines.append("}")
        for family, url in (
            (body_family, self.font_url),
            (f'"ghnt-{self.key}-kop"', self.heading_font_url),
        ):
            if url:
                lines.append(
                    f'@font-face {{ font-family: {family}; src: url("{url}") format("woff2"); '
                    "font-weight: 100 900; font-style: normal; font-display: swap; }"
                )
        return "\n".join(lines) + "\n"


# --- the installation's theme (settings) ---------------------------------------------------


def installation_colours() -> dict[str, str]:
    configured = getattr(settings, "THEME_COLOURS", {}) or {}
    colours = {name: (configured.get(name) or default) for name, default in DEFAULT_COLOURS.items()}
    if not configured.get("primary_hover_colour") and configured.get("primary_colour"):
        colours["primary_hover_colour"] = ""  # derived from the installation's own primary
    return {k: v.lower() for k, v in contrast.with_hover(colours).items()}


def installation_files() -> dict[str, Path]:
    """The installation's logo and font files (paths in settings), by their URL name."""
    files = {
        "logo": getattr(settings, "THEME_LOGO", ""),
        "lettertype": getattr(settings, "THEME_FONT", ""),
        "kop-lettertype": getattr(settings, "THEME_HEADING_FONT", ""),
    }
    return {name: Path(path) for name, path in files.items() if path}


def installation_theme() -> Theme:
    colours = installation_colours()
    files = installation_files()
    default = contrast.with_hover(dict(DEFAULT_COLOURS))
    digest = hashlib.sha256("|".join(colours.values()).encode())
    for name, path in sorted(files.items()):
        size, mtime = (path.stat().st_size, path.stat().st_mtime_ns) if path.exists() else (0, 0)
        digest.update(f"{name}:{path}:{size}:{mtime}".encode())
    version = digest.hexdigest()[:12]

    def url(name: str) -> str:
        if name not in files:
            return ""
        return reverse("theme:installation_asset", args=[name]) + f"?v={version}"

    return Theme(
        colours=colours,
        key="installatie",
        logo_url=url("logo"),
        font_url=url("lettertype"),
        heading_font_url=url("kop-lettertype"),
        version=version,
        own=colours != default or bool(files),
    )


# --- a region's theme ----------------------------------------------------------------------


def region_theme(region: Any) -> Theme:
    """The region's theme: its RegionTheme, else its accent colour on the installation's
    theme, else the installation's theme itself (`own` False)."""
    try:
        row: RegionTheme | None = region.theme
    except RegionTheme.DoesNotExist:
        row = None
    base = installation_theme()
    if row is None:
        accent = (region.accent_colour or "").lower()
        if not accent or accent == DEFAULT_ACCENT:
            return Theme(colours=base.colours, key=f"regio-{region.pk}", own=False)
        colours = {**base.colours, "primary_colour": accent, "primary_hover_colour": ""}
        colours = contrast.with_hover(colours)
        version = hashlib.sha256(accent.encode()).hexdigest()[:12]
        return Theme(colours=colours, key=f"regio-{region.pk}", version=version)

    def url(name: str, file: Any) -> str:
        if not file:
            return ""
        return reverse("theme:region_asset", args=[region.pk, name]) + f"?v={row.version}"

    return Theme(
        colours=contrast.with_hover(row.colours()),
        key=f"regio-{region.pk}",
        logo_url=url("logo", row.logo),
        font_url=url("lettertype", row.font),
        heading_font_url=url("kop-lettertype", row.heading_font),
        version=row.version,
    )


def region_asset(row: RegionTheme, name: str) -> tuple[Any, str] | None:
    """The stored file of a region theme by its URL name, with its MIME type."""
    from .constants import WOFF2_MIME

    if name == "logo" and row.logo:
        return row.logo, row.logo_mime or "image/png"
    if name == "lettertype" and row.font:
        return row.font, WOFF2_MIME
    if name == "kop-lettertype" and row.heading_font:
        return row.heading_font, WOFF2_MIME
    return None


# --- the cached version of a region's theme (rendering a page asks no database) ------------

_away_until = 0.0


def _safely(operation: Callable[..., T], *args: Any) -> T | None:
    global _away_until
    if time.monotonic() < _away_until:
        return None
    try:
        return operation(*args)
    except Exception as exc:  # any fault of the cache: the page links the theme unversioned
        _away_until = time.monotonic() + RETRY_SECONDS
        log.warning("Theme cache unavailable (%s: %s)", type(exc).__name__, exc)
        return None


def reset_fault_state() -> None:
    global _away_until
    _away_until = 0.0


def remember(region_id: int, theme: Theme) -> None:
    """The region's version ("" for none of its own), for the next page's link."""
    _safely(
        cache.set, f"{CACHE_PREFIX}{region_id}", theme.version if theme.own else "", CACHE_SECONDS
    )


def forget(region_id: int) -> None:
    _safely(cache.delete, f"{CACHE_PREFIX}{region_id}")


def known_version(region_id: int) -> str | None:
    """The cached version; "" when the region has no own theme; None when not known."""
    return _safely(cache.get, f"{CACHE_PREFIX}{region_id}")


def stylesheet_urls(region_id: int | None) -> list[str]:
    """The theme stylesheets of a page (after tokens.css): the installation's when it has one,
    then the region's when it has one (or when the cache does not know: then unversioned,
    revalidated by the browser)."""
    urls = []
    installation = installation_theme()
    if installation.own:
        urls.append(reverse("theme:installation_css") + f"?v={installation.version}")
    if region_id is not None:
        version = known_version(region_id)
        base = reverse("theme:region_css", args=[region_id])
        if version is None:
            urls.append(base)
        elif version:
            urls.append(f"{base}?v={version}")
    return urls


# --- saving --------------------------------------------------------------------------------


def save_theme(theme: RegionTheme, old_files: list[str] | None = None) -> RegionTheme:
    """Save a checked theme (the form ran the contrast and file checks); the files it no
    longer uses are deleted after the commit, and the next page links the new version."""
    with transaction.atomic():
        theme.save()
        region_id = theme.region_id
        kept = {theme.logo.name, theme.font.name, theme.heading_font.name}
        stale = [name for name in old_files or [] if name and name not in kept]
        storage = theme.logo.storage

        def after_commit() -> None:
            for name in stale:
                storage.delete(name)
            forget(region_id)

        transaction.on_commit(after_commit)
    return theme


def stored_files(theme: RegionTheme) -> list[str]:
    return [theme.logo.name or "", theme.font.name or "", theme.heading_font.name or ""]


# --- the report's cover ---------------------------------------------------------------------


def report_cover(region: Any) -> dict[str, str]:
    """The region's logo (as a data URI: the PDF fetches nothing) and primary colour for the
    cover of its progress report; the report keeps its own print stylesheet otherwise. The
    colour is used for text only where it reads on the white page (4.5:1)."""
    import base64

    from ghnt_portal.colours import WHITE, contrast_ratio

    theme = region_theme(region)
    primary = theme.colours["primary_colour"]
    cover = {
        "primary": primary,
        "text": primary
        if contrast_ratio(primary, WHITE) >= 4.5
        else DEFAULT_COLOURS["text_colour"],
        "logo": "",
    }
    try:
        row: RegionTheme | None = region.theme
    except RegionTheme.DoesNotExist:
        row = None
    data, mime = b"", ""
    if row is not None and row.logo:
        try:
            with row.logo.open("rb") as file:
                data, mime = file.read(), row.logo_mime or "image/png"
        except OSError:
            log.warning("Logo of region %s not readable; the cover goes without", region.pk)
    elif "logo" in installation_files():
        path = installation_files()["logo"]
        if path.is_file():
            data = path.read_bytes()
            mime = "image/png" if data.startswith(b"\x89PNG") else "image/jpeg"
    if data:
        cover["logo"] = f"data:{mime};base64,{base64.b64encode(data).decode()}"
    return cover
