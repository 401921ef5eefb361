from django.urls import path

from . import views

app_name = "frame"

urlpatterns = [
    path("", views.frame, name="frame"),
    path("bouwsteen/nieuw/", views.block_create, name="block_create"),
    path("bouwsteen/<int:pk>/", views.block_edit, name="block_edit"),
    path("actielijn/<int:pk>/", views.line_edit, name="line_edit"),
]
