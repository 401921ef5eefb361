"""Shared pieces of the read-only JSON API (issue 17): pagination and the base viewset.

Each app has its own `api/` (serializers and viewsets); the router and the OpenAPI schema
are wired in `ghnt_portal/urls.py`, the composition root. Access is never decided here:
every viewset's `get_queryset()` starts from the app's `open_data_for(user)` scope.
"""

import datetime
from urllib.parse import quote, urlencode

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponsePermanentRedirect
from django.utils import timezone
from django.utils.http import http_date

import django_filters
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.routers import APIRootView, DefaultRouter
from rest_framework.views import APIView

from .api_problems import problem_response

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
    """GHNT-portaal open data: zie /api/v1/openapi.json voor de OpenAPI-beschrijving."""


class Router(DefaultRouter):
    """Paths without a trailing slash (/core/no-trailing-slash): `/api/v1/programmes/` is a
    404, never a redirect. Only the root, `/api/v1/`, ends in a slash."""

    APIRootView = RootView
    include_format_suffixes = False

    def __init__(self, **kwargs):
        kwargs.setdefault("trailing_slash", False)
        super().__init__(**kwargs)


class LocalDateField(serializers.DateField):
    """A moment shown as its date in the portal's time zone: for a field that means a day
    (/core/date-time/date-omit-time-portion), such as the date of a status update."""

    def to_representation(self, value):
        if isinstance(value, datetime.datetime):
            value = timezone.localdate(value)
        return super().to_representation(value)


@login_not_required
def not_found(request, *args, **kwargs):
    """Any other path under /api/v1/ (an id that is not a number, a trailing slash): a 404
    as problem details, not the portal's HTML page."""
    return problem_response(request, 404, "Niet gevonden.")


# The unversioned API (/api/..., before version 1.0.0) was deprecated when /api/v1 came
# (the Deprecation header, RFC 9745); it is reachable by redirect until the sunset (RFC 8594),
# then answers 410 Gone (/core/transition-period; README, "API").
LEGACY_DEPRECATED = datetime.datetime(2026, 12, 7, tzinfo=datetime.UTC)
LEGACY_SUNSET = datetime.datetime(2027, 7, 1, tzinfo=datetime.UTC)
LEGACY_NAMES = {"schema": "openapi.json"}


@login_not_required
def legacy_api(request, rest: str = ""):
    """An old /api/... path: 301 to its /api/v1 equivalent (no trailing slash, query keys in
    camelCase: page_size -> pageSize); after the sunset 410, with the new address in the
    problem's detail. The API only reads, so a redirect changes no request's meaning."""
    target = legacy_target(rest, request.GET)
    if timezone.now() >= LEGACY_SUNSET:
        response = problem_response(
            request, 410, f"Deze versie van de API bestaat niet meer; gebruik {target}."
        )
    else:
        response = HttpResponsePermanentRedirect(target)
    response["Deprecation"] = f"@{int(LEGACY_DEPRECATED.timestamp())}"
    response["Sunset"] = http_date(LEGACY_SUNSET.timestamp())
    response["Link"] = f'<{target}>; rel="successor-version"'
    return response


def legacy_target(rest: str, query) -> str:
    segments = [s for s in rest.split("/") if s]
    if segments[:1] == ["v1"]:
        segments = segments[1:]  # /api/v1 without its slash: the root
    # Quoted again: a decoded path may hold anything, a Location header may not.
    path = "/".join(quote(LEGACY_NAMES.get(s, s), safe="") for s in segments)
    target = f"{settings.API_BASE_PATH}/{path}"
    params = [(camel_case(key), value) for key, values in query.lists() for value in values]
    return f"{target}?{urlencode(params)}" if params else target


def camel_case(key: str) -> str:
    first, *rest = key.split("_")
    return first + "".join(word[:1].upper() + word[1:] for word in rest)
