"""A definitief report is frozen in the database too: a trigger refuses UPDATE and DELETE."""

from django.db import migrations

from monitoring import db_triggers


def install(apps, schema_editor):
    # RunSQL per vendor: PostgreSQL gets a plpgsql trigger, SQLite two plain triggers.
    for sql in db_triggers._statements(schema_editor.connection.vendor, install=True):
        schema_editor.execute(sql, params=None)


def drop(apps, schema_editor):
    for sql in db_triggers._statements(schema_editor.connection.vendor, install=False):
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0002_progress_report_workflow")]

    operations = [migrations.RunPython(install, drop)]
