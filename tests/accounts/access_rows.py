"""Signing in: the second factor and the "no access yet" page.

In the matrix, projectleiders and the beheerder have a session that passed the second step
(tests/two_factor.log_in); the other roles have set up no second factor."""

from tests.access import FORBIDDEN, NOT_FOUND, OK, REDIRECT, Row, expect

VERIFIED = ("projectleider", "other_projectleider", "beheerder")


def _for_verified(status, others):
    return expect(others, **{role: status for role in VERIFIED})


ROWS = [
    Row(
        "two_factor_verify",
        get=expect(REDIRECT),
        post=expect(REDIRECT),
        post_data={"token": "000000"},
        note="verified sessions go on to `next`; users without a device go to the set-up",
    ),
    Row(
        "two_factor_setup",
        get=_for_verified(REDIRECT, OK),
        post=_for_verified(REDIRECT, 400),
        post_data={"token": "000000"},
        note="a wrong code re-renders the set-up with the error (400)",
    ),
    Row("two_factor_manage", get=expect(OK)),
    # Everyone signed in sets their own notification preferences (only their own).
    Row(
        "notifications:preferences",
        get=expect(OK),
        post=expect(REDIRECT),
        post_data={
            "update_ingediend": "dagelijks",
            "update_beoordeeld": "direct",
            "herinnering_update": "uit",
            "toezegging_af": "uit",
            "rapportage_komt": "dagelijks",
            # the projectleider's two uitvraag events (monitoring/uitvraag/notifications.py)
            "uitvraag_gepubliceerd": "direct",
            "uitvraag_herinnering": "direct",
        },
    ),
    Row(
        "two_factor_backup_codes",
        post=_for_verified(OK, FORBIDDEN),
        note="new recovery codes only from a session that passed the second step",
    ),
    Row(
        "two_factor_disable",
        post=expect(FORBIDDEN),
        note="required for projectleider/beheerder; the others have not passed a second step",
    ),
    Row("no_access", get=expect(REDIRECT), note="users with a role are sent home"),
    Row(
        "choose_password",
        get=expect(REDIRECT),
        post=expect(REDIRECT),
        note="only for accounts that must choose their password; others go to the change page",
    ),
    Row(
        "accept_invitation",
        kwargs={"uidb64": "MQ", "token": "bad-token"},
        get=expect(OK, anonymous=OK),
        post=expect(OK, anonymous=OK),
        note="a wrong or used link shows 'deze link werkt niet (meer)' (test_invitations.py)",
    ),
    Row(
        "admin_login_redirect",
        get=expect(REDIRECT, anonymous=REDIRECT),
        post=expect(REDIRECT, anonymous=REDIRECT),
        note="the admin has no login form of its own",
    ),
    Row(
        "oidc_authentication_init",
        get=expect(NOT_FOUND, anonymous=NOT_FOUND),
        post=expect(NOT_FOUND, anonymous=NOT_FOUND),
        note="single sign-on is off unless configured (tests/accounts/test_single_sign_on.py)",
    ),
    Row(
        "oidc_authentication_callback",
        get=expect(NOT_FOUND, anonymous=NOT_FOUND),
        post=expect(NOT_FOUND, anonymous=NOT_FOUND),
    ),
]
