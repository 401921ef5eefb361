"""/.well-known/security.txt (RFC 9116): where and how to report a vulnerability.

Served by the portal itself (no file to keep up to date): Expires is computed at every
request, SECURITY_TXT_EXPIRES_DAYS ahead, so it never lies in the past; Canonical is the
file's own address under PORTAL_BASE_URL."""

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

PREFERRED_LANGUAGES = "nl, en"


def absolute(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def security_txt_lines(now: datetime | None = None) -> list[str]:
    now = now or datetime.now(UTC)
    expires = (now + timedelta(days=settings.SECURITY_TXT_EXPIRES_DAYS)).replace(microsecond=0)
    lines = [f"Contact: {contact}" for contact in settings.SECURITY_TXT_CONTACT]
    lines += [
        f"Expires: {expires.astimezone(UTC):%Y-%m-%dT%H:%M:%SZ}",
        f"Preferred-Languages: {PREFERRED_LANGUAGES}",
        f"Policy: {settings.SECURITY_TXT_POLICY or absolute(reverse('disclosure_policy'))}",
        f"Canonical: {absolute(reverse('security_txt'))}",
    ]
    return lines


@login_not_required
@require_safe
def security_txt(request: HttpRequest) -> HttpResponse:
    body = "# Kwetsbaarheid gevonden? Meld die zoals hieronder staat.\n"
    body += "\n".join(security_txt_lines()) + "\n"
    return HttpResponse(body, content_type="text/plain; charset=utf-8")
