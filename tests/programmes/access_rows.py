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
        "programmes:detail",
        kwargs=lambda w: {"pk": w.zawa_programme.pk},
        get=expect(OK, other_projectleider=NOT_FOUND),
    ),
]
