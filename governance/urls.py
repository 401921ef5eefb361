from django.urls import path

from . import views

app_name = "governance"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("<slug:region>/", views.RegionView.as_view(), name="region"),
    path("<slug:region>/agenda.ics", views.CalendarExportView.as_view(), name="calendar_ics"),
    path("<slug:region>/overleggen/", views.BodyListView.as_view(), name="body_list"),
    path("<slug:region>/overleggen/nieuw/", views.BodyCreateView.as_view(), name="body_create"),
    path("overleg/<int:pk>/wijzigen/", views.BodyUpdateView.as_view(), name="body_update"),
    path("<slug:region>/vergaderingen/", views.MeetingListView.as_view(), name="meeting_list"),
    path(
        "<slug:region>/vergaderingen/per-maand/",
        views.MeetingMonthView.as_view(),
        name="meeting_months",
    ),
    path(
        "<slug:region>/vergaderingen/nieuw/",
        views.MeetingCreateView.as_view(),
        name="meeting_create",
    ),
    path("vergadering/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting_detail"),
    path(
        "vergadering/<int:pk>/wijzigen/",
        views.MeetingUpdateView.as_view(),
        name="meeting_update",
    ),
    path("<slug:region>/routes/nieuw/", views.RouteCreateView.as_view(), name="route_create"),
    path("route/<int:pk>/", views.RouteDetailView.as_view(), name="route_detail"),
    path("route/<int:pk>/wijzigen/", views.RouteUpdateView.as_view(), name="route_update"),
    path("<slug:region>/besluiten/", views.DecisionListView.as_view(), name="decision_list"),
    path(
        "<slug:region>/besluiten/nieuw/",
        views.DecisionCreateView.as_view(),
        name="decision_create",
    ),
    path("besluit/<int:pk>/", views.DecisionDetailView.as_view(), name="decision_detail"),
    path("besluit/<int:pk>/wijzigen/", views.DecisionUpdateView.as_view(), name="decision_update"),
    path("<slug:region>/toezeggingen/", views.CommitmentListView.as_view(), name="commitment_list"),
    path(
        "<slug:region>/toezeggingen/nieuw/",
        views.CommitmentCreateView.as_view(),
        name="commitment_create",
    ),
    path("toezegging/<int:pk>/", views.CommitmentDetailView.as_view(), name="commitment_detail"),
    path(
        "toezegging/<int:pk>/wijzigen/",
        views.CommitmentUpdateView.as_view(),
        name="commitment_update",
    ),
    path(
        "toezegging/<int:pk>/afdoen/",
        views.CommitmentSettleView.as_view(),
        name="commitment_settle",
    ),
]
