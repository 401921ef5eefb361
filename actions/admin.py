from django.contrib import admin

from simple_history.admin import SimpleHistoryAdmin

from governance.admin import CommitmentAdmin
from governance.models import Commitment

from .models import (
    Action,
    BudgetLine,
    ExpectedResult,
    FundingSource,
    Milestone,
    PrintedBudgetTotal,
    ReminderLog,
    StatusUpdate,
)


class ExpectedResultInline(admin.TabularInline):
    model = ExpectedResult
    extra = 0


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0
    fields = [
        "letter",
        "order",
        "title",
        "planned_year",
        "planned_quarter",
        "meeting_label",
        "done_on",
    ]


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    list_display = ["code", "title", "programme", "action_line", "status", "progress"]
    list_filter = ["status", "programme__region", "programme", "owners"]
    search_fields = ["code", "title", "wat", "doel"]
    filter_horizontal = ["owners", "commitments"]
    inlines = [ExpectedResultInline, MilestoneInline]


class CommitmentActionInline(admin.TabularInline):
    """The actions fulfilling a toezegging, on the toezegging's admin page. The relation is
    declared on Action (governance sits below actions), so actions adds this inline."""

    model = Action.commitments.through
    extra = 0
    autocomplete_fields = ["action"]
    verbose_name = "actie die de toezegging invult"
    verbose_name_plural = "acties die de toezegging invullen"


admin.site.unregister(Commitment)


@admin.register(Commitment)
class CommitmentWithActionsAdmin(CommitmentAdmin):
    inlines = [*CommitmentAdmin.inlines, CommitmentActionInline]


@admin.register(ExpectedResult)
class ExpectedResultAdmin(SimpleHistoryAdmin):
    list_display = ["description", "action", "target_value", "achieved_value"]
    list_filter = ["action__programme"]
    search_fields = ["description"]


@admin.register(Milestone)
class MilestoneAdmin(SimpleHistoryAdmin):
    list_display = [
        "letter",
        "title",
        "programme",
        "action",
        "planned_year",
        "planned_quarter",
        "meeting_label",
        "done_on",
    ]
    list_filter = ["programme", "planned_year", "planned_quarter"]
    search_fields = ["letter", "title", "meeting_label"]


@admin.register(FundingSource)
class FundingSourceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "order"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(BudgetLine)
class BudgetLineAdmin(SimpleHistoryAdmin):
    list_display = [
        "row_label",
        "description",
        "funding_source",
        "kind",
        "amount",
        "realised",
        "programme",
    ]
    list_filter = ["programme", "funding_source", "kind"]
    search_fields = ["description", "row_label", "note"]


@admin.register(PrintedBudgetTotal)
class PrintedBudgetTotalAdmin(admin.ModelAdmin):
    list_display = ["programme", "funding_source", "amount"]
    list_filter = ["programme"]
    search_fields = ["programme__title"]


@admin.register(StatusUpdate)
class StatusUpdateAdmin(admin.ModelAdmin):
    list_display = [
        "action",
        "author",
        "organisation",
        "created_at",
        "status",
        "progress",
        "review_status",
    ]
    list_filter = ["review_status", "status", "organisation"]
    search_fields = ["action__code", "action__title", "remark"]


@admin.register(ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin):
    """Which reminders went out (journey 2); read-only, written by the reminder task."""

    list_display = ["email", "deadline", "action_count", "sent_at"]
    list_filter = ["deadline"]
    search_fields = ["email"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
