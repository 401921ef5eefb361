"""First in MIDDLEWARE: gives every request an id (X-Request-ID: taken when a proxy sent a
plain one, else made; returned in the response), counts and times it per view, and logs one
line when it is answered. Also answers /metrics, before the Host check and the session
(Prometheus scrapes a pod by its address)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.functional import empty

from . import context
from .endpoint import PATH as METRICS_PATH
from .endpoint import metrics_view
from .metrics import HTTP_LATENCY, HTTP_REQUESTS

logger = logging.getLogger("ghnt_portal.request")

# Probes and scrapes come every few seconds: counted, not logged.
QUIET_PREFIXES = ("/health/", METRICS_PATH, "/static/")


class RequestObservabilityMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = context.new_request_id(request.headers.get("X-Request-ID"))
        request.request_id = request_id  # type: ignore[attr-defined]
        started = time.perf_counter()
        with context.bound(request_id=request_id):
            if request.path == METRICS_PATH:
                response = metrics_view(request)
            else:
                response = self.get_response(request)
            duration = time.perf_counter() - started
            response["X-Request-ID"] = request_id
            self._record(request, response, duration)
        return response

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> None:
        # Resolved, and past the login check: every later log line of the request names both.
        match = request.resolver_match
        context.update(view=match.view_name if match else None, user_id=_user_id(request))

    def _record(self, request: HttpRequest, response: HttpResponse, duration: float) -> None:
        match = getattr(request, "resolver_match", None)
        view = match.view_name if match else _unresolved(request.path)
        HTTP_REQUESTS.labels(view, request.method, str(response.status_code)).inc()
        HTTP_LATENCY.labels(view).observe(duration)
        if request.path.startswith(QUIET_PREFIXES):
            return
        logger.info(
            "request",
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round(duration * 1000, 1),
                "view": view,
                "user_id": _user_id(request),
                "region": context.current().get("region"),
            },
        )


def _user_id(request: HttpRequest) -> int | None:
    """The signed-in user's id, if the request has loaded its user already: never a query of
    its own (a public page does not load the session's user)."""
    user = request.__dict__.get("user")
    user = getattr(user, "_wrapped", user)  # AuthenticationMiddleware's lazy object
    if user is None or user is empty or not user.is_authenticated:
        return None
    return user.pk


def _unresolved(path: str) -> str:
    # One label for everything without a view (404s, probes, static files): never the path
    # itself, which would make a time series per URL ever requested.
    for prefix in QUIET_PREFIXES:
        if path.startswith(prefix):
            return prefix.strip("/")
    return "<none>"
