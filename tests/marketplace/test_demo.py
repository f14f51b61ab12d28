"""`manage.py demo` loads what the issue asks for; running it twice changes nothing."""

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import call_command
from oscar.core.loading import get_model
from wagtail.models import Page

from cms.models import AnnouncementPage, ArticlePage, ReportPage
from marketplace.demo.loader import DEMO_LOGINS

Product = get_model("catalogue", "Product")
Partner = get_model("partner", "Partner")

pytestmark = pytest.mark.django_db

REQUIRED_PRODUCTS = [
    "Na Chi Lăng",
    "Mật ong ngũ gia bì",
    "Chè dưới tán hồi",
    "Quýt vàng Bắc Sơn",
    "Tinh dầu hồi Văn Quan",
    "Thạch đen Tràng Định",
    "Bưởi da xanh Quới Sơn",
    "Sầu riêng Tân Phú",
    "Kẹo dừa Bến Tre",
]


def _row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if not model._meta.proxy
    }


def test_demo_is_idempotent(capsys):
    call_command("demo")
    before = _row_counts()

    call_command("demo")

    assert _row_counts() == before


def test_demo_prints_one_login_per_role(capsys):
    call_command("demo")

    out = capsys.readouterr().out
    for login in DEMO_LOGINS:
        assert login.email in out and login.password in out


def test_demo_logins_authenticate(demo):
    for login in DEMO_LOGINS:
        assert authenticate(username=login.email, password=login.password), login.role


def test_demo_has_cooperatives_and_products_with_images_and_prices(demo):
    assert Partner.objects.count() >= 10
    products = Product.objects.filter(is_public=True)
    assert products.count() >= 40
    for product in products.prefetch_related("images", "stockrecords"):
        assert product.images.exists(), product.title
        record = product.stockrecords.get()
        assert record.price > 0 and record.price == record.price.to_integral_value()
    titles = set(products.values_list("title", flat=True))
    assert set(REQUIRED_PRODUCTS) <= titles


def test_demo_publishes_the_seed_documents_with_numbers_and_dates(demo):
    numbered = dict(
        AnnouncementPage.objects.live().values_list("document_number", "date")
    )
    assert str(numbered["538/UBND-KTTH"]) == "2019-06-11"
    assert str(numbered["/TB-UBND"]) == "2024-06-12"
    assert AnnouncementPage.objects.live().count() == 3
    report = ReportPage.objects.live().get()
    assert (report.document_number, str(report.date)) == ("45/BC-LMHTX", "2023-07-07")
    article = ArticlePage.objects.live().get(author="Thanh Bình")
    assert str(article.date) == "2023-08-15"


def test_every_demo_page_opens_in_the_editor(demo, admin_client):
    # Misnested rich text (<b><i>…</b></i>) made Wagtail's editor fail with 500.
    pages = Page.objects.filter(depth__gt=1)

    statuses = {
        page.title: admin_client.get(f"/cms/pages/{page.pk}/edit/").status_code
        for page in pages
    }

    assert len(statuses) >= 10
    assert set(statuses.values()) == {200}, statuses


def test_each_demo_login_reaches_its_work_area_with_no_is_staff_but_the_admin(
    demo, client
):
    from django.contrib.auth import get_user_model

    work_areas = {
        "finance@htx.local": "/shop/checkout/staff/bank-transfers/",
        "moderator@htx.local": "/shop/hop-tac-xa/kiem-duyet/",
        "agreements@htx.local": "/agreements/dashboard/",
        "editor@htx.local": "/cms/",
        "dongbanh@htx.local": "/shop/hop-tac-xa/quan-ly/",
        "admin@htx.local": "/django-admin/",
    }
    users = get_user_model().objects.filter(
        email__in=[login.email for login in DEMO_LOGINS]
    )

    assert {u.email for u in users if u.is_staff} == {"admin@htx.local"}
    for email, url in work_areas.items():
        client.force_login(users.get(email=email))
        assert client.get(url).status_code == 200, email
