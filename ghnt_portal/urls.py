from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from ghnt_portal.accounts.admin_site import require_second_factor
from programmes import views as programme_views

admin.site.site_header = "GHNT-portaal beheer"
admin.site.site_title = "GHNT-portaal"
admin.site.index_title = "Beheer"
require_second_factor(admin.site)

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
    path("", include("ghnt_portal.accounts.urls")),
    # One login for the portal and the admin: the admin's own form would skip the second step.
    path(
        "beheer/login/",
        RedirectView.as_view(pattern_name="login", query_string=True),
        name="admin_login_redirect",
    ),
    path("beheer/", admin.site.urls),
]
