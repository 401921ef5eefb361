from django.contrib import admin

from .models import AuditEvent


class ReadOnlyModelAdmin(admin.ModelAdmin):
    """Viewable, never added, changed or deleted through the admin (not even by a superuser)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyModelAdmin):
    list_display = [
        "timestamp",
        "actor_name",
        "action",
        "result",
        "content_type",
        "object_repr",
        "ip_address",
    ]
    list_filter = ["action", "result", "content_type", "timestamp"]
    search_fields = ["actor_name", "object_repr", "object_id", "ip_address", "detail"]
    date_hierarchy = "timestamp"
    list_select_related = ["content_type"]
    readonly_fields = [f.name for f in AuditEvent._meta.fields]
    list_per_page = 100
