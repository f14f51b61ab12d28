"""In real Chromium: axe finds no serious or critical violation on the site's pages.

Each test loads the demo once, opens each page once and runs axe on it at
1280 px, then again after resizing the window to 390 px (the page's CSS
follows the width; a second load would only cost time). A failure lists every
violation with its rule, impact, what axe says to do and the selectors of the
nodes, so that it says what to fix.
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client
from oscar.core.loading import get_model
from playwright.sync_api import expect

from agreements.models import Agreement
from catalog.cooperatives.models import ApprovalStatus, Cooperative
from cms.models import ArticlePage
from marketplace.demo.loader import demo_load
from tests.factories.cooperatives import cooperative_create, listed_product_create
from tests.factories.orders import order_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")

#: The widths every page is checked at: a desktop, then a phone.
VIEWPORTS = ({"width": 1280, "height": 900}, {"width": 390, "height": 844})
#: The impacts that fail a test; moderate and minor ones are only printed.
BLOCKING = ("serious", "critical")
#: The demo cooperative whose staff, products and agreements are checked.
COOPERATIVE_SLUG = "htx-dong-banh"

AXE = Axe()


@pytest.fixture
def demo_site(migrated_db, live_server):
    demo_load()
    return live_server.url


def axe_findings(page, label: str) -> tuple[list[str], list[str]]:
    """Return the blocking and the other violations on ``page``, one line each."""
    results = AXE.run(page).response
    blocking, other = [], []
    for violation in results["violations"]:
        targets = [", ".join(node["target"]) for node in violation["nodes"]]
        line = (
            f"{label}: {violation['id']} ({violation['impact']}, "
            f"{len(targets)} nodes) {violation['help']}: {'; '.join(targets[:8])}"
            + (" …" if len(targets) > 8 else "")
        )
        (blocking if violation["impact"] in BLOCKING else other).append(line)
    return blocking, other


def page_audit(page, url: str, path: str) -> list[str]:
    """Open ``path`` once; return its blocking violations at each width."""
    page.set_viewport_size(VIEWPORTS[0])
    response = page.goto(url + path)
    assert response.status == 200, f"{path} answered {response.status}"
    return current_page_audit(page, path)


def current_page_audit(page, label: str) -> list[str]:
    """Return the blocking violations of the open page at each width."""
    blocking = []
    for viewport in VIEWPORTS:
        page.set_viewport_size(viewport)
        found, other = axe_findings(page, f"{label} @{viewport['width']}px")
        blocking += found
        for line in other:
            print("moderate/minor:", line)
    page.set_viewport_size(VIEWPORTS[0])
    return blocking


def report(blocking: list[str]) -> str:
    text = "\n".join(blocking)
    print(text)
    return f"{len(blocking)} serious or critical violations:\n{text}"


def log_in(page, site: str, email: str) -> None:
    """Give the browser the session of the user with ``email``."""
    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(email=email))
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": site}]
    )


def test_public_pages_have_no_serious_violations(page, demo_site):
    article = ArticlePage.objects.live().first()
    product = Product.objects.filter(is_public=True, images__isnull=False).first()
    category = Category.objects.filter(depth=1).first()
    paths = [
        "/",
        article.url,
        "/van-ban/",
        "/shop/catalogue/",
        category.get_absolute_url(),
        product.get_absolute_url(),
        "/shop/tim-kiem/?q=mat+ong",
        "/shop/hop-tac-xa/",
        f"/shop/hop-tac-xa/{COOPERATIVE_SLUG}/",
        "/shop/hop-tac-xa/dang-ky/",
        "/shop/accounts/login/",
    ]

    blocking = [line for path in paths for line in page_audit(page, demo_site, path)]

    assert blocking == [], report(blocking)


def test_guest_checkout_steps_have_no_serious_violations(page, demo_site):
    product = Product.objects.filter(
        is_public=True, listing__cooperative__slug=COOPERATIVE_SLUG
    ).first()
    page.goto(demo_site + product.get_absolute_url())
    page.locator("form[action*='/basket/add/'] [type=submit]").first.click()
    expect(page.locator(".alert-success").first).to_be_visible()
    blocking = page_audit(page, demo_site, "/shop/basket/")

    # The basket leads straight to one page: address, delivery and payment.
    page.goto(demo_site + "/shop/checkout/")
    expect(page).to_have_url(re.compile(r"/shop/checkout/shipping-address/"))
    blocking += current_page_audit(page, "checkout: delivery and payment")
    page.fill("input[name=first_name]", "Nguyễn Văn An")
    page.fill("input[name=phone_number]", "0912345678")
    page.select_option("select[name=province]", label="Thành phố Hà Nội")
    expect(page.locator("select[name=ward] option")).not_to_have_count(1)
    page.select_option("select[name=ward]", label="Phường Ba Đình")
    page.fill("input[name=line1]", "12 Phố Huế")
    page.click("#view_preview")
    expect(page).to_have_url(re.compile(r"/shop/checkout/preview/"))
    blocking += current_page_audit(page, "checkout: preview")

    assert blocking == [], report(blocking)


def test_cooperative_area_and_moderation_have_no_serious_violations(page, demo_site):
    cooperative = Cooperative.objects.get(slug=COOPERATIVE_SLUG)
    product = Product.objects.filter(listing__cooperative=cooperative).first()
    order = order_create(user=cooperative.partner.users.first(), product=product)
    line = order.lines.get()
    waiting = cooperative_create(
        name="HTX Chè Tân Cương",
        slug="htx-che-tan-cuong",
        status=ApprovalStatus.PENDING,
    )
    listing = listed_product_create(
        cooperative=cooperative,
        title="Chè búp Tân Cương",
        status=ApprovalStatus.PENDING,
    ).listing
    log_in(page, demo_site, "dongbanh@htx.local")
    paths = [
        "/shop/hop-tac-xa/quan-ly/",
        "/shop/hop-tac-xa/quan-ly/ho-so/",
        "/shop/hop-tac-xa/quan-ly/san-pham/",
        "/shop/hop-tac-xa/quan-ly/san-pham/them/",
        f"/shop/hop-tac-xa/quan-ly/san-pham/{product.pk}/",
        "/shop/hop-tac-xa/quan-ly/don-hang/",
        f"/shop/hop-tac-xa/quan-ly/don-hang/{line.pk}/",
    ]
    blocking = [line for path in paths for line in page_audit(page, demo_site, path)]

    page.context.clear_cookies()
    log_in(page, demo_site, "moderator@htx.local")
    for path in (
        "/shop/hop-tac-xa/kiem-duyet/",
        f"/shop/hop-tac-xa/kiem-duyet/hop-tac-xa/{waiting.pk}/",
        f"/shop/hop-tac-xa/kiem-duyet/san-pham/{listing.pk}/",
    ):
        blocking += page_audit(page, demo_site, path)

    page.context.clear_cookies()
    log_in(page, demo_site, "finance@htx.local")
    blocking += page_audit(
        page,
        demo_site,
        "/shop/checkout/staff/settlement/?date_from=2020-01-01&date_to=2030-12-31",
    )

    assert blocking == [], report(blocking)


def test_agreements_pages_have_no_serious_violations(page, demo_site):
    cooperative = Cooperative.objects.get(slug=COOPERATIVE_SLUG)
    agreement = (
        Agreement.objects.filter(parties__partner=cooperative.partner)
        .order_by("pk")
        .first()
    )
    conference = agreement.conference
    log_in(page, demo_site, "agreements@htx.local")
    paths = [
        "/agreements/dashboard/",
        "/agreements/list/",
        agreement.get_absolute_url(),
        "/agreements/new/",
        f"/agreements/{agreement.pk}/edit/",
        f"/agreements/{agreement.pk}/cancel/",
        f"/agreements/{agreement.pk}/deliveries/new/",
        f"/agreements/{agreement.pk}/difficulties/new/",
        "/agreements/reports/pending/",
        "/agreements/difficulties/",
        "/agreements/follow-ups/",
        "/agreements/import/",
        "/agreements/conferences/new/",
        "/agreements/businesses/new/",
    ]
    if conference is not None:
        paths.append(f"/agreements/conferences/{conference.slug}/")
    blocking = [line for path in paths for line in page_audit(page, demo_site, path)]
    # A form sent empty shows its errors.
    page.goto(demo_site + "/agreements/new/")
    page.locator("form.ag-form [type=submit]").click()
    blocking += current_page_audit(page, "/agreements/new/ with errors")

    page.context.clear_cookies()
    log_in(page, demo_site, "dongbanh@htx.local")
    for path in (
        "/agreements/list/",
        agreement.get_absolute_url(),
        f"/agreements/{agreement.pk}/deliveries/new/",
    ):
        blocking += page_audit(page, demo_site, path)

    assert blocking == [], report(blocking)


def test_trade_connection_pages_have_no_serious_violations(page, demo_site):
    from marketplace.demo.matchmaking import SLUG
    from matchmaking.models import Meeting, MeetingStatus

    base = f"/ket-noi/{SLUG}"
    meeting = (
        Meeting.objects.filter(
            event__conference__slug=SLUG,
            status=MeetingStatus.ACCEPTED,
            requester__business__users__email="doanhnghiep@htx.local",
        )
        .order_by("pk")
        .first()
        or Meeting.objects.filter(
            event__conference__slug=SLUG,
            invitee__business__users__email="doanhnghiep@htx.local",
        )
        .order_by("pk")
        .first()
    )
    blocking = page_audit(page, demo_site, "/ket-noi/doanh-nghiep/dang-ky/")
    log_in(page, demo_site, "doanhnghiep@htx.local")
    for path in (
        "/ket-noi/doanh-nghiep/",
        f"{base}/",
        f"{base}/ho-so/",
        f"{base}/chao-hang/?q=na",
        f"{base}/nhu-cau/them/",
        f"{base}/goi-y/",
        f"{base}/gap/",
        f"{base}/gap/{meeting.pk}/",
        f"{base}/lich/",
    ):
        blocking += page_audit(page, demo_site, path)
    page.context.clear_cookies()
    log_in(page, demo_site, "dongbanh@htx.local")
    blocking += page_audit(page, demo_site, f"{base}/chao-hang/them/")
    page.context.clear_cookies()
    log_in(page, demo_site, "agreements@htx.local")
    for path in (
        "/ket-noi/",
        f"{base}/thiet-lap/",
        f"{base}/tham-gia/",
        f"{base}/ban-gap/",
        f"{base}/xep-lich/",
        f"{base}/gap/tat-ca/",
        f"{base}/diem-danh/",
        f"{base}/ket-qua/",
    ):
        blocking += page_audit(page, demo_site, path)
    page.context.clear_cookies()
    log_in(page, demo_site, "moderator@htx.local")
    blocking += page_audit(page, demo_site, "/ket-noi/doanh-nghiep/kiem-duyet/")

    assert blocking == [], report(blocking)
