"""List pages stay cheap on a cache miss: cards and thumbnails are read in one go."""

from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from sorl.thumbnail.models import KVStore

from catalog.catalogue.templatetags import product_card_tags
from catalog.catalogue.thumbnails import PRODUCT_IMAGE_SIZES, _thumbnail_store_key
from marketplace.search.indexing import products_reindex
from tests.factories.cooperatives import cooperative_create, listed_product_create

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    # What is measured here is the rendering, not the whole-page cache.
    settings.PAGE_CACHE_SECONDS = 0


def _products(cooperative, count, commit_callbacks, start=0):
    with commit_callbacks(execute=True):  # the thumbnails, made on upload
        return [
            listed_product_create(cooperative=cooperative, title=f"Mật ong {i}")
            for i in range(start, start + count)
        ]


def _cold(client, url):
    """Return the response and the queries of ``url`` with every cache empty."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response, [q["sql"] for q in queries.captured_queries]


def test_thumbnail_store_key_is_the_key_sorl_stores(django_capture_on_commit_callbacks):
    # Given a product whose thumbnails were made on upload
    (product,) = _products(cooperative_create(), 1, django_capture_on_commit_callbacks)
    original = product.primary_image().original

    # When the key of each size is computed without sorl
    keys = [
        _thumbnail_store_key(source=original, options=o) for o in PRODUCT_IMAGE_SIZES
    ]

    # Then each is a row sorl wrote
    assert KVStore.objects.filter(key__in=keys).count() == len(PRODUCT_IMAGE_SIZES)


#: The list pages that show product cards: the catalogue, a storefront, search.
LIST_PAGES = pytest.mark.parametrize(
    "url_of",
    [
        lambda cooperative: reverse("catalogue:index"),
        lambda cooperative: cooperative.get_absolute_url(),
        lambda cooperative: reverse("product-search") + "?q=mat+ong",
    ],
    ids=["catalogue", "storefront", "search"],
)


@LIST_PAGES
def test_cold_list_reads_all_card_thumbnails_in_one_query(
    client, django_capture_on_commit_callbacks, url_of
):
    # Given six products with images
    cooperative = cooperative_create()
    products = _products(cooperative, 6, django_capture_on_commit_callbacks)
    products_reindex([p.pk for p in products])

    # When the list is rendered with every cache empty
    response, queries = _cold(client, url_of(cooperative))

    # Then all six cards show their thumbnail, found with one query
    assert response.content.decode().count("/media/cache/") == 6
    assert len([sql for sql in queries if "thumbnail_kvstore" in sql]) == 1


@LIST_PAGES
def test_cold_list_query_count_is_the_same_for_3_and_20_products(
    client, django_capture_on_commit_callbacks, url_of
):
    cooperative = cooperative_create()
    few = _products(cooperative, 3, django_capture_on_commit_callbacks)
    products_reindex([p.pk for p in few])
    _, queries_for_3 = _cold(client, url_of(cooperative))

    many = _products(cooperative, 17, django_capture_on_commit_callbacks, start=3)
    products_reindex([p.pk for p in many])
    response, queries_for_20 = _cold(client, url_of(cooperative))

    assert response.content.decode().count('class="product-card ') == 20
    assert len(queries_for_20) == len(queries_for_3)


def test_list_reads_its_cards_from_the_cache_in_one_call(
    client, django_capture_on_commit_callbacks
):
    # Given a catalogue whose cards are in the cache
    _products(cooperative_create(), 5, django_capture_on_commit_callbacks)
    url = reverse("catalogue:index")
    client.get(url)

    # When it is rendered again
    spy = mock.Mock(wraps=cache)
    with mock.patch.object(product_card_tags, "cache", spy):
        response = client.get(url)

    # Then one read fetched all five cards, and nothing was stored
    assert response.content.decode().count('class="product-card ') == 5
    assert spy.get_many.call_count == 1
    spy.get.assert_not_called()
    spy.set_many.assert_not_called()


def test_search_cards_from_the_cache_are_the_cards_rendered(client, settings):
    # Given two products a search finds, with the matched words marked
    cooperative = cooperative_create()
    products = [
        listed_product_create(cooperative=cooperative, title="Mật ong hoa nhãn"),
        listed_product_create(cooperative=cooperative, title="Mật ong rừng"),
    ]
    products_reindex([p.pk for p in products])
    url = reverse("product-search") + "?q=mat+ong"
    settings.PRODUCT_CARD_CACHE_SECONDS = 0
    rendered = client.get(url).content.decode()

    # When they come from the card cache
    settings.PRODUCT_CARD_CACHE_SECONDS = 3600
    client.get(url)
    with mock.patch.object(product_card_tags, "render_product") as render:
        from_cache = client.get(url).content.decode()

    # Then they are the same cards, highlights included
    render.assert_not_called()
    assert from_cache.count("<mark>Mật</mark> <mark>ong</mark>") == 2
    assert _cards(from_cache) == _cards(rendered)


def _cards(html: str) -> list[str]:
    import re

    token = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    cards = re.findall(r'<article class="product-card[^"]*">.*?</article>', html, re.S)
    return [token.sub("", card) for card in cards]


def test_cold_product_page_reads_its_gallery_thumbnails_in_one_query(
    client, django_capture_on_commit_callbacks
):
    # Given a product with three images, their thumbnails made on upload
    from django.core.files.base import ContentFile
    from oscar.core.loading import get_model

    from tests.factories.catalogue import tiny_jpeg

    ProductImage = get_model("catalogue", "ProductImage")
    (product,) = _products(cooperative_create(), 1, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        for order in (1, 2):
            ProductImage.objects.create(
                product=product,
                original=ContentFile(tiny_jpeg(), name=f"mat-ong-{order}.jpg"),
                display_order=order,
            )

    # When its page is rendered with every cache empty
    response, queries = _cold(client, product.get_absolute_url())

    # Then the main image and the gallery (each image large, as a link and
    # its data-large, and small) came from one query
    assert response.content.decode().count("/media/cache/") == 1 + 3 * 3
    assert len([sql for sql in queries if "thumbnail_kvstore" in sql]) == 1


def test_cold_list_cards_take_their_thumbnail_urls_from_the_one_query(
    client, django_capture_on_commit_callbacks
):
    # Given four products whose thumbnails were made on upload
    from sorl.thumbnail.base import ThumbnailBackend

    products = _products(cooperative_create(), 4, django_capture_on_commit_callbacks)
    urls = {
        p.primary_image().original.name: _thumbnail_url_from_sorl(p) for p in products
    }

    # When the catalogue is rendered with every cache empty
    cache.clear()
    with mock.patch.object(ThumbnailBackend, "get_thumbnail") as sorl:
        html = client.get(reverse("catalogue:index")).content.decode()

    # Then each card shows sorl's own thumbnail, without asking sorl per card
    sorl.assert_not_called()
    assert all(f'src="{url}"' in html for url in urls.values())


def _thumbnail_url_from_sorl(product) -> str:
    from oscar.core.thumbnails import get_thumbnailer

    from catalog.catalogue.thumbnails import PRODUCT_CARD_IMAGE

    original = product.primary_image().original
    return (
        get_thumbnailer().generate_thumbnail(original, **dict(PRODUCT_CARD_IMAGE)).url
    )
