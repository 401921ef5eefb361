from django.urls import path

from . import views

app_name = "public"

urlpatterns = [
    path("", views.PublicIndexView.as_view(), name="index"),
    path("programma/<int:pk>/", views.PublicProgrammeView.as_view(), name="programme"),
    path("actie/<int:pk>/", views.PublicActionView.as_view(), name="action"),
]
