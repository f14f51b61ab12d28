"""No English left on Vietnamese pages, no Vietnamese left on English pages.

The test client walks the public pages, the basket, every checkout step (as
a guest and as a logged-in buyer) up to the thank-you page, the account pages
and the order-status lookup, in each language (chosen by the language cookie
and Accept-Language). From each page it takes the text a visitor meets (the
text, and the attributes screen readers and forms show) and flags:

- on a Vietnamese page, a word that cannot be a Vietnamese syllable;
- on an English page, a word with Vietnamese letters;

unless the word is stored content (products, cooperatives, categories,
pages, people, places) or on the short ``ALLOWED`` lists of
``tests/language_rules.py``.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from oscar.core.loading import get_model

from catalog.cooperatives.models import Cooperative
from cms.models import (
    AnnouncementIndexPage,
    AnnouncementPage,
    ArticlePage,
    ConferenceIndexPage,
    ConferencePage,
    NewsIndexPage,
    ReportIndexPage,
    ReportPage,
)
from marketplace.core import vn_units
from tests.language_rules import (
    content_words,
    foreign_words,
    is_vietnamese_syllable,
    shown_text,
    words,
)

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
Order = get_model("order", "Order")
ProductReview = get_model("reviews", "ProductReview")

pytestmark = pytest.mark.django_db

# --- the walk ------------------------------------------------------------------


class Walk:
    """A test client browsing in one language, noting foreign words per page."""

    def __init__(self, client, language: str):
        self.client = client
        self.language = language
        self.content = content_words()
        self.found: dict[str, list[str]] = {}
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = language

    def note(self, name: str, response, *, status: int = 200) -> None:
        """Check one response's page for words of the other language."""
        assert response.status_code == status, (
            f"{name} answered {response.status_code}, not {status}"
        )
        html = response.content.decode()
        foreign = foreign_words(html, language=self.language, content=self.content)
        if foreign:
            self.found[name] = foreign

    def get(self, name: str, url: str, *, status: int = 200, typed: str = ""):
        """Get a page; ``typed`` is what the visitor typed (shown back)."""
        self.content |= {word.lower() for word in words(typed)}
        response = self.client.get(url, follow=True)
        self.note(name, response, status=status)
        return response

    def post(self, name: str, url: str, data: dict, *, status: int = 200):
        response = self.client.post(url, data, follow=True)
        self.note(name, response, status=status)
        return response

    def note_mail(self, name: str) -> None:
        """Check the e-mails sent so far (subject, text and HTML parts)."""
        for number, message in enumerate(mail.outbox, start=1):
            parts = [
                f"<p>{escape(message.subject)}</p><pre>{escape(message.body)}</pre>"
            ]
            parts.extend(body for body, _ in getattr(message, "alternatives", []))
            foreign = foreign_words(
                "".join(parts), language=self.language, content=self.content
            )
            if foreign:
                self.found[f"{name} {number}: {message.subject}"] = foreign
        mail.outbox.clear()

    def report(self) -> str:
        return "\n".join(
            f"{page}: {', '.join(found)}" for page, found in self.found.items()
        )


LANGUAGES = ["vi", "en"]


def _first_live(model):
    return model.objects.live().public().first()


