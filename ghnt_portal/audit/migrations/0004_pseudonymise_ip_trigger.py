"""The append-only trigger (0002) allows exactly one change: pseudonymising a row's client
address after its retention period (ghnt_portal/retention.py). An UPDATE passes only when the
old address is a real one, the new one lies in 2001:db8::/32 (audit/pseudonyms.py) and every
other column is unchanged; every other UPDATE and every DELETE is refused as before.

ghnt_portal/audit/db_triggers.py reuses this SQL (the current version of the guard).
"""

from django.db import migrations

TABLE = "audit_auditevent"
MESSAGE = "de audittrail kan niet worden gewijzigd of verwijderd"
PSEUDONYM_RANGE = "2001:db8::/32"
# SQLite compares column by column: a migration adding a column to the audit table adds it
# here (tests/audit/test_retention_trigger.py checks the list against the model).
COLUMNS = (
    "id",
    "timestamp",
    "actor_id",
    "actor_name",
    "action",
    "result",
    "content_type_id",
    "object_id",
    "object_repr",
    "detail",
)

POSTGRES_INSTALL = f"""
CREATE OR REPLACE FUNCTION audit_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE'
        AND OLD.ip_address IS NOT NULL
        AND NOT (OLD.ip_address <<= inet '{PSEUDONYM_RANGE}')
        AND NEW.ip_address IS NOT NULL
        AND NEW.ip_address <<= inet '{PSEUDONYM_RANGE}'
        AND (to_jsonb(NEW) - 'ip_address') = (to_jsonb(OLD) - 'ip_address')
    THEN
        RETURN NEW;  -- the retention's pseudonymisation, nothing else
    END IF;
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

_UNCHANGED = " AND ".join(f"NEW.{column} IS OLD.{column}" for column in COLUMNS)
# SQLite stores the address as text, normalised by Django (lower case, compressed).
_PSEUDONYMISED = (
    "OLD.ip_address IS NOT NULL AND OLD.ip_address NOT LIKE '2001:db8:%' "
    "AND NEW.ip_address IS NOT NULL AND NEW.ip_address LIKE '2001:db8:%' "
    f"AND {_UNCHANGED}"
)

SQLITE_INSTALL = [
    "DROP TRIGGER IF EXISTS audit_auditevent_no_update;",
    f"""
CREATE TRIGGER audit_auditevent_no_update
BEFORE UPDATE ON {TABLE} FOR EACH ROW WHEN NOT coalesce(({_PSEUDONYMISED}), 0)
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
    """Back to 0002's guard, which allows no change at all."""
    from importlib import import_module

    previous = import_module("ghnt_portal.audit.migrations.0002_append_only_triggers")
    for sql in statements(schema_editor.connection.vendor, install=False):
        schema_editor.execute(sql, params=None)
    for sql in previous.statements(schema_editor.connection.vendor, install=True):
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_invitation_sent")]

    operations = [migrations.RunPython(forwards, backwards)]
