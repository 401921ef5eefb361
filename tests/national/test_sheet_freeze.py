"""A sent answer page (a region answering the uitvraag without a report) never changes: the
database refuses, past the model's own check, an UPDATE or DELETE of a verzonden sheet
(migration 0013); a concept sheet stays writable and may be sent."""

from django.db import DatabaseError, connection, models, transaction
from django.utils import timezone

import pytest

from monitoring.uitvraag.constants import SheetStatus
from monitoring.uitvraag.models import AnswerSheet
from monitoring.uitvraag.triggers import MESSAGE
from programmes.models import Region
from tests.monitoring.uitvraag import make_questionnaire

pytestmark = pytest.mark.django_db

SENT_WORDS = {"answers": {"1": {"value": "Wij leren van Kennemerland."}}}


def _sheet(status):
    return AnswerSheet.objects.create(
        questionnaire=make_questionnaire("2021-H2"),
        region=Region.objects.get(slug="groningen"),
        answers=SENT_WORDS,
        status=status,
        sent_at=timezone.now() if status == SheetStatus.SENT else None,
    )


def _raw(sql, params):
    """Straight to the database: no model, no queryset."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


TABLE = AnswerSheet._meta.db_table


@pytest.mark.parametrize(
    ("sql", "params"),
    [
        (f"UPDATE {TABLE} SET answers = %s WHERE id = %s", ['{"answers": {}}']),
        (f"UPDATE {TABLE} SET status = 'concept' WHERE id = %s", []),
        (f"UPDATE {TABLE} SET sent_at = NULL WHERE id = %s", []),
        (f"DELETE FROM {TABLE} WHERE id = %s", []),
    ],
    ids=["answers", "back-to-concept", "sent-at", "delete"],
)
def test_the_database_refuses_to_change_or_delete_a_sent_sheet(sql, params):
    sheet = _sheet(SheetStatus.SENT)
    with pytest.raises(DatabaseError, match="verzonden antwoorden op de uitvraag"):
        _raw(sql, [*params, sheet.pk])
    stored = AnswerSheet.objects.get(pk=sheet.pk)
    assert stored.answers == SENT_WORDS
    assert stored.status == SheetStatus.SENT and stored.sent_at is not None


def test_a_queryset_update_past_the_model_is_refused_too():
    sheet = _sheet(SheetStatus.SENT)
    with pytest.raises(DatabaseError, match=MESSAGE), transaction.atomic():
        models.QuerySet.update(AnswerSheet.objects.filter(pk=sheet.pk), answers={})
    assert AnswerSheet.objects.get(pk=sheet.pk).answers == SENT_WORDS


def test_a_concept_sheet_is_written_and_sent_freely():
    sheet = _sheet(SheetStatus.CONCEPT)
    _raw(f"UPDATE {TABLE} SET answers = %s WHERE id = %s", ['{"answers": {}}', sheet.pk])
    assert AnswerSheet.objects.get(pk=sheet.pk).answers == {"answers": {}}
    # Sending writes the answers and the sending record in one UPDATE.
    AnswerSheet.objects.filter(pk=sheet.pk).update(
        answers=SENT_WORDS, status=SheetStatus.SENT, sent_at=timezone.now()
    )
    assert AnswerSheet.objects.get(pk=sheet.pk).is_sent


def test_a_concept_sheet_may_be_deleted():
    sheet = _sheet(SheetStatus.CONCEPT)
    _raw(f"DELETE FROM {TABLE} WHERE id = %s", [sheet.pk])
    assert not AnswerSheet.objects.filter(pk=sheet.pk).exists()
