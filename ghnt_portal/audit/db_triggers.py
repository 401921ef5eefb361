"""The append-only guard on the audit table, as installed by migration 0004 (whose SQL this
module reuses, so there is one copy of it).

`suspended()` lifts it for test teardown only: SQLite empties tables with DELETE after a
live-server test (PostgreSQL uses TRUNCATE, which row triggers do not see).
"""

import importlib
from contextlib import contextmanager

_migration = importlib.import_module("ghnt_portal.audit.migrations.0004_pseudonymise_ip_trigger")


def install(connection):
    with connection.cursor() as cursor:
        for sql in _migration.statements(connection.vendor, install=True):
            cursor.execute(sql)


def drop(connection):
    with connection.cursor() as cursor:
        for sql in _migration.statements(connection.vendor, install=False):
            cursor.execute(sql)


@contextmanager
def suspended(connection):
    drop(connection)
    try:
        yield
    finally:
        install(connection)
