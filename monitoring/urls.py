from django.urls import path

from .dashboard import views as dashboard_views
from .imports import views as import_views
from .national import views as national_views
from .reports import views as report_views

app_name = "monitoring"

urlpatterns: list = [
    path("dashboard/", dashboard_views.DashboardIndexView.as_view(), name="dashboard_index"),
    path("dashboard/<int:pk>/", dashboard_views.DashboardView.as_view(), name="dashboard"),
    path(
        "dashboard/<int:pk>/csv/<slug:table>/",
        dashboard_views.DashboardCsvView.as_view(),
        name="dashboard_csv",
    ),
    path("landelijk/", national_views.NationalView.as_view(), name="national"),
    path(
        "landelijk/rapportages/",
        national_views.NationalReportsView.as_view(),
        name="national_reports",
    ),
    path(
        "landelijk/regio/<slug:slug>/",
        national_views.NationalRegionView.as_view(),
        name="national_region",
    ),
    path(
        "regio/<slug:slug>/metingen/importeren/",
        import_views.UploadView.as_view(),
        name="import_upload",
    ),
    path("importen/<int:pk>/", import_views.PreviewView.as_view(), name="import_preview"),
]

# Progress reports (voortgangsrapportages): monitoring/report_views.py
urlpatterns += [
    path(
        "programmas/<int:programme_pk>/rapportages/",
        report_views.ReportListView.as_view(),
        name="report_list",
    ),
    path(
        "programmas/<int:programme_pk>/rapportages/maken/",
        report_views.generate,
        name="report_generate",
    ),
    path("rapportages/<int:pk>/", report_views.detail, name="report_detail"),
    path("rapportages/<int:pk>/stand/", report_views.status, name="report_status"),
    path("rapportages/<int:pk>/teksten/", report_views.edit_texts, name="report_texts"),
    path(
        "rapportages/<int:pk>/route/<slug:stage>/",
        report_views.record_step,
        name="report_step",
    ),
    path("rapportages/<int:pk>/definitief/", report_views.finalise, name="report_finalise"),
    path("rapportages/<int:pk>/verzenden/", report_views.send, name="report_send"),
    path("rapportages/<int:pk>/correctie/", report_views.correct, name="report_correct"),
    path("rapportages/<int:pk>/download/", report_views.download, name="report_download"),
    path("rapportages/<int:pk>/voorbeeld/", report_views.preview, name="report_preview"),
]
