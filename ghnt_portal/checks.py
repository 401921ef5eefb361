"""System checks of the deployment (`manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.caches, deploy=True)
def shared_cache(app_configs, **kwargs):
    """Without CACHE_URL every process caches in its own memory: a change seen by one web
    process leaves the dashboards cached by the others stale (monitoring/dashboard/cache.py)."""
    if settings.DEBUG or settings.CACHE_URL:
        return []
    return [
        Warning(
            "CACHE_URL is not set: each web process caches dashboards in its own memory, so "
            "with more than one process a change can stay unseen in the others for up to "
            "DASHBOARD_CACHE_SECONDS.",
            hint="Set CACHE_URL to a Redis database of its own, e.g. redis://redis:6379/1.",
            id="ghnt.W001",
        )
    ]


@register(Tags.security, deploy=True)
def public_contacts(app_configs, **kwargs):
    """security.txt and the statements name whom to contact; the defaults reach nobody."""
    if settings.DEBUG:
        return []
    warnings = []
    if any(c.endswith(".invalid") for c in settings.SECURITY_TXT_CONTACT):
        warnings.append(
            Warning(
                "SECURITY_TXT_CONTACT is not set: /.well-known/security.txt names an address "
                "that reaches nobody.",
                hint="Set SECURITY_TXT_CONTACT, e.g. mailto:security@<your organisation>.",
                id="ghnt.W002",
            )
        )
    if not settings.PORTAL_CONTACT_EMAIL:
        warnings.append(
            Warning(
                "PORTAL_CONTACT_EMAIL is not set: the accessibility and privacy statements "
                "give no address for questions and complaints.",
                hint="Set PORTAL_CONTACT_EMAIL (and PORTAL_OWNER).",
                id="ghnt.W003",
            )
        )
    return warnings
