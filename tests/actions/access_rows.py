from tests.access import FORBIDDEN, NOT_FOUND, OK, REDIRECT, Row, expect
from tests.actions.formdata import action_form_data, new_action_data

# Visible to everyone signed in except the projectleider of another region; only the
# region's projectleider and the beheerder may change anything (403 for the rest).
EDITORS_ONLY_GET = expect(FORBIDDEN, projectleider=OK, beheerder=OK, other_projectleider=NOT_FOUND)
EDITORS_ONLY_POST = expect(
    FORBIDDEN, projectleider=REDIRECT, beheerder=REDIRECT, other_projectleider=NOT_FOUND
)

ROWS = [
    Row(
        "actions:detail",
        kwargs=lambda w: {"pk": w.action_2b.pk},
        get=expect(OK, other_projectleider=NOT_FOUND),
    ),
    Row(
        "actions:list",
        get=expect(OK),
        note="everyone signed in gets a list of the actions they may see (possibly empty)",
    ),
    Row("actions:export_csv", get=expect(OK)),
    Row("actions:export_xlsx", get=expect(OK)),
    Row(
        "actions:create",
        kwargs=lambda w: {"programme_pk": w.zawa_programme.pk},
        get=EDITORS_ONLY_GET,
        post=EDITORS_ONLY_POST,
        post_data=lambda w: new_action_data(
            w.zawa_programme, w.zawa_programme.action_lines.first()
        ),
    ),
    Row(
        "actions:edit",
        kwargs=lambda w: {"pk": w.action_2b.pk},
        get=EDITORS_ONLY_GET,
        post=EDITORS_ONLY_POST,
        post_data=lambda w: action_form_data(w.action_2b, status="vertraagd"),
    ),
    Row(
        "actions:delete",
        kwargs=lambda w: {"pk": w.action_2b.pk},
        get=EDITORS_ONLY_GET,
        post=EDITORS_ONLY_POST,
    ),
    Row(
        "actions:quick_update",
        kwargs=lambda w: {"pk": w.action_2b.pk},
        post=EDITORS_ONLY_POST,
        post_data=lambda w: {
            "status": "vertraagd",
            "progress": "40",
            "version": str(w.action_2b.version),
        },
        note="POST only; ketenpartner status updates are a separate feature",
    ),
    Row(
        "actions:milestone_done",
        kwargs=lambda w: {"pk": w.milestone_j.pk},
        post=EDITORS_ONLY_POST,
    ),
]
