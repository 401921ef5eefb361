"""`Cache-Control: private, no-store` on every response to a signed-in user (pages, htmx
fragments, CSV/xlsx exports, report PDFs): no shared proxy or browser cache keeps a copy of
programme data after the session ends. Static files are served by WhiteNoise before this
middleware and keep their long cache lifetime, like the theme files that say so."""

from django.utils.cache import patch_vary_headers


class PrivateNoStoreMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        # A response that set its own caching on purpose (a theme's CSS, logo and fonts:
        # versioned URLs, no programme data) keeps it.
        if getattr(response, "keeps_cache_control", False):
            return response
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = "private, no-store"
            response.headers.pop("Expires", None)
            patch_vary_headers(response, ["Cookie"])
        return response
