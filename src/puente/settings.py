"""Puente settings: one env-driven module, SQLite by default, PostgreSQL via DATABASE_URL.

Every value comes from the environment through the small typed helpers below, so that a
deployment is configured without editing code. App code never reads settings at import time.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent


def envbool(name: str, default: str) -> bool:
    return os.getenv(name, default).strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: str) -> int:
    return int(os.getenv(name, default))


def envsecret(name: str, default: str | None = None) -> str | None:
    """Read NAME, or the contents of the file named by NAME_FILE (Docker/systemd secrets)."""
    path = os.getenv(f"{name}_FILE")
    if path:
        return Path(path).read_text(encoding="utf-8").strip()
    return os.getenv(name, default)


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.getenv(name, default).split(",") if item.strip()]


VAR_DIR = Path(os.getenv("PUENTE_VAR_DIR", str(PROJECT_DIR / "var")))

DEBUG = envbool("DEBUG", "false")
# Prefixed "django-insecure-" so that `puente check --deploy` flags it (security.W009).
_DEV_SECRET = "django-insecure-puente-development-key-do-not-use-in-production"  # noqa: S105 (public on purpose)
SECRET_KEY = envsecret("SECRET_KEY") or _DEV_SECRET
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = os.getenv("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "puente.lib",
    "puente.core",
    "puente.programmes",
    "puente.frameworks",
    "puente.credentials",
    "puente.success",
    "puente.success.alerts",
    "puente.surveys",
    "puente.employment",
    "puente.demo",
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
    "django_htmx.middleware.HtmxMiddleware",
    "puente.core.middleware.AuditActorMiddleware",
]

ROOT_URLCONF = "puente.urls"
WSGI_APPLICATION = "puente.wsgi.application"

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
                "puente.core.context_processors.puente",
            ],
        },
    },
]


_DATABASE_URL_HELP = "expected e.g. postgres://user@host:5432/puente or sqlite:////path/to/puente.sqlite3"
_SUPPORTED_ENGINES = ("django.db.backends.sqlite3", "django.db.backends.postgresql")


def _stop(message: str) -> None:
    """Stop start-up with one line on stderr (no traceback): the message names what to fix."""
    sys.exit(f"puente: {message}")


def _database() -> dict[str, Any]:
    """The default database: DATABASE_URL when set, else SQLite in var/.

    A malformed URL stops start-up with one line, not a traceback. The URL itself is never
    echoed back: it may carry a password.
    """
    import dj_database_url

    url = os.getenv("DATABASE_URL", "").strip()
    if not url:
        try:
            VAR_DIR.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            _stop(f"cannot create the data folder {VAR_DIR} ({exc.strerror}); set PUENTE_VAR_DIR to a writable folder")
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "puente.sqlite3",
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 30,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    scheme = url.split("://", 1)[0] if "://" in url else ""
    if not scheme:
        _stop(f"DATABASE_URL is not a database URL (no scheme://); {_DATABASE_URL_HELP}")
    try:
        config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=envint("DB_CONN_MAX_AGE", "0")))
    except Exception:  # dj_database_url raises several types for bad URLs; their text may echo the URL
        _stop(
            f"DATABASE_URL is not a valid database URL (scheme {scheme!r}, check host, port and quoting); {_DATABASE_URL_HELP}"
        )
    if config["ENGINE"] not in _SUPPORTED_ENGINES:
        _stop(f"DATABASE_URL uses {scheme!r}; Puente supports PostgreSQL and SQLite ({_DATABASE_URL_HELP})")
    if not config.get("NAME"):
        _stop(f"DATABASE_URL names no database; {_DATABASE_URL_HELP}")
    if "sqlite" in config["ENGINE"]:
        config["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 30}
    else:
        # Fail fast when the server is unreachable instead of hanging on start-up.
        config.setdefault("OPTIONS", {}).setdefault("connect_timeout", envint("DB_CONNECT_TIMEOUT", "10"))
    return config


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {
        # File-based so that the web process and the task worker share progress and heartbeats.
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.getenv("CACHE_DIR", str(VAR_DIR / "cache")),
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "core:home"

LANGUAGE_CODE = "es"
LANGUAGES = [("es", _("Spanish")), ("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.getenv("TIME_ZONE", "America/Lima")
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.getenv("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Compressed, cache-busting files need `puente collectstatic`; off by default so that
        # `make run` serves straight from the apps (WHITENOISE_USE_FINDERS).
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if envbool("STATIC_MANIFEST", "false")
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not envbool("STATIC_MANIFEST", "false")
WHITENOISE_AUTOREFRESH = DEBUG
DATA_UPLOAD_MAX_MEMORY_SIZE = envint("DATA_UPLOAD_MAX_MEMORY_SIZE", str(20 * 1024 * 1024))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Security: strict defaults in production, relaxed only when DEBUG is on.
# A site that redirects to HTTPS also keeps its cookies HTTPS-only unless told otherwise.
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "false")
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", str(SECURE_SSL_REDIRECT))
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", str(SECURE_SSL_REDIRECT))
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "0")
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", str(SECURE_HSTS_SECONDS > 0))
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", str(SECURE_HSTS_SECONDS > 0))
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if envbool("BEHIND_PROXY", "false") else None
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", str(8 * 3600))
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [],
    "EXCEPTION_HANDLER": "puente.lib.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Puente API",
    "DESCRIPTION": "Education for Employment information system: registry, programmes, students, qualifications and more. "
    "Every route is scoped to what the caller's role may see.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # No deep links: Swagger UI would nest a link inside each operation's button (axe: nested-interactive).
    "SWAGGER_UI_SETTINGS": {"deepLinking": False},
}

TASKS = {
    "default": {
        "BACKEND": os.getenv("TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    },
    "immediate": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]},
}

# Periodic jobs (puente.lib.schedule), in days between runs; 0 turns a job off.
ALERTS_SCORE_EVERY_DAYS = envint("ALERTS_SCORE_EVERY_DAYS", "7")
SURVEYS_REMIND_EVERY_DAYS = envint("SURVEYS_REMIND_EVERY_DAYS", "1")

# Where private signing keys live: outside the database so a dump never carries them.
KEYS_DIR = Path(os.getenv("PUENTE_KEYS_DIR", str(VAR_DIR / "keys")))

# Statistics published to ministries and the public never show a count below this.
SMALL_CELL_THRESHOLD = envint("SMALL_CELL_THRESHOLD", "10")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.getenv("LOG_LEVEL", "WARNING")},
}

# One-click login as a demo user from the home page (turn off in production).
DEMO_LOGIN = envbool("DEMO_LOGIN", "true")
DEMO_PASSWORD = os.getenv("DEMO_PASSWORD", "puente-demo-2026")