@pytest.mark.parametrize("language", LANGUAGES)
def test_public_pages_show_only_their_language(client, demo, language):

    walk = Walk(client, language)
    product = Product.objects.get(title="Mật ong ngũ gia bì")
    category = Category.objects.get(slug="trai-cay")
    cooperative = Cooperative.objects.filter(status="approved").first()

    walk.get("home", "/")
    walk.get("news", _first_live(NewsIndexPage).url)
    walk.get("article", _first_live(ArticlePage).url)
    walk.get("announcement", _first_live(AnnouncementPage).url)
    for model in (AnnouncementIndexPage, ReportIndexPage, ConferenceIndexPage):
        for index in model.objects.live().public():
            walk.get(f"section {index.slug}", index.url)
    walk.get("report", _first_live(ReportPage).url)
    walk.get("conference", _first_live(ConferencePage).url)
    walk.get("catalogue", reverse("catalogue:index"))
    walk.get("category", category.get_absolute_url())
    ProductReview.objects.create(
        product=product,
        score=5,
        title="Mật ong thơm",
        body="Mật ong đặc, thơm, giao hàng nhanh.",
        name="Trần Thị Bình",
        email="binh@example.vn",
        status=ProductReview.APPROVED,
    )
    walk.get("product", product.get_absolute_url())
    product_kwargs = {"product_slug": product.slug, "product_pk": product.pk}
    walk.get("reviews", reverse("catalogue:reviews-list", kwargs=product_kwargs))
    walk.get("write a review", reverse("catalogue:reviews-add", kwargs=product_kwargs))
    walk.get("search", reverse("product-search") + "?q=mat+ong")
    walk.get("search, news", reverse("product-search") + "?q=hop+tac&tab=news")
    walk.get(
        "search, nothing found",
        reverse("product-search") + "?q=zzzzqqq",
        typed="zzzzqqq",
    )
    walk.get("directory", reverse("cooperatives:directory"))
    walk.get("storefront", cooperative.get_absolute_url())
    walk.get("cooperative registration", reverse("cooperatives:register"))
    walk.get("login and registration", reverse("customer:login"))
    walk.get("registration", reverse("customer:register"))
    walk.post(
        "registration with errors",
        reverse("customer:register"),
        {"email": "not-an-address", "password1": "a", "password2": "b"},
    )
    walk.get("password reset", reverse("password-reset"))
    walk.post(
        "login with a wrong password",
        reverse("customer:login"),
        {
            "login_submit": "1",
            "login-username": "buyer@htx.local",
            "login-password": "wrong",
        },
    )
    walk.get("basket, empty", reverse("basket:summary"))
    walk.get("page not found", "/khong-co-trang-nay/", status=404)
    walk.get("store page not found", "/shop/catalogue/khong-co/", status=404)

    assert not walk.found, "words of the other language:\n" + walk.report()


def _address(**extra):
    province = vn_units.province_choices()[0][0]
    ward = vn_units.ward_choices(province_code=province)[0][0]
    return {
        "first_name": "Nguyễn Văn An",
        "phone_number": "0912 345 678",
        "line1": "12 Phố Huế",
        "notes": "",
        "province": str(province),
        "ward": str(ward),
        **extra,
    }


def _checkout(walk: Walk, *, guest: bool) -> Order:
    """Walk every checkout step from the basket to the thank-you page."""
    who = "guest" if guest else "buyer"
    product = Product.objects.get(title="Mật ong ngũ gia bì")
    walk.post(
        f"{who}: added to basket",
        reverse("basket:add", kwargs={"pk": product.pk}),
        {"quantity": 2},
    )
    walk.get(f"{who}: basket", reverse("basket:summary"))
    response = walk.get(f"{who}: checkout", reverse("checkout:index"))
    if guest and "username" in response.content.decode():
        walk.post(
            f"{who}: checkout, no e-mail",
            reverse("checkout:index"),
            {"options": "anonymous"},
        )
        walk.post(
            f"{who}: checkout as a guest",
            reverse("checkout:index"),
            {
                "username": "khach@example.vn",
                "options": "anonymous",
            },
        )
    walk.get(f"{who}: shipping address", reverse("checkout:shipping-address"))
    walk.post(
        f"{who}: shipping address with errors",
        reverse("checkout:shipping-address"),
        {"first_name": "", "phone_number": "12"},
    )
    # The payment method may sit on the address step (cash on delivery).
    walk.post(
        f"{who}: shipping address given",
        reverse("checkout:shipping-address"),
        _address(payment_method="cod"),
    )
    walk.get(f"{who}: shipping method", reverse("checkout:shipping-method"))
    walk.get(f"{who}: payment", reverse("checkout:payment-details"))
    walk.post(f"{who}: payment not chosen", reverse("checkout:preview"), {})
    walk.post(
        f"{who}: order preview", reverse("checkout:preview"), {"payment_method": "cod"}
    )
    response = walk.post(
        f"{who}: thank you", reverse("checkout:preview"), {"action": "place_order"}
    )
    assert response.redirect_chain[-1][0] == reverse("checkout:thank-you")
    return Order.objects.latest("date_placed")


