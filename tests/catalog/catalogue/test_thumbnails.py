"""Thumbnails are made when an image is uploaded; pages only read them."""

from unittest import mock

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.urls import reverse
from sorl.thumbnail.base import ThumbnailBackend

from catalog.catalogue.thumbnails import COOPERATIVE_PHOTO_SIZES, PRODUCT_IMAGE_SIZES
from catalog.cooperatives.models import CooperativePhoto
from tests.factories.catalogue import tiny_jpeg
from tests.factories.cooperatives import cooperative_create, listed_product_create

pytestmark = pytest.mark.django_db


def _thumbnail_without_making_it(source, options):
    """Return the thumbnail sorl finds for ``source``; fail if it has to make it."""
    from oscar.core.thumbnails import get_thumbnailer

    with mock.patch.object(
        ThumbnailBackend, "_create_thumbnail", side_effect=AssertionError("made")
    ):
        return get_thumbnailer().generate_thumbnail(source, **dict(options))


def test_product_image_upload_makes_every_store_thumbnail(
    django_capture_on_commit_callbacks,
):
    cooperative = cooperative_create()
    with django_capture_on_commit_callbacks(execute=True):
        product = listed_product_create(cooperative=cooperative)
    original = product.primary_image().original
    cache.clear()  # a new worker: only the key-value store's table is left

    thumbnails = [
        _thumbnail_without_making_it(original, o) for o in PRODUCT_IMAGE_SIZES
    ]

    assert len({thumbnail.name for thumbnail in thumbnails}) == len(PRODUCT_IMAGE_SIZES)
    assert all(thumbnail.exists() for thumbnail in thumbnails)


def test_cooperative_photo_upload_makes_the_storefront_thumbnail(
    django_capture_on_commit_callbacks,
):
    cooperative = cooperative_create()
    with django_capture_on_commit_callbacks(execute=True):
        photo = CooperativePhoto.objects.create(
            cooperative=cooperative,
            image=ContentFile(tiny_jpeg(), name="dong-banh.jpg"),
        )
    cache.clear()

    (thumbnail,) = [
        _thumbnail_without_making_it(photo.image, o) for o in COOPERATIVE_PHOTO_SIZES
    ]

    assert thumbnail.exists()


def test_store_pages_make_no_thumbnail_while_rendering(
    client, django_capture_on_commit_callbacks
):
    cooperative = cooperative_create()
    with django_capture_on_commit_callbacks(execute=True):
        product = listed_product_create(cooperative=cooperative, stars=4)
        CooperativePhoto.objects.create(
            cooperative=cooperative,
            image=ContentFile(tiny_jpeg(), name="dong-banh.jpg"),
        )
    cache.clear()
    pages = [
        reverse("catalogue:index"),
        product.get_absolute_url(),
        cooperative.get_absolute_url(),
    ]

    with mock.patch.object(ThumbnailBackend, "_create_thumbnail") as make:
        responses = [client.get(url) for url in pages]

    assert [r.status_code for r in responses] == [200, 200, 200]
    assert all("/media/cache/" in r.content.decode() for r in responses)
    make.assert_not_called()
