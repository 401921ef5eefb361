from django.db import models


class AuditAction(models.TextChoices):
    LOGIN = "login", "ingelogd"
    LOGIN_FAILED = "login_failed", "inloggen mislukt"
    LOCKOUT = "lockout", "geblokkeerd na te veel pogingen"
    LOGOUT = "logout", "uitgelogd"
    SSO_REFUSED = "sso_refused", "single sign-on zonder toegang"
    OTP_SETUP = "otp_setup", "tweestapsverificatie ingesteld"
    OTP_VERIFIED = "otp_verified", "tweede stap geslaagd"
    OTP_FAILED = "otp_failed", "tweede stap mislukt"
    OTP_BACKUP_CODES = "otp_backup_codes", "herstelcodes aangemaakt"
    OTP_BACKUP_CODE_USED = "otp_backup_code_used", "herstelcode gebruikt"
    OTP_REMOVED = "otp_removed", "tweestapsverificatie verwijderd"
    MEMBERSHIP_ADDED = "membership_added", "rol toegekend"
    MEMBERSHIP_CHANGED = "membership_changed", "rol gewijzigd"
    MEMBERSHIP_REMOVED = "membership_removed", "rol ingetrokken"
    ACCOUNT_CREATED = "account_created", "account aangemaakt"
    ACCOUNT_CHANGED = "account_changed", "account gewijzigd"
    ACCOUNT_DELETED = "account_deleted", "account verwijderd"
    INVITATION_SENT = "invitation_sent", "uitnodiging verstuurd"
    REPORT_FINALISED = "report_finalised", "rapportage definitief gemaakt"
    REPORT_SENT = "report_sent", "rapportage verzonden"
    REPORT_DOWNLOADED = "report_downloaded", "rapportage gedownload"
    IMPORTED = "imported", "gegevens geïmporteerd"
    DELETED = "deleted", "verwijderd"
    DOCUMENT_ADDED = "document_added", "document toegevoegd"
    DOCUMENT_DOWNLOADED = "document_downloaded", "document gedownload"


class AuditResult(models.TextChoices):
    SUCCESS = "gelukt", "gelukt"
    FAILURE = "mislukt", "mislukt"
    DENIED = "geweigerd", "geweigerd"
