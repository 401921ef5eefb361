from tests.access import FORBIDDEN, NOT_FOUND, OK, REDIRECT, Row, expect
from tests.monitoring.helpers import csv_upload, police_rows_2021, zawa_batch

# Dashboards are for the council, the wethouder, the project team, the Rijk and beheer;
# ketenpartners (who see programmes only through their actions) get 404, as do readers of
# other regions. Drafts (Groningen, in besluitvorming) are 404 for everyone but beheer.
DASHBOARD_ZAWA = expect(OK, other_projectleider=NOT_FOUND, veiligthuis=NOT_FOUND, politie=NOT_FOUND)
DASHBOARD_KENNEMERLAND = expect(NOT_FOUND, other_projectleider=OK, rijk=OK, beheerder=OK)
DASHBOARD_GRONINGEN = expect(NOT_FOUND, beheerder=OK)
# Import: the region's projectleider (and beheer); 403 for who sees the region, else 404.
IMPORT = expect(FORBIDDEN, projectleider=OK, beheerder=OK, other_projectleider=NOT_FOUND)
IMPORT_POST = {**IMPORT, "projectleider": REDIRECT, "beheerder": REDIRECT}

ROWS = [
    Row("monitoring:dashboard_index", get=expect(OK)),
    Row(
        "monitoring:dashboard",
        kwargs=lambda w: {"pk": w.zawa_programme.pk},
        get=DASHBOARD_ZAWA,
    ),
    Row(
        "monitoring:dashboard",
        kwargs=lambda w: {"pk": w.kennemerland_programme.pk},
        get=DASHBOARD_KENNEMERLAND,
        note="raadslid of Zaanstad: another region's dashboard is 404",
    ),
    Row(
        "monitoring:dashboard",
        kwargs=lambda w: {"pk": w.groningen_programme.pk},
        get=DASHBOARD_GRONINGEN,
        note="a programme in besluitvorming is a draft for readers",
    ),
    Row(
        "monitoring:dashboard_csv",
        kwargs=lambda w: {"pk": w.zawa_programme.pk, "table": "voortgang"},
        get=DASHBOARD_ZAWA,
    ),
    Row(
        "monitoring:dashboard_csv",
        kwargs=lambda w: {"pk": w.groningen_programme.pk, "table": "voortgang"},
        get=DASHBOARD_GRONINGEN,
    ),
    # The national portfolio: the Rijk and beheer only; everyone else 403.
    Row("monitoring:national", get=expect(FORBIDDEN, rijk=OK, beheerder=OK)),
    Row("monitoring:national_reports", get=expect(FORBIDDEN, rijk=OK, beheerder=OK)),
    Row(
        "monitoring:national_region",
        kwargs=lambda w: {"slug": w.groningen_programme.region.slug},
        get=expect(FORBIDDEN, rijk=OK, beheerder=OK),
        note="a region whose programme is in besluitvorming is listed too",
    ),
    Row(
        "monitoring:import_upload",
        kwargs=lambda w: {"slug": w.zawa_programme.region.slug},
        get=IMPORT,
        post=IMPORT_POST,
        post_data=lambda w: {"bestand": csv_upload(*police_rows_2021())},
    ),
    Row(
        "monitoring:import_preview",
        kwargs=lambda w: {"pk": zawa_batch(w).pk},
        get=IMPORT,
        post=IMPORT_POST,
        note="POST confirms the import",
    ),
    Row(
        "monitoring:import_status",
        kwargs=lambda w: {"pk": zawa_batch(w).pk},
        get=IMPORT,
        note="the background job's state, polled by htmx",
    ),
    Row(
        "monitoring:import_retry",
        kwargs=lambda w: {"pk": zawa_batch(w).pk},
        post=IMPORT_POST,
        note="nothing to retry on a checked batch: back to its page",
    ),
]
