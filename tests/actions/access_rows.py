from tests.access import FORBIDDEN, NOT_FOUND, OK, REDIRECT, Row, expect
from tests.actions.formdata import action_form_data, new_action_data


def _projectleiders_export():
    """A finished Excel export asked for by Zaanstreek-Waterland's projectleider."""
    from django.contrib.auth import get_user_model
    from django.core.files.base import ContentFile

    from actions.constants import ExportState
    from actions.models import ActionExport

    user = get_user_model().objects.get(username="projectleider-zawa")
    export = ActionExport.objects.filter(requested_by=user).first()
    if export is None:
        export = ActionExport.objects.create(requested_by=user, state=ExportState.DONE)
        export.file.save("acties.xlsx", ContentFile(b"xlsx"), save=True)
    return export


# A valid status update (2B has expected results and milestones; none are required).
UPDATE_DATA = {
    "status": "in_uitvoering",
    "progress": "40",
    "judgement": "op_schema",
    "remark": "Voortgang volgens plan.",
}

RISK_DATA = {
    "title": "Subsidie niet toegekend",
    "likelihood": "middel",
    "impact": "groot",
    "measure": "Dekking uit de DUVO onderzoeken.",
    "owner": "Projectleider",
    "status": "open",
}

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
    # Journey 2. Only ketenpartners have a "Mijn acties"; other roles are refused.
    Row(
        "actions:mine",
        get=expect(
            FORBIDDEN,
            veiligthuis=OK,
            politie=OK,
        ),
    ),
    # The projectleider's review queue: every update waiting for review in its region(s).
    Row(
        "actions:review_queue",
        get=expect(FORBIDDEN, projectleider=OK, other_projectleider=OK, beheerder=OK),
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
        post_data={"decision": "accepteren", "judgement": "op_schema"},
    ),
    # "Alle in volgorde accepteren": POST only; the projectleider and the beheerder review.
    Row(
        "actions:updates_accept_all",
        kwargs=lambda w: {"pk": w.action_2b.pk},
        post=EDITORS_ONLY_POST,
    ),
    Row(
        "actions:list",
        get=expect(OK),
        note="everyone signed in gets a list of the actions they may see (possibly empty)",
    ),
    Row("actions:export_csv", get=expect(OK)),
    Row("actions:export_xlsx", get=expect(OK)),
    # A long list's Excel file in the background: anyone signed in may ask for one (of what
    # they see); the export is its requester's only (404 for everyone else).
    Row("actions:export_start", post=expect(REDIRECT), post_data={"query": "q=2B"}),
    Row(
        "actions:export_detail",
        kwargs=lambda w: {"pk": _projectleiders_export().pk},
        get=expect(NOT_FOUND, projectleider=OK),
    ),
    Row(
        "actions:export_status",
        kwargs=lambda w: {"pk": _projectleiders_export().pk},
        get=expect(NOT_FOUND, projectleider=OK),
    ),
    Row(
        "actions:export_download",
        kwargs=lambda w: {"pk": _projectleiders_export().pk},
        get=expect(NOT_FOUND, projectleider=OK),
    ),
    Row(
        "actions:create",
        kwargs=lambda w: {"programme_pk": w.zawa_programme.pk},
        get=EDITORS_ONLY_GET,
        post=EDITORS_ONLY_POST,
        post_data=lambda w: new_action_data(
            w.zawa_programme, w.zawa_programme.action_lines.first()
        ),
    ),
    # One more empty row of the action form (htmx); asked without the formset's count it is
    # a bad request (400) for those who may edit, refused as the form itself for the rest.
    Row(
        "actions:form_row",
        kwargs=lambda w: {"programme_pk": w.zawa_programme.pk, "prefix": "milestones"},
        get=expect(FORBIDDEN, projectleider=400, beheerder=400, other_projectleider=NOT_FOUND),
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
        get=EDITORS_ONLY_GET,
        post=EDITORS_ONLY_POST,
        post_data=lambda w: {
            "status": "vertraagd",
            "progress": "40",
            "version": str(w.action_2b.version),
        },
        note="GET gives the form on demand; ketenpartner status updates are a separate feature",
    ),
    Row(
        "actions:milestone_done",
        kwargs=lambda w: {"pk": w.milestone_j.pk},
        post=EDITORS_ONLY_POST,
    ),
    # Linking the plan to the national bouwstenen, in bulk: the region's projectleider.
    Row(
        "actions:building_blocks",
        kwargs=lambda w: {"programme_pk": w.zawa_programme.pk},
        get=EDITORS_ONLY_GET,
        post=EDITORS_ONLY_POST,
        post_data={},
    ),
    # The risk register: read with the programme, changed by the region's projectleider.
    Row(
        "actions:risk_list",
        kwargs=lambda w: {"programme_pk": w.zawa_programme.pk},
        get=expect(OK, other_projectleider=NOT_FOUND),
    ),
    Row(
        "actions:risk_create",
        kwargs=lambda w: {"programme_pk": w.zawa_programme.pk},
        get=EDITORS_ONLY_GET,
        post=EDITORS_ONLY_POST,
        post_data=RISK_DATA,
    ),
    Row(
        "actions:risk_edit",
        kwargs=lambda w: {"pk": w.zawa_risk.pk},
        get=EDITORS_ONLY_GET,
        post=EDITORS_ONLY_POST,
        post_data=RISK_DATA,
    ),
    Row(
        "actions:risk_delete",
        kwargs=lambda w: {"pk": w.zawa_risk.pk},
        get=EDITORS_ONLY_GET,
        post=EDITORS_ONLY_POST,
    ),
    # The plan's own budget total (issue 22): set by the region's projectleider only.
    Row(
        "programmes:stated_budget",
        kwargs=lambda w: {"pk": w.zawa_programme.pk},
        get=EDITORS_ONLY_GET,
        post=EDITORS_ONLY_POST,
        post_data={"stated_budget_total": "186.000"},
    ),
]
