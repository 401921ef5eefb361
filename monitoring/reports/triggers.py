"""The database half of the frozen-report rule (`freeze.py`): triggers on the report table.

A trigger refuses, whoever writes to the table (raw SQL, another tool's admin), to delete a
report that left concept or to change any column of it, except the step definitief ->
verzonden filling in the sending record (`freeze.SEND_FIELDS`).

- PostgreSQL: one plpgsql trigger that compares the whole row (`NEW IS DISTINCT FROM
  OLD`), so it covers columns added later without being touched. Installed by migration
  0006; PostgreSQL alters tables in place, so the trigger stays.
- SQLite has no whole-row comparison, so its two triggers name every column. SQLite also
  rebuilds a table for most schema changes (a later AlterField), which silently drops its
  triggers. `reinstall_after_migrate` (a post_migrate handler, see apps.py) therefore
  recreates them after every `migrate`, from the table's columns as they are then.

Migrations carry their own SQL (0003, 0006) and never import this module.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.recorder import MigrationRecorder

from ..constants import ReportStatus
from .freeze import SEND_FIELDS
from .models import ProgressReport

TABLE = "monitoring_progressreport"
MESSAGE = "voortgangsrapportage is definitief en kan niet worden gewijzigd of verwijderd"
# The migration that installs the triggers covering every column.
INSTALLED_BY = ("monitoring", "0006_report_freeze_every_column")
SQLITE_UPDATE_TRIGGER = "monitoring_progressreport_frozen_update"
SQLITE_DELETE_TRIGGER = "monitoring_progressreport_frozen_delete"
POSTGRES_TRIGGER = "monitoring_progressreport_frozen"


def _send_columns() -> list[str]:
    fields = ProgressReport._meta.concrete_fields
    return [f.column for f in fields if f.name in SEND_FIELDS and f.column is not None]


def sqlite_statements(columns: list[str]) -> list[str]:
    """The SQLite triggers for a report table with these columns (drop, then create)."""
    send = _send_columns()
    content = [c for c in columns if c not in send]

    def changed(names: list[str]) -> str:
        return " OR ".join(f'NEW."{c}" IS NOT OLD."{c}"' for c in names)

    concept, final, sent = ReportStatus.CONCEPT, ReportStatus.FINAL, ReportStatus.SENT
    return [
        f"DROP TRIGGER IF EXISTS {SQLITE_UPDATE_TRIGGER};",
        f"DROP TRIGGER IF EXISTS {SQLITE_DELETE_TRIGGER};",
        f"""
CREATE TRIGGER {SQLITE_UPDATE_TRIGGER}
BEFORE UPDATE ON {TABLE} FOR EACH ROW
WHEN OLD.status <> '{concept}' AND (
    {changed(content)}
    OR (({changed(send)}) AND NOT (OLD.status = '{final}' AND NEW.status = '{sent}'))
)
BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
""",
        f"""
CREATE TRIGGER {SQLITE_DELETE_TRIGGER}
BEFORE DELETE ON {TABLE} FOR EACH ROW
WHEN OLD.status <> '{concept}'
BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
""",
    ]


def _table_columns(connection: BaseDatabaseWrapper) -> list[str]:
    with connection.cursor() as cursor:
        if TABLE not in connection.introspection.table_names(cursor):
            return []
        return [c.name for c in connection.introspection.get_table_description(cursor, TABLE)]


def install_sqlite(connection: BaseDatabaseWrapper) -> None:
    """(Re)create the SQLite triggers for the table's current columns; safe to repeat."""
    columns = _table_columns(connection)
    if not columns:
        return
    with connection.cursor() as cursor:
        for sql in sqlite_statements(columns):
            cursor.execute(sql)


def drop_sqlite(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TRIGGER IF EXISTS {SQLITE_UPDATE_TRIGGER};")
        cursor.execute(f"DROP TRIGGER IF EXISTS {SQLITE_DELETE_TRIGGER};")


def reinstall_after_migrate(sender, using: str = "default", **kwargs) -> None:
    """post_migrate: on SQLite, put back triggers a table rebuild may have dropped."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    if INSTALLED_BY not in MigrationRecorder(connection).applied_migrations():
        return  # not installed yet, or migrated back to before the triggers
    install_sqlite(connection)


@contextmanager
def suspended(connection: BaseDatabaseWrapper) -> Iterator[None]:
    """Lift the guard for test teardown only (SQLite flushes with DELETE, not TRUNCATE)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER {POSTGRES_TRIGGER}")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute(f"ALTER TABLE {TABLE} ENABLE TRIGGER {POSTGRES_TRIGGER}")
        return
    if connection.vendor == "sqlite":
        drop_sqlite(connection)
        try:
            yield
        finally:
            install_sqlite(connection)
        return
    yield
