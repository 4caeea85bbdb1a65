"""The one settings module, driven by environment variables (see `.env.example`).

Embedded default: SQLite under SPIEGEL_DATA_DIR and database-backed background tasks, no other server.
PostgreSQL when DATABASE_URL is set. Every setting is read here and used through `django.conf.settings`.

Importing this module writes nothing: the data directory is made by the `spiegel` command and the web server
before they start (`spiegel.config.prepare_data_dir`), and generated secrets are written on their first use.
"""

from __future__ import annotations

import functools
import json
import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from cryptography.fernet import Fernet
from django.utils.functional import lazy

from spiegel.config import ConfigError, env_bool, env_float, env_int, env_list, env_path, env_str, env_url

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = env_path("SPIEGEL_DATA_DIR", "./var")


# Generated secrets are kept apart from the data (issue 16): a copy of the data directory must not carry the key
# that decrypts it. Default: a file beside the data directory (./var-secrets.json for ./var), owner-only. A
# secrets.json inside the data directory, as earlier versions wrote it, is still read (`spiegel doctor` says
# to move it).
_LEGACY_SECRETS = DATA_DIR / "secrets.json"
SPIEGEL_SECRETS_FILE = (
    _LEGACY_SECRETS
    if _LEGACY_SECRETS.exists() and not env_str("SPIEGEL_SECRETS_FILE")
    else env_path("SPIEGEL_SECRETS_FILE", str(DATA_DIR.parent / f"{DATA_DIR.name}-secrets.json"))
)


@functools.cache
def _local_secrets() -> dict[str, str]:
    """Secrets generated once per data directory when the environment does not provide them.

    This keeps `spiegel demo` a one-command affair; production sets SPIEGEL_SECRET_KEY,
    SPIEGEL_ENCRYPTION_KEYS and SPIEGEL_LINK_KEYS explicitly (`spiegel doctor` warns otherwise). Read, and on
    the very first use written, when a secret is first used, never when the settings are imported.
    """
    path = SPIEGEL_SECRETS_FILE
    wanted: dict[str, Callable[[], str]] = {
        "secret_key": lambda: secrets.token_urlsafe(50),
        "encryption_key": lambda: Fernet.generate_key().decode(),
        "link_key": lambda: secrets.token_urlsafe(50),
    }
    loaded: dict[str, str] = json.loads(path.read_text()) if path.exists() else {}
    missing = {name: make() for name, make in wanted.items() if name not in loaded}
    if not missing:
        return loaded
    # First run, or a file written before link keys existed: add what is missing, owner-only.
    loaded |= missing
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        json.dump(loaded, handle)
    if path.exists():
        os.replace(temporary, path)
        return loaded
    try:  # a new file is linked into place, which fails if another process got there first: its secrets win
        os.link(temporary, path)
    except FileExistsError:
        loaded = json.loads(path.read_text())
    finally:
        temporary.unlink()
    return loaded


def _local_secret(name: str) -> str:
    return _local_secrets()[name]


def _local_secret_list(name: str) -> list[str]:
    return [_local_secrets()[name]]


_SECRET_FROM_ENV = env_str("SPIEGEL_SECRET_KEY")
_KEYS_FROM_ENV = env_list("SPIEGEL_ENCRYPTION_KEYS", [])
_LINK_KEYS_FROM_ENV = env_list("SPIEGEL_LINK_KEYS", [])
SPIEGEL_SECRETS_GENERATED = not (_SECRET_FROM_ENV and _KEYS_FROM_ENV)
# Generated secrets are lazy: the file is read (or written) when a secret is first used.
SECRET_KEY: str = _SECRET_FROM_ENV or lazy(_local_secret, str)("secret_key")
SECRET_KEY_FALLBACKS = env_list("SPIEGEL_SECRET_KEY_FALLBACKS", [])
# The first key encrypts; all keys decrypt (MultiFernet), so keys can be rotated.
SPIEGEL_ENCRYPTION_KEYS: list[str] = _KEYS_FROM_ENV or lazy(_local_secret_list, list)("encryption_key")
# Leavers' links and receipts are stored as keyed hashes under their own keys, apart from SECRET_KEY: the first
# hashes, every one (and, for links made before there were link keys, SECRET_KEY and its fallbacks) is tried,
# and a link opened under an older key is re-hashed with the first. Empty: SECRET_KEY hashes, as before.
SPIEGEL_LINK_KEYS: list[str] = _LINK_KEYS_FROM_ENV or (
    lazy(_local_secret_list, list)("link_key") if SPIEGEL_SECRETS_GENERATED else []
)
for _key in _KEYS_FROM_ENV:  # generated keys are valid by construction
    try:
        Fernet(_key.encode())
    except (ValueError, TypeError) as exc:
        raise ConfigError("SPIEGEL_ENCRYPTION_KEYS must be comma-separated Fernet keys.") from exc

