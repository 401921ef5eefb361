from django.urls import path

from . import views

app_name = "actions"

urlpatterns = [
    path("", views.ActionListView.as_view(), name="list"),
    path("export.csv", views.ActionCsvExportView.as_view(), name="export_csv"),
    path("export.xlsx", views.ActionXlsxExportView.as_view(), name="export_xlsx"),
    # A long list's Excel file, made in the background (views/exports.py).
    path("export/", views.export_start, name="export_start"),
    path("export/<int:pk>/", views.export_detail, name="export_detail"),
    path("export/<int:pk>/stand/", views.export_status, name="export_status"),
    path("export/<int:pk>/acties.xlsx", views.export_download, name="export_download"),
    path("programma/<int:programme_pk>/nieuw/", views.ActionCreateView.as_view(), name="create"),
    path(
        "programma/<int:programme_pk>/formulier-rij/<slug:prefix>/",
        views.FormRowView.as_view(),
        name="form_row",
    ),
    path("<int:pk>/", views.ActionDetailView.as_view(), name="detail"),
    path("<int:pk>/bewerken/", views.ActionEditView.as_view(), name="edit"),
    path("<int:pk>/verwijderen/", views.ActionDeleteView.as_view(), name="delete"),
    path("<int:pk>/snel-bijwerken/", views.QuickUpdateView.as_view(), name="quick_update"),
    path("mijlpaal/<int:pk>/gereed/", views.MilestoneDoneView.as_view(), name="milestone_done"),
    # Journey 2: ketenpartners report progress, the projectleider reviews (views/partner.py).
    path("mijn/", views.my_actions, name="mine"),
    path("te-beoordelen/", views.review_queue, name="review_queue"),
    path("<int:pk>/voortgang/", views.update_create, name="update_create"),
    path("voortgang/<int:pk>/beoordelen/", views.update_review, name="update_review"),
    path(
        "<int:pk>/voortgang/alles-accepteren/",
        views.updates_accept_all,
        name="updates_accept_all",
    ),
    # The risk register of a programme (views/risks.py).
    path("programma/<int:programme_pk>/risicos/", views.RiskListView.as_view(), name="risk_list"),
    path(
        "programma/<int:programme_pk>/risicos/nieuw/",
        views.RiskCreateView.as_view(),
        name="risk_create",
    ),
    path("risicos/<int:pk>/bewerken/", views.RiskEditView.as_view(), name="risk_edit"),
    path("risicos/<int:pk>/verwijderen/", views.RiskDeleteView.as_view(), name="risk_delete"),
    # The national bouwstenen of the plan's lines and actions, in bulk.
    path(
        "programma/<int:programme_pk>/bouwstenen/",
        views.building_block_links,
        name="building_blocks",
    ),
]

# The programme page (/programmas/<pk>/, name "programmes:detail") shows the plan: actions,
# milestones and budget. It is mounted by ghnt_portal/urls.py under the programmes namespace.
programme_urlpatterns = [
    path("<int:pk>/", views.ProgrammeDetailView.as_view(), name="detail"),
    path(
        "<int:pk>/begroting-volgens-plan/",
        views.StatedBudgetView.as_view(),
        name="stated_budget",
    ),
]

# Issue 17: the whole plan in and out as Excel or Word (planio/).
from .planio.urls import urlpatterns as planio_urlpatterns  # noqa: E402

urlpatterns += planio_urlpatterns
