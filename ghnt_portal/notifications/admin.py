from django.contrib import admin

from .models import Notification, NotificationPreference


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ("user", "event", "delivery")
    list_filter = ("event", "delivery")
    search_fields = ("user__username", "user__last_name")


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """What was sent to whom, for support questions; never changed by hand."""

    list_display = ("created_at", "user", "event", "subject", "delivery", "sent_at")
    list_filter = ("event", "delivery")
    search_fields = ("user__username", "subject")
    readonly_fields = [f.name for f in Notification._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
