"""Settings shared by every environment.

Every value that differs between machines comes from the environment, read in the one
typed block below (django-environ). The README lists each variable with its default.
Local defaults are safe: SQLite, Wagtail's database search, console e-mail.
"""

from pathlib import Path

import environ
from csp.constants import NONE, SELF

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.redis import BreakerConnection

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

# --- Environment ----------------------------------------------------------------------
env = environ.Env(
    DJANGO_DEBUG=(bool, False),
    DJANGO_SECRET_KEY=(str, ""),
    DJANGO_ALLOWED_HOSTS=(list, ["127.0.0.1", "localhost"]),
    DATABASE_URL=(str, f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
    DATABASE_PREPARED_STATEMENTS=(bool, True),
    ELASTICSEARCH_URL=(str, ""),
    OPENSEARCH_URL=(str, ""),
    ELASTICSEARCH_INDEX_PREFIX=(str, "cityplan_"),
    ELASTICSEARCH_TIMEOUT=(int, 2),
    REDIS_URL=(str, ""),
    REDIS_TIMEOUT=(float, 1.0),
    EMAIL_URL=(str, "consolemail://"),
    DEFAULT_FROM_EMAIL=(str, "Strateginis planas <no-reply@localhost>"),
    WAGTAILADMIN_BASE_URL=(str, "http://127.0.0.1:8000"),
    MEDIA_ROOT=(str, str(BASE_DIR / "media")),
    STATIC_ROOT=(str, str(BASE_DIR / "static")),
    # Production (settings/production.py) reads these; the local defaults ignore them.
    DJANGO_CSRF_TRUSTED_ORIGINS=(list, []),
    DJANGO_CONN_MAX_AGE=(int, 60),
    DJANGO_SECURE_SSL_REDIRECT=(bool, True),
    DJANGO_HSTS_SECONDS=(int, 60 * 60 * 24 * 365),
    DJANGO_SESSION_COOKIE_SECURE=(bool, True),
    DJANGO_PAGE_CACHE_SECONDS=(int, 300),
    DJANGO_SEARCH_CACHE_SECONDS=(int, 10),
    FRONTEND_CACHE_PURGE_URL=(str, ""),
    # Reverse proxies in front that append the client's address to X-Forwarded-For (the
    # rate limits count per client); production's default is 1, see production.py. The
    # header is believed only from TRUSTED_PROXIES (addresses or networks), the proxy's.
    FEEDBACK_PROXY_COUNT=(int, 0),
    DJANGO_TRUSTED_PROXIES=(list, ["127.0.0.1", "::1"]),
)

DEBUG = env("DJANGO_DEBUG")
SECRET_KEY = env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env("DJANGO_ALLOWED_HOSTS")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL")

# --- Applications ---------------------------------------------------------------------
INSTALLED_APPS = [
    "core",
    "home",
    "workinggroups",
    "plans",
    "news",
    "documents",
    "search",
    "pagecache",
    # Before django_comments_xtd and django_comments: its templates and Lithuanian catalog win.
    "feedback",
    "approvals",
    "follows",
    "mydata",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_comments_xtd",
    "django_comments",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sites",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # Outermost: an entry is the page with every header; a hit costs one cache round trip.
    "pagecache.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.outage.DatabaseOutageMiddleware",  # a database outage: 503, not 500
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cityplan.urls"
WSGI_APPLICATION = "cityplan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "core.chrome.context_processor",
            ],
        },
    },
]

# --- Data -----------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    INSTALLED_APPS.append("django.contrib.postgres")
    if env("DATABASE_PREPARED_STATEMENTS"):
        # Parameters bound by the server, so that a query run again in the same connection
        # (every page asks the same few) is prepared once: PostgreSQL then skips parsing and
        # planning. Off for a pooler that cannot keep prepared statements (PgBouncer < 1.21
        # in transaction mode).
        DATABASES["default"].setdefault("OPTIONS", {}).update(
            server_side_binding=True, prepare_threshold=2
        )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Everything kept in Redis can be done without: a Redis that fails makes a read a miss and
