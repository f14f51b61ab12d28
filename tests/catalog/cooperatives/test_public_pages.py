"""The directory, storefront, product page, label and stars filter."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories.cooperatives import (
    TAN_PHU,
    VINH_LONG,
    cooperative_create,
    listed_product_create,
)

pytestmark = pytest.mark.django_db


def _warm_then_count(client, count_queries, url):
    # The first render makes the thumbnails; what is measured is every later one.
    assert client.get(url).status_code == 200
    response, queries = count_queries(client.get, url)
    assert response.status_code == 200
    return response, queries


def test_directory_lists_only_approved_cooperatives(client):
    cooperative_create(name="HTX Đồng Bành")
    cooperative_create(name="HTX Chờ duyệt", status="pending")

    html = client.get(reverse("cooperatives:directory")).content.decode()

    assert "HTX Đồng Bành" in html
    assert "HTX Chờ duyệt" not in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"province": VINH_LONG}, ["HTX Bưởi"]),
        ({"kind": "tht"}, ["THT Chè"]),
        ({"sector": "tea"}, ["THT Chè"]),
        ({}, ["HTX Bưởi", "HTX Na", "THT Chè"]),
    ],
)
def test_directory_filters_by_province_type_and_sector(client, query, expected):
    cooperative_create(name="HTX Na")
    cooperative_create(name="HTX Bưởi", province_code=VINH_LONG, ward_code=TAN_PHU)
    cooperative_create(name="THT Chè", kind="tht", sector="tea")

    response = client.get(reverse("cooperatives:directory"), query)

    assert [c.name for c in response.context["cooperatives"]] == expected


def test_directory_query_count_does_not_grow(client, count_queries, no_page_cache):
    for i in range(3):
        listed_product_create(cooperative=cooperative_create(name=f"HTX {i}"), stars=4)
    url = reverse("cooperatives:directory")
    _, few = _warm_then_count(client, count_queries, url)
    for i in range(3, 15):
        listed_product_create(cooperative=cooperative_create(name=f"HTX {i}"), stars=4)

    response, many = _warm_then_count(client, count_queries, url)

    assert len(response.context["cooperatives"]) == 15
    assert many == few


def test_storefront_shows_profile_products_and_ocop_counts_by_stars(client):
    cooperative = cooperative_create(
        name="HTX Đồng Bành", story="Trồng na từ năm 1990.", representative="Ông A"
    )
    listed_product_create(cooperative=cooperative, title="Na Chi Lăng", stars=4)
    listed_product_create(cooperative=cooperative, title="Na hộp quà", stars=4)
    listed_product_create(cooperative=cooperative, title="Rượu na", stars=3)
    listed_product_create(
        cooperative=cooperative,
        title="Na hết hạn",
        stars=5,
        expires_on=datetime.date(2020, 1, 1),
    )
    listed_product_create(cooperative=cooperative, title="Na chờ", status="pending")

    response = client.get(cooperative.get_absolute_url())
    html = response.content.decode()

    assert response.status_code == 200
    assert response.context["ocop_counts"] == {5: 0, 4: 2, 3: 1}
    assert "Trồng na từ năm 1990." in html and "Ông A" in html
    assert "Xã Chi Lăng, Lạng Sơn" in html
    for title in ["Na Chi Lăng", "Na hộp quà", "Rượu na", "Na hết hạn"]:
        assert title in html
    assert "Na chờ" not in html


def test_storefront_of_a_pending_cooperative_is_404(client):
    cooperative = cooperative_create(status="pending")

    assert client.get(cooperative.get_absolute_url()).status_code == 404


def test_storefront_query_count_does_not_grow(client, count_queries):
    cooperative = cooperative_create()
    for i in range(3):
        listed_product_create(cooperative=cooperative, title=f"SP {i}", stars=4)
    url = cooperative.get_absolute_url()
    _, few = _warm_then_count(client, count_queries, url)
    for i in range(3, 15):
        listed_product_create(cooperative=cooperative, title=f"SP {i}", stars=3)

    _, many = _warm_then_count(client, count_queries, url)

    assert many == few


def test_product_page_shows_unit_origin_cooperative_and_certificate(client):
    cooperative = cooperative_create(name="HTX Đồng Bành")
    product = listed_product_create(
        cooperative=cooperative, title="Na Chi Lăng", stars=4, unit="hộp"
    )
    certificate = product.ocop_certificate

    html = client.get(product.get_absolute_url()).content.decode()

    assert "60.000\xa0₫" in html
    assert "hộp" in html
    assert "Chi Lăng, Lạng Sơn" in html  # origin
    assert "7 ngày" in html  # shelf life
    assert "HTX Đồng Bành" in html
    assert certificate.number in html
    assert "ocop-badge--4" in html
    assert reverse("cooperatives:label", kwargs={"pk": product.pk}) in html
    # Each part once: the templates must not render their blocks twice.
    assert html.count('class="ocop-certificate"') == 1


def test_product_page_drops_the_badge_once_the_certificate_expired(client):
    product = listed_product_create(
        cooperative=cooperative_create(),
        stars=4,
        expires_on=datetime.date(2020, 1, 1),
    )

    html = client.get(product.get_absolute_url()).content.decode()

    assert "ocop-badge" not in html
    assert product.ocop_certificate.number not in html


def test_product_page_query_count_does_not_grow_with_images(client, count_queries):
    from django.core.files.base import ContentFile
    from oscar.core.loading import get_model

    from tests.factories.catalogue import tiny_jpeg

    ProductImage = get_model("catalogue", "ProductImage")
    product = listed_product_create(cooperative=cooperative_create(), stars=5)
    url = product.get_absolute_url()
    _, few = _warm_then_count(client, count_queries, url)
    for i in range(1, 6):
        ProductImage.objects.create(
            product=product,
            original=ContentFile(tiny_jpeg((i * 40, 10, 10)), name=f"x{i}.jpg"),
            display_order=i,
        )

    response, many = _warm_then_count(client, count_queries, url)

    assert response.content.decode().count('width="80" height="80"') == 6
    assert many == few


def test_catalogue_filters_by_stars_and_shows_the_badge(client):
    cooperative = cooperative_create()
    listed_product_create(cooperative=cooperative, title="Bốn sao", stars=4)
    listed_product_create(cooperative=cooperative, title="Ba sao", stars=3)
    listed_product_create(cooperative=cooperative, title="Không sao")

    response = client.get(reverse("catalogue:index"), {"stars": 4})
    html = response.content.decode()

    assert [p.title for p in response.context["products"]] == ["Bốn sao"]
    assert html.count("ocop-badge--4") == 1
    assert html.count('class="product-card__coop') == 1


def test_catalogue_hides_products_of_a_pending_cooperative(client):
    listed_product_create(
        cooperative=cooperative_create(status="pending"), title="Chưa duyệt"
    )

    response = client.get(reverse("catalogue:index"))

    assert list(response.context["products"]) == []


def test_label_carries_a_qr_code_as_inline_svg_linking_to_the_product(client):
    product = listed_product_create(cooperative=cooperative_create(), stars=4)

    response = client.get(reverse("cooperatives:label", kwargs={"pk": product.pk}))
    html = response.content.decode()

    assert response.status_code == 200
    assert "<svg" in html
    assert f"http://testserver{product.get_absolute_url()}" in html


def test_label_of_a_hidden_product_is_404(client):
    product = listed_product_create(cooperative=cooperative_create(), status="pending")

    response = client.get(reverse("cooperatives:label", kwargs={"pk": product.pk}))

    assert response.status_code == 404


def test_storefront_shows_24_products_a_page_each_page_its_own_canonical(
    client, settings
):
    # Given a cooperative with 26 products
    settings.PAGE_CACHE_SECONDS = 0
    cooperative = cooperative_create()
    for i in range(26):
        listed_product_create(cooperative=cooperative, title=f"SP {i:02}")
    url = cooperative.get_absolute_url()

    # When a buyer opens its storefront, then the second page
    first = client.get(url).content.decode()
    second = client.get(url, {"page": 2}).content.decode()

    # Then 24 cards, then the other 2, each page its own canonical address
    assert first.count('class="product-card ') == 24
    assert second.count('class="product-card ') == 2
    assert f'<link rel="canonical" href="http://testserver{url}">' in first
    assert f'<link rel="canonical" href="http://testserver{url}?page=2">' in second
    assert '"LocalBusiness"' in second


def test_storefront_page_that_is_not_there_redirects_with_a_message(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    settings.LANGUAGE_CODE = "en"
    cooperative = cooperative_create()
    listed_product_create(cooperative=cooperative)
    url = cooperative.get_absolute_url()

    with translation.override("en"):
        response = client.get(url, {"page": 9}, follow=True)

    assert response.redirect_chain == [(url, 302)]
    assert "That page number is not valid." in response.content.decode()
