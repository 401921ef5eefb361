from django.urls import path

from . import views

app_name = "programmes"

urlpatterns = [
    path("<int:pk>/", views.ProgrammeDetailView.as_view(), name="detail"),
]
