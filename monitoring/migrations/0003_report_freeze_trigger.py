"""A definitief report is frozen in the database too: a trigger refuses UPDATE and DELETE.

The SQL is written out here, as it was first installed, so this migration never depends on
application code. Migration 0006 replaces these triggers by ones that cover every column.
"""

from django.db import migrations

POSTGRES_INSTALL = """
CREATE OR REPLACE FUNCTION monitoring_progressreport_frozen() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.status <> 'concept' THEN
            RAISE EXCEPTION 'voortgangsrapportage is definitief en kan niet worden gewijzigd of verwijderd (id %)', OLD.id
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.status <> 'concept' AND (
        NEW.snapshot IS DISTINCT FROM OLD.snapshot OR NEW.pdf IS DISTINCT FROM OLD.pdf OR NEW.pdf_sha256 IS DISTINCT FROM OLD.pdf_sha256 OR NEW.period IS DISTINCT FROM OLD.period OR NEW.programme_id IS DISTINCT FROM OLD.programme_id OR NEW.version IS DISTINCT FROM OLD.version OR NEW.replaces_id IS DISTINCT FROM OLD.replaces_id OR NEW.generated_at IS DISTINCT FROM OLD.generated_at OR NEW.finalised_at IS DISTINCT FROM OLD.finalised_at
        OR (OLD.status = 'verzonden' AND (NEW.status IS DISTINCT FROM OLD.status OR NEW.sent_at IS DISTINCT FROM OLD.sent_at OR NEW.sent_to IS DISTINCT FROM OLD.sent_to OR NEW.sent_by_id IS DISTINCT FROM OLD.sent_by_id))
        OR (OLD.status = 'definitief' AND NEW.status NOT IN ('definitief', 'verzonden'))
    ) THEN
        RAISE EXCEPTION 'voortgangsrapportage is definitief en kan niet worden gewijzigd of verwijderd (id %)', OLD.id
                USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS monitoring_progressreport_frozen ON monitoring_progressreport;
CREATE TRIGGER monitoring_progressreport_frozen
    BEFORE UPDATE OR DELETE ON monitoring_progressreport
    FOR EACH ROW EXECUTE FUNCTION monitoring_progressreport_frozen();
"""

POSTGRES_DROP = """
DROP TRIGGER IF EXISTS monitoring_progressreport_frozen ON monitoring_progressreport;
DROP FUNCTION IF EXISTS monitoring_progressreport_frozen();
"""

SQLITE_INSTALL = [
    """
CREATE TRIGGER IF NOT EXISTS monitoring_progressreport_frozen_update
BEFORE UPDATE ON monitoring_progressreport FOR EACH ROW
WHEN OLD.status <> 'concept' AND (
    NEW.snapshot IS NOT OLD.snapshot OR NEW.pdf IS NOT OLD.pdf OR NEW.pdf_sha256 IS NOT OLD.pdf_sha256 OR NEW.period IS NOT OLD.period OR NEW.programme_id IS NOT OLD.programme_id OR NEW.version IS NOT OLD.version OR NEW.replaces_id IS NOT OLD.replaces_id OR NEW.generated_at IS NOT OLD.generated_at OR NEW.finalised_at IS NOT OLD.finalised_at
    OR (OLD.status = 'verzonden' AND (NEW.status IS NOT OLD.status OR NEW.sent_at IS NOT OLD.sent_at OR NEW.sent_to IS NOT OLD.sent_to OR NEW.sent_by_id IS NOT OLD.sent_by_id))
    OR (OLD.status = 'definitief' AND NEW.status NOT IN ('definitief', 'verzonden'))
)
BEGIN SELECT RAISE(ABORT, 'voortgangsrapportage is definitief en kan niet worden gewijzigd of verwijderd'); END;
""",
    """
CREATE TRIGGER IF NOT EXISTS monitoring_progressreport_frozen_delete
BEFORE DELETE ON monitoring_progressreport FOR EACH ROW
WHEN OLD.status <> 'concept'
BEGIN SELECT RAISE(ABORT, 'voortgangsrapportage is definitief en kan niet worden gewijzigd of verwijderd'); END;
""",
]

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS monitoring_progressreport_frozen_update;",
    "DROP TRIGGER IF EXISTS monitoring_progressreport_frozen_delete;",
]


def _run(schema_editor, postgres, sqlite):
    vendor = schema_editor.connection.vendor
    statements = [postgres] if vendor == "postgresql" else sqlite if vendor == "sqlite" else []
    for sql in statements:
        schema_editor.execute(sql, params=None)


def install(apps, schema_editor):
    # PostgreSQL gets a plpgsql trigger, SQLite two plain triggers.
    _run(schema_editor, POSTGRES_INSTALL, SQLITE_INSTALL)


def drop(apps, schema_editor):
    _run(schema_editor, POSTGRES_DROP, SQLITE_DROP)


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0002_progress_report_workflow")]

    operations = [migrations.RunPython(install, drop)]
