"""Amounts and numbers in Dutch notation, through Django's number formatting."""

from decimal import Decimal

from django.template import Context, Template
from django.utils import translation

import pytest

from ghnt_portal.formats import euro, format_number


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("55000"), "€ 55.000"),
        (Decimal("55000.00"), "€ 55.000"),
        (Decimal("1234.5"), "€ 1.234,50"),
        (Decimal("8712.50"), "€ 8.712,50"),
        (Decimal("-1234.56"), "€ -1.234,56"),
        (Decimal("999.999"), "€ 1.000,00"),
        ("12.5", "€ 12,50"),
        (0, "€ 0"),
        (None, ""),
        ("", ""),
    ],
)
def test_euro_prints_whole_euros_without_cents_and_others_with_two(value, shown):
    assert euro(value) == shown
    rendered = Template("{% load portal %}{{ value|euro }}").render(Context({"value": value}))
    assert rendered == shown


def test_numbers_stay_dutch_when_no_language_is_active():
    with translation.override(None):
        assert euro(Decimal("1234567.5")) == "€ 1.234.567,50"
        assert format_number(4.45, 1) == "4,5"  # rounded like Python's format, not cut off
        assert format_number(Decimal("1234.5"), grouping=False) == "1234,5"
