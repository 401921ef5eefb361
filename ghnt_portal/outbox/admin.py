from functools import partial

from django.contrib import admin, messages
from django.db import transaction

from .constants import OutboxState
from .models import OutboxTask
from .services import publish


@admin.register(OutboxTask)
class OutboxTaskAdmin(admin.ModelAdmin):
    """Read-only: what the background processing did and does. One action hands failed
    work out again (after the cause, e.g. a missing font, is repaired)."""

    list_display = ("task_name", "key", "state", "created_at", "started_at", "attempts")
    list_filter = ("state", "task_name")
    search_fields = ("key", "task_name", "last_error")
    date_hierarchy = "created_at"
    actions = ["requeue"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_requeue_permission(self, request):
        return request.user.is_superuser

    @admin.action(description="Opnieuw in de wachtrij zetten", permissions=["requeue"])
    def requeue(self, request, queryset):
        pks = list(
            queryset.filter(state=OutboxState.FAILED).values_list("pk", flat=True)
        )  # running or waiting work is already on its way
        OutboxTask.objects.filter(pk__in=pks).update(state=OutboxState.QUEUED)
        for pk in pks:
            transaction.on_commit(partial(publish, pk))
        messages.info(request, f"{len(pks)} mislukte taak/taken opnieuw in de wachtrij gezet.")
