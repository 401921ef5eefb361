"""Background jobs of a large measurement import, handed out through the outbox
(`services.start_upload`, `services.confirm`). They take the batch's primary key and can run
twice safely: each does its work only in the phase that asks for it."""

import logging

from celery import shared_task

from . import services

logger = logging.getLogger(__name__)


@shared_task(name="monitoring.imports.check_import", acks_late=True)
def check_import(batch_id: int) -> None:
    try:
        services.check_stored(batch_id)
    except Exception as exc:
        services.fail(batch_id, exc)
        logger.exception("Controle van import %s mislukt", batch_id)
        raise


@shared_task(name="monitoring.imports.run_import", acks_late=True)
def run_import(batch_id: int) -> None:
    try:
        services.import_stored(batch_id)
    except Exception as exc:
        services.fail(batch_id, exc)
        logger.exception("Import %s mislukt", batch_id)
        raise


@shared_task(name="monitoring.imports.forget_unconfirmed_imports")
def forget_unconfirmed_imports() -> int:
    """Daily (beat, migration): stored upload files never confirmed within a week go."""
    return services.forget_unconfirmed()
