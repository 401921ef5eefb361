"""Settings for the GHNT portal, read from the environment (see .env.example)."""

from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured

import dj_database_url
from csp.constants import NONCE, NONE, SELF

from .env import env_bool, env_int, env_list, env_str
from .observability.logs import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY is required when DEBUG is off")
    # Development only: never used when DEBUG is off.
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
    "crispy_forms",
    "django_filters",
    "django_htmx",
    "django_celery_beat",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Not "rest_framework" itself: its Dutch catalogue would override Django's form messages
    # ("Dit veld is vereist." instead of "Dit veld is verplicht."); the API needs no templates.
    "rest_framework.authtoken",
    "drf_spectacular",
    # The project's apps in their layer order: each may import the ones above it in this
    # list, never the ones below (ARCHITECTURE.md; checked by import-linter in make test).
    "ghnt_portal",
    "ghnt_portal.audit",
    "ghnt_portal.outbox",
    "ghnt_portal.notifications",
    "programmes",
    "governance",
    "actions",
    "monitoring",
]

MIDDLEWARE = [
    # A request id for every request, its log line and metrics; answers /metrics
    # (ghnt_portal/observability).
    "ghnt_portal.observability.middleware.RequestObservabilityMiddleware",
    # /health/*: answered before the session, user and Host checks (ghnt_portal/health.py).
    "ghnt_portal.health.HealthMiddleware",
    # API-Version and CORS on the open data, errors and preflights included (issue 21).
    "ghnt_portal.api_http.ApiHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Gzip for anonymous GETs without a CSRF token in the page only (BREACH; compression.py).
    "ghnt_portal.compression.BreachSafeGZipMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ghnt_portal.cache_headers.PrivateNoStoreMiddleware",
    "ghnt_portal.audit.context.AuditContextMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # No role: "no access yet"; projectleider/beheerder/admin: second factor first.
    "ghnt_portal.accounts.middleware.SignInPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ghnt_portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "programmes.context_processors.portal",
                # Counts in the navigation ("Te beoordelen (3)"), lazily (actions).
                "actions.context_processors.work_counts",
            ],
        },
    },
]

WSGI_APPLICATION = "ghnt_portal.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        # A kept connection is tested before a request reuses it: after a database restart
        # the next request reconnects instead of answering 500.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # A database host that does not answer fails a request in seconds, not minutes.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env_int("DATABASE_CONNECT_TIMEOUT", 3)
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Single sign-on; does nothing unless OIDC_RP_CLIENT_ID is set (see below).
    "ghnt_portal.accounts.oidc.PortalOIDCBackend",
]

# Single sign-on through the municipality's identity provider (OpenID Connect code flow,
# mozilla-django-oidc; ghnt_portal/accounts/oidc.py). Off unless OIDC_RP_CLIENT_ID is set.
# Roles still come only from memberships in the portal.
OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID", "") or ""
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET", "") or ""
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT", "") or ""
OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT", "") or ""
OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT", "") or ""
OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT", "") or None
OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256") or "RS256"
OIDC_RP_SCOPES = env_str("OIDC_RP_SCOPES", "openid email profile") or "openid email profile"
OIDC_USE_PKCE = True
OIDC_TIMEOUT = env_int("OIDC_TIMEOUT_SECONDS", 10)
OIDC_PROVIDER_NAME = env_str("OIDC_PROVIDER_NAME", "uw organisatie") or "uw organisatie"
# The provider already asked a second factor (e.g. Entra ID with MFA): then the portal does
# not ask its own. Only switch on when the provider enforces MFA for every portal user.
OIDC_TRUST_IDP_MFA = env_bool("OIDC_TRUST_IDP_MFA", default=False)
LOGIN_REDIRECT_URL_FAILURE = "/inloggen/?sso=mislukt"
if OIDC_ENABLED:
    _missing = [
        name
        for name in (
            "OIDC_OP_AUTHORIZATION_ENDPOINT",
            "OIDC_OP_TOKEN_ENDPOINT",
            "OIDC_OP_USER_ENDPOINT",
        )
        if not globals()[name]
    ]
    if _missing:
        raise ImproperlyConfigured(f"OIDC_RP_CLIENT_ID is set, but not {', '.join(_missing)}")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "ghnt_portal.password_validation.DutchMinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Two-factor authentication (django-otp, TOTP + recovery codes; ghnt_portal/accounts): who
