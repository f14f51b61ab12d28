"""Settings shared by every environment.

Everything that differs between machines is read from the environment (see
``env.py`` and the README's list of variables). With no variable set, the
embedded default runs: SQLite, local media, console e-mail, in-process tasks,
database search.
"""

import datetime
from pathlib import Path

import dj_database_url
from csp.constants import NONCE as CSP_NONCE
from csp.constants import NONE as CSP_NONE
from csp.constants import SELF as CSP_SELF
from django.utils.translation import gettext_lazy as _
from oscar.defaults import *  # noqa: F403  (Oscar's documented way to start)

from catalog.checkout.dashboard_nav import staff_access

from .env import env_bool, env_int, env_list, env_str

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

#: The public host name of the site, used for Django's and Wagtail's Site rows.
SITE_HOST = env_str("SITE_HOST", "127.0.0.1")
SITE_PORT = env_int("SITE_PORT", 8000)
SITE_ID = 1

INSTALLED_APPS = [
    # Project apps first, so that their templates override the libraries'.
    "marketplace",
    "cms",
    "matchmaking",
    "agreements",
    "catalog.cooperatives",
    "marketplace.search",
    "marketplace.pagecache",
    "marketplace.payments",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.humanize",
    # PostgreSQL lookups (trigram similarity) for the search's database backend.
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    # Oscar, with the catalogue, partner, shipping, order, basket, payment and
    # address apps forked into catalog/ (money in whole dong; Vietnamese addresses)
    "oscar.config.Shop",
    "oscar.apps.analytics.apps.AnalyticsConfig",
    "catalog.checkout.apps.CheckoutConfig",
    "catalog.address.apps.AddressConfig",
    "catalog.shipping.apps.ShippingConfig",
    "catalog.catalogue.apps.CatalogueConfig",
    "oscar.apps.catalogue.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "catalog.partner.apps.PartnerConfig",
    "catalog.basket.apps.BasketConfig",
    "catalog.payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "catalog.order.apps.OrderConfig",
    # Oscar's customer app; logout and wish-list changes need a POST.
    "catalog.customer.apps.CustomerConfig",
    "oscar.apps.search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    # The dashboard is forked: its named permissions (catalog/dashboard/apps.py)
    # and the order CSV (orders/views.py, written by marketplace.core.exports).
    "catalog.dashboard.apps.DashboardConfig",
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "oscar.apps.dashboard.orders.apps.OrdersDashboardConfig",
    "oscar.apps.dashboard.catalogue.apps.CatalogueDashboardConfig",
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    "widget_tweaks",
    # Haystack stays only because Oscar imports it; no page is driven by it.
    "haystack",
    "treebeard",
    "sorl.thumbnail",
    "django_tables2",
    # Wagtail
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
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
    # Background tasks
    "django_tasks",
    "django_tasks_db",
    # Who changed what in the agreements register.
    "simple_history",
    # Content-Security-Policy header (its system checks and nonce tag).
    "csp",
    # Login throttling (marketplace/logins.py).
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses pages (static files come compressed from WhiteNoise above).
    # Outside every middleware that reads or rewrites the body (the CSP nonce,
    # the page cache). BREACH: CSRF tokens are masked anew on each request and
    # Django pads each gzip response with random bytes.
    "django.middleware.gzip.GZipMiddleware",
    # Security headers on every page (not on static files, served above):
    # Content-Security-Policy (marketplace/csp.py) and Permissions-Policy.
    # The CSP middleware wraps the page cache, which puts each reader's nonce
    # into a cached page before the header is written.
    "marketplace.csp.SiteCSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Oscar's, removing vouchers that can no longer be used (catalog/basket).
    "catalog.basket.middleware.BasketMiddleware",
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Serves registered pages (the news site's, the store's) to anonymous
    # visitors from the shared cache (marketplace/pagecache).
    "marketplace.pagecache.middleware.PageCacheMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as axes requires: turns a locked-out login into the 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "marketplace.urls"
WSGI_APPLICATION = "marketplace.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # marketplace/templates is found as the first installed app's folder;
        # listing it in DIRS too would make {{ block.super }} repeat overrides.
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "oscar.apps.search.context_processors.search_form",
                "oscar.apps.checkout.context_processors.checkout",
                "oscar.apps.communication.notifications.context_processors.notifications",
                "oscar.core.context_processors.metadata",
                "wagtail.contrib.settings.context_processors.settings",
                # Last: a page stored for every visitor gets placeholders.
                "marketplace.pagecache.context_processors.page_cache",
            ],
        },
    },
]

