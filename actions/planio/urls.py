"""Included in the `actions` namespace (actions/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("plan/sjabloon.xlsx", views.PlanTemplateView.as_view(), name="plan_template"),
    path(
        "programma/<int:programme_pk>/plan/importeren/",
        views.PlanImportView.as_view(),
        name="plan_import",
    ),
    path(
        "programma/<int:programme_pk>/plan/bevestigen/",
        views.PlanConfirmView.as_view(),
        name="plan_confirm",
    ),
    path(
        "programma/<int:programme_pk>/plan.xlsx",
        views.PlanXlsxExportView.as_view(),
        name="plan_export_xlsx",
    ),
    path(
        "programma/<int:programme_pk>/plan.docx",
        views.PlanDocxExportView.as_view(),
        name="plan_export_docx",
    ),
]
