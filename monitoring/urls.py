from django.urls import path

from . import views_dashboard, views_import

app_name = "monitoring"

urlpatterns: list = [
    path("dashboard/", views_dashboard.DashboardIndexView.as_view(), name="dashboard_index"),
    path("dashboard/<int:pk>/", views_dashboard.DashboardView.as_view(), name="dashboard"),
    path(
        "dashboard/<int:pk>/csv/<slug:table>/",
        views_dashboard.DashboardCsvView.as_view(),
        name="dashboard_csv",
    ),
    path("landelijk/", views_dashboard.NationalView.as_view(), name="national"),
    path(
        "regio/<slug:slug>/metingen/importeren/",
        views_import.UploadView.as_view(),
        name="import_upload",
    ),
    path("importen/<int:pk>/", views_import.PreviewView.as_view(), name="import_preview"),
]
