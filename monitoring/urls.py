from django.urls import path

from . import views_dashboard, views_import, views_reports

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

# Progress reports (voortgangsrapportages): monitoring/views_reports.py
urlpatterns += [
    path(
        "programmas/<int:programme_pk>/rapportages/",
        views_reports.ReportListView.as_view(),
        name="report_list",
    ),
    path(
        "programmas/<int:programme_pk>/rapportages/maken/",
        views_reports.generate,
        name="report_generate",
    ),
    path("rapportages/<int:pk>/", views_reports.detail, name="report_detail"),
    path("rapportages/<int:pk>/stand/", views_reports.status, name="report_status"),
    path("rapportages/<int:pk>/definitief/", views_reports.finalise, name="report_finalise"),
    path("rapportages/<int:pk>/verzenden/", views_reports.send, name="report_send"),
    path("rapportages/<int:pk>/correctie/", views_reports.correct, name="report_correct"),
    path("rapportages/<int:pk>/download/", views_reports.download, name="report_download"),
    path("rapportages/<int:pk>/voorbeeld/", views_reports.preview, name="report_preview"),
]
