"""A sent answer page (AnswerSheet, a region answering the uitvraag without a report) is
frozen in the database too, as reports are (0003, 0006): a trigger refuses any change to a
verzonden sheet and its deletion, whoever writes to the table. The step concept ->
verzonden (answers and sending record written together) stays allowed.

PostgreSQL compares the whole row, so columns added later are covered. SQLite refuses every
UPDATE of a verzonden row (the app never writes one); the app recreates these SQLite triggers
after every migrate (monitoring/uitvraag/triggers.py), as a table rebuild drops them. The SQL
is written out here, so this migration does not depend on application code.
"""

from django.db import migrations

MESSAGE = "verzonden antwoorden op de uitvraag kunnen niet worden gewijzigd of verwijderd"

POSTGRES_INSTALL = f"""
CREATE OR REPLACE FUNCTION monitoring_answersheet_frozen() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.status = 'verzonden' THEN
            RAISE EXCEPTION '{MESSAGE} (id %)', OLD.id
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.status = 'verzonden' AND NEW IS DISTINCT FROM OLD THEN
        RAISE EXCEPTION '{MESSAGE} (id %)', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS monitoring_answersheet_frozen ON monitoring_answersheet;
CREATE TRIGGER monitoring_answersheet_frozen
    BEFORE UPDATE OR DELETE ON monitoring_answersheet
    FOR EACH ROW EXECUTE FUNCTION monitoring_answersheet_frozen();
"""

POSTGRES_DROP = """
DROP TRIGGER IF EXISTS monitoring_answersheet_frozen ON monitoring_answersheet;
DROP FUNCTION IF EXISTS monitoring_answersheet_frozen();
"""

SQLITE_INSTALL = [
    "DROP TRIGGER IF EXISTS monitoring_answersheet_frozen_update;",
    "DROP TRIGGER IF EXISTS monitoring_answersheet_frozen_delete;",
    f"""
CREATE TRIGGER monitoring_answersheet_frozen_update
BEFORE UPDATE ON monitoring_answersheet FOR EACH ROW
WHEN OLD.status = 'verzonden'
BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
""",
    f"""
CREATE TRIGGER monitoring_answersheet_frozen_delete
BEFORE DELETE ON monitoring_answersheet FOR EACH ROW
WHEN OLD.status = 'verzonden'
BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
""",
]

SQLITE_DROP = SQLITE_INSTALL[:2]


def _run(schema_editor, postgres, sqlite):
    vendor = schema_editor.connection.vendor
    statements = [postgres] if vendor == "postgresql" else sqlite if vendor == "sqlite" else []
    for sql in statements:
        schema_editor.execute(sql, params=None)


def install(apps, schema_editor):
    _run(schema_editor, POSTGRES_INSTALL, SQLITE_INSTALL)


def drop(apps, schema_editor):
    _run(schema_editor, POSTGRES_DROP, SQLITE_DROP)


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0012_uitvraag_reminder_beat_schedule")]

    operations = [migrations.RunPython(install, drop)]
