"""Access rows of the open-data API and the token page.

The API answers anonymous callers itself (no login redirect): lists are filtered to what
the caller may read, a detail outside it is 404; nothing can be changed (405 for all).
Zaanstreek-Waterland opened its data in the demo; Kennemerland's adopted programme did not.
"""

from tests.access import NOT_ALLOWED, NOT_FOUND, OK, REDIRECT, ROLES, Row, expect

EVERYONE = {role: OK for role in ROLES}
NOBODY_CHANGES = {role: NOT_ALLOWED for role in ROLES}
MOVED = {role: 301 for role in ROLES}
# Kennemerland's adopted programme: its projectleider, the Rijk and the beheerder.
KENNEMERLAND_READERS = {**{r: NOT_FOUND for r in ROLES}, "other_projectleider": OK, "rijk": OK,
                        "beheerder": OK}  # fmt: skip
# Kennemerland's governance: its projectleider and the beheerder (the Rijk reads reports,
# not regional decision making).
KENNEMERLAND_GOVERNANCE = {**{r: NOT_FOUND for r in ROLES}, "other_projectleider": OK,
                           "beheerder": OK}  # fmt: skip


def _kennemerland():
    from programmes.models import Programme

    return Programme.objects.get(region__slug="kennemerland")


def _detail(name, kwargs, get):
    return Row(name, kwargs=kwargs, get=get, post=NOBODY_CHANGES)


ROWS = [
    Row("api:api-root", get=EVERYONE, post=NOBODY_CHANGES),
    Row("api:schema", get=EVERYONE, post=NOBODY_CHANGES),
    Row("api:schema-yaml", get=EVERYONE, post=NOBODY_CHANGES),
    # The unversioned API of before: a permanent redirect to /api/v1 for everyone.
    Row("api_legacy", kwargs={"rest": "programmes/"}, get=MOVED, post=MOVED),
    *[
        Row(f"api:{name}-list", get=EVERYONE, post=NOBODY_CHANGES)
        for name in (
            "programme",
            "actionline",
            "action",
            "milestone",
            "uitvraaganswer",
            "nationalbuildingblock",
            "budgettotal",
            "decisionroute",
            "commitment",
            "measurement",
            "document",
        )  # fmt: skip
    ],
    _detail(
        "api:programme-detail", lambda w: {"pk": w.kennemerland_programme.pk}, KENNEMERLAND_READERS
    ),  # fmt: skip
    _detail(
        "api:actionline-detail",
        lambda w: {"pk": w.kennemerland_programme.action_lines.first().pk},
        KENNEMERLAND_READERS,
    ),  # fmt: skip
    _detail(
        "api:action-detail", lambda w: {"pk": w.kennemerland_action.pk}, KENNEMERLAND_READERS
    ),  # fmt: skip
    # ZaWa is public: its milestones are readable by everyone, also without login.
    _detail("api:milestone-detail", lambda w: {"pk": w.milestone_j.pk}, EVERYONE),
    _detail(
        "api:decisionroute-detail",
        lambda w: {"pk": _kennemerland().decision_routes.first().pk},
        KENNEMERLAND_GOVERNANCE,
    ),  # fmt: skip
    _detail(
        "api:commitment-detail",
        lambda w: {"pk": _kennemerland().region.commitments.first().pk},
        KENNEMERLAND_GOVERNANCE,
    ),  # fmt: skip
    Row(
        "api_token",
        get=expect(OK),
        post=expect(OK, anonymous=REDIRECT),
        post_data={"actie": "maken"},
    ),
]
