from django.urls import path

from . import views

app_name = "theme"

urlpatterns = [
    path("installatie.css", views.installation_css, name="installation_css"),
    path("installatie/<slug:name>", views.installation_asset, name="installation_asset"),
    path("regio/<int:pk>.css", views.region_css, name="region_css"),
    path("regio/<int:pk>/<slug:name>", views.region_asset, name="region_asset"),
    path("regio/<slug:region>/aanpassen/", views.ThemeEditView.as_view(), name="edit"),
]
