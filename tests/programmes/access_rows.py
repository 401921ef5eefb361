from programmes.demo import DEMO_PASSWORD
from tests.access import NOT_FOUND, OK, REDIRECT, Row, expect

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
