from tests.access import FORBIDDEN, NOT_FOUND, OK, REDIRECT, Row, expect

# A valid status update (2B has expected results and milestones; none are required).
UPDATE_DATA = {"status": "in_uitvoering", "progress": "40", "remark": "Voortgang volgens plan."}

ROWS = [
    Row(
        "actions:detail",
        kwargs=lambda w: {"pk": w.action_2b.pk},
        get=expect(OK, other_projectleider=NOT_FOUND),
    ),
    # Journey 2. Only ketenpartners have a "Mijn acties"; other roles are refused.
    Row(
        "actions:mine",
        get=expect(
            FORBIDDEN,
            veiligthuis=OK,
            politie=OK,
        ),
    ),
    # 2B is owned by Veilig Thuis: politie (a participant of the programme) sees it but may
    # not report on it (403); the readers see the adopted programme but cannot report (403);
    # Kennemerland's projectleider does not see it (404). Success redirects (302).
    Row(
        "actions:update_create",
        kwargs=lambda w: {"pk": w.action_2b.pk},
        get=expect(
            FORBIDDEN, projectleider=OK, veiligthuis=OK, beheerder=OK, other_projectleider=NOT_FOUND
        ),
        post=expect(
            FORBIDDEN,
            projectleider=REDIRECT,
            veiligthuis=REDIRECT,
            beheerder=REDIRECT,
            other_projectleider=NOT_FOUND,
        ),
        post_data=UPDATE_DATA,
    ),
    # A submitted update of Veilig Thuis on 2B: its author sees it but may not review (403);
    # politie and the readers do not see a submitted (unaccepted) update at all (404).
    Row(
        "actions:update_review",
        kwargs=lambda w: {"pk": w.update_2b.pk},
        get=expect(NOT_FOUND, projectleider=OK, veiligthuis=FORBIDDEN, beheerder=OK),
        post=expect(NOT_FOUND, projectleider=REDIRECT, veiligthuis=FORBIDDEN, beheerder=REDIRECT),
        post_data={"decision": "accepteren"},
    ),
]
