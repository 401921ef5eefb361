"""The admin (`/beheer/`) only for sessions that passed the second factor.

The sign-in middleware already sends every unverified session at /beheer/ to the second
step; this is the second lock, on the admin site itself."""

from . import policy


def require_second_factor(site):
    original = site.has_permission

    def has_permission(request):
        return original(request) and policy.is_verified(request)

    site.has_permission = has_permission
    return site