# Database: SQLite by default, anything dj-database-url reads from DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while a request writes; IMMEDIATE avoids
    # "database is locked" on concurrent writers.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # Kept open like PostgreSQL's (DATABASE_CONN_MAX_AGE): opening one and
    # setting WAL costs milliseconds, more than a page from the page cache.
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

# Cache: Redis when REDIS_URL is set, the process's memory otherwise.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "htx",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "htx",
            # Django's default of 300 entries is less than one catalogue
            # page's cards and thumbnail keys times a few pages: entries would
            # be culled before they are read again.
            "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 20_000)},
        }
    }
#: Seconds a whole page is kept for anonymous visitors (0: off). Any change
#: to what it shows is served at once anyway (marketplace/pagecache): this
#: only bounds the memory old entries take.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
#: Where the page cache's version counters live: "cache" (Redis) or
#: "database"; by default Redis when REDIS_URL is set, the database otherwise.
PAGE_CACHE_VERSIONS = env_str("PAGE_CACHE_VERSIONS")
#: Seconds a rendered product card is kept (0: off); any change to what the
#: card shows makes a new key (catalog/catalogue/templatetags/product_card_tags.py).
PRODUCT_CARD_CACHE_SECONDS = env_int("PRODUCT_CARD_CACHE_SECONDS", 3600)

AUTHENTICATION_BACKENDS = (
    # First: refuses every login to a locked account or from a locked address.
    "marketplace.logins.LoginThrottleBackend",
    # Oscar's e-mail login, hashing once for an unknown e-mail too.
    "marketplace.logins.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
)

# Login throttling (django-axes, marketplace/logins.py): every login form
# counts failures per account (e-mail or username: the same account) and per
# address, each against its own limit, for LOGIN_LOCKOUT_MINUTES.
AXES_HANDLER = "marketplace.logins.LoginThrottleHandler"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
#: Failed logins to one account before it is locked.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
#: Failed logins from one address (any accounts) before it is locked.
LOGIN_FAILURE_LIMIT_PER_ADDRESS = env_int("LOGIN_FAILURE_LIMIT_PER_ADDRESS", 20)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "marketplace.logins.login_throttle_username"
AXES_LOCKOUT_CALLABLE = "marketplace.logins.login_locked_response"
#: Behind N reverse proxies, the client address is the N-th from the right of
#: X-Forwarded-For; 0 (default) uses REMOTE_ADDR.
LOGIN_TRUSTED_PROXY_COUNT = env_int("LOGIN_TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "marketplace.logins.login_client_ip"
# What was typed into a login form (Oscar's fields are prefixed "login-") is
# not stored with the attempts; axes masks "password" itself.
AXES_SENSITIVE_PARAMETERS = [
    "username",
    "login-username",
    "login-password",
    "email",
    "ip_address",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Every login goes through the store's login page; left at Django's default,
# /accounts/login/ falls through to Wagtail and answers 404.
LOGIN_URL = "customer:login"
LOGIN_REDIRECT_URL = "customer:summary"
LOGOUT_REDIRECT_URL = "/"
WAGTAIL_FRONTEND_LOGIN_URL = "/shop/accounts/login/"

# Language: Vietnamese first, English second.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
# Project-wide overrides of the libraries' strings (e.g. Wagtail's admin);
# each app keeps its own strings in <app>/locale.
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# Static and media files.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env_str("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
MEDIA_S3_BUCKET = env_str("MEDIA_S3_BUCKET")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if MEDIA_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": env_str("MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": env_str("MEDIA_S3_REGION") or None,
            "access_key": env_str("MEDIA_S3_ACCESS_KEY_ID") or None,
            "secret_key": env_str("MEDIA_S3_SECRET_ACCESS_KEY") or None,
            "custom_domain": env_str("MEDIA_S3_CUSTOM_DOMAIN") or None,
            "file_overwrite": False,
            "querystring_auth": False,
        },
    }
# Private uploads (agreement documents, delivery evidence, OCOP scans): never
# under MEDIA_URL; only views that check the viewer serve them.
PRIVATE_MEDIA_ROOT = Path(
    env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "private"))
)
STORAGES["private"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": "/files/not-served/"},
}
if MEDIA_S3_BUCKET:
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **STORAGES["default"]["OPTIONS"],
            "bucket_name": env_str("MEDIA_S3_PRIVATE_BUCKET") or MEDIA_S3_BUCKET,
            "location": env_str("MEDIA_S3_PRIVATE_LOCATION", "private"),
            "default_acl": "private",
            "custom_domain": None,
            # Signed URLs, valid for five minutes.
            "querystring_auth": True,
            "querystring_expire": 300,
        },
    }
