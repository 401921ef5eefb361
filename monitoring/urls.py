from django.urls import path

from .dashboard import views as dashboard_views
from .imports import views as import_views
from .national import views as national_views
from .reports import views as report_views
from .uitvraag import views as uitvraag_views

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
    path("importen/<int:pk>/stand/", import_views.status, name="import_status"),
    path("importen/<int:pk>/opnieuw/", import_views.retry, name="import_retry"),
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
    path("rapportages/<int:pk>/uitvraag/", report_views.answer_uitvraag, name="report_uitvraag"),
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

# The Rijk's uitvraag (monitoring/uitvraag/) and the national picture built from the answers
# (monitoring/national/).
urlpatterns += [
    path("landelijk/uitvragen/", uitvraag_views.questionnaire_list, name="uitvraag_list"),
    path(
        "landelijk/uitvragen/nieuw/",
        uitvraag_views.questionnaire_create,
        name="uitvraag_create",
    ),
    path(
        "landelijk/uitvragen/<int:pk>/",
        uitvraag_views.questionnaire_detail,
        name="uitvraag_detail",
    ),
    path(
        "landelijk/uitvragen/<int:pk>/vragen/<int:question_pk>/verwijderen/",
        uitvraag_views.question_delete,
        name="uitvraag_question_delete",
    ),
    path(
        "landelijk/uitvragen/<int:pk>/publiceren/",
        uitvraag_views.questionnaire_publish,
        name="uitvraag_publish",
    ),
    path(
        "landelijk/uitvragen/<int:pk>/regio/<slug:slug>/",
        uitvraag_views.answer_sheet,
        name="uitvraag_sheet",
    ),
    path(
        "landelijk/uitvragen/<int:pk>/antwoorden/",
        national_views.national_answers,
        name="national_answers",
    ),
    path(
        "landelijk/uitvragen/<int:pk>/antwoorden/csv/",
        national_views.national_answers_csv,
        name="national_answers_csv",
    ),
    path(
        "landelijk/uitvragen/<int:pk>/antwoorden/xlsx/",
        national_views.national_answers_xlsx,
        name="national_answers_xlsx",
    ),
    path("landelijk/bouwstenen/", national_views.national_blocks, name="national_blocks"),
    path(
        "landelijk/bouwstenen/<str:code>/",
        national_views.national_block,
        name="national_block",
    ),
    path(
        "landelijk/document/<str:period>/",
        national_views.national_document,
        name="national_document",
    ),
    path(
        "landelijk/document/<str:period>/<slug:kind>/",
        national_views.national_document_download,
        name="national_document_download",
    ),
]