# must use it is decided by the programmes app (roles), named here so ghnt_portal imports it
# nowhere else.
TWO_FACTOR_REQUIRED_CHECK = "programmes.access.requires_second_factor"
PORTAL_ACCESS_CHECK = "programmes.access.has_portal_access"
OTP_TOTP_ISSUER = "GHNT-portaal"
# The admin shows devices (to delete a lost one), never their keys or recovery codes: a
# beheerder must not be able to sign in as someone else.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Behind a TLS-terminating reverse proxy: the header it sets to say the request came in over
# HTTPS (e.g. HTTP_X_FORWARDED_PROTO; the proxy must overwrite it, never pass it through).
_ssl_header = env_str("SECURE_PROXY_SSL_HEADER", "")
SECURE_PROXY_SSL_HEADER = (_ssl_header, "https") if _ssl_header else None
# Off by default (the proxy may redirect itself; tests and the e2e gunicorn speak plain
# HTTP); .env.example switches it on for production.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)

# Content-Security-Policy (django-csp): scripts only from the portal itself (no inline
# script, no eval; a nonce for any inline script that must stay); styles allow inline
# `style` attributes (server-side SVG charts, accent colours), never a third party.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
X_FRAME_OPTIONS = "DENY"

# django-axes: lock out after repeated failed logins, per username *and* client address: a
# wrong password for one account never locks out other users behind the same address (a
# municipal proxy or NAT), and a successful login resets only its own username+address.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "ghnt_portal.accounts.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
# Every failed attempt is kept (AccessFailureLog, up to this many per username) besides the
# audit trail; the admin shows them and cannot delete them.
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_ACCESS_FAILURE_LOG_PER_USER_LIMIT = env_int("AXES_FAILURE_LOG_PER_USER_LIMIT", 1000)
# The client address as the audit trail reads it (ghnt_portal/client_ip.py).
AXES_CLIENT_IP_CALLABLE = "ghnt_portal.client_ip.client_ip"
# Never stored in AccessAttempt.post_data / get_data or in axes' log lines.
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "csrfmiddlewaretoken", "token", "code"]
AXES_ENABLED = env_bool("AXES_ENABLED", default=True)

# Retention (README "Bewaartermijnen"; applied nightly by ghnt_portal/retention.py): login
# IP addresses in the audit trail and axes' logs become a keyed hash after this many months,
# failed-login records are deleted after this many, accounts unused this many days are
# disabled (with an e-mail RETENTION_INACTIVE_NOTICE_DAYS before).
RETENTION_LOGIN_IP_MONTHS = env_int("RETENTION_LOGIN_IP_MONTHS", 12)
RETENTION_FAILED_LOGIN_MONTHS = env_int("RETENTION_FAILED_LOGIN_MONTHS", 6)
RETENTION_INACTIVE_ACCOUNT_DAYS = env_int("RETENTION_INACTIVE_ACCOUNT_DAYS", 180)
RETENTION_INACTIVE_NOTICE_DAYS = env_int("RETENTION_INACTIVE_NOTICE_DAYS", 14)
# The key of the IP pseudonyms; empty: derived from SECRET_KEY.
RETENTION_PSEUDONYM_KEY = env_str("RETENTION_PSEUDONYM_KEY", "")
if RETENTION_INACTIVE_NOTICE_DAYS >= RETENTION_INACTIVE_ACCOUNT_DAYS:
    raise ImproperlyConfigured(
        "RETENTION_INACTIVE_NOTICE_DAYS must be below RETENTION_INACTIVE_ACCOUNT_DAYS"
    )

