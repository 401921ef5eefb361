from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse

from simple_history.admin import SimpleHistoryAdmin

from ghnt_portal.validators import no_client_data
from governance.admin import CommitmentAdmin
from governance.models import Commitment

from . import services
from .constants import ReviewStatus
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
    """Status updates as written. Their review (accept / return) goes only through the
    services, as in the portal: the review fields are read-only here, and the two admin actions
    call accept_update and return_update (which apply the values to the action)."""

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
    readonly_fields = ["review_status", "reviewed_by", "reviewed_at", "review_remark"]
    actions = ["accept_selected", "return_selected"]

    def _report(self, request, done: int, verb: str, failures: list[str]) -> None:
        if done:
            self.message_user(request, f"{done} voortgangsupdate(s) {verb}.", messages.SUCCESS)
        for failure in failures:
            self.message_user(request, failure, messages.ERROR)

    @admin.action(description="Accepteren: de waarden in de actie overnemen")
    def accept_selected(self, request, queryset):
        done, failures = 0, []
        # Oldest first: accepting a newer one first would close the older ones as superseded.
        for update in queryset.select_related("action").order_by("created_at", "pk"):
            update.refresh_from_db(fields=["review_status"])
            if update.review_status == ReviewStatus.SUPERSEDED:
                continue  # closed by a newer one accepted in this same run
            try:
                services.accept_update(update=update, reviewer=request.user)
            except (ValidationError, PermissionDenied) as error:
                failures.append(f"{update}: {_message(error)}")
            else:
                done += 1
        self._report(request, done, "geaccepteerd", failures)

    @admin.action(description="Terugsturen naar de ketenpartner, met een opmerking")
    def return_selected(self, request, queryset):
        """First a page asking for the remark; then return_update for each selected update."""
        form = ReturnUpdatesForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            done, failures = 0, []
            for update in queryset.select_related("action"):
                try:
                    services.return_update(
                        update=update, reviewer=request.user, remark=form.cleaned_data["remark"]
                    )
                except (ValidationError, PermissionDenied) as error:
                    failures.append(f"{update}: {_message(error)}")
                else:
                    done += 1
            self._report(request, done, "teruggestuurd", failures)
            return None
        return TemplateResponse(
            request,
            "admin/actions/statusupdate/return_updates.html",
            {
                **self.admin_site.each_context(request),
                "title": "Voortgangsupdates terugsturen",
                "opts": self.model._meta,
                "updates": queryset.select_related("action"),
                "form": form,
                "action_checkbox_name": ACTION_CHECKBOX_NAME,
            },
        )


class ReturnUpdatesForm(forms.Form):
    remark = forms.CharField(
        label="Opmerking voor de ketenpartner",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Geef aan waarom u de update terugstuurt."},
        validators=[no_client_data],
    )


def _message(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or "U mag deze voortgangsupdate niet beoordelen."


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
