from django.urls import path

from . import views

app_name = "search"

urlpatterns = [
    path("", views.search_page, name="results"),
]

# Mounted under /openbaar/ with the other public pages (ghnt_portal/urls.py).
public_urlpatterns = [
    path("", views.public_search_page, name="public"),
]
