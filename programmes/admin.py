import json

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.http import HttpResponse
from django.template.response import TemplateResponse

from ghnt_portal.accounts.models import AccountSetup, require_password_choice

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
from .people import departure
from .theme import admin as theme_admin  # noqa: F401  (RegionTheme's admin)


class MunicipalityInline(admin.TabularInline):
    model = Municipality
    extra = 0


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "centrumgemeente", "rijk_report_email", "public_data"]
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


# --- users: one screen for the account and its role(s) -----------------------------------------


class UserMembershipInline(admin.TabularInline):
    """The user's roles on the user's own page: a new partner user is one screen, not three."""

    model = Membership
    extra = 1
    autocomplete_fields = ["organisation", "municipality"]
    verbose_name = "rol"
    verbose_name_plural = "rollen (projectleider: regio; ketenpartner: organisatie; "
    "wethouder en raadslid: gemeente)"


class AccountSetupInline(admin.StackedInline):
    model = AccountSetup
    fk_name = "user"
    can_delete = False
    extra = 0
    max_num = 1
    fields = ["must_set_password", "invited_by", "invited_at", "invitation_sent_at"]
    readonly_fields = ["invited_by", "invited_at", "invitation_sent_at"]


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    """Django's user admin without groups and the list of 200 (English) permission names:
    what a user may do follows from their roles (memberships), not from permissions. An
    account made here gets a password chosen by the beheerder, so its holder must choose
    their own at the first login (ghnt_portal/accounts/passwords.py)."""

    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Persoonlijke gegevens", {"fields": ("first_name", "last_name", "email")}),
        (
            "Toegang",
            {
                "fields": ("is_active", "is_staff", "is_superuser"),
                "description": "Wat iemand in het portaal mag, volgt uit de rollen hieronder. "
                "Medewerker (staff) geeft toegang tot dit beheer.",
            },
        ),
        ("Belangrijke datums", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "first_name", "last_name", "email"),
            },
        ),
        (
            "Tijdelijk wachtwoord",
            {
                "classes": ("wide",),
                "fields": ("password1", "password2"),
                "description": "De gebruiker kiest bij de eerste keer inloggen een eigen "
                "wachtwoord.",
            },
        ),
    )
    list_filter = ("is_active", "is_staff", "is_superuser", "memberships__role")
    readonly_fields = ("last_login", "date_joined")
    actions = ["export_personal_data", "anonymise_departed"]

    @admin.action(description="Persoonsgegevens exporteren (JSON)", permissions=["change"])
    def export_personal_data(self, request, queryset):
        """The right of access: one JSON file with what the portal keeps about the people
        chosen (people/departure.py); the export is in the audit trail."""
        data = []
        for user in queryset.order_by("pk"):
            data.append(departure.export_personal_data(user))
            departure.record_export(user, by=request.user)
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="persoonsgegevens.json"'
        return response

    @admin.action(description="Anonimiseren (vertrokken medewerker)", permissions=["change"])
    def anonymise_departed(self, request, queryset):
        """After a confirmation page: name, e-mail, login and devices go; what they made
        stays attributed to "voormalig gebruiker (organisatie)"."""
        users = queryset.exclude(pk=request.user.pk).order_by("pk")
        if request.POST.get("bevestigd") == "ja":
            for user in users:
                departure.anonymise(user, by=request.user)
            self.message_user(request, f"{len(users)} account(s) geanonimiseerd.", messages.SUCCESS)
            return None
        return TemplateResponse(
            request,
            "admin/auth/user/anonymise.html",
            {
                **self.admin_site.each_context(request),
                "title": "Vertrokken medewerkers anonimiseren",
                "opts": self.model._meta,
                "users": users,
                "self_excluded": queryset.filter(pk=request.user.pk).exists(),
                "action_checkbox_name": ACTION_CHECKBOX_NAME,
            },
        )

    def get_inlines(self, request, obj):
        if obj is None:
            return [UserMembershipInline]
        return [UserMembershipInline, AccountSetupInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            require_password_choice(obj)

    def user_change_password(self, request, id, form_url=""):
        """A password the beheerder set is temporary too."""
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            user = self.get_object(request, id)
            if user is not None and user.has_usable_password():
                require_password_choice(user)
        return response
