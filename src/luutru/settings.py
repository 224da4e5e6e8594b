"""Django settings for luutru.

Two ways to run from one code base (DESIGN.md §2): the embedded default keeps
SQLite, blobs and indexes in ``LUUTRU_DATA`` (default ``./data``); setting
``DATABASE_URL`` moves the database to PostgreSQL.
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("LUUTRU_DATA", Path.cwd() / "data")).resolve()
BLOB_ROOT = Path(os.environ.get("LUUTRU_BLOBS", DATA_DIR / "blobs"))
DATA_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = os.environ.get("LUUTRU_SECRET_KEY", "dev-only-not-secret-change-me")
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
    "luutru.compliance",
    "luutru.deadlines",
    "luutru.evaluation",
    "luutru.inspection",
    "luutru.forms",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "luutru.core.middleware.LoginRequiredMiddleware",
]

ROOT_URLCONF = "luutru.urls"

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
                "luutru.core.context.nav",
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
            "NAME": DATA_DIR / "luutru.sqlite3",
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

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

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

# The full-text index is derived data (``luutru reindex`` rebuilds it).
SEARCH_INDEX_DIR = Path(os.environ.get("LUUTRU_INDEX", DATA_DIR / "index"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
