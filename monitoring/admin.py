from django.contrib import admin

from .models import Indicator, Measurement, ProgressReport


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
    list_display = ["programme", "period", "version", "status", "generated_at"]
    list_filter = ["status", "programme__region"]
    search_fields = ["programme__title", "period"]
