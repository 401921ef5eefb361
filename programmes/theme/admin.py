from django.contrib import admin

from . import services
from .forms import RegionThemeForm
from .models import RegionTheme


@admin.register(RegionTheme)
class RegionThemeAdmin(admin.ModelAdmin):
    """The beheerder sets a region's theme; the same form (file and contrast checks) and the
    same service as the projectleider's page."""

    form = RegionThemeForm
    list_display = ["region", "primary_colour", "updated_at"]
    search_fields = ["region__name"]
    readonly_fields = ["version", "updated_at"]

    def save_model(self, request, obj, form, change):
        old = RegionTheme.objects.filter(pk=obj.pk).first() if obj.pk else None
        services.save_theme(obj, services.stored_files(old) if old else [])
