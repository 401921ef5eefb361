from django.urls import path

from . import oidc, passwords, views

urlpatterns = [
    path("inloggen/tweede-stap/", views.verify, name="two_factor_verify"),
    path("inloggen/tweede-stap/instellen/", views.setup, name="two_factor_setup"),
    path("account/tweestapsverificatie/", views.manage, name="two_factor_manage"),
    path(
        "account/tweestapsverificatie/herstelcodes/",
        views.regenerate_backup_codes,
        name="two_factor_backup_codes",
    ),
    path("account/tweestapsverificatie/uitzetten/", views.disable, name="two_factor_disable"),
    path("geen-toegang/", views.no_access, name="no_access"),
    path("account/wachtwoord-kiezen/", passwords.choose_password, name="choose_password"),
    path(
        "uitnodiging/<uidb64>/<token>/",
        passwords.AcceptInvitationView.as_view(),
        name="accept_invitation",
    ),
]

# Single sign-on (OpenID Connect); 404 unless configured (ghnt_portal/accounts/oidc.py).
urlpatterns += [
    path("oidc/authenticate/", oidc.authenticate, name="oidc_authentication_init"),
    path("oidc/callback/", oidc.callback, name="oidc_authentication_callback"),
]
