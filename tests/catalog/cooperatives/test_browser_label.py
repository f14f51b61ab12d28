"""In real Chromium: the printed QR label decodes to the product's address."""

import io

import pytest
import zxingcpp
from django.urls import reverse
from PIL import Image

from tests.factories.cooperatives import cooperative_create, listed_product_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: CSS pixels per centimetre (96 per inch), as Chromium lays out print pages.
PX_PER_CM = 96 / 2.54


@pytest.fixture
def label_product(migrated_db, live_server):
    cooperative = cooperative_create(name="HTX Đồng Bành", slug="dong-banh")
    return listed_product_create(
        cooperative=cooperative, title="Mật ong bạc hà Đồng Văn", stars=4
    )


@pytest.mark.parametrize("scale", [1, 3])
def test_the_printed_label_decodes_to_the_product_url(
    browser, live_server, label_product, scale
):
    # Given the label page, laid out for print at the device's scale
    context = browser.new_context(
        locale="vi-VN",
        viewport={"width": 800, "height": 600},
        device_scale_factor=scale,
    )
    page = context.new_page()
    page.emulate_media(media="print")
    page.goto(
        live_server.url + reverse("cooperatives:label", kwargs={"pk": label_product.pk})
    )
    code = page.locator(".label svg")
    box = code.bounding_box()

    # When the code is photographed as printed
    png = code.screenshot()
    context.close()
    image = Image.open(io.BytesIO(png))
    results = zxingcpp.read_barcodes(image)

    # Then it is a QR code of the product's absolute address, at its print size
    assert [r.format for r in results] == [zxingcpp.BarcodeFormat.QRCode]
    assert results[0].text == live_server.url + label_product.get_absolute_url()
    assert round(box["width"] / PX_PER_CM, 1) == 3.5
    assert round(box["height"] / PX_PER_CM, 1) == 3.5
    assert abs(image.width - box["width"] * scale) <= 3


def test_the_label_fits_its_text_beside_the_code_on_print(
    browser, live_server, label_product
):
    # Given the label as printed
    context = browser.new_context(
        locale="vi-VN", viewport={"width": 800, "height": 600}
    )
    page = context.new_page()
    page.emulate_media(media="print")
    page.goto(
        live_server.url + reverse("cooperatives:label", kwargs={"pk": label_product.pk})
    )

    # Then nothing sticks out of the label's border, and the button is not printed
    label = page.locator(".label").bounding_box()
    code = page.locator(".label svg").bounding_box()
    text = page.locator(".label-text").bounding_box()
    assert (
        code["x"] >= label["x"]
        and text["x"] + text["width"] <= label["x"] + label["width"]
    )
    assert code["y"] + code["height"] <= label["y"] + label["height"]
    assert not page.get_by_role("button").is_visible()
    context.close()
