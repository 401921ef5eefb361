"""The contrast check of a theme, before it is saved (WCAG 2.1 AA).

Text pairs need 4.5:1 (1.4.3), user-interface components and the focus indicator 3:1
(1.4.11). The focus indicator is two rings, the focus colour and black (focus.css): against
the background the better one counts; on the primary colour (header, buttons) the focus
colour itself must stand out. `failing_pairs(colours)` lists every pair below its minimum;
`check(colours)` raises one ValidationError naming them all, in Dutch, so nothing is saved
until every pair passes.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from ghnt_portal.colours import contrast_ratio, darken, relative_luminance

from .constants import MIN_TEXT_CONTRAST, MIN_UI_CONTRAST

# The focus indicator is the focus colour's outline with a black ring around it
# (static/css/components/focus.css): against the background, the better of the two counts.
FOCUS_RING = "#000000"


@dataclass(frozen=True)
class Pair:
    label: str  # Dutch, as the message names it
    foreground: str  # colour key of the theme
    background: str
    minimum: float
    field: str  # the form field the error is shown next to
    ring: str = ""  # a fixed colour drawn next to the foreground (the focus ring)


PAIRS = (
    Pair(
        "tekst op de primaire kleur",
        "on_primary_colour",
        "primary_colour",
        MIN_TEXT_CONTRAST,
        "on_primary_colour",
    ),
    Pair(
        "tekst op de hoverkleur",
        "on_primary_colour",
        "primary_hover_colour",
        MIN_TEXT_CONTRAST,
        "primary_hover_colour",
    ),
    Pair(
        "links in de primaire kleur op de achtergrond",
        "primary_colour",
        "background_colour",
        MIN_TEXT_CONTRAST,
        "primary_colour",
    ),
    Pair(
        "tekst op de achtergrond",
        "text_colour",
        "background_colour",
        MIN_TEXT_CONTRAST,
        "text_colour",
    ),
    Pair(
        "knoppen en randen in de primaire kleur tegen de achtergrond",
        "primary_colour",
        "background_colour",
        MIN_UI_CONTRAST,
        "primary_colour",
    ),
    Pair(
        "focusrand (focuskleur met zwarte rand) tegen de achtergrond",
        "focus_colour",
        "background_colour",
        MIN_UI_CONTRAST,
        "focus_colour",
        ring=FOCUS_RING,
    ),
    Pair(
        "focuskleur tegen de primaire kleur (kop en knoppen)",
        "focus_colour",
        "primary_colour",
        MIN_UI_CONTRAST,
        "focus_colour",
    ),
)


@dataclass(frozen=True)
class Failure:
    pair: Pair
    foreground: str
    background: str
    ratio: float

    @property
    def shown_ratio(self) -> str:
        # Rounded down: a ratio just under the minimum never reads as the minimum itself.
        return _dutch(math.floor(self.ratio * 100) / 100, 2)

    @property
    def message(self) -> str:
        return (
            f"{self.pair.label} ({self.foreground} op {self.background}): contrast "
            f"{self.shown_ratio}:1, minimaal {_dutch(self.pair.minimum, 1)}:1 nodig"
        )


def _dutch(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}".replace(".", ",")


def derived_hover(primary: str, on_primary: str) -> str:
    """The hover shade of the primary colour, further from the text on it: darker under light
    text, lighter under dark text (so it keeps at least the primary colour's contrast)."""
    if relative_luminance(on_primary) >= relative_luminance(primary):
        return darken(primary, 0.2)
    return lighten(primary, 0.2)


def lighten(hex_colour: str, amount: float) -> str:
    """The colour mixed with `amount` white."""
    value = hex_colour.lstrip("#")
    channels = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    return "#" + "".join(f"{round(c + (255 - c) * amount):02x}" for c in channels)


def with_hover(colours: Mapping[str, str]) -> dict[str, str]:
    """The colours with the hover colour filled in (derived) when none was chosen."""
    result = dict(colours)
    if not result.get("primary_hover_colour"):
        result["primary_hover_colour"] = derived_hover(
            result["primary_colour"], result["on_primary_colour"]
        )
    return result


def failing_pairs(colours: Mapping[str, str]) -> list[Failure]:
    """Every pair of the theme below its minimum contrast, in the order of PAIRS."""
    full = with_hover(colours)
    failures = []
    for pair in PAIRS:
        fg, bg = full[pair.foreground].lower(), full[pair.background].lower()
        ratio = contrast_ratio(fg, bg)
        if pair.ring:
            ratio = max(ratio, contrast_ratio(pair.ring, bg))
        if ratio < pair.minimum:
            failures.append(Failure(pair, fg, bg, ratio))
    return failures


def check(colours: Mapping[str, str]) -> None:
    """Raise a ValidationError listing every failing pair (nothing is saved then)."""
    failures = failing_pairs(colours)
    if not failures:
        return
    summary = "Dit thema heeft te weinig contrast en is niet opgeslagen: " + "; ".join(
        f.message for f in failures
    )
    errors: dict[str, list[str]] = {NON_FIELD_ERRORS: [summary + "."]}
    for failure in failures:
        field = failure.pair.field
        if field == "primary_hover_colour" and not colours.get(field):
            field = "on_primary_colour"  # the derived hover colour: the text colour decides
        errors.setdefault(field, []).append(f"Te weinig contrast: {failure.message}.")
    raise ValidationError(errors)
