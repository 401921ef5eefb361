"""Gzip where it is safe from BREACH.

BREACH reads a secret out of a compressed HTTPS response by making the victim's browser send
many requests that reflect the attacker's text next to the secret, and watching the sizes.
It needs all three: compression, a secret in the body, and reflected text. So this compresses
only responses that carry no secret:

- GET and HEAD only;
- no signed-in user and no Authorization header: a response for an anonymous visitor holds
  public data only (the public pages, the statements, security.txt), while a
  request the attacker makes the victim's browser send carries the victim's session, and
  then is never compressed;
- no CSRF token rendered into the page: when a template asks for the token, Django's CSRF
  middleware sets (or renews) the CSRF cookie on that response, so a response that sets the
  cookie carries the token. The login page and the other forms stay uncompressed, though
  Django masks its token anew in every response.

Everything else goes out as the view made it. A proxy in front must not compress text/html
itself (README, "Compression")."""

from django.conf import settings
from django.middleware.gzip import GZipMiddleware


def may_compress(request, response) -> bool:
    user = getattr(request, "user", None)
    return (
        request.method in ("GET", "HEAD")
        # Static files: WhiteNoise serves them precompressed (collectstatic makes .gz and .br);
        # compressing its streamed files again here only slows the development server.
        and not request.path_info.startswith(settings.STATIC_URL)
        and not (user is not None and user.is_authenticated)
        and "HTTP_AUTHORIZATION" not in request.META
        and settings.CSRF_COOKIE_NAME not in response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )


class BreachSafeGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if not may_compress(request, response):
            return response
        return super().process_response(request, response)
