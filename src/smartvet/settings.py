"""Django settings for smartvet.

Everything a county operator may change comes from the environment:
SMARTVET_DATA_DIR (default ./var), DATABASE_URL (default SQLite in the data dir),
SMARTVET_DEBUG, SMARTVET_HTTPS, SMARTVET_ALLOWED_HOSTS, SMARTVET_PUBLIC_URL.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("SMARTVET_DATA_DIR", "var")).resolve()


def _env_flag(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    """Generated once into the data dir, so it is never committed and survives restarts."""
    if os.environ.get("SMARTVET_SECRET_KEY"):
        return os.environ["SMARTVET_SECRET_KEY"]
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    path = DATA_DIR / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(64))
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = _env_flag("SMARTVET_DEBUG")
ALLOWED_HOSTS = os.environ.get("SMARTVET_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")
PUBLIC_URL = os.environ.get("SMARTVET_PUBLIC_URL", "")  # e.g. https://smartvet.county.gov.cn

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "smartvet.core",
    "smartvet.registry",
    "smartvet.eartags",
    "smartvet.immunization",
    "smartvet.vetservice",
    "smartvet.quarantine",
    "smartvet.surveillance",
    "smartvet.subsidy",
    "smartvet.enforcement",
    "smartvet.consult",
    "smartvet.supervision",
    "smartvet.exchange",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # HTML and JSON compressed for phones on a slow village link (static files come
    # precompressed from whitenoise). Django masks the CSRF token per response, the defence
    # against BREACH that compressing pages with secrets in them needs.
    "django.middleware.gzip.GZipMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "smartvet.core.middleware.ChineseFirstLocaleMiddleware",
    "smartvet.core.middleware.InputGuardMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "smartvet.core.middleware.DomainErrorMiddleware",
]

# Content-Security-Policy on every page: scripts and styles only from our own static files
# (no inline script, handler or style), nothing from another origin: a county intranet has
# no internet, and an injected script has nowhere to send what it reads.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

ROOT_URLCONF = "smartvet.urls"
WSGI_APPLICATION = "smartvet.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "smartvet.core.context.navigation_items",
            ],
        },
    },
]

_DEFAULT_DB = f"sqlite:///{DATA_DIR / 'smartvet.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL", _DEFAULT_DB))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers go on while one writer writes; IMMEDIATE takes the write lock at
        # BEGIN so two writers queue instead of failing with "database is locked" mid-way.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", 60)

# Federation (docs/decisions/0009-federation.md): the province this database serves (its
# 2-digit code: its keys are offset by it on migrate, its publication is named after it) and,
# on a province, the national hub's read-only copy of every province's certificates.
SMARTVET_PROVINCE = os.environ.get("SMARTVET_PROVINCE", "")
if os.environ.get("SMARTVET_HUB_DATABASE_URL"):
    DATABASES["hub"] = dj_database_url.parse(os.environ["SMARTVET_HUB_DATABASE_URL"])
    DATABASES["hub"]["OPTIONS"] = {
        "options": "-c default_transaction_read_only=on",
        "connect_timeout": 2,  # a hub that is down must not stall a checkpoint's page
    }
    DATABASE_ROUTERS = ["smartvet.quarantine.hub.HubRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"
LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/login/"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "smartvet.core.passwords.MinimumLength"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if DEBUG or _env_flag("SMARTVET_TESTING"):
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
WHITENOISE_USE_FINDERS = DEBUG or _env_flag("SMARTVET_TESTING")

# Uploads: workbooks and photos are read whole; larger requests are refused up front.
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# The public verification rate limit counts requests across every gunicorn worker, so the
# cache is shared through the data dir; tests keep a per-process cache they can clear.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "cache"),
    }
}
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
if _env_flag("SMARTVET_TESTING"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Alerts go out by email and SMS (surveillance). A county intranet often has no mail server:
# unless SMARTVET_EMAIL_HOST names one, each message is written to DATA_DIR/mail, where an
# operator can read what was sent. SMS goes through an adaptor class (`send(phone, text)`);
# the default only logs, a county names its gateway's adaptor in SMARTVET_SMS_BACKEND.
if os.environ.get("SMARTVET_EMAIL_HOST"):
    EMAIL_HOST = os.environ["SMARTVET_EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("SMARTVET_EMAIL_PORT", "25"))
    EMAIL_HOST_USER = os.environ.get("SMARTVET_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("SMARTVET_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = _env_flag("SMARTVET_EMAIL_TLS")
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = str(DATA_DIR / "mail")
DEFAULT_FROM_EMAIL = os.environ.get("SMARTVET_EMAIL_FROM", "smartvet@localhost")
SMARTVET_SMS_BACKEND = os.environ.get("SMARTVET_SMS_BACKEND", "smartvet.surveillance.sms.LogOnly")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 12 * 3600
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if _env_flag("SMARTVET_HTTPS"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31536000
    # The node's host name serves only smartvet, so its subdomains may be held to HTTPS too;
    # "preload" only consents to a browser list that someone must still apply for (for the
    # registrable domain), so it changes nothing until the county's IT does so.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
else:
    # Plain HTTP on a county intranet or 127.0.0.1: TLS is the front proxy's job and is
    # switched on with SMARTVET_HTTPS=1, so these four deploy checks do not apply here.
    SILENCED_SYSTEM_CHECKS = [
        "security.W004",
        "security.W008",
        "security.W012",
        "security.W016",
    ]

# Policy numbers that a county may change (DOMAIN.md, "policy numbers are data").
SMARTVET = {
    "TOKEN_LIFETIME_HOURS": 24 * 7,
    "ACTIVATION_CODE_DAYS": 60,  # a farm's QR card may wait a while before the first scan
    "ACTIVATION_ATTEMPTS_PER_HOUR": 20,
    "LOGIN_FAILURE_LIMIT": 5,
    "LOGIN_FAILURE_WINDOW_MINUTES": 15,
    # Addresses (or networks) of the reverse proxies in front of the server, whose
    # X-Forwarded-For names the real client: the rate limits count that client.
    "TRUSTED_PROXIES": [
        net.strip()
        for net in os.environ.get("SMARTVET_TRUSTED_PROXIES", "").split(",")
        if net.strip()
    ],
    "PAGE_SIZE": 20,
    "MAX_TEXT_LENGTH": 200,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# The outbox's delivery to the national platform (docs/decisions/0008-outbox.md): where the
# deliverer POSTs the events and its bearer token; nothing is sent while the URL is empty.
# Acknowledged events are kept this many days, then purged.
SMARTVET_NATIONAL_URL = os.environ.get("SMARTVET_NATIONAL_URL", "")
SMARTVET_NATIONAL_TOKEN = os.environ.get("SMARTVET_NATIONAL_TOKEN", "")
SMARTVET_OUTBOX_KEEP_DAYS = int(os.environ.get("SMARTVET_OUTBOX_KEEP_DAYS", "30"))
