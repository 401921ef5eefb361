from django.contrib import admin

from .constants import ReportStatus
from .models import Indicator, Measurement, ProgressReport, ReportDownload


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "unit", "suppression_threshold"]
    search_fields = ["name", "code"]


@admin.register(Measurement)
class MeasurementAdmin(admin.ModelAdmin):
    list_display = [
        "indicator",
        "municipality",
        "region",
        "period_kind",
        "period_start",
        "period_end",
        "period_label",
        "value",
    ]
    list_filter = ["indicator", "period_kind", "region", "municipality__region"]
    search_fields = ["indicator__name", "municipality__name", "period_label"]


@admin.register(ProgressReport)
class ProgressReportAdmin(admin.ModelAdmin):
    list_display = ["programme", "period", "version", "status", "generation_state", "sent_at"]
    list_filter = ["status", "generation_state", "programme__region"]
    search_fields = ["programme__title", "period"]
    # Reports are made, finalised and sent through the portal (monitoring.reports.services); the
    # admin shows them only. A definitief report cannot change anyway.
    readonly_fields = [f.name for f in ProgressReport._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return obj is None or obj.status == ReportStatus.CONCEPT


@admin.register(ReportDownload)
class ReportDownloadAdmin(admin.ModelAdmin):
    list_display = ["report", "user", "downloaded_at"]
    list_filter = ["report__programme__region"]
    date_hierarchy = "downloaded_at"

    def has_change_permission(self, request, obj=None):
        return False