@pytest.mark.parametrize("language", LANGUAGES)
def test_guest_checkout_shows_only_its_language(client, demo, language):
    walk = Walk(client, language)

    order = _checkout(walk, guest=True)

    walk.note_mail("guest: e-mail")
    walk.get(
        "guest: order status form",
        reverse(
            "customer:anon-order-form",
            kwargs={"order_number": order.number, "hash": order.verification_hash()},
        ),
    )
    walk.get(
        "guest: order status",
        reverse(
            "customer:anon-order",
            kwargs={"order_number": order.number, "hash": order.verification_hash()},
        ),
    )
    assert not walk.found, "words of the other language:\n" + walk.report()


@pytest.mark.parametrize("language", LANGUAGES)
def test_buyer_checkout_and_account_show_only_their_language(client, demo, language):
    buyer = get_user_model().objects.get(email="buyer@htx.local")
    client.force_login(buyer)
    walk = Walk(client, language)

    order = _checkout(walk, guest=False)
    assert mail.outbox, "the order confirmation went out"
    walk.note_mail("buyer: e-mail")

    for name in (
        "summary",
        "profile-update",
        "change-password",
        "order-list",
        "address-list",
        "address-create",
        "wishlists-list",
        "alerts-list",
        "notifications-inbox",
        "email-list",
    ):
        walk.get(f"account: {name}", reverse(f"customer:{name}"))
    walk.get(
        "account: order",
        reverse("customer:order", kwargs={"order_number": order.number}),
    )
    assert not walk.found, "words of the other language:\n" + walk.report()


# --- the checks themselves ---------------------------------------------------------


@pytest.mark.parametrize(
    "word",
    [
        "nghiêng",
        "Giỏ",
        "hàng",
        "Thanh",
        "toán",
        "khuyến",
        "mãi",
        "quyển",
        "Đặt",
        "ưu",
        "đãi",
    ],
)
def test_vietnamese_words_are_syllables(word):
    assert is_vietnamese_syllable(word)


@pytest.mark.parametrize(
    "word",
    ["Page", "of", "Total", "basket", "Oops", "Toggle", "breadcrumb", "Permalink"],
)
def test_english_words_are_not_vietnamese_syllables(word):
    assert not is_vietnamese_syllable(word)


def test_shown_text_keeps_what_users_meet_and_drops_scripts():
    html = (
        '<nav aria-label="breadcrumb"><a title="Home">Trang chủ</a></nav>'
        "<script>var basket = 1;</script><style>.total{}</style>"
        '<img alt="Logo"><input type="search" placeholder="Search">'
        '<input type="hidden" value="secret"><input type="submit" value="Go">'
        "<button>Mua ngay</button>"
    )

    text = shown_text(html).split()

    assert text == [
        "breadcrumb",
        "Home",
        "Trang",
        "chủ",
        "Logo",
        "Search",
        "Go",
        "Mua",
        "ngay",
    ]


def test_foreign_words_on_a_vietnamese_page_leave_out_content_and_allowed_words():
    html = (
        "<p>Page 1 of 2 — Trang 1 / 2 — Mật ong HTX 500 ml — Hive</p>"
        '<a href="https://example.vn/x">buyer@htx.local</a>'
    )

    assert foreign_words(html, language="vi", content={"hive"}) == ["Page", "of"]


def test_foreign_words_on_an_english_page_are_vietnamese_words():
    html = "<p>Basket — Giỏ hàng — Bến Tre honey — Tiếng Việt</p>"

    assert foreign_words(html, language="en", content={"bến", "tre"}) == ["Giỏ", "hàng"]


def test_oscar_untrimmed_messages_are_translated():
    # Oscar's {% blocktrans %} without `trimmed` keeps the indentation in the
    # msgid; the project's catalogue carries the exact msgids.
    from django.template import Context, Template

    template = Template(
        "{% load i18n %}{% blocktrans with page_num=1 total_pages=2 %}\n"
        "                        Page {{ page_num }} of {{ total_pages }}\n"
        "                    {% endblocktrans %}"
    )

    with translation.override("vi"):
        text = template.render(Context()).strip()

    assert text == "Trang 1 / 2"
