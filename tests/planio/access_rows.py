"""Access rows of the plan import/export (actions/planio)."""

from tests.access import FORBIDDEN, NOT_FOUND, OK, REDIRECT, Row, expect


def _workbook_upload(world):
    from tests.planio.helpers import as_upload
    from tests.planio.sources import zawa_workbook

    return {"bestand": as_upload(zawa_workbook(), "zawa.xlsx")}


ROWS = [
    Row("actions:plan_template", get=expect(OK)),
    # Anyone who sees the programme may take the plan out; Kennemerland does not see ZaWa.
    Row(
        "actions:plan_export_xlsx",
        kwargs=lambda w: {"programme_pk": w.zawa_programme.pk},
        get=expect(OK, other_projectleider=NOT_FOUND),
    ),
    Row(
        "actions:plan_export_docx",
        kwargs=lambda w: {"programme_pk": w.zawa_programme.pk},
        get=expect(OK, other_projectleider=NOT_FOUND),
    ),
    # Only the region's projectleider (and the beheerder) bring a plan in; the upload
    # answers with the preview (200), nothing is written until the confirmation.
    Row(
        "actions:plan_import",
        kwargs=lambda w: {"programme_pk": w.zawa_programme.pk},
        get=expect(FORBIDDEN, projectleider=OK, beheerder=OK, other_projectleider=NOT_FOUND),
        post=expect(FORBIDDEN, projectleider=OK, beheerder=OK, other_projectleider=NOT_FOUND),
        post_data=_workbook_upload,
    ),
    # Without a valid signed preview the confirmation sends the editor back (302).
    Row(
        "actions:plan_confirm",
        kwargs=lambda w: {"programme_pk": w.zawa_programme.pk},
        post=expect(
            FORBIDDEN, projectleider=REDIRECT, beheerder=REDIRECT, other_projectleider=NOT_FOUND
        ),
        post_data={"payload": "x"},
    ),
]
