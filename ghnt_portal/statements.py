"""The public statements every Dutch government site publishes: the accessibility statement
(toegankelijkheidsverklaring, in the model of digitoegankelijk.nl), the privacy statement
(which personal data of its users the portal keeps, why and how long) and the coordinated
vulnerability disclosure policy that security.txt points to.

Readable by everyone, signed in or not (also before the second step). The retention periods
come from settings, where the retention tasks read them too, so the page states what the
portal does."""

from datetime import date

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

# When the accessibility was last assessed (axe on every page of the browser tests, the
# keyboard tests and a manual review of the findings); update with each new assessment.
ACCESSIBILITY_ASSESSED_ON = date(2026, 12, 7)
ACCESSIBILITY_STATEMENT_DRAWN_UP_ON = date(2026, 12, 7)


def contact_context() -> dict:
    return {
        "portal_owner": settings.PORTAL_OWNER,
        "contact_email": settings.PORTAL_CONTACT_EMAIL,
        "security_contacts": settings.SECURITY_TXT_CONTACT,
    }


@method_decorator([login_not_required, require_safe], name="dispatch")
class StatementView(TemplateView):
    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | contact_context()


class AccessibilityStatementView(StatementView):
    template_name = "statements/accessibility.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "assessed_on": ACCESSIBILITY_ASSESSED_ON,
            "drawn_up_on": ACCESSIBILITY_STATEMENT_DRAWN_UP_ON,
        }


class PrivacyStatementView(StatementView):
    template_name = "statements/privacy.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "login_ip_months": settings.RETENTION_LOGIN_IP_MONTHS,
            "failed_login_months": settings.RETENTION_FAILED_LOGIN_MONTHS,
            "inactive_account_days": settings.RETENTION_INACTIVE_ACCOUNT_DAYS,
            "inactive_notice_days": settings.RETENTION_INACTIVE_NOTICE_DAYS,
            "audit_years": settings.RETENTION_AUDIT_YEARS,
            "session_hours": round(settings.SESSION_COOKIE_AGE / 3600, 1),
            "failure_log_per_user": settings.AXES_ACCESS_FAILURE_LOG_PER_USER_LIMIT,
            "failure_limit": settings.AXES_FAILURE_LIMIT,
        }


class DisclosurePolicyView(StatementView):
    template_name = "statements/disclosure.html"
