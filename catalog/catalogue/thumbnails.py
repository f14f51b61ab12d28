"""Thumbnails made when an image is uploaded, not when a page first shows it.

sorl-thumbnail makes a thumbnail the first time a template asks for it: it
opens the original, resizes it and writes the file during that request, and
each new worker process pays a key-value store lookup per image. Here every
size the store pages show is made right after the upload is committed, through
the same thumbnailer the ``oscar_thumbnail`` tag calls (same options, same
file names), so pages only read the key-value store.

Keep these sizes in step with the templates; a test renders the pages after
an upload and fails if any thumbnail is made while rendering.
"""

import logging
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models.signals import post_save
from oscar.core.loading import get_model
from oscar.core.thumbnails import get_thumbnailer

from catalog.cooperatives.models import CooperativePhoto

logger = logging.getLogger("htx.thumbnails")

ProductImage = get_model("catalogue", "ProductImage")

#: The product image sizes of the product card and the product page
#: (``oscar/catalogue/partials/product.html``, ``oscar/catalogue/detail.html``).
PRODUCT_IMAGE_SIZES: list[dict] = [
    {"size": "x155", "upscale": False},
    {"size": "440x400", "upscale": False, "padding": True},
    {"size": "80x80", "crop": "center"},
]
#: The product card's image (``partials/product_card.html``).
PRODUCT_CARD_IMAGE: dict = PRODUCT_IMAGE_SIZES[1]
#: The product page's gallery: each image large and as a small thumbnail.
PRODUCT_GALLERY_SIZES: list[dict] = PRODUCT_IMAGE_SIZES[1:]
#: The storefront's photo size (``cooperatives/storefront.html``).
COOPERATIVE_PHOTO_SIZES: list[dict] = [{"size": "240x180", "crop": "center"}]


#: The picture shown for a product without images: no text, so it reads the
#: same in every language. Copied into the media storage as
#: ``OSCAR_MISSING_IMAGE_URL``, where the thumbnailer reads its sources.
PRODUCT_PLACEHOLDER_SOURCE = (
    Path(__file__).resolve().parent
    / "static"
    / "catalogue"
    / "img"
    / "product-placeholder.png"
)

#: Whether this process has seen the placeholder in the media storage (one
#: existence check per process, not one per card: object storage answers
#: each check over the network).
_placeholder_stored = False


def product_placeholder_ensure() -> bool:
    """Copy the placeholder into the media storage unless it is there already.

    Return whether it is there. A failure (storage read-only or down) is
    logged, never raised: the page then shows no image rather than a 500.
    """
    global _placeholder_stored
    if _placeholder_stored:
        return True
    name = settings.OSCAR_MISSING_IMAGE_URL
    try:
        if not default_storage.exists(name):
            with PRODUCT_PLACEHOLDER_SOURCE.open("rb") as source:
                default_storage.save(name, File(source, name=name))
    except Exception:
        logger.exception("Could not store the product placeholder as %s", name)
        return False
    _placeholder_stored = True
    return True


class ProductPlaceholderImage:
    """The missing image of a product, as Oscar's ``MissingProductImage``.

    Like Oscar's, it mimics a file field by its ``name``; unlike it, it never
    symlinks into MEDIA_ROOT: it stores a copy through the media storage.
    """

    def __init__(self, name: str | None = None):
        self.name = name or settings.OSCAR_MISSING_IMAGE_URL
        product_placeholder_ensure()


def thumbnails_generate(*, source, sizes: list[dict]) -> None:
    """Make (or find) the thumbnails of ``source`` in each of ``sizes``.

    A failure is logged, never raised: the upload is already saved, and the
    page would make the thumbnail itself as before.
    """
    thumbnailer = get_thumbnailer()
    for options in sizes:
        try:
            thumbnailer.generate_thumbnail(source, **dict(options))
        except Exception:
            logger.exception("Could not make the %s thumbnail of %s", options, source)


