from django.contrib import admin

from .models import (
    ActionLine,
    Goal,
    Membership,
    Municipality,
    Organisation,
    Programme,
    ProgrammeSection,
    Region,
)


class MunicipalityInline(admin.TabularInline):
    model = Municipality
    extra = 0


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "centrumgemeente", "rijk_report_email"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MunicipalityInline]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "cbs_code", "region"]
    list_filter = ["region"]
    search_fields = ["name", "cbs_code"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "region", "contact_email"]
    list_filter = ["kind", "region"]
    search_fields = ["name"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "region", "organisation", "municipality"]
    list_filter = ["role", "region"]
    search_fields = ["user__username", "user__email", "organisation__name"]
    autocomplete_fields = ["user", "organisation", "municipality"]


class GoalInline(admin.TabularInline):
    model = Goal
    extra = 0


class ActionLineInline(admin.TabularInline):
    model = ActionLine
    extra = 0


class ProgrammeSectionInline(admin.StackedInline):
    """The narrative sections (context, project organisation, ...): kept by the beheerder
    here; the projectleider reads them on the programme page and in the report."""

    model = ProgrammeSection
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["title", "region", "period_start", "period_end", "status"]
    list_filter = ["region", "status"]
    search_fields = ["title", "short_name"]
    filter_horizontal = ["participants"]
    inlines = [GoalInline, ActionLineInline, ProgrammeSectionInline]
    # Derived from the decision routes (governance.services.refresh_programme_status).
    readonly_fields = ["status"]


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "programme", "in_focus"]
    list_filter = ["in_focus", "programme__region"]
    search_fields = ["title"]


@admin.register(ActionLine)
class ActionLineAdmin(admin.ModelAdmin):
    list_display = ["order", "title", "programme", "is_national"]
    list_filter = ["is_national", "programme__region"]
    search_fields = ["title"]
