"""After the password: no role, no portal; an account made by a beheerder chooses its own
password first; a projectleider or beheerder (and anyone at the admin) passes the second
factor first, setting it up on the first login."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from . import policy

ADMIN_PREFIX = "/beheer/"


class SignInPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def _exempt(self, path: str) -> bool:
        prefixes = [
            settings.STATIC_URL,
            reverse("login"),
            reverse("logout"),
            reverse("no_access"),
            reverse("two_factor_verify"),
            reverse("two_factor_setup"),
            reverse("choose_password"),
            "/oidc/",
            # The statements and security.txt are for everyone, also before the second step.
            "/.well-known/",
            reverse("accessibility_statement"),
            reverse("privacy_statement"),
            reverse("disclosure_policy"),
        ]
        return any(path.startswith(prefix) for prefix in prefixes if prefix)

    def __call__(self, request):
        user = request.user
        if not user.is_authenticated or self._exempt(request.path_info):
            return self.get_response(request)
        if not policy.has_portal_access(user):
            return redirect("no_access")
        if policy.must_choose_password(request):
            return self._to("choose_password", request)
        if not policy.is_verified(request):
            at_admin = request.path_info.startswith(ADMIN_PREFIX)
            if policy.has_device(request):
                return self._to("two_factor_verify", request)
            if at_admin or policy.requires_second_factor(user):
                return self._to("two_factor_setup", request)
        return self.get_response(request)

    @staticmethod
    def _to(name, request):
        url = reverse(name)
        if request.method == "GET" and not getattr(request, "htmx", False):
            url += "?" + urlencode({"next": request.get_full_path()})
        return redirect(url)