# How many reverse proxies in front of the portal append to X-Forwarded-For (0: none; the
# header is then ignored). See ghnt_portal/client_ip.py.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# Audit trail (ghnt_portal/audit): deletions of these models are recorded; these models'
# records are never deleted or changed through the admin.
AUDIT_TRACK_DELETIONS = [
    "programmes.Programme",
    "programmes.Region",
    "programmes.Organisation",
    "actions.Action",
    "actions.StatusUpdate",
    "governance.DecisionRoute",
    "governance.Decision",
    "governance.Commitment",
    "governance.Meeting",
    "monitoring.ProgressReport",
    "monitoring.Measurement",
]
AUDIT_PROTECTED_MODELS = [
    "axes.AccessLog",
    "axes.AccessFailureLog",
    "monitoring.ReportDownload",
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "staticfiles")
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "media")
# Uploaded and generated files (report PDFs): on the local disk (MEDIA_ROOT, the embedded
# default, one node) or in an S3-compatible object store shared by every web node and worker.
STORAGE_BACKEND = env_str("STORAGE_BACKEND", "local")
DEFAULT_STORAGE: dict[str, Any]
if STORAGE_BACKEND == "local":
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
elif STORAGE_BACKEND == "s3":
    from botocore.config import Config as BotoConfig

    if not env_str("AWS_STORAGE_BUCKET_NAME"):
        raise ImproperlyConfigured("STORAGE_BACKEND=s3 needs AWS_STORAGE_BUCKET_NAME")
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env_str("AWS_S3_REGION_NAME") or None,
            # Empty: boto3 finds credentials itself (instance role, ~/.aws).
            "access_key": env_str("AWS_ACCESS_KEY_ID") or None,
            "secret_key": env_str("AWS_SECRET_ACCESS_KEY") or None,
            "location": env_str("AWS_LOCATION", ""),
            "default_acl": None,  # private: files are served only through the portal's views
            "file_overwrite": False,
            "client_config": BotoConfig(
                # "path" for MinIO and most self-hosted S3-compatible servers.
                s3={"addressing_style": env_str("AWS_S3_ADDRESSING_STYLE") or "auto"},
                connect_timeout=env_int("AWS_S3_TIMEOUT", 5),
                read_timeout=env_int("AWS_S3_TIMEOUT", 5) * 4,
                retries={"max_attempts": 3, "mode": "standard"},
            ),
        },
    }
else:
    raise ImproperlyConfigured(f"STORAGE_BACKEND={STORAGE_BACKEND!r}: use 'local' or 's3'")
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("STATIC_MANIFEST", default=not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Documents (programmes/documents/): the largest upload accepted, in MB (issue 22).
DOCUMENT_MAX_BYTES = env_int("DOCUMENT_MAX_MB", 25) * 1024 * 1024

# The installation's own theme (programmes/theme/; README "Huisstijl"): colours as #rrggbb,
# empty for the default of static/css/tokens.css; a logo (PNG/JPEG) and WOFF2 fonts as paths
# of files on this server. Checked for contrast and file type at start-up (manage.py check).
THEME_COLOURS = {
    name: env_str(f"THEME_{name.upper()}", "")
    for name in (
        "primary_colour",
        "primary_hover_colour",
        "on_primary_colour",
        "text_colour",
        "background_colour",
        "focus_colour",
    )
}
THEME_LOGO = env_str("THEME_LOGO", "")
THEME_FONT = env_str("THEME_FONT", "")
THEME_HEADING_FONT = env_str("THEME_HEADING_FONT", "")
# Measurement imports (monitoring/imports/, issue 26): the largest file and the most rows one
# upload may have; files up to IMPORT_SYNC_MAX_ROWS rows are checked in the request, larger
# ones in the background (stored, then a job through the outbox). An xlsx that unpacks to more
# than IMPORT_XLSX_MAX_UNPACKED_MB is refused unopened (zip bombs).
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 100_000)
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_MB", 20) * 1024 * 1024
IMPORT_SYNC_MAX_ROWS = env_int("IMPORT_SYNC_MAX_ROWS", 5000)
IMPORT_XLSX_MAX_UNPACKED_BYTES = env_int("IMPORT_XLSX_MAX_UNPACKED_MB", 20) * 1024 * 1024
# Text extraction of an upload is bounded (programmes/documents/extract.py): at most this many
# milliseconds in all, and per PDF page (pdftotext silent that long: stop), and this many
# characters; what is left is kept unread and the file marked "tekst deels doorzocht".
DOCUMENT_TEXT_MS = env_int("DOCUMENT_TEXT_MS", 3000)
DOCUMENT_TEXT_PAGE_MS = env_int("DOCUMENT_TEXT_PAGE_MS", 1000)
DOCUMENT_TEXT_MAX_CHARS = env_int("DOCUMENT_TEXT_MAX_CHARS", 2_000_000)
# The PDF text reader (poppler-utils); empty: pypdf only (slower, also bounded).
DOCUMENT_PDFTOTEXT = env_str("DOCUMENT_PDFTOTEXT", "pdftotext")
# An action list longer than this is exported to Excel in the background (issue 26).
ACTION_EXPORT_BACKGROUND_ROWS = env_int("ACTION_EXPORT_BACKGROUND_ROWS", 1000)
# Serve files straight from STATICFILES_DIRS when collectstatic has not run (tests, make run).
WHITENOISE_USE_FINDERS = True
# Files browsers ask for at the site's root (/favicon.ico, e.g. on admin pages), served by
# WhiteNoise before the login check: no 404 or login redirect for them on any page.
WHITENOISE_ROOT = BASE_DIR / "static" / "root"
WHITENOISE_AUTOREFRESH = DEBUG

