"""A public product without any image renders everywhere, with a placeholder."""

import pytest
from django.urls import reverse

from tests.factories.cooperatives import cooperative_create, listed_product_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def imageless(db, settings):
    # Thumbnail errors raise (as with DEBUG on) instead of leaving an empty src.
    settings.OSCAR_THUMBNAIL_DEBUG = True
    cooperative = cooperative_create(name="HTX Đồng Bành", slug="dong-banh")
    product = listed_product_create(cooperative=cooperative, title="Na Chi Lăng")
    product.images.all().delete()
    return product


def test_the_product_page_shows_a_placeholder_with_alt_text(client, imageless):
    response = client.get(imageless.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="product-main-image" src="/media/cache/' in html
    assert 'alt="Na Chi Lăng"' in html


@pytest.mark.parametrize(
    "url",
    [
        pytest.param(lambda p: reverse("catalogue:index"), id="catalogue"),
        pytest.param(
            lambda p: reverse("cooperatives:detail", args=["dong-banh"]),
            id="storefront",
        ),
    ],
)
def test_lists_show_the_product_card_with_a_placeholder(client, imageless, url):
    response = client.get(url(imageless))

    assert response.status_code == 200
    assert "Na Chi Lăng" in response.content.decode()


def test_search_results_show_the_product_with_a_placeholder(client, imageless):
    from marketplace.search.indexing import products_reindex

    products_reindex([imageless.pk])

    response = client.get(reverse("product-search") + "?q=Na")

    assert response.status_code == 200
    assert "Na Chi Lăng" in response.content.decode()


def test_the_basket_shows_the_product_without_an_image(client, imageless):
    client.post(reverse("basket:add", kwargs={"pk": imageless.pk}), {"quantity": 1})

    response = client.get(reverse("basket:summary"))

    assert response.status_code == 200
    assert "Na Chi Lăng" in response.content.decode()


def test_the_placeholder_is_the_sites_own_picture_stored_as_a_file(
    client, imageless, settings, monkeypatch
):
    from pathlib import Path

    from catalog.catalogue import thumbnails

    monkeypatch.setattr(thumbnails, "_placeholder_stored", False)
    stored = Path(settings.MEDIA_ROOT) / settings.OSCAR_MISSING_IMAGE_URL
    stored.unlink(missing_ok=True)

    response = client.get(imageless.get_absolute_url())

    assert response.status_code == 200
    assert not stored.is_symlink()
    assert stored.read_bytes() == thumbnails.PRODUCT_PLACEHOLDER_SOURCE.read_bytes()


def test_a_media_folder_that_cannot_be_written_still_serves_the_product_page(
    client, imageless, settings, monkeypatch, tmp_path
):
    from catalog.catalogue import thumbnails

    # Given a media root that cannot be created (a file sits in its path),
    # as on a read-only server, with production's silent thumbnailer
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    settings.MEDIA_ROOT = str(blocker / "media")
    settings.OSCAR_THUMBNAIL_DEBUG = False
    monkeypatch.setattr(thumbnails, "_placeholder_stored", False)

    response = client.get(imageless.get_absolute_url())

    assert response.status_code == 200
    assert "Na Chi Lăng" in response.content.decode()
