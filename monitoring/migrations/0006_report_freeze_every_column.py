"""The freeze triggers cover every column of a definitief or verzonden report.

Migration 0003 froze nine named columns and left the rest (generation_state, failure and
the requested/generated/finalised-by columns, and the sending record while definitief)
writable. Now nothing in the row changes, except the one step definitief -> verzonden,
which fills in status, sent_at, sent_to and sent_by_id (the rule:
monitoring/reports/freeze.py).

PostgreSQL compares the whole row, so columns added later are covered too. SQLite cannot,
so its trigger names the columns as they are now; after every migrate the app recreates
the SQLite triggers from the table's columns then (monitoring/reports/triggers.py), which
also puts them back after a table rebuild. The SQL is written out here, so this migration
does not depend on application code.
"""

import importlib

from django.db import migrations

POSTGRES_INSTALL = """
CREATE OR REPLACE FUNCTION monitoring_progressreport_frozen() RETURNS trigger AS $$
DECLARE
    unsent monitoring_progressreport%ROWTYPE;
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.status <> 'concept' THEN
            RAISE EXCEPTION 'voortgangsrapportage is definitief en kan niet worden gewijzigd of verwijderd (id %)', OLD.id
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.status = 'concept' OR NEW IS NOT DISTINCT FROM OLD THEN
        RETURN NEW;
    END IF;
    -- The one change to a frozen report: definitief -> verzonden fills in the sending
    -- record. With those four columns put back, the row must be exactly the old one.
    IF OLD.status = 'definitief' AND NEW.status = 'verzonden' THEN
        unsent := NEW;
        unsent.status := OLD.status;
        unsent.sent_at := OLD.sent_at;
        unsent.sent_to := OLD.sent_to;
        unsent.sent_by_id := OLD.sent_by_id;
        IF unsent IS NOT DISTINCT FROM OLD THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'voortgangsrapportage is definitief en kan niet worden gewijzigd of verwijderd (id %)', OLD.id
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS monitoring_progressreport_frozen ON monitoring_progressreport;
CREATE TRIGGER monitoring_progressreport_frozen
    BEFORE UPDATE OR DELETE ON monitoring_progressreport
    FOR EACH ROW EXECUTE FUNCTION monitoring_progressreport_frozen();
"""

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


def _run(schema_editor, postgres, sqlite):
    vendor = schema_editor.connection.vendor
    statements = postgres if vendor == "postgresql" else sqlite if vendor == "sqlite" else []
    for sql in statements:
        schema_editor.execute(sql, params=None)


def install(apps, schema_editor):
    _run(schema_editor, [POSTGRES_INSTALL], SQLITE_INSTALL)


def restore_0003(apps, schema_editor):
    # Back to the triggers of migration 0003 (its own SQL, from the migration history).
    previous = importlib.import_module("monitoring.migrations.0003_report_freeze_trigger")
    _run(schema_editor, [previous.POSTGRES_INSTALL], previous.SQLITE_DROP)
    _run(schema_editor, [], previous.SQLITE_INSTALL)


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0005_import_batch")]

    operations = [migrations.RunPython(install, restore_0003)]
