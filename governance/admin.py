from django.contrib import admin

from programmes.models import Programme

from .models import (
    Commitment,
    Decision,
    DecisionBody,
    DecisionPoint,
    DecisionRoute,
    Meeting,
    RouteStep,
)
from .services import delete_route, refresh_programme_status


@admin.register(DecisionBody)
class DecisionBodyAdmin(admin.ModelAdmin):
    list_display = ["name", "abbreviation", "kind", "region", "is_competent"]
    list_filter = ["kind", "region", "is_competent"]
    search_fields = ["name", "abbreviation"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["body", "date", "date_precision", "label"]
    list_filter = ["body__region", "body__kind"]
    search_fields = ["label", "body__name"]
    date_hierarchy = "date"


class RouteStepInline(admin.TabularInline):
    model = RouteStep
    extra = 0


@admin.register(DecisionRoute)
class DecisionRouteAdmin(admin.ModelAdmin):
    list_display = ["title", "region", "programme", "reference"]
    list_filter = ["region"]
    search_fields = ["title", "reference"]
    inlines = [RouteStepInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The programme's status follows from its steps; keep the stored column in step.
        previous = form.initial.get("programme")
        if previous and previous != form.instance.programme_id:
            refresh_programme_status(Programme.objects.filter(pk=previous).first())
        refresh_programme_status(form.instance.programme)

    def delete_model(self, request, obj):
        delete_route(obj)

    def delete_queryset(self, request, queryset):
        for route in queryset:
            delete_route(route)


class DecisionPointInline(admin.TabularInline):
    model = DecisionPoint
    extra = 0


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "date", "body", "region"]
    list_filter = ["region"]
    search_fields = ["number", "title"]
    inlines = [DecisionPointInline]


@admin.register(Commitment)
class CommitmentAdmin(admin.ModelAdmin):
    list_display = ["number", "region", "due_date", "status", "settled_on"]
    list_filter = ["region", "status"]
    search_fields = ["number", "text"]
    # The linked actions (Action.commitments) are an inline added by actions/admin.py.
