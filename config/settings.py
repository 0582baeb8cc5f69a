"""Settings for the provincial industry office inspection system.

One file, read from the environment. With nothing set it runs on SQLite and the kombu
filesystem broker under ``var/`` so that ``make run`` works on a fresh machine; production
sets ``DATABASE_URL``, ``CELERY_BROKER_URL``, ``SECRET_KEY``, ``ALLOWED_HOSTS`` and ``DEBUG=0``.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
# The development key is only ever used with DEBUG on; production refuses to start without one.
SECRET_KEY = env("SECRET_KEY") or ("dev-insecure-key-do-not-use-in-production" if DEBUG else "")
if not SECRET_KEY:
    raise RuntimeError("SECRET_KEY must be set when DEBUG is off")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
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
    "django.forms",  # Django's widget templates, for FORM_RENDERER below
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "simple_history",
    "core.apps.AxesConfig",  # django-axes, named in Thai in the admin
    "csp",
    "core",
    "offices",
    "factories",
    "inspections",
    "policy",
    "config",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.ThaiFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Django's LoginRequiredMiddleware, answering a signed-out HTMX request with HX-Redirect.
    "core.middleware.HtmxAwareLoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # After the locale, the user, the messages and the CSP nonce: its 400 page uses them all.
    "core.middleware.RefuseControlCharactersMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.shell",
            ],
            "builtins": ["core.templatetags.thai", "core.templatetags.links"],
        },
    },
]

# Database: PostgreSQL through DATABASE_URL; SQLite under var/ when it is not set.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # PostgreSQL's JIT compiles the plan and register queries for longer than they then run
    # (seen: 890 ms with JIT, 160 ms without, for the largest office's plan). Parallel workers
    # cost more to start than a page's query then takes (seen: the MIND office summary's
    # factories to help, 5.1 ms with two processes, 1.0 ms with one), and take a core from the
    # next request: a web database serves many small queries at once, one process each.
    # PostgreSQL prices a random read at four sequential ones by default, a figure for spinning
    # disks: the register and its inspections are read from memory or SSD, and at the default
    # the planner walks an office's whole history by the office's index rather than its open
    # inspections by the office-and-status one (seen: an officer's open inspections 14.8 ms
    # at 4, 6.2 ms at 1.1).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        "-c jit=off -c max_parallel_workers_per_gather="
        + str(env_int("DB_PARALLEL_WORKERS", 0))
        + " -c random_page_cost="
        + env("DB_RANDOM_PAGE_COST", "1.1")
    )
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The web server and the worker write to the same file: take the write lock when a
    # transaction starts, so two writers wait for each other instead of failing midway.
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
    # A file, not memory, so that a Celery worker started by the tests sees the same data.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "offices.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "offices.backends.OfficeModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    # Django's validators with Thai messages; the common list adds Thai-typical passwords.
    {"NAME": "core.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "core.password_validation.MinimumLengthValidator"},
    {"NAME": "core.password_validation.CommonPasswordValidator"},
    {"NAME": "core.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "login"

# Brute-force protection: lock a username + address pair after a few failures, and an address
# after more failures over any accounts (one password sprayed over many). core.login_limits.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
LOGIN_FAILURE_LIMITS = {"ip_address": env_int("AXES_IP_FAILURE_LIMIT", 20)}
AXES_HANDLER = "core.login_limits.LoginLimitsHandler"
# Behind the reverse proxy the client is read from X-Forwarded-For: set TRUSTED_PROXY_COUNT to
# the number of our proxies in front of gunicorn (0: the header is ignored).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "core.login_limits.client_ip"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env_bool("AXES_ENABLED", True)

# Thai first: Thai is the default language, English can be chosen.
LANGUAGE_CODE = "th"
LANGUAGES = [("th", _("ภาษาไทย")), ("en", _("English"))]
# locale/ is the English catalogue `make messages` refreshes; core/locale_admin/ is the Thai of the
# admin's own texts (Django's, django-simple-history's, django-axes's), kept where makemessages
# never writes. The first entry stays locale/: makemessages writes there.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "core" / "locale_admin"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "lang"

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(VAR_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))

# Widgets are drawn by the project's template settings, so that templates/django/forms/ can
# draw a select's options in one template (templates/django/forms/widgets/select.html).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Cache: Redis when given (shared by web and workers), otherwise per-process memory.
CACHE_URL = env("CACHE_URL")
CACHES = {
    "default": (
        {"BACKEND": "core.cache.RedisCache", "LOCATION": CACHE_URL}
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Celery: Redis in production; the kombu filesystem transport under var/ when unset.
CELERY_BROKER_URL = env("CELERY_BROKER_URL") or "filesystem://"
CELERY_BROKER_DIR = VAR_DIR / "celery-broker"
# Its folders, like the SQLite database's, are made by the processes that use them
# (config/local_folders.py), not here: reading the settings has no side effect.
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_BROKER_DIR),
        "data_folder_out": str(CELERY_BROKER_DIR),
        "processed_folder": str(VAR_DIR / "celery-processed"),
        "control_folder": str(VAR_DIR / "celery-control"),
        "store_processed": False,
    }
else:
    # A task a worker took and did not acknowledge (it died) is given to another worker after
    # this long: above the longest task (a national report, the daily reminders), or a task
    # still running would be started a second time. The tests of lost workers shorten it.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600)
    }
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND") or None
CELERY_TASK_IGNORE_RESULT = CELERY_RESULT_BACKEND is None
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_QUEUE", "inspection")

# Mail (the daily reminder digest): printed to the worker's console unless a deployment names
# the SMTP backend and its server.
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "noreply@industry.go.th")
# Where the links in emails point (the address people open the system at).
SITE_URL = env("SITE_URL", "http://localhost:8000")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
# The first wait before a digest whose mail server failed is tried again; it doubles each time
# up to 10 minutes (well below the broker's visibility timeout).
DIGEST_RETRY_SECONDS = env_int("DIGEST_RETRY_SECONDS", 30)

# Security. Production defaults are strict; a deployment behind a TLS proxy sets
# SECURE_PROXY_SSL_HEADER through the proxy's X-Forwarded-Proto header.
# Sessions are read from the cache on every page and written through to the database, so a
# page costs no session query and a cache restart logs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 10  # a working day
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Content Security Policy: everything comes from our own origin; no inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # Bootstrap and the admin set a few style attributes; scripts stay strictly our own.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
