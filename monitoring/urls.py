from django.urls import path

from . import views_reports

app_name = "monitoring"

urlpatterns: list = []

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