# The read-only JSON API (/api/, issue 17): per-user tokens or the session; anonymous
# callers get the adopted data of regions that opened it. Scoping is in the querysets.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_FILTER_BACKENDS": ["ghnt_portal.api_pagination.FilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "ghnt_portal.api_pagination.Pagination",
    "DEFAULT_SCHEMA_CLASS": "ghnt_portal.api_schema.PortalAutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    # Every error as problem details, RFC 9457 (ghnt_portal/api_problems.py).
    "EXCEPTION_HANDLER": "ghnt_portal.api_problems.exception_handler",
}
# The NLGov API Design Rules (issue 21): the major version in the path, the full version in
# the API-Version header of every response (ghnt_portal/api_http.py). README, "API".
API_VERSION = "1.0.0"
API_BASE_PATH = "/api/v1"

SPECTACULAR_SETTINGS = {
    "TITLE": "GHNT-portaal open data",
    "DESCRIPTION": (
        "Alleen-lezen API met de vastgestelde actieprogramma's: actielijnen, acties met status "
        "en voortgang, mijlpalen, begroting per financieringsbron, besluitvormingsroutes, "
        "toezeggingen en indicatoren (kleine aantallen afgeschermd). Zonder token: alleen "
        "regio's die hun gegevens openbaar hebben gemaakt; met een token "
        "(`Authorization: Token <sleutel>`): ook wat de gebruiker in het portaal mag zien."
    ),
    "VERSION": API_VERSION,
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Paths relative to the one server, whose URL carries the major version.
    "SERVERS": [{"url": API_BASE_PATH, "description": "Dit portaal, API-versie 1"}],
    "SCHEMA_PATH_PREFIX": API_BASE_PATH,
    "SCHEMA_PATH_PREFIX_TRIM": True,
    "LICENSE": {"name": "EUPL-1.2", "url": "https://eupl.eu/1.2/nl/"},
    "TAGS": [
        {"name": "programmes", "description": "Vastgestelde actieprogramma's"},
        {"name": "action-lines", "description": "Actielijnen"},
        {"name": "actions", "description": "Acties"},
        {"name": "milestones", "description": "Mijlpalen"},
        {"name": "budget-totals", "description": "Begroting per financieringsbron"},
        {"name": "decision-routes", "description": "Besluitvormingsroutes"},
        {"name": "commitments", "description": "Toezeggingen"},
        {"name": "measurements", "description": "Metingen van indicatoren"},
        {"name": "documents", "description": "Documenten bij programma's en besluitvorming"},
        {"name": "uitvraag-answers", "description": "Antwoorden op de uitvraag van het Rijk"},
        {"name": "national-building-blocks", "description": "Landelijk beeld per bouwsteen"},
    ],
}

# Forms render in NL Design System components: our own pack, templates/crispy_nlds/.
CRISPY_ALLOWED_TEMPLATE_PACKS = ("crispy_nlds",)
CRISPY_TEMPLATE_PACK = "crispy_nlds"

# E-mail: console in development, SMTP in production.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
# With EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend (end-to-end tests).
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH") or None
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "GHNT-portaal <noreply@ghnt-portaal.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
PORTAL_BASE_URL = env_str("PORTAL_BASE_URL", "http://127.0.0.1:8000")
# Who answers questions about the API (info.contact of /api/v1/openapi.json).
SPECTACULAR_SETTINGS["CONTACT"] = {
    "name": env_str("API_CONTACT_NAME", "Functioneel beheer GHNT-portaal"),
    "email": env_str("API_CONTACT_EMAIL", "api@ghnt-portaal.invalid"),
    "url": env_str("API_CONTACT_URL", "") or f"{PORTAL_BASE_URL}/",
}
# Ketenpartners are reminded of missing status updates this many weeks before each
# half-yearly report (1 January and 1 October); see actions/tasks.py.
REMINDER_WEEKS_BEFORE_REPORT = env_int("REMINDER_WEEKS_BEFORE_REPORT", 3)
# Days the link in an invitation e-mail (to set a password) stays valid; see
# ghnt_portal/accounts/tokens.py.
INVITATION_VALID_DAYS = env_int("INVITATION_VALID_DAYS", 7)
# E-mail notifications (ghnt_portal/notifications): projectleiders hear of an open toezegging
# this many days before it is due, and of the coming report this many days before the date.
COMMITMENT_NOTICE_DAYS = env_int("COMMITMENT_NOTICE_DAYS", 14)
REPORT_NOTICE_DAYS = env_int("REPORT_NOTICE_DAYS", 21)

