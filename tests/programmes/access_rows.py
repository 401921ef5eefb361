from programmes.demo import DEMO_PASSWORD
from tests.access import FORBIDDEN, NOT_ALLOWED, NOT_FOUND, OK, REDIRECT, ROLES, Row, expect

ROWS = [
    Row("home", get=expect(OK)),
    Row(
        "login",
        get=expect(REDIRECT, anonymous=OK),
        post=expect(REDIRECT, anonymous=OK),
        note="signed-in users are sent on; a POST with bad credentials re-renders the form",
    ),
    Row("logout", post=expect(302, anonymous=302)),
    Row(
        "password_change",
        get=expect(OK),
        post=expect(REDIRECT),
        post_data={
            "old_password": DEMO_PASSWORD,
            "new_password1": "Zaanse-schans-2026!",
            "new_password2": "Zaanse-schans-2026!",
        },
    ),
    Row("password_change_done", get=expect(OK)),
    Row(
        "programmes:detail",
        kwargs=lambda w: {"pk": w.zawa_programme.pk},
        get=expect(OK, other_projectleider=NOT_FOUND),
    ),
]

# People (programmes/people): the region's projectleider and the beheerder invite
# ketenpartners; everyone else gets 404 (the page does not exist for them).
_MANAGERS_ONLY = expect(NOT_FOUND, projectleider=OK, beheerder=OK)


def _zawa(w):
    return {"region": "zaanstreek-waterland"}


def _invitation_data(w):
    from programmes.models import Organisation

    organisation = Organisation.objects.get(name="Veilig Thuis Zaanstreek-Waterland")
    return {
        "first_name": "Nieuwe",
        "last_name": "Collega",
        "email": "nieuwe.collega@veiligthuis.example.nl",
        "organisation": organisation.pk,
        "programmes": [w.zawa_programme.pk],
    }


def _invited_user(w):
    from django.contrib.auth import get_user_model

    from programmes.models import Organisation
    from programmes.people.services import invite_partner

    user = get_user_model().objects.get(username="projectleider-zawa")
    invited = invite_partner(
        invited_by=user,
        first_name="Al",
        last_name="Uitgenodigd",
        email="al.uitgenodigd@politie.example.nl",
        organisation=Organisation.objects.get(name="Politie Zaanstreek-Waterland"),
        programmes=[w.zawa_programme],
    )
    return {"region": "zaanstreek-waterland", "user_pk": invited.pk}


ROWS += [
    Row(
        "people:index",
        get=expect(NOT_FOUND, projectleider=REDIRECT, other_projectleider=REDIRECT, beheerder=OK),
        note="one region: straight to it; the beheerder chooses among all regions",
    ),
    Row("people:list", kwargs=_zawa, get=_MANAGERS_ONLY),
    Row(
        "people:invite",
        kwargs=_zawa,
        get=_MANAGERS_ONLY,
        post=expect(NOT_FOUND, projectleider=REDIRECT, beheerder=REDIRECT),
        post_data=_invitation_data,
    ),
    Row(
        "people:resend",
        kwargs=_invited_user,
        post=expect(NOT_FOUND, projectleider=REDIRECT, beheerder=REDIRECT),
    ),
]

# The theme (programmes/theme): CSS, logo and fonts for whoever sees the region, and for
# everyone when its data is public (ZaWa in the demo); the installation's for everyone (the
# login page has it). Only GET/HEAD. The theme page: the region's projectleider and the
# beheerder; who sees the region otherwise gets 403, the rest 404.
_EVERYONE_GETS = {role: OK for role in ROLES}
_NOBODY_POSTS = {role: NOT_ALLOWED for role in ROLES}
_NOT_THERE = {role: NOT_FOUND for role in ROLES}


def _zawa_region(w):
    return {"pk": w.zawa_programme.region_id}


def _theme_data(w):
    from programmes.theme.constants import DEFAULT_COLOURS

    return {**DEFAULT_COLOURS, "primary_colour": "#275937", "primary_hover_colour": ""}


_THEME_EDITORS = expect(
    FORBIDDEN,
    projectleider=OK,
    other_projectleider=NOT_FOUND,
    beheerder=OK,
)

ROWS += [
    Row("theme:installation_css", get=_EVERYONE_GETS, post=_NOBODY_POSTS),
    Row(
        "theme:installation_asset",
        kwargs={"name": "logo"},
        get=_NOT_THERE,
        post=_NOBODY_POSTS,
        note="no installation logo configured",
    ),
    Row("theme:region_css", kwargs=_zawa_region, get=_EVERYONE_GETS, post=_NOBODY_POSTS),
    Row(
        "theme:region_css",
        kwargs=lambda w: {"pk": w.kennemerland_programme.region_id},
        get={
            **_NOT_THERE,
            "other_projectleider": OK,
            "rijk": OK,
            "beheerder": OK,
        },
        post=_NOBODY_POSTS,
        note="Kennemerland's data is not public",
    ),
    Row(
        "theme:region_asset",
        kwargs=lambda w: {"pk": w.zawa_programme.region_id, "name": "logo"},
        get=_NOT_THERE,
        post=_NOBODY_POSTS,
        note="no logo in the demo",
    ),
    Row(
        "theme:edit",
        kwargs=_zawa,
        get=_THEME_EDITORS,
        post={**_THEME_EDITORS, "projectleider": REDIRECT, "beheerder": REDIRECT},
        post_data=_theme_data,
    ),
]