#: With a web server in front: the internal location (e.g. "/_private/") that
#: serves PRIVATE_MEDIA_ROOT; private views then answer with X-Accel-Redirect.
PRIVATE_MEDIA_ACCEL_REDIRECT = env_str("PRIVATE_MEDIA_ACCEL_REDIRECT")
# Uploads: images and documents larger than this are refused with a message.
MAX_IMAGE_UPLOAD_SIZE = env_int("MAX_IMAGE_UPLOAD_SIZE", 8 * 1024 * 1024)
MAX_DOCUMENT_UPLOAD_SIZE = env_int("MAX_DOCUMENT_UPLOAD_SIZE", 20 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# E-mail: console unless an SMTP host is given.
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "HTX Connect <no-reply@htx.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background tasks: in-process by default; "database" queues them for
# ``manage.py db_worker``.
TASKS_BACKEND = env_str("TASKS_BACKEND", "immediate")
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
            "dummy": "django_tasks.backends.dummy.DummyBackend",
        }[TASKS_BACKEND]
    }
}

# Search: Elasticsearch when ELASTICSEARCH_URL is set, the database otherwise.
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL")
ELASTICSEARCH_INDEX_PREFIX = env_str("ELASTICSEARCH_INDEX_PREFIX", "htx")
HAYSTACK_CONNECTIONS = {
    "default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}
}
# Oscar's defaults index every product save into haystack; nothing reads it.
HAYSTACK_SIGNAL_PROCESSOR = "haystack.signals.BaseSignalProcessor"
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database"},
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Fold Vietnamese in Wagtail's own search too: htx_vi is unaccent over
    # "simple", created by marketplace/search/migrations/0002.
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "htx_vi"

# Payments: Stripe test mode with no keys; card payment is then hidden.
STRIPE_SECRET_KEY = env_str("STRIPE_SECRET_KEY")
STRIPE_PUBLISHABLE_KEY = env_str("STRIPE_PUBLISHABLE_KEY")
STRIPE_WEBHOOK_SECRET = env_str("STRIPE_WEBHOOK_SECRET")
STRIPE_API_BASE = env_str("STRIPE_API_BASE")  # only for a local Stripe double
# Bank transfer by VietQR: the alliance's account (demo values by default).
VIETQR_BANK_BIN = env_str("VIETQR_BANK_BIN", "970436")
VIETQR_ACCOUNT_NUMBER = env_str("VIETQR_ACCOUNT_NUMBER", "0011001234567")
VIETQR_ACCOUNT_NAME = env_str("VIETQR_ACCOUNT_NAME", "LIEN MINH HTX TINH")

# Oscar
OSCAR_SHOP_NAME = "HTX Connect"
OSCAR_SHOP_TAGLINE = _("OCOP products of cooperatives")
OSCAR_DEFAULT_CURRENCY = "VND"
# Offer discounts are rounded down to whole dong, not to Oscar's cents, so
# that they fit the whole-dong order columns.
OSCAR_OFFER_ROUNDING_FUNCTION = "marketplace.core.money.offer_discount_round"
OSCAR_HOMEPAGE = "/shop/"
OSCAR_FROM_EMAIL = DEFAULT_FROM_EMAIL
OSCAR_ALLOW_ANON_CHECKOUT = True
OSCAR_PRODUCTS_PER_PAGE = 24
# The picture of a product without images, in the media storage (copied there
# from catalog/catalogue/static/catalogue/img/ on first use; no text on it).
OSCAR_MISSING_IMAGE_URL = "placeholders/product.png"
OSCAR_REQUIRED_ADDRESS_FIELDS = ("first_name", "line1", "country")
OSCAR_ACCOUNTS_REDIRECT_URL = "customer:profile-view"
OSCAR_SLUG_ALLOW_UNICODE = False
# Oscar's own slugifier keeps Vietnamese letters; fold them to ASCII.
OSCAR_SLUG_FUNCTION = "marketplace.core.text.slugify_vi"
# Each cooperative moves its own order lines along this pipeline (Oscar's
# Line.set_status); a cancellation records its reason as an order note.
OSCAR_INITIAL_LINE_STATUS = "Pending"
OSCAR_LINE_STATUS_PIPELINE = {
    "Pending": ("Confirmed", "Cancelled"),
    "Confirmed": ("Shipped", "Cancelled"),
    "Shipped": ("Delivered",),
    "Delivered": (),
    "Cancelled": (),
}
# Oscar's dashboard menu, with checkout's staff pages under "Fulfilment".
OSCAR_DASHBOARD_NAVIGATION = [  # noqa: F405  (from oscar.defaults)
    {
        **item,
        "children": [
            *item["children"],
            {
                "label": _("Bank transfers"),
                "url_name": "checkout:staff-bank-transfers",
                "access_fn": staff_access,
            },
            {
                "label": _("Settlement"),
                "url_name": "checkout:staff-settlement",
                "access_fn": staff_access,
            },
        ],
    }
    if any(
        c.get("url_name") == "dashboard:order-list" for c in item.get("children", [])
    )
    else item
    for item in OSCAR_DASHBOARD_NAVIGATION  # noqa: F405
]
# The menu shows a link only when the dashboard's named permissions
# (catalog/dashboard/apps.py) let the user open it.
OSCAR_DASHBOARD_DEFAULT_ACCESS_FUNCTION = "catalog.dashboard.access.dashboard_access"
THUMBNAIL_KVSTORE = "sorl.thumbnail.kvstores.cached_db_kvstore.KVStore"
THUMBNAIL_PRESERVE_FORMAT = True

