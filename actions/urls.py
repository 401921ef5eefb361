from django.urls import path

from . import views

app_name = "actions"

urlpatterns = [
    path("<int:pk>/", views.ActionDetailView.as_view(), name="detail"),
]

# Journey 2: ketenpartners report progress, the projectleider reviews (views_partner.py).
from . import views_partner  # noqa: E402

urlpatterns += [
    path("mijn/", views_partner.my_actions, name="mine"),
    path("<int:pk>/voortgang/", views_partner.update_create, name="update_create"),
    path("voortgang/<int:pk>/beoordelen/", views_partner.update_review, name="update_review"),
]
