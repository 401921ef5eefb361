"""The access-control matrix: every URL of the project x every role x GET and POST.

Each app lists its URLs in `tests/<app>/access_rows.py` as `ROWS = [Row(...), ...]`.
`tests/test_access_matrix.py` walks the URLconf and fails for any URL without a row, so a
new view cannot ship without saying who may reach it.

The rule for outcomes: what a user may see but not change answers 403 on change; what a
user may not see at all answers 404, so its existence does not leak; anonymous visitors
are redirected to the login page (302).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

ROLES = (
    "anonymous",
    "projectleider",  # projectleider of Zaanstreek-Waterland (owns the objects in the rows)
    "other_projectleider",  # projectleider of Kennemerland
    "veiligthuis",  # ketenpartner Veilig Thuis Zaanstreek-Waterland
    "politie",  # ketenpartner Politie Zaanstreek-Waterland
    "wethouder",  # wethouder of Zaanstad
    "raadslid",  # raadslid of Zaanstad
    "rijk",
    "beheerder",
)

OK, REDIRECT, FORBIDDEN, NOT_FOUND, NOT_ALLOWED = 200, 302, 403, 404, 405


def expect(default: int, **overrides: int) -> dict[str, int]:
    """Expected status per role: anonymous is always sent to login unless overridden."""
    result = {role: default for role in ROLES}
    result["anonymous"] = REDIRECT
    for role, status in overrides.items():
        assert role in ROLES, role
        result[role] = status
    return result


@dataclass
class Row:
    url_name: str  # "namespace:name"
    # URL kwargs; a callable receives the `World` (demo objects) and returns the kwargs.
    kwargs: Callable | dict = field(default_factory=dict)
    get: dict[str, int] | None = None  # None: GET is not offered (405 for everyone signed in)
    post: dict[str, int] | None = None  # None: POST is not offered (405 for everyone signed in)
    # Form data for POST; a callable receives the `World`. Valid data, so success shows.
    post_data: Callable | dict = field(default_factory=dict)
    note: str = ""
