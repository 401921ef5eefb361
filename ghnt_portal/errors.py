"""Error pages. A database that is away gives a friendly 503 with Retry-After, not a 500.

Django turns an exception anywhere in a request (a view, or a middleware loading the session
or the user) into a call of `handler500`; `server_error` looks at that exception and answers
503 when the database is unavailable. The 503 page is rendered without the request, so no
context processor, session or user touches the database that is away.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.views import defaults
from django.views.decorators.csrf import requires_csrf_token

from .api_problems import is_api_path, problem_response

# Seconds a client (or a proxy) is asked to wait before trying again.
RETRY_AFTER = 30
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


def database_unavailable(exc: BaseException | None) -> bool:
    """Whether the exception, or one it was raised from, says the database is unavailable."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, DATABASE_UNAVAILABLE):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def service_unavailable() -> HttpResponse:
    try:
        html: str = loader.render_to_string("503.html")
    except Exception:  # never a second error on top of the outage
        html = "Het portaal is even niet beschikbaar. Probeer het over een halve minuut opnieuw."
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    add_never_cache_headers(response)
    return response


@requires_csrf_token
def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    unavailable = database_unavailable(sys.exc_info()[1])
    if is_api_path(request.path):  # the API answers problem details, also here
        return api_server_error(request, unavailable)
    if unavailable:
        return service_unavailable()
    try:
        return defaults.server_error(request, template_name)
    except Exception:  # the 500 page itself failed: a plain answer, never a second error
        return HttpResponseServerError("Er ging iets mis.", content_type="text/plain")


def api_server_error(request, unavailable: bool) -> HttpResponse:
    if unavailable:
        response = problem_response(
            request, 503, "De database is even niet bereikbaar. Probeer het zo opnieuw."
        )
        response["Retry-After"] = str(RETRY_AFTER)
    else:
        response = problem_response(request, 500, "Er ging iets mis in de server.")
    add_never_cache_headers(response)
    return response
