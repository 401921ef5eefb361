"""The audit trail is append-only in the database too: a trigger refuses every UPDATE and
DELETE of a row, whatever wrote it (the ORM, the admin of another tool, raw SQL).

A second layer behind the read-only admin. It does not stop the table's owner from
dropping the trigger; in production the portal's database role should not own the table
(or TRUNCATE should be revoked), see README "Security".
"""

from django.db import migrations

TABLE = "audit_auditevent"
MESSAGE = "de audittrail kan niet worden gewijzigd of verwijderd"

POSTGRES_INSTALL = f"""
CREATE OR REPLACE FUNCTION audit_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{MESSAGE} (% van id %)', TG_OP, OLD.id
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS audit_auditevent_append_only ON {TABLE};
CREATE TRIGGER audit_auditevent_append_only
    BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION audit_auditevent_append_only();
"""

POSTGRES_DROP = f"""
DROP TRIGGER IF EXISTS audit_auditevent_append_only ON {TABLE};
DROP FUNCTION IF EXISTS audit_auditevent_append_only();
"""

SQLITE_INSTALL = [
    f"""
CREATE TRIGGER IF NOT EXISTS audit_auditevent_no_update
BEFORE UPDATE ON {TABLE} FOR EACH ROW
BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
""",
    f"""
CREATE TRIGGER IF NOT EXISTS audit_auditevent_no_delete
BEFORE DELETE ON {TABLE} FOR EACH ROW
BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
""",
]

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS audit_auditevent_no_update;",
    "DROP TRIGGER IF EXISTS audit_auditevent_no_delete;",
]


def statements(vendor, install):
    if vendor == "postgresql":
        return [POSTGRES_INSTALL if install else POSTGRES_DROP]
    if vendor == "sqlite":
        return SQLITE_INSTALL if install else SQLITE_DROP
    return []


def forwards(apps, schema_editor):
    for sql in statements(schema_editor.connection.vendor, install=True):
        schema_editor.execute(sql, params=None)


def backwards(apps, schema_editor):
    for sql in statements(schema_editor.connection.vendor, install=False):
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
