"""The SQLite freeze triggers name every column (PostgreSQL compares the whole row and needs
nothing): migration 0007 added `texts` (what the projectleider wrote) and `route_id` (the
report's AO/BO route), so the SQLite triggers now name them too. The app also recreates them
after every migrate (monitoring/reports/triggers.py); this migration carries its own SQL, as
0003 and 0006 do, so it does not depend on application code.
"""

import importlib

from django.db import migrations

SQLITE_INSTALL = [
    "DROP TRIGGER IF EXISTS monitoring_progressreport_frozen_update;",
    "DROP TRIGGER IF EXISTS monitoring_progressreport_frozen_delete;",
    """
CREATE TRIGGER monitoring_progressreport_frozen_update
BEFORE UPDATE ON monitoring_progressreport FOR EACH ROW
WHEN OLD.status <> 'concept' AND (
    NEW."id" IS NOT OLD."id"
    OR NEW."programme_id" IS NOT OLD."programme_id"
    OR NEW."period" IS NOT OLD."period"
    OR NEW."version" IS NOT OLD."version"
    OR NEW."replaces_id" IS NOT OLD."replaces_id"
    OR NEW."generation_state" IS NOT OLD."generation_state"
    OR NEW."failure" IS NOT OLD."failure"
    OR NEW."snapshot" IS NOT OLD."snapshot"
    OR NEW."texts" IS NOT OLD."texts"
    OR NEW."route_id" IS NOT OLD."route_id"
    OR NEW."pdf" IS NOT OLD."pdf"
    OR NEW."pdf_sha256" IS NOT OLD."pdf_sha256"
    OR NEW."requested_by_id" IS NOT OLD."requested_by_id"
    OR NEW."generated_at" IS NOT OLD."generated_at"
    OR NEW."generated_by_id" IS NOT OLD."generated_by_id"
    OR NEW."finalised_at" IS NOT OLD."finalised_at"
    OR NEW."finalised_by_id" IS NOT OLD."finalised_by_id"
    OR ((NEW."status" IS NOT OLD."status" OR NEW."sent_at" IS NOT OLD."sent_at"
         OR NEW."sent_to" IS NOT OLD."sent_to" OR NEW."sent_by_id" IS NOT OLD."sent_by_id")
        AND NOT (OLD.status = 'definitief' AND NEW.status = 'verzonden'))
)
BEGIN SELECT RAISE(ABORT, 'voortgangsrapportage is definitief en kan niet worden gewijzigd of verwijderd'); END;
""",
    """
CREATE TRIGGER monitoring_progressreport_frozen_delete
BEFORE DELETE ON monitoring_progressreport FOR EACH ROW
WHEN OLD.status <> 'concept'
BEGIN SELECT RAISE(ABORT, 'voortgangsrapportage is definitief en kan niet worden gewijzigd of verwijderd'); END;
""",
]


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE_INSTALL:
            schema_editor.execute(sql, params=None)


def restore_0006(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        previous = importlib.import_module(
            "monitoring.migrations.0006_report_freeze_every_column"
        )
        for sql in previous.SQLITE_INSTALL:
            schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0007_report_texts_and_route")]

    operations = [migrations.RunPython(install, restore_0006)]
