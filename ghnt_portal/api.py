"""Shared pieces of the read-only JSON API (issue 17): pagination and the base viewset.

Each app has its own `api/` (serializers and viewsets); the router and the OpenAPI schema
are wired in `ghnt_portal/urls.py`, the composition root. Access is never decided here:
every viewset's `get_queryset()` starts from the app's `open_data_for(user)` scope.
"""

from rest_framework import viewsets
from rest_framework.routers import APIRootView, DefaultRouter


class PublicViewMixin:
    """API views answer anonymous callers themselves (with public data or 404) instead of
    being sent to the login page by LoginRequiredMiddleware."""

    @classmethod
    def as_view(cls, *args, **kwargs):
        view = super().as_view(*args, **kwargs)
        view.login_required = False
        return view


class ReadOnlyViewSet(PublicViewMixin, viewsets.ReadOnlyModelViewSet):
    pass


class ReadOnlyListViewSet(PublicViewMixin, viewsets.GenericViewSet):
    pass


class RootView(PublicViewMixin, APIRootView):
    """GHNT-portaal open data: zie /api/schema/ voor de OpenAPI-beschrijving."""


class Router(DefaultRouter):
    APIRootView = RootView
    include_format_suffixes = False