# drops a write, and is then left alone for a few seconds (core.redis, which logs it once),
# so no request waits longer than REDIS_TIMEOUT.
REDIS_CACHE_OPTIONS = {
    "IGNORE_EXCEPTIONS": True,
    "SOCKET_CONNECT_TIMEOUT": env("REDIS_TIMEOUT"),
    "SOCKET_TIMEOUT": env("REDIS_TIMEOUT"),
    "CONNECTION_POOL_KWARGS": {"connection_class": BreakerConnection},
}
if env("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": env("REDIS_URL"),
            "KEY_PREFIX": "cityplan",
            "OPTIONS": REDIS_CACHE_OPTIONS,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

vars().update(env.email_url("EMAIL_URL"))
# Background work (Django tasks, django-tasks backport): run in the request here; production
# queues it in the database for `manage.py db_worker` (search indexing, reference index,
# frontend-cache purges, and every e-mail through core.mail.QueuedEmailBackend).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages ------------------------------------------------------------------------
LANGUAGE_CODE = "lt"
LANGUAGES = [("lt", "Lietuvių"), ("en", "English")]
# The languages of the content, named in the admin's language ("Publikuoti anglų kalba").
WAGTAIL_CONTENT_LANGUAGES = [
    ("lt", pgettext_lazy("content language", "Lithuanian")),
    ("en", pgettext_lazy("content language", "English")),
]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES  # the admin only in languages our strings have
WAGTAIL_I18N_ENABLED = True
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Vilnius"
USE_I18N = True
USE_TZ = True
# Lithuanian thousands separated by a space, not Django's point (core/numbers.py).
FORMAT_MODULE_PATH = ["core.formats"]

# --- Static and media files -----------------------------------------------------------
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = env("STATIC_ROOT")
STATIC_URL = "/static/"
MEDIA_ROOT = env("MEDIA_ROOT")
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Wagtail --------------------------------------------------------------------------
WAGTAIL_SITE_NAME = _("Strategic Development Plan of Alytus until 2030")
WAGTAILIMAGES_IMAGE_MODEL = "documents.CityImage"
WAGTAILDOCS_DOCUMENT_MODEL = "documents.CityDocument"
# Uploads are allow-listed by extension; nothing executable or scriptable (no SVG, HTML).
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "ods", "csv", "txt"]
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Page addresses in ASCII: "Švietimo grupė" becomes "svietimo-grupe" (approvals.slugs gives an
# English translation the slug of its English title).
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# No avatar fetched from gravatar.com: nothing is loaded from the internet (and the CSP
# allows images from the site only).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False  # the admin would ask releases.wagtail.org
# A workflow's last approver (e.g. the Consultative group) need not have publishing rights.
WAGTAIL_FINISH_WORKFLOW_ACTION = "approvals.workflows.publish_approved"
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {
            "features": ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]
        },
    }
}

# Search: Elasticsearch 8 when ELASTICSEARCH_URL is set, else OpenSearch 2 when
# OPENSEARCH_URL is set (the tests' node, scripts/opensearch), else the database. The
# search.backends classes are Wagtail's with Lithuanian and English analysis added.
SEARCH_SERVER_ENGINES = {
    "ELASTICSEARCH_URL": "search.backends.elasticsearch8",
    "OPENSEARCH_URL": "search.backends.opensearch2",
}


def search_server_backend(url_variable, index_prefix):
    """WAGTAILSEARCH_BACKENDS entry for the server named by `url_variable`, or None."""
    if not env(url_variable):
        return None
    return {
        "BACKEND": SEARCH_SERVER_ENGINES[url_variable],
        "URLS": [env(url_variable)],
        "INDEX_PREFIX": index_prefix,
        "TIMEOUT": env("ELASTICSEARCH_TIMEOUT"),
        # A server that is down must not hold up a publish: one quick retry of a refused
        # connection, none after a timeout.
        "OPTIONS": {"max_retries": 1, "retry_on_timeout": False},
        "INDEX_SETTINGS": {},
    }