def _thumbnail_store_key(*, source, options: dict) -> str:
    """Return the key-value store key sorl looks up for this thumbnail.

    The steps of sorl's ``ThumbnailBackend.get_thumbnail`` before its lookup,
    after Oscar's ``generate_thumbnail`` turned the size into a geometry; no
    file is opened. A test checks it against sorl's own lookup.
    """
    from sorl.thumbnail import default
    from sorl.thumbnail.base import ImageFile
    from sorl.thumbnail.conf import defaults as sorl_defaults
    from sorl.thumbnail.conf import settings as sorl_settings
    from sorl.thumbnail.kvstores.base import add_prefix

    options = dict(options)
    width, height = options.pop("size").split("x")
    geometry = f"{width}x{height}" if height else width
    backend = default.backend
    image = ImageFile(source)
    if sorl_settings.THUMBNAIL_PRESERVE_FORMAT:
        options.setdefault("format", backend._get_format(image))
    for key, value in backend.default_options.items():
        options.setdefault(key, value)
    for key, attr in backend.extra_options:
        value = getattr(sorl_settings, attr)
        if value != getattr(sorl_defaults, attr):
            options.setdefault(key, value)
    name = backend._get_thumbnail_filename(image, geometry, options)
    return add_prefix(ImageFile(name, default.storage).key)


def thumbnails_prefetch(*, sources: list, sizes: list[dict]) -> dict:
    """Load the stored thumbnails of ``sources`` in ``sizes`` into the cache.

    One query for all of them.

    sorl reads each thumbnail's key-value store row on its own (a cache read,
    then a query on a miss); after this, each of those reads is a cache hit,
    so a list of cards costs one query for its images, not one per card.
    Return {(source name, index in ``sizes``): stored value} of the
    thumbnails that exist (see ``thumbnail_url``). Only for the cached
    database key-value store; anything else is left to sorl.
    """
    from sorl.thumbnail import default
    from sorl.thumbnail.conf import settings as sorl_settings
    from sorl.thumbnail.kvstores.cached_db_kvstore import EMPTY_VALUE
    from sorl.thumbnail.models import KVStore

    kvstore = default.kvstore
    if not getattr(kvstore, "_cached_db_kvstore", False) or not sources:
        return {}
    wanted = {
        (source.name, index): _thumbnail_store_key(source=source, options=options)
        for source in sources
        for index, options in enumerate(sizes)
    }
    keys = set(wanted.values())
    values = kvstore.cache.get_many(list(keys))
    missing = keys - set(values)
    if missing:
        stored = dict(
            KVStore.objects.filter(key__in=missing).values_list("key", "value")
        )
        # A key without a row is cached as sorl caches it, as empty: sorl
        # then makes that thumbnail when a page asks for it, without a query.
        empty = dict.fromkeys(missing - set(stored), EMPTY_VALUE)
        kvstore.cache.set_many(
            {**empty, **stored}, sorl_settings.THUMBNAIL_CACHE_TIMEOUT
        )
        values.update(stored)
    return {
        wanted_key: values[key]
        for wanted_key, key in wanted.items()
        if values.get(key) not in (None, EMPTY_VALUE)
    }


def thumbnail_url(value: str) -> str:
    """Return the URL of a thumbnail from its stored value (thumbnails_prefetch)."""
    from sorl.thumbnail.images import deserialize_image_file

    return deserialize_image_file(value).url


def _on_product_image_saved(sender, instance, **kwargs):
    if instance.original:
        transaction.on_commit(
            lambda: thumbnails_generate(
                source=instance.original, sizes=PRODUCT_IMAGE_SIZES
            )
        )


def _on_cooperative_photo_saved(sender, instance, **kwargs):
    if instance.image:
        transaction.on_commit(
            lambda: thumbnails_generate(
                source=instance.image, sizes=COOPERATIVE_PHOTO_SIZES
            )
        )


def connect() -> None:
    """Make the thumbnails after each product image or cooperative photo save."""
    post_save.connect(
        _on_product_image_saved,
        sender=ProductImage,
        dispatch_uid="htx-product-image-thumbnails",
    )
    post_save.connect(
        _on_cooperative_photo_saved,
        sender=CooperativePhoto,
        dispatch_uid="htx-cooperative-photo-thumbnails",
    )
