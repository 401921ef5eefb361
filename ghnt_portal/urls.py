from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path, re_path

from drf_spectacular.views import SpectacularJSONAPIView

from actions.api.views import (
    ActionLineViewSet,
    ActionViewSet,
    BudgetTotalViewSet,
    MilestoneViewSet,
)
from governance.api.views import CommitmentViewSet, DecisionRouteViewSet
from monitoring.api.views import MeasurementViewSet
from programmes import views as programme_views
from programmes.api.views import ProgrammeViewSet

from .api import Router, not_found
from .api_tokens import ApiTokenView

admin.site.site_header = "GHNT-portaal beheer"
admin.site.site_title = "GHNT-portaal"
admin.site.index_title = "Beheer"

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
api_patterns = [
    path("schema/", login_not_required(SpectacularJSONAPIView.as_view()), name="schema"),
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
    path("programmas/", include("programmes.urls")),
    path("acties/", include("actions.urls")),
    path("besluitvorming/", include("governance.urls")),
    path("monitoring/", include("monitoring.urls")),
    path("openbaar/", include("monitoring.public.urls")),
    path("api/", include((api_patterns, "api"))),
    path("api-sleutel/", ApiTokenView.as_view(), name="api_token"),
    path("beheer/", admin.site.urls),
]
