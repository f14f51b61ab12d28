"""Settings shared by every environment.

Everything that differs between machines is read from the environment (see
``env.py`` and the README's list of variables). With no variable set, the
embedded default runs: SQLite, local media, console e-mail, in-process tasks,
database search.
"""

from pathlib import Path

import dj_database_url
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
    "agreements",
    "catalog.cooperatives",
    "marketplace.search",
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
    "oscar.apps.customer.apps.CustomerConfig",
    "oscar.apps.search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "oscar.apps.dashboard.apps.DashboardConfig",
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
    "oscar.apps.basket.middleware.BasketMiddleware",
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Serves Wagtail pages to anonymous readers from the cache (cms/cache.py).
    "cms.cache.PageCacheMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
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
    DATABASES["default"]["CONN_MAX_AGE"] = 0
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
#: Seconds a rendered product card is kept (0: off); any change to what the
#: card shows makes a new key (catalog/catalogue/templatetags/product_card_tags.py).
PRODUCT_CARD_CACHE_SECONDS = env_int("PRODUCT_CARD_CACHE_SECONDS", 3600)

AUTHENTICATION_BACKENDS = (
    "oscar.apps.customer.auth_backends.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
)
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
# Uploads: images and documents larger than this are refused with a message.
MAX_IMAGE_UPLOAD_SIZE = env_int("MAX_IMAGE_UPLOAD_SIZE", 8 * 1024 * 1024)
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
OSCAR_OFFER_ROUNDING_FUNCTION = "catalog.money.offer_discount_round"
OSCAR_HOMEPAGE = "/shop/"
OSCAR_FROM_EMAIL = DEFAULT_FROM_EMAIL
OSCAR_ALLOW_ANON_CHECKOUT = True
OSCAR_PRODUCTS_PER_PAGE = 24
OSCAR_MISSING_IMAGE_URL = "image_not_found.jpg"
OSCAR_REQUIRED_ADDRESS_FIELDS = ("first_name", "line1", "country")
OSCAR_ACCOUNTS_REDIRECT_URL = "customer:profile-view"
OSCAR_SLUG_ALLOW_UNICODE = False
# Oscar's own slugifier keeps Vietnamese letters; fold them to ASCII.
OSCAR_SLUG_FUNCTION = "marketplace.text.slugify_vi"
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
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = MAX_IMAGE_UPLOAD_SIZE
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
#: Seconds a rendered page is kept for anonymous readers; publishing clears it.
CMS_PAGE_CACHE_SECONDS = env_int("CMS_PAGE_CACHE_SECONDS", 300)
TAGGIT_CASE_INSENSITIVE = True

# Pillow refuses images above this many pixels (decompression bombs).
PIL_MAX_IMAGE_PIXELS = 40_000_000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
    "loggers": {
        "htx": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
