"""HTTP headers of the open data (NLGov API Design Rules, issue 21), for every response under
those paths, errors and redirects included:

- `API-Version` with the full version on every response of the API (/core/version-header),
  and `Cache-Control: no-store` on the anonymous answers too, as the rule on security
  headers asks (/core/transport/security-headers); a signed-in caller's answers already
  have `private, no-store` (PrivateNoStoreMiddleware, which DRF's token user reaches too);
- CORS on the anonymous open data: the API and the public pages (/openbaar/), which show
  the same to every visitor. `Access-Control-Allow-Origin: *` and never
  `Allow-Credentials`: a browser then sends no cookie and exposes no answer that used one;
  `Authorization` is not an allowed request header either, so a page on another site can
  only read what an anonymous caller reads (/core/transport/cors). Read-only methods only.

Placed near the top of MIDDLEWARE: a preflight is answered before the session, the user and
the login check, and the headers reach Django's own 404 and 500 answers too."""

from django.conf import settings
from django.http import HttpResponse

PUBLIC_PREFIXES = ("/api/", "/openbaar/")
CORS_METHODS = "GET, HEAD, OPTIONS"
PREFLIGHT_MAX_AGE = str(24 * 3600)


def is_public(path: str) -> bool:
    return path.startswith(PUBLIC_PREFIXES)


class ApiHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        public = is_public(path)
        if public and _is_preflight(request):
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = CORS_METHODS
            response["Access-Control-Max-Age"] = PREFLIGHT_MAX_AGE
        else:
            response = self.get_response(request)
        if public:
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Expose-Headers"] = "API-Version, Link, Deprecation, Sunset"
        if path.startswith(settings.API_BASE_PATH + "/"):
            response["API-Version"] = settings.API_VERSION
            if "Cache-Control" not in response:
                response["Cache-Control"] = "no-store"
        return response


def _is_preflight(request) -> bool:
    return (
        request.method == "OPTIONS"
        and "HTTP_ORIGIN" in request.META
        and "HTTP_ACCESS_CONTROL_REQUEST_METHOD" in request.META
    )
