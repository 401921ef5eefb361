"""A definitief report never changes: every column, at every level, also after a migration.

The rule is `monitoring.reports.freeze`; the database half is `monitoring.reports.triggers`.
"""

import datetime
import importlib
import re

from django.core.management.sql import emit_post_migrate_signal
from django.db import DatabaseError, connection, models, transaction
from django.db.models import F

import pytest

from monitoring.constants import GenerationState, ReportStatus
from monitoring.models import FrozenReportError, ProgressReport
from monitoring.reports import triggers
from tests.factories import ProgrammeFactory
from tests.monitoring.reports import make_report

TABLE = ProgressReport._meta.db_table
SEND_COLUMNS = {"status", "sent_at", "sent_to", "sent_by_id"}


def _table_columns() -> set[str]:
    with connection.cursor() as cursor:
        return {c.name for c in connection.introspection.get_table_description(cursor, TABLE)}


def _another_value(report, field):
    """A value of the right type that differs from what the report holds now."""
    if field.primary_key:
        return F(field.attname) + 100_000
    if field.is_relation:
        current = getattr(report, field.attname)
        return (
            field.related_model._default_manager.exclude(pk=current)
            .values_list("pk", flat=True)
            .first()
        )
    if isinstance(field, models.DateTimeField):
        return datetime.datetime(2001, 1, 1, tzinfo=datetime.UTC)
    if isinstance(field, models.JSONField):
        return {"vervalst": True}
    if isinstance(field, models.IntegerField):
        return 99
    return "x"


def _unguarded_update(report, **values):
    """Past the model and queryset checks, straight to the database."""
    with transaction.atomic():
        models.QuerySet.update(ProgressReport.objects.filter(pk=report.pk), **values)


@pytest.mark.django_db
@pytest.mark.parametrize("status", [ReportStatus.FINAL, ReportStatus.SENT])
def test_the_database_refuses_a_change_to_any_column_of_a_frozen_report(
    zawa_programme, projectleider, status
):
    make_report(zawa_programme, ReportStatus.CONCEPT, period="2020-H2")  # for `replaces`
    report = make_report(zawa_programme, status, requested_by=projectleider)
    tried = set()
    for field in ProgressReport._meta.concrete_fields:
        value = _another_value(report, field)
        assert value is not None, field.name
        with pytest.raises(DatabaseError, match="definitief"):
            _unguarded_update(report, **{field.attname: value})
        tried.add(field.column)
    assert tried == _table_columns()  # every column of the table, none left writable
    stored = ProgressReport.objects.get(pk=report.pk)
    assert (stored.status, stored.requested_by_id) == (status, projectleider.pk)


@pytest.mark.django_db
def test_definitief_to_verzonden_fills_in_the_sending_record_and_nothing_else(
    zawa_programme, projectleider
):
    report = make_report(zawa_programme, ReportStatus.FINAL)
    sending = {
        "status": ReportStatus.SENT,
        "sent_to": "rijk@example.nl",
        "sent_by_id": projectleider.pk,
    }
    # The sending record alone, without the step to verzonden: refused.
    with pytest.raises(DatabaseError, match="definitief"):
        _unguarded_update(report, sent_to="rijk@example.nl")
    with pytest.raises(FrozenReportError):
        ProgressReport.objects.filter(pk=report.pk).update(sent_to="rijk@example.nl")
    # The step with anything else in it: refused at every level.
    with pytest.raises(DatabaseError, match="definitief"):
        _unguarded_update(report, generation_state=GenerationState.FAILED, **sending)
    with pytest.raises(FrozenReportError):
        ProgressReport.objects.filter(pk=report.pk).update(
            generation_state=GenerationState.FAILED, **sending
        )
    report.refresh_from_db()
    report.status, report.sent_to, report.finalised_by = (
        ReportStatus.SENT,
        "rijk@example.nl",
        projectleider,
    )
    with pytest.raises(FrozenReportError, match="finalised_by"):
        report.save()
    # The step itself.
    _unguarded_update(report, **sending)
    report.refresh_from_db()
    assert (report.status, report.sent_to) == (ReportStatus.SENT, "rijk@example.nl")


def _normalised(sql: str) -> str:
    return re.sub(r"\s+", " ", sql).strip()


def test_the_sqlite_triggers_of_the_migration_are_the_ones_the_app_reinstalls():
    """The latest trigger migration (0008, after 0006 and the columns of 0007) carries its own
    SQL; after every migrate the app recreates the SQLite triggers from the table's columns.
    For today's columns both must be the same: a new column needs a new trigger migration."""
    migration = importlib.import_module("monitoring.migrations.0008_report_freeze_texts_and_route")
    columns = [f.column for f in ProgressReport._meta.concrete_fields]
    assert [_normalised(s) for s in triggers.sqlite_statements(columns)] == [
        _normalised(s) for s in migration.SQLITE_INSTALL
    ]


def _sqlite_triggers() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [TABLE]
        )
        return {row[0] for row in cursor.fetchall()}


def _sent_to(max_length):
    field = models.EmailField("verzonden aan", max_length=max_length, blank=True)
    field.set_attributes_from_name("sent_to")
    field.model = ProgressReport
    return field


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite rebuilds tables to alter them")
def test_the_freeze_triggers_survive_a_later_table_rebuild_on_sqlite(transactional_db):
    report = make_report(ProgrammeFactory(), ReportStatus.FINAL)
    before = _sqlite_triggers()
    assert before == {triggers.SQLITE_UPDATE_TRIGGER, triggers.SQLITE_DELETE_TRIGGER}
    current, wider = ProgressReport._meta.get_field("sent_to"), _sent_to(300)
    try:
        # What a later AlterField of the report table does on SQLite: copy the table to a
        # new one, drop the old one (and its triggers with it), rename the new one.
        with connection.schema_editor() as editor:
            editor.alter_field(ProgressReport, current, wider)
        assert _sqlite_triggers() == set()
        # What `migrate` runs after the migrations.
        emit_post_migrate_signal(verbosity=0, interactive=False, db=connection.alias)
        assert _sqlite_triggers() == before
        with pytest.raises(DatabaseError, match="definitief"):
            _unguarded_update(report, pdf_sha256="0" * 64)
        with pytest.raises(DatabaseError, match="definitief"):
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {TABLE} WHERE id = %s", [report.pk])
    finally:
        with connection.schema_editor() as editor:
            editor.alter_field(ProgressReport, wider, current)
        triggers.install_sqlite(connection)
        # The frozen report goes with the cleanup after the test (tests/conftest.py).
    assert _sqlite_triggers() == before
