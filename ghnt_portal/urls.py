"""The composition root: the one module that may import every app (see ARCHITECTURE.md and
the import-linter contract in pyproject.toml, which leaves it out of the layers)."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from drf_spectacular.views import SpectacularJSONAPIView, SpectacularYAMLAPIView

from actions.api.views import (
    ActionLineViewSet,
    ActionViewSet,
    BudgetTotalViewSet,
    MilestoneViewSet,
)
from actions.urls import programme_urlpatterns
from ghnt_portal.accounts.admin_site import require_second_factor
from governance.api.views import CommitmentViewSet, DecisionRouteViewSet
from monitoring.api.national import BuildingBlockAggregateViewSet, UitvraagAnswerViewSet
from monitoring.api.views import MeasurementViewSet
from programmes import views as programme_views
from programmes.api.documents import DocumentViewSet
from programmes.api.views import ProgrammeViewSet
from programmes.search import urls as search_urls

from . import statements, wellknown
from .api import Router, legacy_api, not_found
from .api_tokens import ApiTokenView

admin.site.site_header = "GHNT-portaal beheer"
admin.site.site_title = "GHNT-portaal"
admin.site.index_title = "Beheer"
require_second_factor(admin.site)

# A database that is away answers 503 with Retry-After instead of 500 (ghnt_portal/errors.py).
handler500 = "ghnt_portal.errors.server_error"

# The read-only JSON API (issue 17): each app's viewsets, composed here.
router = Router()
router.register("programmes", ProgrammeViewSet, basename="programme")
router.register("action-lines", ActionLineViewSet, basename="actionline")
router.register("actions", ActionViewSet, basename="action")
router.register("milestones", MilestoneViewSet, basename="milestone")
router.register("budget-totals", BudgetTotalViewSet, basename="budgettotal")
router.register("decision-routes", DecisionRouteViewSet, basename="decisionroute")
router.register("commitments", CommitmentViewSet, basename="commitment")
router.register("measurements", MeasurementViewSet, basename="measurement")
router.register("uitvraag-answers", UitvraagAnswerViewSet, basename="uitvraaganswer")
router.register(
    "national-building-blocks", BuildingBlockAggregateViewSet, basename="nationalbuildingblock"
)
router.register("documents", DocumentViewSet, basename="document")
# Version 1 at /api/v1 (NLGov API Design Rules, issue 21); the description at the standard
# place (/core/publish-openapi); any other path under it a 404 as problem details.
api_patterns = [
    path("openapi.json", login_not_required(SpectacularJSONAPIView.as_view()), name="schema"),
    path("openapi.yaml", login_not_required(SpectacularYAMLAPIView.as_view()), name="schema-yaml"),
    *router.urls,
    re_path(r"^[\s\S]*$", not_found),
]

urlpatterns = [
    path("", programme_views.HomeView.as_view(), name="home"),
    path(
        "inloggen/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "wachtwoord-wijzigen/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "wachtwoord-wijzigen/gelukt/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    # The programme page shows the plan (actions, milestones, budget): composed in actions.
    path("programmas/", include((programme_urlpatterns, "programmes"))),
    path("acties/", include("actions.urls")),
    path("besluitvorming/", include("governance.urls")),
    path("mensen/", include("programmes.people.urls")),
    path("documenten/", include("programmes.documents.urls")),
    path("zoeken/", include("programmes.search.urls")),
    path("openbaar/zoeken/", include((search_urls.public_urlpatterns, "public_search"))),
    path("monitoring/", include("monitoring.urls")),
    path("landelijk-kader/", include("programmes.frame.urls")),
    path("thema/", include("programmes.theme.urls")),
    path("", include("ghnt_portal.accounts.urls")),
    path("account/meldingen/", include("ghnt_portal.notifications.urls")),
    # One login for the portal and the admin: the admin's own form would skip the second step.
    path(
        "beheer/login/",
        RedirectView.as_view(pattern_name="login", query_string=True),
        name="admin_login_redirect",
    ),
    path("openbaar/", include("monitoring.public.urls")),
    path("api/v1/", include((api_patterns, "api"))),
    # The unversioned API of before: a redirect to version 1, then 410 (ghnt_portal/api.py).
    re_path(r"^api/(?P<rest>[\s\S]*)$", legacy_api, name="api_legacy"),
    path("api-sleutel/", ApiTokenView.as_view(), name="api_token"),
    path("beheer/", admin.site.urls),
    # Public statements and security.txt (issue 21): readable without signing in.
    path(".well-known/security.txt", wellknown.security_txt, name="security_txt"),
    path(
        "toegankelijkheidsverklaring/",
        statements.AccessibilityStatementView.as_view(),
        name="accessibility_statement",
    ),
    path("privacyverklaring/", statements.PrivacyStatementView.as_view(), name="privacy_statement"),
    path(
        "kwetsbaarheid-melden/",
        statements.DisclosurePolicyView.as_view(),
        name="disclosure_policy",
    ),
]