# Wagtail
WAGTAIL_SITE_NAME = "HTX Connect"
WAGTAILADMIN_BASE_URL = env_str(
    "WAGTAILADMIN_BASE_URL", f"http://{SITE_HOST}:{SITE_PORT}"
)
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "doc",
    "docx",
    "odt",
    "xls",
    "xlsx",
    "ods",
    "ppt",
    "pptx",
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = MAX_DOCUMENT_UPLOAD_SIZE
# Wagtail's upload forms run the site's upload policy (type from the bytes,
# images re-encoded).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "marketplace.uploads.wagtail_forms.DocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "marketplace.uploads.wagtail_forms.ImageForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = MAX_IMAGE_UPLOAD_SIZE
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
TAGGIT_CASE_INSENSITIVE = True

# Pillow refuses images above this many pixels (decompression bombs).
PIL_MAX_IMAGE_PIXELS = 40_000_000

# Content-Security-Policy (django-csp): this site only, inline scripts only
# with the request's nonce ({{ request.csp_nonce }}). marketplace/csp.py adds
# Stripe on the card payment page and relaxes the libraries' staff areas.
_MEDIA_ORIGINS = []
if MEDIA_URL.startswith(("http://", "https://")):
    _MEDIA_ORIGINS.append("/".join(MEDIA_URL.split("/")[:3]))
if MEDIA_S3_BUCKET:
    if env_str("MEDIA_S3_CUSTOM_DOMAIN"):
        _MEDIA_ORIGINS.append(f"https://{env_str('MEDIA_S3_CUSTOM_DOMAIN')}")
    elif env_str("MEDIA_S3_ENDPOINT_URL"):
        _MEDIA_ORIGINS.append(
            "/".join(env_str("MEDIA_S3_ENDPOINT_URL").rstrip("/").split("/")[:3])
        )
    else:
        _MEDIA_ORIGINS.append(f"https://{MEDIA_S3_BUCKET}.s3.amazonaws.com")
        _MEDIA_ORIGINS.append(f"https://{MEDIA_S3_BUCKET}.s3.*.amazonaws.com")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [CSP_SELF],
        "script-src": [CSP_SELF, CSP_NONCE],
        "style-src": [CSP_SELF],
        "img-src": [CSP_SELF, "data:", *_MEDIA_ORIGINS],
        "font-src": [CSP_SELF],
        "connect-src": [CSP_SELF],
        "frame-src": [CSP_SELF],
        "object-src": [CSP_NONE],
        "base-uri": [CSP_SELF],
        "frame-ancestors": [CSP_SELF],
        "form-action": [CSP_SELF],
    }
}
# Wagtail's admin shows its own default avatar (a static file) or the one a
# user uploads, rather than fetching avatars from gravatar.com (the CSP allows
# no outside images, and the admin works offline).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Wagtail's login form leaves its password label untranslated ("Password").
WAGTAILADMIN_USER_LOGIN_FORM = "cms.admin_login.LoginForm"
# Permissions-Policy (django-permissions-policy): no page uses the camera,
# microphone, location or devices; payment only here and in Stripe's frames.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "browsing-topics": [],
    "camera": [],
    "display-capture": [],
    "geolocation": [],
    "gyroscope": [],
    "hid": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": ["self", "https://js.stripe.com"],
    "serial": [],
    "usb": [],
    "xr-spatial-tracking": [],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
    "loggers": {
        "htx": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
