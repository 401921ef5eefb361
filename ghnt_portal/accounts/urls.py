from django.urls import path

from . import views

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
]
