"""Product cards come from the cache, the same as rendered, never stale."""

import datetime
import re
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories.catalogue import product_create
from tests.factories.cooperatives import cooperative_create, listed_product_create

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _cards(html: str) -> list[str]:
    """Return the product cards of a list page, with the CSRF tokens blanked."""
    cards = re.findall(r'<article class="product-card[^"]*">.*?</article>', html, re.S)
    return [TOKEN.sub('name="csrfmiddlewaretoken" value=""', card) for card in cards]


def test_cards_from_the_cache_are_the_cards_oscar_renders(client, settings):
    cooperative = cooperative_create()
    listed_product_create(cooperative=cooperative, title="Mật ong hoa nhãn", stars=4)
    listed_product_create(cooperative=cooperative, title="Na Chi Lăng", stock=0)
    product_create(title="Bưởi không niêm yết", image=False)
    url = reverse("catalogue:index")
    settings.PRODUCT_CARD_CACHE_SECONDS = 0
    rendered = _cards(client.get(url).content.decode())

    settings.PRODUCT_CARD_CACHE_SECONDS = 3600
    first = _cards(client.get(url).content.decode())
    from_cache = _cards(client.get(url).content.decode())

    assert len(rendered) == 3
    assert first == rendered
    assert from_cache == rendered


def test_cached_card_shows_a_new_price_and_the_stock_running_out_at_once(client):
    cooperative = cooperative_create()
    product = listed_product_create(cooperative=cooperative, price=60000, stock=5)
    url = reverse("catalogue:index")
    add_url = reverse("basket:add", kwargs={"pk": product.pk})
    before = client.get(url).content.decode()
    assert "60.000" in before
    assert f'action="{add_url}"' in before

    record = product.stockrecords.get()
    record.price = 75000
    record.save()
    # Allocations are written with a queryset update, not save().
    type(record).objects.filter(pk=record.pk).update(num_allocated=5)
    html = client.get(url).content.decode()

    assert "75.000" in html
    assert "60.000" not in html
    assert f'action="{add_url}"' not in html


def test_cached_card_shows_a_renamed_cooperative_and_unit(client):
    cooperative = cooperative_create(name="HTX Đồng Bành")
    product = listed_product_create(cooperative=cooperative, unit="kg")
    url = reverse("catalogue:index")
    client.get(url)

    cooperative.name = "HTX Chè Đồng Bành"
    cooperative.save()
    product.listing.unit = "hộp"
    product.listing.save()
    html = client.get(url).content.decode()

    assert "HTX Chè Đồng Bành" in html
    assert "/ hộp" in html


def test_cached_card_drops_the_ocop_badge_the_day_after_the_certificate_expires(
    client,
):
    today = timezone.localdate()
    cooperative = cooperative_create()
    listed_product_create(cooperative=cooperative, stars=5, expires_on=today)
    url = reverse("catalogue:index")
    assert "ocop-badge--5" in client.get(url).content.decode()

    tomorrow = today + datetime.timedelta(days=1)
    with mock.patch("django.utils.timezone.localdate", return_value=tomorrow):
        html = client.get(url).content.decode()

    assert "ocop-badge" not in html


def test_cached_card_carries_each_buyers_own_csrf_token():
    cooperative = cooperative_create()
    product = listed_product_create(cooperative=cooperative)
    url = reverse("catalogue:index")
    Client().get(url)  # another buyer renders the card into the cache

    buyer = Client(enforce_csrf_checks=True)
    html = buyer.get(url).content.decode()
    token = TOKEN.search(html).group(1)
    response = buyer.post(
        reverse("basket:add", kwargs={"pk": product.pk}),
        {"quantity": 1, "csrfmiddlewaretoken": token},
    )

    assert response.status_code == 302
    assert buyer.get(reverse("basket:summary")).context["basket"].num_items == 1


def test_storefront_cards_come_from_the_cache_too(client, settings):
    cooperative = cooperative_create()
    listed_product_create(cooperative=cooperative, title="Mật ong hoa nhãn")
    url = cooperative.get_absolute_url()
    settings.PRODUCT_CARD_CACHE_SECONDS = 0
    rendered = _cards(client.get(url).content.decode())
    settings.PRODUCT_CARD_CACHE_SECONDS = 3600
    client.get(url)

    with mock.patch(
        "catalog.catalogue.templatetags.product_card_tags.render_product"
    ) as render:
        from_cache = _cards(client.get(url).content.decode())

    assert len(rendered) == 1
    assert from_cache == rendered
    render.assert_not_called()
