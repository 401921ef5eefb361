"""`Cache-Control: private, no-store` on every response to a signed-in user (pages, htmx
fragments, CSV/xlsx exports, report PDFs): no shared proxy or browser cache keeps a copy of
programme data after the session ends. Static files are served by WhiteNoise before this
middleware and keep their long cache lifetime."""

from django.utils.cache import patch_vary_headers


class PrivateNoStoreMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = "private, no-store"
            response.headers.pop("Expires", None)
            patch_vary_headers(response, ["Cookie"])
        return response
