from tests.access import NOT_FOUND, OK, Row, expect

ROWS = [
    Row(
        "actions:detail",
        kwargs=lambda w: {"pk": w.action_2b.pk},
        get=expect(OK, other_projectleider=NOT_FOUND),
    ),
]