DEBUG = env_bool("SPIEGEL_DEBUG", False)
ALLOWED_HOSTS = env_list("SPIEGEL_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("SPIEGEL_CSRF_TRUSTED_ORIGINS", [])
# The address leavers' links point at.
SPIEGEL_BASE_URL = env_str("SPIEGEL_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    # django-ninja in INSTALLED_APPS serves the API docs' Swagger UI from its own bundled static files (MIT and
    # Apache-2.0) instead of a public CDN.
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "spiegel.web",
    "spiegel.tenancy",
    "spiegel.privacy",
    "spiegel.interviews",
    "spiegel.mirror",
    "spiegel.copilot",
    "spiegel.analysis",
    "spiegel.reports",
    "spiegel.disclosures",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "spiegel.web.doors.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "spiegel.web.doors.IdleSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "spiegel.web.not_allowed.NotAllowedPageMiddleware",  # inside LocaleMiddleware: the page speaks its language
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "spiegel.web.doors.DoorThrottleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "spiegel.urls"
WSGI_APPLICATION = "spiegel.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "spiegel.web.context.spiegel",
            ],
        },
    },
]


def _database_from_url(url: str) -> dict[str, Any]:
    parsed = urlparse(url)
    if parsed.scheme in {"postgres", "postgresql", "pgsql"}:
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")) or "postgres",
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            "CONN_MAX_AGE": env_int("SPIEGEL_DB_CONN_MAX_AGE", 60, minimum=0),
            "CONN_HEALTH_CHECKS": True,
            "TEST": {"NAME": env_str("SPIEGEL_TEST_DB_NAME") or None},
        }
    if parsed.scheme == "sqlite":
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": unquote(parsed.path) or str(DATA_DIR / "spiegel.sqlite3"),
        }
    raise ConfigError(f"DATABASE_URL must start with postgres:// or sqlite:// (got {parsed.scheme or 'nothing'}://).")


_DATABASE_URL = env_str("DATABASE_URL")
if _DATABASE_URL:
    DATABASES = {"default": _database_from_url(_DATABASE_URL)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "spiegel.sqlite3"),
            # WAL and a busy timeout let the web process and the worker share the file.
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "tenancy.User"
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:login"

