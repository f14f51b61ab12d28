"""In real Chromium: a polyglot uploaded as a product image runs no script."""

import threading
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connections
from oscar.core.loading import get_model
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from catalog.cooperatives.models import ProductListing
from tests.factories.catalogue import category_create
from tests.factories.cooperatives import cooperative_create, staff_create
from tests.factories.uploads import polyglot

ProductImage = get_model("catalogue", "ProductImage")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def app_server(settings):
    """The site's WSGI app on a port of its own, as gunicorn serves it.

    pytest-django's live server answers /media/ itself, so the site's own
    media view (the one production uses without nginx) is reached here.
    """
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]

    class Handler(WSGIRequestHandler):
        def handle(self):
            super().handle()
            connections.close_all()

        def log_message(self, *args):
            pass

    server = make_server("127.0.0.1", 0, WSGIHandler(), handler_class=Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def site(migrated_db, live_server):
    category_create()
    cooperative = cooperative_create()
    staff = staff_create(cooperative=cooperative, email="htx-a@htx.test")
    return live_server.url, cooperative, staff


def _log_in(page, base: str, email: str) -> None:
    page.goto(base + "/shop/accounts/login/")
    page.fill("input[name=login-username]", email)
    page.fill("input[name=login-password]", "pw-test-123")
    page.locator("button[name=login_submit]").click()
    expect(page).not_to_have_url(base + "/shop/accounts/login/")


def test_a_polyglot_product_image_runs_no_script_when_opened(
    page, site, app_server, tmp_path
):
    base, cooperative, staff = site
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    hostile = tmp_path / "anh.html"
    hostile.write_bytes(polyglot("GIF"))
    _log_in(page, base, staff.email)

    page.goto(base + "/shop/hop-tac-xa/quan-ly/san-pham/them/")
    page.fill("input[name=title]", "Na dai")
    page.fill("input[name=unit]", "kg")
    page.select_option("select[name=category]", label="Trái cây")
    page.fill("input[name=price]", "65000")
    page.fill("input[name=stock]", "5")
    page.set_input_files("input[name=image]", str(hostile))
    page.locator(".coop-area form button[type=submit]").click()
    expect(page).to_have_url(base + "/shop/hop-tac-xa/quan-ly/san-pham/")

    image = ProductImage.objects.get(
        product__listing__in=ProductListing.objects.filter(cooperative=cooperative)
    )
    response = page.goto(f"{app_server}/media/{image.original.name}")

    assert response.headers["content-type"] == "image/png"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert dialogs == []


def test_a_planted_html_file_in_media_is_downloaded_not_rendered(
    page, site, app_server, settings
):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    planted = Path(settings.MEDIA_ROOT) / "images/products/anh.html"
    planted.parent.mkdir(parents=True, exist_ok=True)
    planted.write_bytes(polyglot("GIF"))
    url = app_server + "/media/images/products/anh.html"

    with pytest.raises(PlaywrightError, match="Download is starting"):
        page.goto(url)

    response = page.request.get(url)
    assert response.headers["content-type"] == "application/octet-stream"
    assert response.headers["content-disposition"] == 'attachment; filename="anh.html"'
    assert dialogs == []
