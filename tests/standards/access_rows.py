"""Access rows of the public statements and security.txt: the same for every visitor, signed
in or not; read-only."""

from tests.access import NOT_ALLOWED, OK, ROLES, Row

EVERYONE = {role: OK for role in ROLES}
NOBODY_POSTS = {role: NOT_ALLOWED for role in ROLES}

ROWS = [
    Row("security_txt", get=EVERYONE, post=NOBODY_POSTS),
    Row("accessibility_statement", get=EVERYONE, post=NOBODY_POSTS),
    Row("privacy_statement", get=EVERYONE, post=NOBODY_POSTS),
    Row("disclosure_policy", get=EVERYONE, post=NOBODY_POSTS),
]
