"""Shared pieces of the read-only JSON API (issue 17): pagination and the base viewset.

Each app has its own `api/` (serializers and viewsets); the router and the OpenAPI schema
are wired in `ghnt_portal/urls.py`, the composition root. Access is never decided here:
every viewset's `get_queryset()` starts from the app's `open_data_for(user)` scope.
"""

from django import forms
from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse

import django_filters
from drf_spectacular.utils import extend_schema_field
from rest_framework import viewsets
from rest_framework.routers import APIRootView, DefaultRouter
from rest_framework.views import APIView

MAX_ID = 2**63 - 1  # a larger number is no id in any database the portal runs on


def int_filter(minimum: int = 1, maximum: int = MAX_ID, **kwargs) -> django_filters.Filter:
    """A whole-number filter with bounds, in the OpenAPI description too; anything else is a
    400. On a related id: an id outside the caller's scope gives an empty list, never an
    error that would reveal the object exists."""

    @extend_schema_field({"type": "integer", "minimum": minimum, "maximum": maximum})
    class BoundedIntegerFilter(django_filters.NumberFilter):
        field_class = forms.IntegerField

    return BoundedIntegerFilter(min_value=minimum, max_value=maximum, **kwargs)


def text_filter(max_length: int = 60, **kwargs) -> django_filters.Filter:
    """An exact text filter; NUL characters (which forms refuse, 400) are excluded in the
    OpenAPI description too."""

    @extend_schema_field({"type": "string", "maxLength": max_length, "pattern": "^[^\\x00]*$"})
    class TextFilter(django_filters.CharFilter):
        pass

    return TextFilter(max_length=max_length, **kwargs)


class PublicViewMixin(APIView):
    """API views answer anonymous callers themselves (with public data or 404) instead of
    being sent to the login page by LoginRequiredMiddleware."""

    @classmethod
    def as_view(cls, *args, **kwargs):
        view = super().as_view(*args, **kwargs)
        view.login_required = False
        return view


class ReadOnlyViewSet(PublicViewMixin, viewsets.ReadOnlyModelViewSet):
    lookup_value_regex = r"[0-9]{1,18}"  # other ids end at the JSON 404 of `not_found`


class ReadOnlyListViewSet(PublicViewMixin, viewsets.GenericViewSet):
    pass


class RootView(PublicViewMixin, APIRootView):
    """GHNT-portaal open data: zie /api/schema/ voor de OpenAPI-beschrijving."""


class Router(DefaultRouter):
    APIRootView = RootView
    include_format_suffixes = False


@login_not_required
def not_found(request, *args, **kwargs):
    """Any other path under /api/ (an id that is not a number, say): a JSON 404, not the
    portal's HTML page."""
    return JsonResponse({"detail": "Niet gevonden."}, status=404)