SEARCH_SERVER_BACKEND = search_server_backend(
    "ELASTICSEARCH_URL", env("ELASTICSEARCH_INDEX_PREFIX")
) or search_server_backend("OPENSEARCH_URL", env("ELASTICSEARCH_INDEX_PREFIX"))
WAGTAILSEARCH_BACKENDS = {
    "default": SEARCH_SERVER_BACKEND or {"BACKEND": "search.backends.database"},
}

# --- Page cache (pagecache/): anonymous readers' pages in the cache above, purged through
# Wagtail's frontend-cache invalidation on publish, unpublish, move, deletion and comment
# moderation (production adds the caching proxy's backend). 0 seconds turns it off.
PAGE_CACHE_SECONDS = env("DJANGO_PAGE_CACHE_SECONDS")
# Search results are the same for every anonymous reader: the page cache and a caching proxy
# keep each search's answer this long (nothing purges them; 0: never kept).
SEARCH_CACHE_SECONDS = env("DJANGO_SEARCH_CACHE_SECONDS")
WAGTAILFRONTENDCACHE = {"pagecache": {"BACKEND": "pagecache.backends.PageCacheBackend"}}
# Purge each URL as given: every language's page has its own URL in its own tree (Wagtail
# would otherwise purge /lt/x/ also as /en/x/, an address that does not exist).
WAGTAILFRONTENDCACHE_LANGUAGES = []

# --- Comments (django-comments-xtd) ----------------------------------------------------
SITE_ID = 1
COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_MAX_THREAD_LEVEL = 2  # three levels: a comment, a reply, a reply to a reply
COMMENTS_XTD_CONFIRM_EMAIL = True
COMMENTS_XTD_FROM_EMAIL = DEFAULT_FROM_EMAIL
COMMENTS_XTD_SALT = b"cityplan-comments"
COMMENTS_XTD_LIST_ORDER = ("thread_id", "order")
COMMENTS_XTD_MODEL = "feedback.models.PublicComment"
COMMENTS_XTD_FORM_CLASS = "feedback.forms.PublicCommentForm"
COMMENTS_XTD_THREADED_EMAILS = False  # send in the request (a thread per mail is lost on exit)
COMMENT_MAX_LENGTH = 3000
COMMENTS_TIMEOUT = 2 * 60 * 60  # seconds a comment form stays valid (its signed timestamp)
# Public comments (feedback/conf.py lists every setting and its default).
FEEDBACK_RATE_LIMIT = "5/m"  # comment posts per client address; then HTTP 429
FEEDBACK_FLAG_THRESHOLD = 3  # reader flags that hide a comment until a moderator reviews it
FEEDBACK_OFFICIAL_AUTHOR = _("Alytus City Municipality")
# Where residents write with questions about their comment e-mails: the site settings'.
FEEDBACK_REPLY_ADDRESS = "home.models.questions_address"
FEEDBACK_PROXY_COUNT = env("FEEDBACK_PROXY_COUNT")
# X-Forwarded-For is read only in requests from these addresses or networks (core/ratelimit.py).
TRUSTED_PROXIES = env("DJANGO_TRUSTED_PROXIES")

# --- Admin sign-in: failed sign-ins are throttled (core/login.py), per account and per
# client address, as (failures, seconds); past either limit the form asks to wait.
WAGTAILADMIN_USER_LOGIN_FORM = "core.login.ThrottledLoginForm"
ADMIN_LOGIN_FAILURES_PER_ACCOUNT = (5, 15 * 60)
ADMIN_LOGIN_FAILURES_PER_ADDRESS = (20, 60 * 60)

# --- Security defaults (production.py tightens them) -------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False

# Content-Security-Policy (django-csp 4), sent by production and the tests (which add
# core.csp.CityCSPMiddleware); browser tests check the public pages and the admin under
# it. No inline or third-party scripts: the public templates load scripts from /static/
# only; Wagtail's admin alone may also run inline scripts (its widgets need them, see
# core/csp.py). Styles allow inline `style` attributes (progress bars, admin widgets).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "media-src": [SELF],
        "frame-src": [SELF],
        "frame-ancestors": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    }
}
