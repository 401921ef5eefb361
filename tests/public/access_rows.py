"""Access rows of the public accountability pages: the same for every visitor, signed in or
not; only adopted programmes of regions that opened their data (ZaWa in the demo)."""

from tests.access import NOT_ALLOWED, NOT_FOUND, OK, ROLES, Row

EVERYONE = {role: OK for role in ROLES}
NOBODY = {role: NOT_FOUND for role in ROLES}
NOBODY_POSTS = {role: NOT_ALLOWED for role in ROLES}

ROWS = [
    Row("public:index", get=EVERYONE, post=NOBODY_POSTS),
    Row(
        "public:programme",
        kwargs=lambda w: {"pk": w.zawa_programme.pk},
        get=EVERYONE,
        post=NOBODY_POSTS,
    ),
    Row(
        "public:action",
        kwargs=lambda w: {"pk": w.action_2b.pk},
        get=EVERYONE,
        post=NOBODY_POSTS,
    ),
    # Kennemerland adopted its programme but did not open its data: 404 for everyone here,
    # also for its own projectleider (who reads it on the portal's own pages).
    Row(
        "public:programme",
        kwargs=lambda w: {"pk": w.kennemerland_programme.pk},
        get=NOBODY,
        post=NOBODY_POSTS,
        note="not public",
    ),
    Row(
        "public:action",
        kwargs=lambda w: {"pk": w.kennemerland_action.pk},
        get=NOBODY,
        post=NOBODY_POSTS,
        note="not public",
    ),
]
