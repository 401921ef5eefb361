"""GET /metrics for Prometheus, only with `Authorization: Bearer <METRICS_TOKEN>`.

The metrics show how busy each region's work is, so they are not public: without the token
the answer is 401, and with no METRICS_TOKEN configured /metrics does not exist (404). The
Helm chart's NetworkPolicy also lets only the monitoring namespace reach the pods' port.
"""

from __future__ import annotations

import hmac
import os

from django.http import HttpRequest, HttpResponse

from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from .metrics import scrape_registry

PATH = "/metrics"


def configured_token() -> str:
    return os.environ.get("METRICS_TOKEN", "")


def authorised(header: str, token: str) -> bool:
    scheme, _, given = header.partition(" ")
    return (
        bool(token)
        and scheme.lower() == "bearer"
        and hmac.compare_digest(given.strip().encode(), token.encode())
    )


def render() -> tuple[bytes, str]:
    return generate_latest(scrape_registry()), CONTENT_TYPE_LATEST


def metrics_view(request: HttpRequest) -> HttpResponse:
    token = configured_token()
    if not token:
        return HttpResponse("Not found", status=404, content_type="text/plain")
    if not authorised(request.headers.get("Authorization", ""), token):
        response = HttpResponse("Unauthorized", status=401, content_type="text/plain")
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    body, content_type = render()
    response = HttpResponse(body, content_type=content_type)
    response["Cache-Control"] = "no-store"
    return response


def wsgi_app(environ, start_response):
    """The same endpoint for the worker's own metrics port (celery.py)."""
    token = configured_token()
    if environ.get("PATH_INFO") == "/health/live":  # the pod's probe: the process answers
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"ok"]
    if environ.get("PATH_INFO") != PATH:
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"Not found"]
    if not authorised(environ.get("HTTP_AUTHORIZATION", ""), token):
        start_response(
            "401 Unauthorized",
            [("Content-Type", "text/plain"), ("WWW-Authenticate", 'Bearer realm="metrics"')],
        )
        return [b"Unauthorized"]
    try:
        body, content_type = render()
    finally:
        from django.db import connection

        connection.close()  # served from a thread of its own: leave no connection open
    start_response("200 OK", [("Content-Type", content_type)])
    return [body]
