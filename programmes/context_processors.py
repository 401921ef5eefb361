from django.conf import settings

from .access import scope_for
from .constants import Role


def portal(request):
    """Expose the user's roles to templates, to choose navigation (never to grant access)."""
    scope = scope_for(getattr(request, "user", None))
    roles = scope.roles
    return {
        "oidc_enabled": settings.OIDC_ENABLED,
        "oidc_provider_name": settings.OIDC_PROVIDER_NAME,
        "scope": scope,
        "user_roles": sorted(Role(r).label for r in roles),
        "is_editor": bool(scope.is_admin or scope.projectleider_regions),
        # Views under the "Dashboard" menu item (reports live in monitoring too, elsewhere).
        "dashboard_views": (
            "monitoring:dashboard_index",
            "monitoring:dashboard",
            "monitoring:national",
        ),
    }
