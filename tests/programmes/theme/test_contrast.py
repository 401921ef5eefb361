"""The contrast check agrees with WCAG's formula computed independently, and a refused theme
changes nothing."""

import re
from fractions import Fraction

from django.core.exceptions import ValidationError

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from programmes.theme import contrast
from programmes.theme.forms import RegionThemeForm
from programmes.theme.models import RegionTheme

from .helpers import colours

hex_colour = st.integers(0, 0xFFFFFF).map(lambda n: f"#{n:06x}")


def independent_ratio(first: str, second: str) -> float:
    """WCAG 2.1's contrast ratio written out again (sRGB channels to linear light, weighted
    sum, (L1 + 0.05) / (L2 + 0.05)), in exact fractions except the power."""

    def luminance(colour: str) -> float:
        weights = (Fraction(2126, 10000), Fraction(7152, 10000), Fraction(722, 10000))
        total = 0.0
        for i, weight in enumerate(weights):
            s = Fraction(int(colour[1 + 2 * i : 3 + 2 * i], 16), 255)
            linear = (
                s / Fraction(1292, 100)
                if s <= Fraction(4045, 100000)
                else ((float(s) + 0.055) / 1.055) ** 2.4
            )
            total += float(weight) * float(linear)
        return total

    a, b = luminance(first), luminance(second)
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def test_known_ratios():
    assert independent_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    # Rijksblauw on white about 10.3:1; Bootstrap's blue is the borderline 4.5:1.
    assert independent_ratio("#154273", "#ffffff") == pytest.approx(10.3, abs=0.1)
    assert independent_ratio("#0d6efd", "#ffffff") == pytest.approx(4.5, abs=0.05)


def expected_failures(theme: dict[str, str]) -> set[str]:
    hover = theme["primary_hover_colour"] or contrast.derived_hover(
        theme["primary_colour"], theme["on_primary_colour"]
    )
    pairs = {
        "tekst op de primaire kleur": (theme["on_primary_colour"], theme["primary_colour"], 4.5),
        "tekst op de hoverkleur": (theme["on_primary_colour"], hover, 4.5),
        "links in de primaire kleur op de achtergrond": (
            theme["primary_colour"],
            theme["background_colour"],
            4.5,
        ),
        "tekst op de achtergrond": (theme["text_colour"], theme["background_colour"], 4.5),
        "knoppen en randen in de primaire kleur tegen de achtergrond": (
            theme["primary_colour"],
            theme["background_colour"],
            3.0,
        ),
        "focuskleur tegen de primaire kleur (kop en knoppen)": (
            theme["focus_colour"],
            theme["primary_colour"],
            3.0,
        ),
    }
    failing = set()
    # The focus indicator's black ring counts against the background too.
    focus_ratio = max(
        independent_ratio(theme["focus_colour"], theme["background_colour"]),
        independent_ratio("#000000", theme["background_colour"]),
    )
    if focus_ratio < 3.0:
        failing.add("focusrand (focuskleur met zwarte rand) tegen de achtergrond")
    # Ratios within a hair of the minimum are left out: two float computations may round
    # them differently; everything else must agree exactly.
    return failing | {
        label for label, (fg, bg, minimum) in pairs.items() if independent_ratio(fg, bg) < minimum
    }


def _near_a_minimum(theme: dict[str, str]) -> bool:
    hover = theme["primary_hover_colour"] or contrast.derived_hover(
        theme["primary_colour"], theme["on_primary_colour"]
    )
    full = {**theme, "primary_hover_colour": hover}
    return any(
        abs(independent_ratio(full[p.foreground], full[p.background]) - p.minimum) < 1e-9
        or (p.ring and abs(independent_ratio(p.ring, full[p.background]) - p.minimum) < 1e-9)
        for p in contrast.PAIRS
    )


