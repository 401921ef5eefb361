"""The action list's exports (CSV and Excel), and the Excel file of a large list made in the
background through the outbox with its progress on a page (issue 26: the beheerder's list of
every region is thousands of rows; openpyxl writes them in about half a second, 30x a page).

The rows are those of the list with the same filters, as the requester may see them.
"""

from __future__ import annotations

import io
import logging
from collections import defaultdict
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import timezone

from ghnt_portal import outbox
from ghnt_portal.exports import lay_out_table, new_workbook, write_rows
from ghnt_portal.outbox.constants import OutboxState

from ..constants import ActionStatus, ExportState
from ..filters import ActionFilter
from ..models import Action, ActionExport

logger = logging.getLogger(__name__)

HEADERS = [
    "Programma",
    "Code",
    "Titel",
    "Actielijn",
    "Eigenaren",
    "Status",
    "Voortgang (%)",
    "Mijlpalen te laat",
]

# actions.tasks.make_action_export, by name (the task module imports this one).
EXPORT_TASK = "actions.tasks.make_action_export"

# The progress on the page moves every this many rows (one UPDATE each).
PROGRESS_EVERY = 250


def action_queryset(user) -> QuerySet[Action]:
    """Visible actions with what a list row shows, in one query (owners prefetched)."""
    return (
        Action.objects.visible_to(user)
        .select_related("programme", "action_line")
        .prefetch_related("owners")
        .with_overdue()
        .order_by("programme__title", "order", "code")
    )


def filtered_actions(user, query: QueryDict) -> QuerySet[Action]:
    """The list's actions under its filters, as `user` may see them (also in a task, where
    there is no request: the filter set only asks it for the user)."""
    request = SimpleNamespace(user=user, GET=query)
    return ActionFilter(query or None, action_queryset(user), request=request).qs


def export_rows(user, query: QueryDict) -> Iterator[list[Any]]:
    """The filtered list's rows for an export, read as plain values (two queries): all
    regions are thousands of actions, and a model instance per action and per owner took
    most of the export's time."""
    actions: Any = filtered_actions(user, query)  # annotated with overdue_count
    values = actions.values_list(
        "pk",
        "programme__short_name",
        "programme__title",
        "code",
        "title",
        "action_line__title",
        "status",
        "progress",
        "overdue_count",
    )
    owners: dict[int, list[str]] = defaultdict(list)
    ownership = Action.owners.through.objects.filter(action__in=actions.values("pk"))
    for action_id, name in ownership.order_by("organisation__name").values_list(
        "action_id", "organisation__name"
    ):
        owners[action_id].append(name)
    status = dict(ActionStatus.choices)
    for pk, short_name, programme, code, title, line, state, progress, overdue in values:
        yield [
            short_name or programme,
            code,
            title,
            line,
            ", ".join(owners[pk]),
            status.get(state, state),
            progress,
            overdue,
        ]


def filename(ext: str) -> str:
    return f"acties-{timezone.localdate():%Y-%m-%d}.{ext}"


def workbook_bytes(rows, progress=None) -> bytes:
    """The Excel file of `rows`; `progress(n)` is told every PROGRESS_EVERY rows written."""

    def counted():
        for n, row in enumerate(rows, start=1):
            yield row
            if progress is not None and n % PROGRESS_EVERY == 0:
                progress(n)

    workbook = new_workbook("Acties")
    sheet = workbook.active
    sheet.title = "Acties"
    write_rows(sheet, [HEADERS])
    write_rows(sheet, counted())
    lay_out_table(sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def in_background(user, query: QueryDict) -> int | None:
    """The number of rows when the list is too long to write within a page's time
    (ACTION_EXPORT_BACKGROUND_ROWS), else None: then the file is made at once."""
    count = filtered_actions(user, query).count()
    return count if count > settings.ACTION_EXPORT_BACKGROUND_ROWS else None


def start_export(user, query: str) -> ActionExport:
    """Record the export and its background work in one transaction (the outbox hands the
    work to a worker after the commit, or the sweep does once the broker is back)."""
    with transaction.atomic():
        # Stored encoded: a NUL typed or forged into a filter cannot be kept as text.
        encoded = QueryDict(query).urlencode()[:2000]
        export = ActionExport.objects.create(requested_by=user, query=encoded)
        outbox.enqueue(EXPORT_TASK, export.pk, key=export.outbox_key)
    return export


def make_export(export_id: int) -> ActionExport:
    """Write the export's file; run twice, a finished export is left alone."""
    export = ActionExport.objects.select_related("requested_by").get(pk=export_id)
    if export.state == ExportState.DONE:
        return export
    user = export.requested_by
    query = QueryDict(export.query)
    total = filtered_actions(user, query).count()
    ActionExport.objects.filter(pk=export_id).update(
        state=ExportState.RUNNING, rows_total=total, rows_done=0, failure=""
    )

    def progress(n: int) -> None:
        ActionExport.objects.filter(pk=export_id).update(rows_done=n)

    content = workbook_bytes(export_rows(user, query), progress)
    export.file.save(filename("xlsx"), ContentFile(content), save=False)
    export.state = ExportState.DONE
    export.rows_total = export.rows_done = total
    export.finished_at = timezone.now()
    export.failure = ""
    export.save(
        update_fields=["file", "state", "rows_total", "rows_done", "finished_at", "failure"]
    )
    return export


def record_failure(export_id: int, exc: BaseException, final: bool) -> None:
    """A failed try: waiting for its retry, or, after the last one, failed with the reason."""
    ActionExport.objects.filter(pk=export_id).exclude(state=ExportState.DONE).update(
        state=ExportState.FAILED if final else ExportState.QUEUED,
        failure=f"{type(exc).__name__}: {exc}"[:2000],
    )


def current(export: ActionExport) -> tuple[ActionExport, Any]:
    """The export with the state of its background work (for the page). Work the outbox gave
    up on (its worker died on every try, or the task failed outside `make_export`) makes the
    export failed, so the page never says "bezig" for work no one is doing."""
    task = outbox.latest(export.outbox_key) if export.is_in_progress else None
    if task is not None and task.state == OutboxState.FAILED:
        reason = task.last_error or "De achtergrondverwerking is gestopt voordat het klaar was."
        ActionExport.objects.filter(pk=export.pk, state__in=[export.state]).update(
            state=ExportState.FAILED, failure=reason[:2000]
        )
        export.refresh_from_db()
        task = None
    return export, task