# /.well-known/security.txt (RFC 9116; ghnt_portal/wellknown.py): where to report a
# vulnerability (mailto:, https: or tel: URIs, comma-separated), the disclosure policy (empty:
# the portal's own page /kwetsbaarheid-melden/) and how many days ahead Expires lies; it is
# computed at every request, so it never lies in the past.
SECURITY_TXT_CONTACT = env_list("SECURITY_TXT_CONTACT", "mailto:security@ghnt-portaal.invalid")
SECURITY_TXT_POLICY = env_str("SECURITY_TXT_POLICY", "")
SECURITY_TXT_EXPIRES_DAYS = env_int("SECURITY_TXT_EXPIRES_DAYS", 180)
if not SECURITY_TXT_CONTACT or not all(
    c.startswith(("mailto:", "https://", "tel:")) for c in SECURITY_TXT_CONTACT
):
    raise ImproperlyConfigured("SECURITY_TXT_CONTACT: give mailto:, https:// or tel: URIs")
if not 1 <= SECURITY_TXT_EXPIRES_DAYS <= 365:  # RFC 9116: less than a year ahead
    raise ImproperlyConfigured("SECURITY_TXT_EXPIRES_DAYS must be between 1 and 365")
# Who runs this installation, named in the accessibility and privacy statements
# (ghnt_portal/statements.py), and the address for questions about them.
PORTAL_OWNER = env_str("PORTAL_OWNER", "") or "de organisatie die dit portaal beheert"
PORTAL_CONTACT_EMAIL = env_str("PORTAL_CONTACT_EMAIL", "")
# How long the audit trail itself is kept, as the privacy statement says (the other RETENTION_*
# periods are above, with the retention tasks that apply them).
RETENTION_AUDIT_YEARS = env_int("RETENTION_AUDIT_YEARS", 7)

# The cache (the dashboard's computed data, monitoring/dashboard/cache.py). With CACHE_URL
# (e.g. redis://redis:6379/1) one Redis shared by every web process, which is what keeps a
# change in one process from leaving another's dashboards stale; without it each process
# caches in its own memory (`make run`: one process). A cache that is away never breaks a
# page: it is asked with short timeouts, and on an error the page is computed without it.
CACHE_URL = env_str("CACHE_URL") or ""
CACHE_TIMEOUT = env_int("CACHE_TIMEOUT_MS", 200) / 1000
# Seconds a cached dashboard is kept; every change that affects it replaces it at once, so
# this only bounds how long a change made while the cache was away can go unseen.
DASHBOARD_CACHE_SECONDS = env_int("DASHBOARD_CACHE_SECONDS", 900)
# After a change, compute the programme's dashboard in the background (issue 26; 0: the next
# reader computes it, as before).
DASHBOARD_WARM_AFTER_CHANGE = env_bool("DASHBOARD_WARM_AFTER_CHANGE", default=True)
CACHES: dict[str, dict[str, Any]] = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "ghnt",
            # Passed to redis-py's connection pool: no retries, short socket timeouts.
            "OPTIONS": {
                "socket_connect_timeout": CACHE_TIMEOUT,
                "socket_timeout": CACHE_TIMEOUT,
                "retry_on_timeout": False,
            },
        }
        if CACHE_URL
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "ghnt-portal",
            "OPTIONS": {"MAX_ENTRIES": 500},
        }
    )
}

