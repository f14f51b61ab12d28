"""Products and storefronts that search engines understand; both in sitemap.xml."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from oscar.core.loading import get_model

from tests.factories.cooperatives import (
    certificate_create,
    cooperative_create,
    listed_product_create,
)

pytestmark = pytest.mark.django_db

ProductReview = get_model("reviews", "ProductReview")
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
BASE = "http://testserver"


@pytest.fixture
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def dong_banh(db):
    return cooperative_create(
        name="HTX DV&SX Đồng Bành",
        slug="dong-banh",
        description="Na và mật ong của Chi Lăng",
        phone="0205 3812 345",
        street_address="Thôn Đồng Bành",
    )


def _json_ld(html: str) -> dict:
    (block,) = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', html, re.S
    )
    return json.loads(block)


def _meta(html: str, key: str) -> str:
    match = re.search(
        rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', html
    )
    return match.group(1) if match else ""


def test_the_product_page_describes_the_product_and_its_offer(
    client, dong_banh, english
):
    product = listed_product_create(
        cooperative=dong_banh, title="Na Chi Lăng", price=60000, stock=5
    )
    product.description = "<p>Na chín cây.</p><p>Ngọt &amp; thơm.</p>"
    product.save()
    certificate_create(product=product, stars=4, number="123/QĐ-UBND")
    url = BASE + product.get_absolute_url()
    shop = BASE + dong_banh.get_absolute_url()
    image = BASE + product.images.get().original.url

    html = client.get(product.get_absolute_url()).content.decode()

    assert f'<link rel="canonical" href="{url}">' in html
    assert _meta(html, "og:type") == "product"
    assert _meta(html, "og:title") == "Na Chi Lăng"
    assert _meta(html, "og:description") == "Na chín cây. Ngọt &amp; thơm."
    assert _meta(html, "og:url") == url
    assert _meta(html, "og:image") == image
    assert _meta(html, "og:site_name") == "HTX Connect"
    assert _meta(html, "product:price:amount") == "60000"
    assert _meta(html, "product:price:currency") == "VND"
    assert _meta(html, "twitter:card") == "summary_large_image"
    seller = {"@type": "Organization", "name": "HTX DV&SX Đồng Bành", "url": shop}
    assert _json_ld(html) == {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": "Na Chi Lăng",
        "url": url,
        "description": "Na chín cây. Ngọt & thơm.",
        "image": [image],
        "sku": f"SKU-{product.pk}",
        "award": "OCOP 4 stars",
        "identifier": {
            "@type": "PropertyValue",
            "propertyID": "OCOP",
            "value": "123/QĐ-UBND",
        },
        "brand": seller,
        "offers": {
            "@type": "Offer",
            "url": url,
            "price": "60000",
            "priceCurrency": "VND",
            "availability": "https://schema.org/InStock",
            "itemCondition": "https://schema.org/NewCondition",
            "seller": seller,
        },
    }


def test_a_sold_out_product_is_out_of_stock(client, dong_banh):
    product = listed_product_create(cooperative=dong_banh, stock=0)

    html = client.get(product.get_absolute_url()).content.decode()

    offer = _json_ld(html)["offers"]
    assert offer["availability"] == "https://schema.org/OutOfStock"


def test_the_rating_is_given_only_when_reviews_exist(
    client, dong_banh, django_user_model
):
    product = listed_product_create(cooperative=dong_banh)
    assert "aggregateRating" not in _json_ld(
        client.get(product.get_absolute_url()).content.decode()
    )
    for n, score in enumerate((5, 4)):
        ProductReview.objects.create(
            product=product,
            score=score,
            title="Ngon",
            body="Ngon",
            user=django_user_model.objects.create_user(f"u{n}", f"u{n}@x.vn", "pw"),
            status=ProductReview.APPROVED,
        )
    product.refresh_from_db()

    data = _json_ld(client.get(product.get_absolute_url()).content.decode())

    assert data["aggregateRating"] == {
        "@type": "AggregateRating",
        "ratingValue": 4.5,
        "reviewCount": 2,
        "bestRating": 5,
        "worstRating": 1,
    }


def test_a_hostile_product_name_cannot_close_the_json_ld_element(client, dong_banh):
    name = '</script><script>alert("x")</script><!--'
    product = listed_product_create(cooperative=dong_banh, title=name)

    html = client.get(product.get_absolute_url()).content.decode()

    assert "<script>alert" not in html
    assert _json_ld(html)["name"] == name
    assert _meta(html, "og:title") == (
        "&lt;/script&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;!--"
    )


def test_a_product_without_image_has_no_image_in_its_preview(client, dong_banh):
    product = listed_product_create(cooperative=dong_banh)
    product.images.all().delete()

    html = client.get(product.get_absolute_url()).content.decode()

    assert "image" not in _json_ld(html)
    assert _meta(html, "og:image") == ""
    assert _meta(html, "twitter:card") == "summary"


def test_the_storefront_describes_the_cooperative(client, dong_banh):
    url = BASE + dong_banh.get_absolute_url()

    html = client.get(dong_banh.get_absolute_url()).content.decode()

    assert f'<link rel="canonical" href="{url}">' in html
    assert _meta(html, "og:title") == "HTX DV&amp;SX Đồng Bành"
    assert _json_ld(html) == {
        "@context": "https://schema.org",
        "@type": "LocalBusiness",
        "name": "HTX DV&SX Đồng Bành",
        "url": url,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "Thôn Đồng Bành",
            "addressLocality": dong_banh.ward_name,
            "addressRegion": dong_banh.province_name,
            "addressCountry": "VN",
        },
        "description": "Na và mật ong của Chi Lăng",
        "telephone": "0205 3812 345",
    }


def _sitemap_urls(client) -> dict[str, str]:
    response = client.get(reverse("sitemap"))
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {
        url.findtext("s:loc", namespaces=SITEMAP_NS): url.findtext(
            "s:lastmod", default="", namespaces=SITEMAP_NS
        )
        for url in root.findall("s:url", SITEMAP_NS)
    }


def test_the_sitemap_lists_public_products_and_approved_storefronts(client, dong_banh):
    product = listed_product_create(cooperative=dong_banh, title="Na")
    listed_product_create(cooperative=dong_banh, title="Chờ duyệt", status="pending")
    pending = cooperative_create(name="HTX Chưa duyệt", slug="chua", status="pending")
    listed_product_create(cooperative=pending, title="Của HTX chưa duyệt")

    urls = _sitemap_urls(client)

    paths = sorted(u.split("/", 3)[3] for u in urls if "/shop/" in u)
    assert paths == sorted(
        [product.get_absolute_url()[1:], dong_banh.get_absolute_url()[1:]]
    )
    product_url = next(u for u in urls if u.endswith(product.get_absolute_url()))
    # The sitemap writes the date in the site's time zone (Asia/Ho_Chi_Minh).
    local_date = timezone.localtime(product.date_updated).date()
    assert urls[product_url] == local_date.isoformat()


def test_the_sitemap_takes_the_same_queries_for_few_or_many_items(
    client, count_queries
):
    first = cooperative_create(slug="mot")
    listed_product_create(cooperative=first, title="Một")
    client.get(reverse("sitemap"))  # the sites' caches fill on the first request
    _, few = count_queries(client.get, reverse("sitemap"))
    for n in range(4):
        cooperative = cooperative_create(slug=f"htx-nhieu-{n}")
        listed_product_create(cooperative=cooperative, title=f"Sản phẩm {n}")

    _, many = count_queries(client.get, reverse("sitemap"))

    assert many == few
