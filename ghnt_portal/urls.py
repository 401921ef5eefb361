from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from programmes import views as programme_views

from . import health

admin.site.site_header = "GHNT-portaal beheer"
admin.site.site_title = "GHNT-portaal"
admin.site.index_title = "Beheer"

# A database that is away answers 503 with Retry-After instead of 500 (ghnt_portal/errors.py).
handler500 = "ghnt_portal.errors.server_error"

urlpatterns = [
    # Health endpoints (ghnt_portal/health.py; answered by its middleware before the session).
    path("health/live", health.PATHS["/health/live"], name="health_live"),
    path("health/web", health.PATHS["/health/web"], name="health_web"),
    path("health/ready", health.PATHS["/health/ready"], name="health_ready"),
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
    path("beheer/", admin.site.urls),
]
