"""One settings module for every environment, driven by environment variables.

Defaults run anywhere with nothing installed: SQLite, Celery tasks executed in-process, files on
local disk. Each integration switches on when its variable is set (see `.env.example`).
"""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env")

SECRET_KEY = env("SECRET_KEY", default="insecure-development-key-change-me-in-production")
DEBUG = env.bool("DEBUG", default=True)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "mptt",
    "adminsortable2",
    "projects",
    "characters",
    "artifacts",
    "styles",
    "episodes",
    "audit",
]

MIDDLEWARE = [
    # Audit: first, so every later middleware, view and log line runs under the request id.
    "webtoon.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "webtoon.api.middleware.ApiBodySizeLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "webtoon.urls"
WSGI_APPLICATION = "webtoon.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "webtoon" / "templates"],
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

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers (a worker thread beside the web process) wait instead of failing at once.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "var" / "static")
MEDIA_URL = env("MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")

REDIS_URL = env("REDIS_URL", default="")

if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Celery: with no broker configured, tasks run in-process (the embedded default).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=REDIS_URL or None)
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Generation work mostly waits on LLM and image APIs (seconds per call), so a worker process runs
# tasks on threads: while one scene waits for its model, another scene's next node runs. Exports are
# CPU-bound: docker-compose runs them on a prefork worker of their own (`--pool prefork`).
CELERY_WORKER_POOL = env("CELERY_WORKER_POOL", default="threads")
CELERY_WORKER_CONCURRENCY = env.int("CELERY_WORKER_CONCURRENCY", default=8)
CELERY_TASK_TRACK_STARTED = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE

# --- API (DRF, drf-spectacular): see webtoon/api/ -------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: an anonymous request gets 401 with `WWW-Authenticate: Token`, not a bare 403.
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PARSER_CLASSES": [
        "webtoon.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "webtoon.api.pagination.Pagination",
    "PAGE_SIZE": env.int("API_PAGE_SIZE", default=50),
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "webtoon.api.errors.api_exception_handler",
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.ScopedRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "generation": env("API_THROTTLE_GENERATION", default="30/hour"),
        "export": env("API_THROTTLE_EXPORT", default="30/hour"),
        "auth": env("API_THROTTLE_AUTH", default="20/minute"),
    },
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
# Bodies above this size are refused with 413 before any parsing (webtoon.api.middleware).
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=2_621_440)

SPECTACULAR_SETTINGS = {
    "TITLE": "Webtoon Studio API",
    "DESCRIPTION": "Turn a story's text into a finished webtoon episode.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "MembershipRoleEnum": "projects.models.ProjectMembershipRole",
        "CharacterRoleEnum": "characters.models.CharacterRole",
        "GenerationStatusEnum": "projects.models.StoryGenerationStatus",
        "EpisodeStatusEnum": "episodes.models.EpisodeStatus",
        "ExportStatusEnum": "episodes.models.ExportStatus",
        "RunStatusEnum": "artifacts.models.RunStatus",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "webtoon.api.schema.add_error_responses",
    ],
}
# --- end API ------------------------------------------------------------------------------------

# Generation: which providers the pipeline uses, and the limits on its input.
LLM_PROVIDER = env("LLM_PROVIDER", default="offline")
IMAGE_PROVIDER = env("IMAGE_PROVIDER", default="storyboard")
OPENAI_BASE_URL = env("OPENAI_BASE_URL", default="https://api.openai.com/v1")
OPENAI_API_KEY = env("OPENAI_API_KEY", default="")
OPENAI_MODEL = env("OPENAI_MODEL", default="gpt-4o-mini")
OPENAI_IMAGE_MODEL = env("OPENAI_IMAGE_MODEL", default="gpt-image-1")
GEMINI_API_KEY = env("GEMINI_API_KEY", default="")
GEMINI_MODEL = env("GEMINI_MODEL", default="gemini-2.0-flash")
PROVIDER_TIMEOUT_SECONDS = env.float("PROVIDER_TIMEOUT_SECONDS", default=60.0)
PROVIDER_MAX_RETRIES = env.int("PROVIDER_MAX_RETRIES", default=3)
STORY_TEXT_MAX_CHARS = env.int("STORY_TEXT_MAX_CHARS", default=200_000)

# Episodes and export: lettering fonts (TrueType, covering Latin and Hangul). Empty: NanumGothic
# from fonts-nanum, found at its usual paths or with fc-match; an export fails if none is found.
LETTERING_FONT = env("LETTERING_FONT", default="")
LETTERING_FONT_BOLD = env("LETTERING_FONT_BOLD", default="")

# Audit: every record carries the request id (and the actor once known); see webtoon/request_id.py.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "webtoon.request_id.RequestIdFilter"}},
    "formatters": {
        "request_id": {"format": "%(asctime)s %(levelname)s [%(request_id)s %(actor)s] %(name)s: %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": "request_id"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}

# --- Generation pipeline (artifacts/pipeline) ---
GEMINI_BASE_URL = env("GEMINI_BASE_URL", default="https://generativelanguage.googleapis.com/v1beta")
GEMINI_IMAGE_MODEL = env("GEMINI_IMAGE_MODEL", default="gemini-2.0-flash-preview-image-generation")
# First retry waits this long, then twice as long each time (429, 5xx, timeouts, off-schema answers).
PROVIDER_BACKOFF_SECONDS = env.float("PROVIDER_BACKOFF_SECONDS", default=1.0)
# A running graph run with no heartbeat for this long is stuck (its worker is gone).
GRAPH_RUN_STALE_SECONDS = env.int("GRAPH_RUN_STALE_SECONDS", default=600)
# How many times a stuck run is resumed before it is failed.
GRAPH_RUN_MAX_RECOVERIES = env.int("GRAPH_RUN_MAX_RECOVERIES", default=2)
CELERY_BEAT_SCHEDULE = {
    "recover-stuck-graph-runs": {"task": "artifacts.tasks.recover_stuck_runs", "schedule": 300.0},
}
# Generation has its own queue (docker-compose's worker listens on it): long builds never hold up exports.
CELERY_TASK_ROUTES = {"artifacts.tasks.*": {"queue": "generation"}}
# A worker serves its Prometheus metrics on this port (0: it does not); see webtoon.metrics.
WORKER_METRICS_PORT = env.int("WORKER_METRICS_PORT", default=0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default commits once per pipeline node: WAL with NORMAL sync keeps that cheap (no
    # fsync per commit; a power cut may lose the last commits, never corrupt) and lets readers run
    # beside the writer.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )


# --- Structured logs (structlog): JSON lines unless DEBUG (or LOG_JSON says otherwise) -----------
from webtoon import logs  # noqa: E402 - needs only structlog; kept beside the block it serves

LOGGING["formatters"]["json"] = logs.formatter(json=True)
if env.bool("LOG_JSON", default=not DEBUG):
    LOGGING["handlers"]["console"]["formatter"] = "json"
logs.configure()

# --- Metrics (django-prometheus): /metrics; domain metrics in webtoon/metrics.py ----------------
# /metrics asks for `Authorization: Bearer <METRICS_TOKEN>` when set (empty: open, restrict at the proxy).
METRICS_TOKEN = env("METRICS_TOKEN", default="")
INSTALLED_APPS += ["django_prometheus"]
MIDDLEWARE = [
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    *MIDDLEWARE,
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]