# Celery: without a broker every task runs in-process, eagerly (the embedded default).
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL") or "memory://"
CELERY_TASK_ALWAYS_EAGER = not env_str("CELERY_BROKER_URL")
CELERY_TASK_EAGER_PROPAGATES = True
# No result backend: the portal keeps every outcome in its own tables (a report's
# generation_state), never waits on a task's result, so a request never blocks on one.
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
# A task is acknowledged only when it has finished; a worker killed mid-task (SIGKILL, out of
# memory) leaves it unacknowledged, and Redis hands it out again after the visibility timeout.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 300)
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 240)
if CELERY_TASK_SOFT_TIME_LIMIT >= CELERY_TASK_TIME_LIMIT:
    raise ImproperlyConfigured("CELERY_TASK_SOFT_TIME_LIMIT must be below CELERY_TASK_TIME_LIMIT")
# Just above the hard limit of the longest task: a task still unacknowledged after this long
# belonged to a worker that died, and Redis redelivers it (kombu's default is an hour). No
# task sets a longer limit or a retry countdown beyond it (tests/test_celery_settings.py).
CELERY_VISIBILITY_TIMEOUT = env_int("CELERY_VISIBILITY_TIMEOUT", CELERY_TASK_TIME_LIMIT + 60)
if CELERY_VISIBILITY_TIMEOUT <= CELERY_TASK_TIME_LIMIT:
    raise ImproperlyConfigured("CELERY_VISIBILITY_TIMEOUT must be above CELERY_TASK_TIME_LIMIT")
# How long a request may wait on the broker: a stopped or hung Redis costs a request at most
# about a second (connect, or one blocking command), never the 20 s of the defaults.
BROKER_TIMEOUT = env_int("CELERY_BROKER_TIMEOUT_MS", 500) / 1000
CELERY_BROKER_CONNECTION_TIMEOUT = BROKER_TIMEOUT
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
    "socket_connect_timeout": BROKER_TIMEOUT,
    "socket_timeout": BROKER_TIMEOUT,
    "socket_keepalive": True,
    "retry_on_timeout": False,
    # Look for the unacknowledged tasks of dead workers every 30 s (default: every 100 s).
    "unacked_restore_interval": 30,
    "unacked_restore_throttle": 1,
}
# Publishing: one quick retry, then the caller gets the error (it must not hang a request).
CELERY_TASK_PUBLISH_RETRY = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.1,
    "interval_max": 0.1,
}
# Workers and beat keep reconnecting to a broker that is away, also when they start before it.
CELERY_BROKER_CONNECTION_RETRY = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Beat writes a task's last run to the database after every send (default: every 3 minutes),
# so the readiness check sees its heartbeat (ghnt_portal/health.py).
CELERY_BEAT_SYNC_EVERY = 1
# The outbox (ghnt_portal/outbox/): beat sends its sweep every OUTBOX_SWEEP_SECONDS; it hands
# out again work queued but not picked up, started past its deadline (started + the hard time
# limit: the worker died), or sent but not started after OUTBOX_RESEND_AFTER seconds (the
# broker lost it). A dead task is thus made again within the hard limit plus one sweep.
OUTBOX_SWEEP_SECONDS = env_int("OUTBOX_SWEEP_SECONDS", 60)
OUTBOX_RESEND_AFTER = env_int("OUTBOX_RESEND_AFTER", CELERY_VISIBILITY_TIMEOUT)
# Installed in the database by beat's DatabaseScheduler at its start (editable in the admin,
# but the interval comes back from here at every start of beat).
CELERY_BEAT_SCHEDULE = {
    "Wachtrij nalopen": {
        "task": "ghnt_portal.outbox.tasks.sweep",
        "schedule": float(OUTBOX_SWEEP_SECONDS),
        "options": {"expires": OUTBOX_SWEEP_SECONDS},
    },
}
# Seconds since beat's last heartbeat (sent every 30 s) before readiness reports it as down.
HEALTH_BEAT_MAX_AGE = env_int("HEALTH_BEAT_MAX_AGE", 120)

# manage.py backup/restore: where pg_dump and pg_restore live when not on the PATH (they must
# be at least the server's version).
PG_BIN_DIR = env_str("PG_BIN_DIR", "")

# Logs: plain lines (default, `make run`) or one JSON object per line with the request id
# (LOG_FORMAT=json: the Helm chart and docker-compose.yml); ghnt_portal/observability/logs.py.
LOG_FORMAT = env_str("LOG_FORMAT", "text") or "text"
if LOG_FORMAT not in ("text", "json"):
    raise ImproperlyConfigured(f"LOG_FORMAT={LOG_FORMAT!r}: use 'text' or 'json'")
LOGGING = logging_config(LOG_FORMAT, env_str("LOG_LEVEL", "INFO") or "INFO")
