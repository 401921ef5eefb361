"""Database triggers that keep a definitief or verzonden progress report frozen.

The model and its queryset refuse such changes too; the trigger also stops raw SQL, the
admin of another tool and anything else that writes to the table. The one allowed change
is definitief -> verzonden (status, sent_at, sent_to, sent_by).
Installed by migration 0003 for PostgreSQL and SQLite.
"""

from contextlib import contextmanager

TABLE = "monitoring_progressreport"
# The report's content: never changes once the report has left concept.
FROZEN_COLUMNS = (
    "snapshot",
    "pdf",
    "pdf_sha256",
    "period",
    "programme_id",
    "version",
    "replaces_id",
    "generated_at",
    "finalised_at",
)
SENT_COLUMNS = ("status", "sent_at", "sent_to", "sent_by_id")
MESSAGE = "voortgangsrapportage is definitief en kan niet worden gewijzigd of verwijderd"


def _changed(columns, distinct):
    return " OR ".join(f"NEW.{c} {distinct} OLD.{c}" for c in columns)


POSTGRES_INSTALL = f"""
CREATE OR REPLACE FUNCTION monitoring_progressreport_frozen() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.status <> 'concept' THEN
            RAISE EXCEPTION '{MESSAGE} (id %)', OLD.id
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.status <> 'concept' AND (
        {_changed(FROZEN_COLUMNS, "IS DISTINCT FROM")}
        OR (OLD.status = 'verzonden' AND ({_changed(SENT_COLUMNS, "IS DISTINCT FROM")}))
        OR (OLD.status = 'definitief' AND NEW.status NOT IN ('definitief', 'verzonden'))
    ) THEN
        RAISE EXCEPTION '{MESSAGE} (id %)', OLD.id
                USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS monitoring_progressreport_frozen ON {TABLE};
CREATE TRIGGER monitoring_progressreport_frozen
    BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION monitoring_progressreport_frozen();
"""

POSTGRES_DROP = f"""
DROP TRIGGER IF EXISTS monitoring_progressreport_frozen ON {TABLE};
DROP FUNCTION IF EXISTS monitoring_progressreport_frozen();
"""

SQLITE_INSTALL = [
    f"""
CREATE TRIGGER IF NOT EXISTS monitoring_progressreport_frozen_update
BEFORE UPDATE ON {TABLE} FOR EACH ROW
WHEN OLD.status <> 'concept' AND (
    {_changed(FROZEN_COLUMNS, "IS NOT")}
    OR (OLD.status = 'verzonden' AND ({_changed(SENT_COLUMNS, "IS NOT")}))
    OR (OLD.status = 'definitief' AND NEW.status NOT IN ('definitief', 'verzonden'))
)
BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
""",
    f"""
CREATE TRIGGER IF NOT EXISTS monitoring_progressreport_frozen_delete
BEFORE DELETE ON {TABLE} FOR EACH ROW
WHEN OLD.status <> 'concept'
BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
""",
]

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS monitoring_progressreport_frozen_update;",
    "DROP TRIGGER IF EXISTS monitoring_progressreport_frozen_delete;",
]


def _statements(vendor, install):
    if vendor == "postgresql":
        return [POSTGRES_INSTALL if install else POSTGRES_DROP]
    if vendor == "sqlite":
        return SQLITE_INSTALL if install else SQLITE_DROP
    return []


def install(connection):
    with connection.cursor() as cursor:
        for sql in _statements(connection.vendor, install=True):
            cursor.execute(sql)


def drop(connection):
    with connection.cursor() as cursor:
        for sql in _statements(connection.vendor, install=False):
            cursor.execute(sql)


@contextmanager
def suspended(connection):
    """Lift the guard for test teardown only (SQLite flushes with DELETE, not TRUNCATE)."""
    drop(connection)
    try:
        yield
    finally:
        install(connection)
