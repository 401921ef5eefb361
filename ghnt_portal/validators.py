"""The portal holds programme data, never client data: one validator for every text field.

`no_client_data` refuses text containing a number that passes the BSN elfproef (the
Dutch citizen service number check): nine digits, written together or with separators
(`111222333`, `111 222 333`, `111.222.333`, `111-22-2333`). It is attached to every
CharField and TextField of the project's models (`validators=[no_client_data]`;
`tests/test_no_client_data.py` walks all models so a new field cannot forget it), so model
forms, the admin and `full_clean()` in services refuse it with a Dutch message next to the
field. Paths that write text without a model form (the measurement import) call
`text_problem()` themselves.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db.models import Model

BSN_MESSAGE = "Dit lijkt een burgerservicenummer; het portaal bevat geen cliëntgegevens."
NUL_MESSAGE = "De tekst bevat een ongeldig teken (NUL); verwijder het."

# One separator (space, dot, dash, slash, no-break space ...) may stand between digits. A
# candidate is exactly nine digits: not part of a longer number (a phone number, an IBAN, an
# amount such as 1.234.567.890), so the look-arounds also see over one separator.
_SEP = r"[\s.\-/]"
_CANDIDATE = re.compile(rf"(?<![0-9])(?<![0-9]{_SEP})[0-9](?:{_SEP}?[0-9]){{8}}(?!{_SEP}?[0-9])")
_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)


def passes_elfproef(digits: str) -> bool:
    """Whether nine digits pass the BSN eleven test (and are not all zeros)."""
    if len(digits) != 9 or not digits.isascii() or not digits.isdigit() or not int(digits):
        return False
    return sum(w * int(d) for w, d in zip(_WEIGHTS, digits, strict=True)) % 11 == 0


def looks_like_bsn(text: str) -> bool:
    """Whether `text` contains a nine-digit number passing the elfproef."""
    for match in _CANDIDATE.finditer(text):
        if passes_elfproef(re.sub(r"[^0-9]", "", match.group())):
            return True
    return False


def no_client_data(value: object) -> None:
    """Model and form field validator: refuse text that looks like a BSN."""
    if isinstance(value, str) and looks_like_bsn(value):
        raise ValidationError(BSN_MESSAGE, code="client_data")


def text_problem(value: str) -> str | None:
    """What is wrong with free text from outside a form (an uploaded cell), in Dutch, or None:
    a NUL character (PostgreSQL cannot store it) or a BSN."""
    if "\x00" in value:
        return NUL_MESSAGE
    if looks_like_bsn(value):
        return BSN_MESSAGE
    return None


def validate_fields(instance: Model, *names: str) -> None:
    """Run the field validators (`no_client_data`, lengths, choices) of `names` on `instance`,
    for services that change a few fields without a model form; raises ValidationError keyed
    by field name."""
    instance.clean_fields(exclude=[f.name for f in instance._meta.fields if f.name not in names])
