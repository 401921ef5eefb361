"""Error answers of the API as problem details (RFC 9457, `application/problem+json`), as the
NLGov API Design Rules ask (/core/error-handling/problem-details): `type`, `title`, `status`,
`detail` and `instance`, and for a bad parameter the extension `invalidParams` (one entry per
message: the parameter's name and the reason).

DRF's exceptions come through `exception_handler` (REST_FRAMEWORK["EXCEPTION_HANDLER"]); what
Django answers itself under the API (a path that matches nothing, a server error) is built
with `problem_response`, so every 4xx/5xx of the API has the same shape."""

import json
from http import HTTPStatus

from django.conf import settings
from django.http import HttpResponse

from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler

PROBLEM_JSON = "application/problem+json"
# "about:blank": the status code says it all (RFC 9457 section 4.2.1); `title` is then the
# status phrase, here in Dutch like the rest of the API.
ABOUT_BLANK = "about:blank"
TITLES = {
    400: "Ongeldige aanvraag",
    401: "Niet geauthenticeerd",
    403: "Geen toegang",
    404: "Niet gevonden",
    405: "Methode niet toegestaan",
    406: "Niet aanvaardbaar",
    410: "Verdwenen",
    415: "Mediatype niet ondersteund",
    429: "Te veel verzoeken",
    500: "Interne serverfout",
    503: "Dienst niet beschikbaar",
}
INVALID_INPUT = "Een of meer parameters zijn ongeldig."
# DRF's own messages in Dutch: its Dutch catalogue is not loaded (it would change Django's
# form messages, see INSTALLED_APPS), and the API speaks Dutch like the portal.
DUTCH = {
    "Not found.": "Niet gevonden.",
    "Invalid page.": "Deze pagina bestaat niet.",
    "Could not satisfy the request Accept header.": (
        "Deze API levert alleen JSON (Accept: application/json)."
    ),
    "Invalid token.": "Ongeldige of ingetrokken API-sleutel.",
    "Invalid token header. No credentials provided.": "Er staat geen API-sleutel achter Token.",
    "Invalid token header. Token string should not contain spaces.": (
        "Een API-sleutel bevat geen spaties."
    ),
    "Invalid token header. Token string should not contain invalid characters.": (
        "De API-sleutel bevat ongeldige tekens."
    ),
    "User inactive or deleted.": "Het account van deze API-sleutel is niet actief.",
    "Authentication credentials were not provided.": "Stuur een API-sleutel mee.",
    "You do not have permission to perform this action.": "U hebt geen toegang tot deze gegevens.",
}


def is_api_path(path: str) -> bool:
    return path.startswith(settings.API_BASE_PATH + "/")


def problem(status: int, detail: str, instance: str, **extensions) -> dict:
    title = TITLES.get(status) or HTTPStatus(status).phrase
    return {
        "type": ABOUT_BLANK,
        "title": title,
        "status": status,
        "detail": detail,
        "instance": instance,
        **extensions,
    }


def problem_response(request, status: int, detail: str) -> HttpResponse:
    """A problem answer without DRF (Django's own 404 and 500 under the API)."""
    body = json.dumps(problem(status, detail, request.path), ensure_ascii=False)
    return HttpResponse(body, status=status, content_type=PROBLEM_JSON)


def _invalid_params(detail, prefix: str = "") -> list[dict]:
    """DRF's error detail ({"pageSize": ["..."]}, or a list, or nested) as a flat list of
    name and reason; a message not tied to a parameter has no name."""
    if isinstance(detail, dict):
        return [
            entry
            for key, value in detail.items()
            for entry in _invalid_params(value, f"{prefix}.{key}" if prefix else str(key))
        ]
    if isinstance(detail, list):
        return [entry for item in detail for entry in _invalid_params(item, prefix)]
    entry = {"reason": str(detail)}
    if prefix and prefix != "non_field_errors":
        entry["name"] = prefix
    return [entry]


def _detail(exc, request, status: int) -> str:
    if isinstance(exc, exceptions.MethodNotAllowed):
        return f"De methode {request.method} kan hier niet: deze API leest alleen (GET)."
    if isinstance(exc, exceptions.UnsupportedMediaType):
        return "Dit mediatype wordt niet ondersteund; stuur JSON."
    # Django's Http404 and PermissionDenied (which DRF answers too) carry no detail of DRF.
    detail = str(getattr(exc, "detail", "")) or {
        404: "Not found.",
        403: "You do not have permission to perform this action.",
    }.get(status, TITLES.get(status, ""))
    return DUTCH.get(detail, detail)


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # not an API error DRF knows: Django's handler500 answers (as a problem)
    request = context["request"]
    if isinstance(exc, exceptions.ValidationError):
        params = _invalid_params(exc.detail)
        detail = " ".join(
            f"{p['name']}: {p['reason']}" if "name" in p else p["reason"] for p in params
        )
        body = problem(
            response.status_code, detail or INVALID_INPUT, request.path, invalidParams=params
        )
    else:
        body = problem(
            response.status_code, _detail(exc, request, response.status_code), request.path
        )
    response.data = body
    response.content_type = PROBLEM_JSON
    return response
