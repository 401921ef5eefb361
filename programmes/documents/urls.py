from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("<slug:key>/<int:pk>/toevoegen/", views.add, name="add"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/nieuwe-versie/", views.add_version, name="add_version"),
    path("<int:pk>/verwijderen/", views.delete, name="delete"),
    path("versies/<int:pk>/download/", views.download, name="download"),
]
