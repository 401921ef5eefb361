"""Dutch numbers through Django's number formatting (the "nl" locale: 1.234,50)."""

import datetime
from decimal import ROUND_HALF_EVEN, Decimal

from django.utils import dateformat, translation
from django.utils.formats import number_format


def format_number(
    value: Decimal | float | int, decimal_pos: int | None = None, grouping: bool = True
) -> str:
    """`value` in Dutch notation: "55.000", "1.234,50" (grouping off: "1234,5").

    Rounded half to even to `decimal_pos` places first, as Python's own formatting does
    (number_format cuts off digits). Always in the "nl" locale: the portal is Dutch only, and
    a task or command may run with no language active.
    """
    if decimal_pos is not None:
        value = Decimal(value).quantize(Decimal(1).scaleb(-decimal_pos), ROUND_HALF_EVEN)
    with translation.override("nl"):
        return number_format(value, decimal_pos, use_l10n=True, force_grouping=grouping)


def dutch_number(value: Decimal | float | int | str | None, max_decimals: int = 2) -> str:
    """A number as typed and read in Dutch: "55.000", "55.000,5", "0,25" (no trailing zeros,
    at most `max_decimals` decimals). Empty for None."""
    if value is None or value == "":
        return ""
    amount = Decimal(value).quantize(Decimal(1).scaleb(-max_decimals), ROUND_HALF_EVEN)
    places = max(0, -amount.normalize().as_tuple().exponent)  # type: ignore[operator]
    return format_number(amount, min(places, max_decimals))


def dutch_amount(value: Decimal | float | int | str | None) -> str:
    """An amount in a form field: "55.000" (whole euros) or "55.000,50" (with cents)."""
    if value is None or value == "":
        return ""
    amount = Decimal(value)
    whole = amount == amount.to_integral_value()
    return format_number(amount, 0 if whole else 2)


def euro(value: Decimal | float | int | str | None) -> str:
    """Euros as the portal prints them: "€ 55.000" (whole euros), "€ 1.234,50" (with cents)."""
    if value is None or value == "":
        return ""
    amount = Decimal(value)
    whole = amount == amount.to_integral_value()
    return f"€ {format_number(amount, 0 if whole else 2)}"


def dutch_date(value: datetime.date) -> str:
    """A date as Dutch readers write it: "23 november 2026" (also outside a request, e.g. in
    an e-mail sent by the worker)."""
    with translation.override("nl"):
        return dateformat.format(value, "j F Y")
