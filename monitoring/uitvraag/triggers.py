"""The database half of "a sent answer page never changes" (AnswerSheet.save refuses it
in the app): triggers installed by migration 0013, whose SQL this module reuses.

SQLite rebuilds a table for most schema changes, which silently drops its triggers;
`reinstall_after_migrate` (post_migrate, see apps.py) puts them back. PostgreSQL alters
tables in place, so its trigger stays.
"""

from __future__ import annotations

import importlib

from django.db import connections
from django.db.migrations.recorder import MigrationRecorder

_migration = importlib.import_module("monitoring.migrations.0013_answersheet_freeze_trigger")
INSTALLED_BY = ("monitoring", "0013_answersheet_freeze_trigger")
MESSAGE = _migration.MESSAGE


def reinstall_after_migrate(sender, using: str = "default", **kwargs) -> None:
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    if INSTALLED_BY not in MigrationRecorder(connection).applied_migrations():
        return
    with connection.cursor() as cursor:
        for sql in _migration.SQLITE_INSTALL:
            cursor.execute(sql)
