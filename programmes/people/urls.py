from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("", views.PeopleIndexView.as_view(), name="index"),
    path("<slug:region>/", views.PeopleListView.as_view(), name="list"),
    path("<slug:region>/uitnodigen/", views.InviteView.as_view(), name="invite"),
    path(
        "<slug:region>/uitnodiging/<int:user_pk>/opnieuw/",
        views.ResendInvitationView.as_view(),
        name="resend",
    ),
]
