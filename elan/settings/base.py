# SPDX-License-Identifier: EUPL-1.2
"""Settings shared by every profile, read from the environment (docs/configuration.md).

With nothing set, Elan runs on an embedded SQLite database next to the code, which is what the
demo command uses. Production sets ``DJANGO_SETTINGS_MODULE=elan.settings.production`` plus at
least ``SECRET_KEY``, ``ALLOWED_HOSTS`` and ``DATABASE_URL``.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from elan.env import (
    _problem,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_secret,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = env_bool("DEBUG", False)
# The fallback key exists so that the demo and the tests start with nothing set; the
# production profile refuses it through a system check.
INSECURE_DEFAULT_SECRET_KEY = "insecure-demo-key-never-use-in-production-0123456789abcdef"
SECRET_KEY = env_secret("SECRET_KEY", INSECURE_DEFAULT_SECRET_KEY)
# Former keys, still accepted for signatures while things signed under them expire; the daily
# 360 job re-wraps the rater-key secrets under the current key (docs/security.md).
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS", [])
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
# Who publishes what this installation exports (the frameworks' CASE packages): the
# organisation that runs it. A framework's own source is credited apart (elan/skills/case.py).
ELAN_PUBLISHER = env_str("ELAN_PUBLISHER", "Elan")

INSTALLED_APPS = [
    # Our apps first, so their templates override the libraries'.
    "elan.core",
    "elan.accounts",
    "elan.organisations",
    "elan.knowledge",
    "elan.skills",
    "elan.experiments",
    "elan.network",
    "elan.assessments",
    "elan.insights",
    "elan.feedback",
    "elan.goals",
    "elan.events",
    "elan.cohorts",
    "elan.ideas",
    "elan.retrospectives",
    # The site's shell, on top of every other app (docs/adr/0013-layers-and-checks.md).
    "elan.portal",
    # Wagtail, the one back office.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    # Wagtail's user editor with the login address fixed (elan/accounts/back_office.py).
    "elan.accounts.back_office.UsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Accounts and security.
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "axes",
    "csp",
    "rules.apps.AutodiscoverRulesConfig",
    "treebeard",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outermost, so that static files and every early answer carry these headers too.
    "elan.core.middleware.PermissionsPolicyMiddleware",
    "elan.core.middleware.ScopedCSPMiddleware",
    # Before anything reads the path, a header or a form: NUL or broken text answers 400.
    "elan.portal.middleware.RejectMalformedInputMiddleware",
    # The database down or too slow answers 503 with Retry-After (docs/security.md).
    "elan.portal.middleware.DatabaseUnavailableMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "elan.accounts.middleware.SessionLifetimeMiddleware",
    # Refuses a login that skipped the second factor, whatever view made it (docs/security.md).
    "elan.accounts.middleware.SecondFactorMiddleware",
    # The back office answers 403, not a login loop, to someone logged in without access to it.
    "elan.accounts.middleware.BackOfficeAccessMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Two identical submissions at once make one record (elan/portal/middleware.py).
    "elan.portal.middleware.OneWritePerSubmitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # The back office's page tree only for who may read drafts: editors, moderators, admins.
    "elan.core.middleware.PageTreeForDraftReadersMiddleware",
    # Axes must come last: it reads the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "elan.urls"
WSGI_APPLICATION = "elan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "elan" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "elan.portal.context_processors.site",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------------
_database_url = env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
try:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
except ValueError as error:
    _problem("DATABASE_URL", f"is not a database URL Elan understands: {error}")
    DATABASES = {"default": dj_database_url.parse(f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
# A database that is down or hung answers 503 within these, well before the worker's own
# timeout (gunicorn.conf.py) kills the request; 0 turns the statement timeout off, e.g. for a
# long migration (docs/configuration.md, docs/security.md).
DATABASE_CONNECT_TIMEOUT_SECONDS = env_int("DATABASE_CONNECT_TIMEOUT_SECONDS", 5, minimum=1)
DATABASE_STATEMENT_TIMEOUT_SECONDS = env_int("DATABASE_STATEMENT_TIMEOUT_SECONDS", 10, minimum=0)
# A connection kept between requests is tested before reuse, so a database restart costs no
# request an error: the first query after it reconnects instead of failing.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the demo serve reads while a write is under way; ``timeout`` bounds the wait
    # for another writer's lock.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": DATABASE_STATEMENT_TIMEOUT_SECONDS or DATABASE_CONNECT_TIMEOUT_SECONDS,
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["connect_timeout"] = DATABASE_CONNECT_TIMEOUT_SECONDS
    # Appended, so that options given in DATABASE_URL's query string are kept.
    _options["options"] = " ".join(
        part
        for part in (
            _options.get("options", ""),
            f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT_SECONDS * 1000}",
        )
        if part
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts ---------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Axes first, so that a locked-out pair never reaches the password check.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        # Django's rule with a message translated in every language (elan/accounts/validators.py).
        "NAME": "elan.accounts.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    # A larger list of breached passwords, shipped in a package and checked offline (ASVS 6.2.12).
    {"NAME": "elan.accounts.validators.BreachedPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "portal:home"

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
# Staff accounts come from the HR import or single sign-on, never from self-registration.
ACCOUNT_ADAPTER = "elan.accounts.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "elan.accounts.adapters.SocialAccountAdapter"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
# One login, allauth's, and it asks for the second factor: a reset sets a password and stops
# there, no login by a mailed code, no "trust this browser" (docs/security.md).
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_LOGIN_BY_CODE_ENABLED = False
MFA_TRUST_ENABLED = False
# Login addresses come from the staff records or single sign-on; nobody adds one in the app.
ACCOUNT_MAX_EMAIL_ADDRESSES = 1
ACCOUNT_CHANGE_EMAIL = False
# A reset asked for an unknown address sends nothing: no mail from a government address to
# whoever someone typed in, and the page reads the same either way.
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
BARRIER_REPORTS_PER_HOUR = env_int("BARRIER_REPORTS_PER_HOUR", 5, minimum=1)
ACCOUNT_RATE_LIMITS = {
    "login_failed": None,  # Axes owns the lockout rule (docs/access.md).
    # Allauth's default, 30 logins a minute per address, would turn a whole building behind
    # one address away at nine in the morning; the per-account lockout is axes' job.
    "login": env_str("LOGIN_RATE_LIMIT_PER_ADDRESS", "300/m/ip"),
    # Accessibility barrier reports (elan/portal/views.py): per address for a visitor, per
    # account for someone logged in, so that colleagues behind one address do not share one.
    "barrier_report": f"{BARRIER_REPORTS_PER_HOUR}/h/ip",
    "barrier_report_signed_in": f"{BARRIER_REPORTS_PER_HOUR}/h/user",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Elan"
MFA_ADAPTER = "elan.accounts.adapters.MFAAdapter"
# Fernet key(s) for the TOTP secrets and recovery-code seeds at rest; several, comma-separated,
# during a rotation. Empty: derived from SECRET_KEY, which only the demo and the tests may do.
MFA_ENCRYPTION_KEY = env_secret("MFA_ENCRYPTION_KEY", "")

# Single sign-on through OpenID Connect (FAS/CSAM or any compliant provider).
OIDC_ENABLED = env_bool("OIDC_ENABLED", False)
OIDC_PROVIDER_ID = env_str("OIDC_PROVIDER_ID", "fas")
OIDC_PROVIDER_NAME = env_str("OIDC_PROVIDER_NAME", "Federal Authentication Service")
OIDC_SERVER_URL = env_str("OIDC_SERVER_URL", "")
OIDC_CLIENT_ID = env_str("OIDC_CLIENT_ID", "")
OIDC_CLIENT_SECRET = env_secret("OIDC_CLIENT_SECRET", "") if OIDC_ENABLED else ""
# The exact issuer the ID tokens must name; by default the server URL (docs/single-sign-on.md).
OIDC_ISSUER = env_str("OIDC_ISSUER", "")
# The claim carrying the HR person id (StaffRecord.external_id) that links a first login.
OIDC_EXTERNAL_ID_CLAIM = env_str("OIDC_EXTERNAL_ID_CLAIM", "employee_id")
OIDC_FETCH_USERINFO = env_bool("OIDC_FETCH_USERINFO", True)
# A single sign-on counts as a second factor when the ID token's ``amr`` lists one of these
# (RFC 8176) or its ``acr`` is one of the provider's levels listed here (docs/configuration.md).
OIDC_SECOND_FACTOR_AMR = env_list("OIDC_SECOND_FACTOR_AMR", ["mfa", "otp", "hwk", "sc"])
OIDC_SECOND_FACTOR_ACR = env_list("OIDC_SECOND_FACTOR_ACR", [])
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        # Adds the nonce and the claim checks allauth leaves out (elan/accounts/oidc/).
        "provider_class": "elan.accounts.oidc.ElanOpenIDConnectProvider",
        "OAUTH_PKCE_ENABLED": True,
        "APPS": (
            [
                {
                    "provider_id": OIDC_PROVIDER_ID,
                    "name": OIDC_PROVIDER_NAME,
                    "client_id": OIDC_CLIENT_ID,
                    "secret": OIDC_CLIENT_SECRET,
                    "settings": {
                        "server_url": OIDC_SERVER_URL,
                        "issuer": OIDC_ISSUER,
                        "fetch_userinfo": OIDC_FETCH_USERINFO,
                    },
                }
            ]
            if OIDC_ENABLED
            else []
        ),
    }
}
# Accounts are linked by the provider's subject, never by e-mail address (ASVS 10.5.2).
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = False
SOCIALACCOUNT_STORE_TOKENS = False

# Lockout: 5 failures for one account from one address, then 15 minutes (docs/access.md).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15, minimum=1) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "login"
# Allauth passes the address as ``email``, which axes would not see (elan/accounts/lockout.py).
AXES_USERNAME_CALLABLE = "elan.accounts.lockout.axes_username"
AXES_RESET_ON_SUCCESS = True
# "Then 15 minutes" means 15 minutes from the lockout: a try during it is refused unseen,
# so it neither prolongs the lockout nor gets checked against the password.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_LOCKOUT_CALLABLE = "elan.accounts.lockout.lockout_response"
AXES_IPWARE_PROXY_COUNT = env_int("AXES_PROXY_COUNT", 0, minimum=0)
# The visitor's address behind the proxy, the way allauth reads it (elan/core/addresses.py).
AXES_CLIENT_IP_CALLABLE = "elan.core.addresses.client_address"
# Allauth's rate limits (logins, barrier reports) read the client address the same way; behind
# the proxy, every visitor would otherwise share the proxy's address and its limit.
ALLAUTH_TRUSTED_PROXY_COUNT = AXES_IPWARE_PROXY_COUNT

# Sessions: 30 minutes of inactivity, 10 hours in all (docs/access.md).
# Database sessions that record whose they are, so deactivation ends them in one query.
SESSION_ENGINE = "elan.accounts.sessions"
SESSION_IDLE_TIMEOUT_SECONDS = env_int("SESSION_IDLE_TIMEOUT_MINUTES", 30, minimum=1) * 60
SESSION_ABSOLUTE_LIFETIME_SECONDS = env_int("SESSION_ABSOLUTE_HOURS", 10, minimum=1) * 3600
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_LIFETIME_SECONDS
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# --- Languages --------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("nl", _("Dutch")),
    ("fr", _("French")),
    ("de", _("German")),
    ("en", _("English")),
]
# The interface is complete in these; German covers at least the interface (CONTRIBUTING.md,
# "Translate").
COMPLETE_LANGUAGES = ("nl", "fr", "en")
FALLBACK_LANGUAGE = "en"
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
FORMAT_MODULE_PATH = ["elan.formats"]  # English dates as read in Belgium: elan/formats/en
USE_TZ = True
TIME_ZONE = "Europe/Brussels"
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# --- Wagtail ----------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Elan"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
# Addresses come from the staff records; the back office's account page must not change them.
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAILDOCS_EXTENSIONS = ["pdf", "pptx", "ppt", "docx", "odt", "odp", "xlsx", "txt"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = True
# No avatars from gravatar.com: it would send a hash of each e-mail address to a third party,
# and the strict CSP blocks it anyway.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# No call to releases.wagtail.io from the dashboard (the CSP blocks it anyway), and no banner
# about Wagtail's own news: upgrading Wagtail is the maintainers' work, not the back office's.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False

# --- Static and media -------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- E-mail -----------------------------------------------------------------------------------
EMAIL_BACKEND = env_choice(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend",
    (
        "django.core.mail.backends.console.EmailBackend",
        "django.core.mail.backends.smtp.EmailBackend",
        "django.core.mail.backends.locmem.EmailBackend",
    ),
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# What finally hands an e-mail to the mail server. Production's EMAIL_BACKEND is the outbox,
# which stores each e-mail and delivers it through this one with retries (elan/core/outbox.py).
EMAIL_DELIVERY_BACKEND = EMAIL_BACKEND
# A mail server that accepts the connection and then hangs must not hold a worker for ever.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT_SECONDS", 30, minimum=1)
RETENTION_EMAIL_TRACE_DAYS = env_int("RETENTION_EMAIL_TRACE_DAYS", 30, minimum=1)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Elan <elan@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ACCESSIBILITY_CONTACT_EMAIL = env_str("ACCESSIBILITY_CONTACT_EMAIL", "accessibility@localhost")

# --- Scheduler (elan/core/scheduling.py) ------------------------------------------------------
# The daily jobs run once a day from this local time on; e-mail delivery and hub publishing run
# every few minutes.
_daily_at = env_str("SCHEDULER_DAILY_AT", "02:30")
try:
    _hour, _minute = (int(part) for part in _daily_at.split(":"))
    if not (0 <= _hour < 24 and 0 <= _minute < 60):
        raise ValueError
    SCHEDULER_DAILY_AT = (_hour, _minute)
except ValueError:
    _problem("SCHEDULER_DAILY_AT", "must be a time of day as HH:MM, such as 02:30")
    SCHEDULER_DAILY_AT = (2, 30)

# --- Cache ------------------------------------------------------------------------------------
# Login rate limits, used one-time codes and the hub's page cache must be the same for every
# process on every node (elan/core/cache.py, docs/deployment.md). With REDIS_URL, Redis holds
# them and the database's cache table stands in while Redis is down; without it, the database's
# cache table alone (production) or this process's memory (the demo's single process, the tests).
REDIS_URL = env_str("REDIS_URL", "")
CACHE_TABLE = "elan_cache"
# Django culls a full cache by deleting a share of its keys in key order, expired or not: with
# the default 300 entries, hub pages would push out used one-time codes and rate-limit counts.
# The scheduler deletes the expired rows instead (elan/core/scheduling.py).
CACHE_MAX_ENTRIES = 1_000_000
_database_cache = {
    "BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "LOCATION": CACHE_TABLE,
    "OPTIONS": {"MAX_ENTRIES": CACHE_MAX_ENTRIES},
}
if REDIS_URL:
    if not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
        _problem("REDIS_URL", "must start with redis://, rediss:// or unix://")
    CACHES = {
        "default": {
            "BACKEND": "elan.core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "elan",
        },
        "fallback": _database_cache,
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": CACHE_MAX_ENTRIES},
        },
        "fallback": _database_cache,
    }

# --- Background tasks -------------------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# --- Security headers -------------------------------------------------------------------------
# Strict on every page of our own: no inline script or style, nothing from another origin.
# The Wagtail admin gets a scoped relaxation in elan.core.middleware
# (docs/adr/0003-content-security-policy.md).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
CSP_RELAXED_PATH_PREFIXES = ("/admin/",)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Browser features Elan never uses, refused for every page and anything it frames
# (elan.core.middleware.PermissionsPolicyMiddleware; docs/security.md).
PERMISSIONS_POLICY: dict[str, tuple[str, ...]] = dict.fromkeys(
    (
        "accelerometer",
        "ambient-light-sensor",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    ),
    (),
)

# --- Organisation import (docs/import.md) -----------------------------------------------------
# An import that would deactivate more than this percentage (0 to 100) of the active people in
# its part of the organisation, or any administrator, is applied only once HR types the number: a
# partial export looks like a mass departure.
IMPORT_DEACTIVATION_CONFIRM_SHARE = env_int(
    "IMPORT_DEACTIVATION_CONFIRM_SHARE", 10, minimum=0, maximum=100
)

# --- Anonymity defaults (docs/access.md); campaigns copy and lock them when they open. -----------
ANONYMITY_MIN_GROUP = env_int("ANONYMITY_MIN_GROUP", 5, minimum=3)
ANONYMITY_MIN_COMMENTS = env_int("ANONYMITY_MIN_COMMENTS", 10, minimum=5)
ANONYMITY_MIN_RATERS = env_int("ANONYMITY_MIN_RATERS", 3, minimum=3)
# Instrument quality (psychometrics) for HR: no figures below this many complete answer sets.
PSYCHOMETRICS_MIN_RESPONSES = env_int("PSYCHOMETRICS_MIN_RESPONSES", 30, minimum=30)
# Insights (surveys): the team sees its climate results first, then they go up the line anyway.
INSIGHTS_TEAM_FIRST_DAYS = env_int("INSIGHTS_TEAM_FIRST_DAYS", 14, minimum=0)
INSIGHTS_PARTICIPATION_RETENTION_DAYS = env_int(
    "INSIGHTS_PARTICIPATION_RETENTION_DAYS", 90, minimum=1
)
INSIGHTS_RESPONSE_RETENTION_DAYS = env_int("INSIGHTS_RESPONSE_RETENTION_DAYS", 3 * 365, minimum=1)
RETENTION_DEACTIVATED_ACCOUNT_DAYS = env_int("RETENTION_DEACTIVATED_ACCOUNT_DAYS", 365, minimum=1)
# Failed login attempts and the login log (django-axes), then deleted by apply_retention.
LOGIN_RECORDS_RETENTION_DAYS = env_int("LOGIN_RECORDS_RETENTION_DAYS", 90, minimum=1)
# Accessibility barrier reports, counted from the day they are resolved.
RETENTION_BARRIER_REPORT_DAYS = env_int("RETENTION_BARRIER_REPORT_DAYS", 365, minimum=1)

CSRF_FAILURE_VIEW = "elan.portal.errors.csrf_failure"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.request": {"level": "ERROR"}},
}
