"""Django settings for luutru.

Two ways to run from one code base (DESIGN.md §2): the embedded default keeps
SQLite, blobs and indexes in ``LUUTRU_DATA`` (default ``./data``); setting
``DATABASE_URL`` moves the database to PostgreSQL.
"""

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from luutru.core.secret_key import load_or_create as _secret_key

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("LUUTRU_DATA", Path.cwd() / "data")).resolve()
BLOB_ROOT = Path(os.environ.get("LUUTRU_BLOBS", DATA_DIR / "blobs"))
DATA_DIR.mkdir(parents=True, exist_ok=True)

# Made once per installation into the data folder (mode 0600); the environment
# variable still overrides it (several web servers sharing one key).
SECRET_KEY = os.environ.get("LUUTRU_SECRET_KEY") or _secret_key(DATA_DIR)
DEBUG = os.environ.get("LUUTRU_DEBUG", "0") == "1"
ALLOWED_HOSTS = os.environ.get("LUUTRU_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "luutru.core",
    "luutru.orgs",
    "luutru.rules",
    "luutru.storage",
    "luutru.audit",
    "luutru.access",
    "luutru.search",
    "luutru.capture",
    "luutru.registry",
    "luutru.filing",
    "luutru.archive",
    "luutru.holdings",
    "luutru.digitization",
    "luutru.preservation",
    "luutru.disposal",
    "luutru.transfer",
    "luutru.bundles",
    "luutru.desk",
    "luutru.dispatch",
    "luutru.compliance",
    "luutru.deadlines",
    "luutru.evaluation",
    "luutru.inspection",
    "luutru.forms",
    "luutru.catalogue",
    "luutru.home",
    "luutru.demo",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "luutru.core.middleware.LoginRequiredMiddleware",
    "luutru.core.middleware.NoStoreMiddleware",
    # last, as django-axes asks: it turns a locked-out login into the lockout page
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "luutru.urls"
CSRF_FAILURE_VIEW = "luutru.core.error_pages.csrf_failure"  # the Vietnamese 403 page

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
                "luutru.home.context.nav",
                "luutru.deadlines.context.notifications",
            ],
        },
    },
]

WSGI_APPLICATION = "luutru.wsgi.application"

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "luutru.sqlite3"),
            # IMMEDIATE: a writer takes the lock at BEGIN, so two writers queue
            # instead of one failing half-way with "database is locked".
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_VALIDATION = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_VALIDATION}.UserAttributeSimilarityValidator"},
    {"NAME": f"{_VALIDATION}.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": f"{_VALIDATION}.CommonPasswordValidator"},
    {"NAME": f"{_VALIDATION}.NumericPasswordValidator"},
]

# Logins: django-axes counts failures per (user name, address) and locks that
# pair for a while; the standalone backend only checks the lock, Django's own
# backend checks the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = os.environ.get("LUUTRU_LOGIN_THROTTLE", "1") == "1"
AXES_FAILURE_LIMIT = int(os.environ.get("LUUTRU_LOGIN_FAILURES", 5))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("LUUTRU_LOGIN_LOCK_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "luutru.home.account.lockout"
AXES_HTTP_RESPONSE_CODE = 429
# The client's address is REMOTE_ADDR, which nobody can forge; behind
# LUUTRU_PROXY_COUNT reverse proxies, the address they put in X-Forwarded-For.
if int(os.environ.get("LUUTRU_PROXY_COUNT", 0)):
    AXES_IPWARE_PROXY_COUNT = int(os.environ["LUUTRU_PROXY_COUNT"])
    AXES_IPWARE_PROXY_ORDER = "right-most"
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")

# A session ends with the browser or after 8 hours without a request (both
# configurable); every request moves the idle deadline on.
SESSION_EXPIRE_AT_BROWSER_CLOSE = os.environ.get("LUUTRU_SESSION_BROWSER_CLOSE", "1") == "1"
SESSION_COOKIE_AGE = int(os.environ.get("LUUTRU_SESSION_IDLE_SECONDS", 8 * 3600))
SESSION_SAVE_EVERY_REQUEST = True

# TLS deployments (LUUTRU_TLS=1, README "Running"): cookies only over HTTPS,
# HSTS, HTTP redirected to HTTPS; the reverse proxy must set X-Forwarded-Proto.
TLS = os.environ.get("LUUTRU_TLS", "0") == "1"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = TLS
SECURE_SSL_REDIRECT = TLS
SECURE_HSTS_SECONDS = int(os.environ.get("LUUTRU_HSTS_SECONDS", 31536000)) if TLS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = TLS and os.environ.get("LUUTRU_HSTS_SUBDOMAINS", "0") == "1"
if TLS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("LUUTRU_TRUSTED_ORIGINS", "").split(",") if o]
SESSION_COOKIE_HTTPONLY = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# No inline script anywhere (scripts are static files); styles may be inline
# (layout widths, colour swatches, HTMX's indicator style).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = True

# The daily digest (`luutru digest --email`) prints to the console unless a mail
# backend is configured for the Party network's own mail server.
EMAIL_BACKEND = os.environ.get(
    "LUUTRU_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("LUUTRU_FROM_EMAIL", "luutru@localhost")

LOGIN_URL = "/dang-nhap/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/dang-nhap/"

# Upload limits: a document over this size is refused with a message.
LUUTRU_MAX_UPLOAD_BYTES = int(os.environ.get("LUUTRU_MAX_UPLOAD_BYTES", 50 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = LUUTRU_MAX_UPLOAD_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# A bundle chosen as a folder in the browser arrives as one request of many files.
DATA_UPLOAD_MAX_NUMBER_FILES = 5000
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20000

# Background work (capture, OCR, reindex) goes through the database backend, so
# the embedded mode needs no broker; `luutru worker` runs the queue and
# `luutru serve` starts one beside the web server.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "ocr"]}}

# One cache shared by every app server and worker: the database's (its table is
# made by compliance's migration 0004). Entries are keyed by what they depend on
# (the compliance facts' token, the rules' version), so none outlives a change;
# the timeout only bounds the table's size.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "luutru_cache",
        "TIMEOUT": 24 * 3600,
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    }
}

# The full-text index is derived data (``luutru reindex`` rebuilds it).
SEARCH_INDEX_DIR = Path(os.environ.get("LUUTRU_INDEX", DATA_DIR / "index"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