# Django's validators with Spiegel's own texts ("je", not Django's Dutch "Uw"): spiegel/tenancy/passwords.py.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "spiegel.tenancy.passwords.UserAttributeSimilarityValidator"},
    {"NAME": "spiegel.tenancy.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "spiegel.tenancy.passwords.CommonPasswordValidator"},
    {"NAME": "spiegel.tenancy.passwords.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["spiegel.formats"]  # dates per language: spiegel/formats/<lang>/formats.py
USE_I18N = True
TIME_ZONE = env_str("SPIEGEL_TIME_ZONE", "Europe/Amsterdam")
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(DATA_DIR / "media")},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

TASKS = {
    "default": {
        "BACKEND": env_str("SPIEGEL_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Idle timeouts: a staff session ends after this many minutes without a request (each request renews it); a
# leaver's session (it only remembers their language) after SPIEGEL_LEAVER_SESSION_MINUTES.
SPIEGEL_STAFF_IDLE_MINUTES = env_int("SPIEGEL_STAFF_IDLE_MINUTES", 30, minimum=5, maximum=24 * 60)
SPIEGEL_LEAVER_SESSION_MINUTES = env_int("SPIEGEL_LEAVER_SESSION_MINUTES", 20, minimum=1, maximum=24 * 60)
SESSION_COOKIE_AGE = SPIEGEL_STAFF_IDLE_MINUTES * 60
# Renewed by spiegel.web.doors.IdleSessionMiddleware at most once a minute, not written on every request.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("SPIEGEL_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
# same-origin: links never leak a leaver's token to other sites, and form posts keep their Origin for CSRF.
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if env_str("SPIEGEL_SMTP_HOST")
    else "spiegel.privacy.outbox.OutboxBackend"
)
# Without an SMTP host, mail goes to this folder, readable by the service only (never to the log).
EMAIL_FILE_PATH = str(DATA_DIR / "outbox")
EMAIL_HOST = env_str("SPIEGEL_SMTP_HOST", "localhost")
EMAIL_PORT = env_int("SPIEGEL_SMTP_PORT", 587, minimum=1, maximum=65535)
EMAIL_HOST_USER = env_str("SPIEGEL_SMTP_USER")
EMAIL_HOST_PASSWORD = env_str("SPIEGEL_SMTP_PASSWORD")
EMAIL_USE_TLS = env_bool("SPIEGEL_SMTP_TLS", True)
DEFAULT_FROM_EMAIL = env_str("SPIEGEL_FROM_EMAIL", "spiegel@localhost")

# Locked doors (spiegel.privacy.throttle): this many failed attempts (unknown link or receipt, wrong API key,
# wrong password) from one address within the window answer 429 with Retry-After until the window has passed;
# a user name is locked after SPIEGEL_LOGIN_ACCOUNT_FAILURES failed sign-ins. 0 switches a limit off.
SPIEGEL_THROTTLE_FAILURES = env_int("SPIEGEL_THROTTLE_FAILURES", 20, minimum=0, maximum=100000)
SPIEGEL_LOGIN_ACCOUNT_FAILURES = env_int("SPIEGEL_LOGIN_ACCOUNT_FAILURES", 10, minimum=0, maximum=100000)
SPIEGEL_THROTTLE_WINDOW = env_int("SPIEGEL_THROTTLE_WINDOW", 900, minimum=1, maximum=86400)
# Reverse proxies in front of Spiegel that append the client's address to X-Forwarded-For (0: none).
SPIEGEL_TRUSTED_PROXIES = env_int("SPIEGEL_TRUSTED_PROXIES", 0, minimum=0, maximum=10)

# HTTPS (issue 16): with SPIEGEL_SECURE_COOKIES=true Spiegel runs behind TLS, so it also redirects plain HTTP
# (except the health check) and sends HSTS. Behind a proxy that ends TLS, X-Forwarded-Proto says the scheme.
SECURE_SSL_REDIRECT = env_bool("SPIEGEL_SSL_REDIRECT", SESSION_COOKIE_SECURE)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SPIEGEL_HSTS_SECONDS", 31536000 if SESSION_COOKIE_SECURE else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SPIEGEL_HSTS_INCLUDE_SUBDOMAINS", SESSION_COOKIE_SECURE)
SECURE_HSTS_PRELOAD = env_bool("SPIEGEL_HSTS_PRELOAD", SESSION_COOKIE_SECURE)
if SPIEGEL_TRUSTED_PROXIES > 0:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# A second factor (TOTP) at sign-in (spiegel.privacy.second_factor): required of every account with one of
# these roles ("consultant,interviewer", or "all"); organisations can also require it of their members
# (`spiegel org second-factor`). Anyone may turn it on for their own account. Empty (the default): optional.
SPIEGEL_SECOND_FACTOR_ROLES = [r.strip() for r in env_str("SPIEGEL_SECOND_FACTOR_ROLES").split(",") if r.strip()]
_ROLES = {"all", "consultant", "interviewer", "client_admin", "client_viewer"}
_unknown_roles = set(SPIEGEL_SECOND_FACTOR_ROLES) - _ROLES
if _unknown_roles:
    raise ConfigError(f"SPIEGEL_SECOND_FACTOR_ROLES names unknown roles: {', '.join(sorted(_unknown_roles))}.")
# `spiegel doctor` treats every warning of Django's deployment checks as a problem in production.
SPIEGEL_PRODUCTION = env_bool("SPIEGEL_PRODUCTION", False)

# Where `spiegel serve` listens when --host/--port are not given.
SPIEGEL_HOST = env_str("SPIEGEL_HOST", "127.0.0.1")
SPIEGEL_PORT = env_int("SPIEGEL_PORT", 8000, minimum=1, maximum=65535)
# A password for `spiegel init` / `spiegel user create` when not given on the command line.
SPIEGEL_PASSWORD = env_str("SPIEGEL_PASSWORD")

# Invitations expire this many days after they are created.
SPIEGEL_INVITATION_DAYS = env_int("SPIEGEL_INVITATION_DAYS", 30, minimum=1, maximum=365)
# The minimum group size k for every figure the organisation sees (privacy.md: never below 3).
SPIEGEL_MIN_GROUP_SIZE = env_int("SPIEGEL_MIN_GROUP_SIZE", 5, minimum=3)
# The largest CSV of historical exit data that can be imported at once.
SPIEGEL_IMPORT_MAX_MB = env_int("SPIEGEL_IMPORT_MAX_MB", 200, minimum=1)

# The optional language model (docs/llm.md): any OpenAI-compatible endpoint. Off while the base URL is empty.
SPIEGEL_LLM_BASE_URL = env_url("SPIEGEL_LLM_BASE_URL")
SPIEGEL_LLM_MODEL = env_str("SPIEGEL_LLM_MODEL")
SPIEGEL_LLM_API_KEY = env_str("SPIEGEL_LLM_API_KEY")
# The most a leaver waits for the model's wording of a turn; then the built-in wording is used.
SPIEGEL_LLM_TIMEOUT = env_float("SPIEGEL_LLM_TIMEOUT", 4.0, minimum=0.1)
SPIEGEL_LLM_CONNECT_TIMEOUT = env_float("SPIEGEL_LLM_CONNECT_TIMEOUT", 1.0, minimum=0.05)
# The analysis runs in the background; it may wait longer.
SPIEGEL_LLM_ANALYSER_TIMEOUT = env_float("SPIEGEL_LLM_ANALYSER_TIMEOUT", 30.0, minimum=1.0)
# Show the model's question on the chat page while it is being written (server-sent events).
SPIEGEL_LLM_STREAM = env_bool("SPIEGEL_LLM_STREAM", True)
# The model also reads each answer (what kind of turn, refusals, feelings, disclosures) next to the rules; the
# rules are the floor and decide alone on any failure. Only with a model configured.
SPIEGEL_LLM_UNDERSTANDING = env_bool("SPIEGEL_LLM_UNDERSTANDING", True)
# During the conversation the leaver has not yet chosen what is private: answers that look like health details,
# a serious disclosure or distress are kept from the model (read by the rules, worded by the templates) and
# replaced by a placeholder in the history it sees (spiegel.llm.guard). False sends them as written.
SPIEGEL_LLM_WITHHOLD_SENSITIVE = env_bool("SPIEGEL_LLM_WITHHOLD_SENSITIVE", True)
if SPIEGEL_LLM_BASE_URL and not SPIEGEL_LLM_MODEL:
    raise ConfigError("SPIEGEL_LLM_MODEL must name the model when SPIEGEL_LLM_BASE_URL is set.")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    # No leaver's token or receipt, API key or e-mail address in any log line (privacy.md).
    "filters": {"mask": {"()": "spiegel.privacy.logmask.MaskingFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["mask"]}},
    "root": {"handlers": ["console"], "level": env_str("SPIEGEL_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