themes = st.fixed_dictionaries(
    {
        "primary_colour": hex_colour,
        "primary_hover_colour": st.one_of(st.just(""), hex_colour),
        "on_primary_colour": st.one_of(st.sampled_from(["#ffffff", "#000000"]), hex_colour),
        "text_colour": st.one_of(st.just("#1a1a1a"), hex_colour),
        "background_colour": st.one_of(st.just("#ffffff"), hex_colour),
        "focus_colour": hex_colour,
    }
)


@given(themes)
@settings(max_examples=300)
def test_the_check_agrees_with_an_independent_computation(theme):
    if _near_a_minimum(theme):
        return
    failures = contrast.failing_pairs(theme)
    assert {f.pair.label for f in failures} == expected_failures(theme)
    for failure in failures:
        expected = independent_ratio(failure.foreground, failure.background)
        if failure.pair.ring:
            expected = max(expected, independent_ratio(failure.pair.ring, failure.background))
        assert failure.ratio == pytest.approx(expected)
        # The message names the pair, both colours, the ratio (rounded down) and the minimum.
        assert failure.pair.label in failure.message
        assert failure.foreground in failure.message and failure.background in failure.message
        shown = float(failure.shown_ratio.replace(",", "."))
        assert shown <= failure.ratio < shown + 0.01 + 1e-9
    if failures:
        with pytest.raises(ValidationError) as error:
            contrast.check(theme)
        summary = error.value.message_dict["__all__"][0]
        assert summary.startswith("Dit thema heeft te weinig contrast en is niet opgeslagen")
        for failure in failures:
            assert failure.message in summary
    else:
        contrast.check(theme)


@given(primary=hex_colour, on_primary=hex_colour)
def test_a_derived_hover_colour_keeps_at_least_the_primary_colours_contrast(primary, on_primary):
    hover = contrast.derived_hover(primary, on_primary)
    assert independent_ratio(on_primary, hover) >= independent_ratio(on_primary, primary) - 1e-9


@pytest.mark.django_db
@given(theme=themes)
@settings(
    max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None
)
def test_a_refused_theme_changes_nothing(theme, zawa):
    stored = RegionTheme.objects.create(region=zawa, primary_colour="#275937")
    before = (stored.colours(), stored.version)
    form = RegionThemeForm(data=theme, instance=RegionTheme.objects.get(pk=stored.pk), region=zawa)
    valid = form.is_valid()
    assert valid == (not expected_failures(theme)) or _near_a_minimum(theme)
    if not valid:
        assert "Dit thema heeft te weinig contrast" in " ".join(form.non_field_errors())
    fresh = RegionTheme.objects.get(pk=stored.pk)
    assert (fresh.colours(), fresh.version) == before  # is_valid() saves nothing either way
    stored.delete()


@pytest.mark.django_db
def test_hostile_colour_values_are_refused_at_the_field(zawa):
    for value in ["red", "#fff", "#12345g", "#123456; } body { x", "", "javascript:1"]:
        form = RegionThemeForm(data=colours(primary_colour=value), region=zawa)
        assert not form.is_valid()
        assert "primary_colour" in form.errors
        assert not RegionTheme.objects.filter(region=zawa).exists()


def test_the_default_theme_is_what_tokens_css_sets_and_passes_its_own_check():
    from pathlib import Path

    from django.conf import settings

    from programmes.theme.constants import COLOUR_TOKENS, DEFAULT_COLOURS, DEFAULT_FONT_STACK

    tokens = (Path(settings.BASE_DIR) / "static/css/tokens.css").read_text()
    first_block = tokens.split("}", 1)[0]

    def full(value):
        value = value.strip().lower()
        return "#" + "".join(c * 2 for c in value[1:]) if len(value) == 4 else value

    declared = dict(re.findall(r"(--ghnt-[a-z-]+):\s*([^;]+);", first_block))
    for name, prop, _label in COLOUR_TOKENS:
        assert full(declared[prop]) == DEFAULT_COLOURS[name], prop
    assert declared["--ghnt-font-family"].strip() == DEFAULT_FONT_STACK
    assert contrast.failing_pairs(DEFAULT_COLOURS) == []
