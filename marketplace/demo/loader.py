"""Load the demo: one call per part, each idempotent (get-or-create by a key).

Running ``demo_load`` twice changes nothing the second time.
"""

import datetime
import io
import json
from dataclasses import dataclass
from decimal import Decimal

from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from oscar.core.loading import get_model
from wagtail.images import get_image_model
from wagtail.models import Page

from cms.models import (
    AnnouncementIndexPage,
    AnnouncementPage,
    ArticlePage,
    HomePage,
    NewsIndexPage,
)
from marketplace import roles
from marketplace.sites import sites_configure

from . import data
from .images import picture_jpeg
from .seed_documents import SEED_DOCUMENTS, seed_parts

Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
Category = get_model("catalogue", "Category")
User = get_user_model()
WagtailImage = get_image_model()


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    password: str


#: One login per role. These passwords are for the demo only.
DEMO_LOGINS = [
    DemoLogin("admin", "admin@htx.local", "admin-demo-2024"),
    DemoLogin("editor", "editor@htx.local", "editor-demo-2024"),
    DemoLogin("moderator", "moderator@htx.local", "moderator-demo-2024"),
    DemoLogin("agreements staff", "agreements@htx.local", "agreements-demo-2024"),
    DemoLogin("buyer", "buyer@htx.local", "buyer-demo-2024"),
    DemoLogin("cooperative staff", "dongbanh@htx.local", "coop-demo-2024"),
    DemoLogin("cooperative staff", "quoison@htx.local", "coop-demo-2024"),
]
_LOGIN_GROUPS = {
    "editor": [roles.EDITORS],
    "moderator": [roles.MODERATORS],
    "agreements staff": [roles.AGREEMENTS_STAFF],
    "cooperative staff": [roles.COOPERATIVE_STAFF],
}
_COOP_STAFF = dict(
    zip(
        ["dongbanh@htx.local", "quoison@htx.local"],
        data.STAFFED_COOPERATIVES,
        strict=True,
    )
)


@transaction.atomic
def demo_load() -> dict[str, int]:
    """Load every part of the demo and return how many rows each part holds."""
    roles.roles_sync(apps=django_apps)
    partners = demo_cooperatives()
    products = demo_products(partners=partners)
    users = demo_users(partners=partners)
    pages = demo_pages()
    return {
        "cooperatives": len(partners),
        "products": len(products),
        "users": len(users),
        "pages": pages,
    }


def demo_cooperatives() -> dict[str, "Partner"]:
    """Create one Oscar partner per demo cooperative."""
    partners = {}
    for slug, facts in data.COOPERATIVES.items():
        partner, _ = Partner.objects.get_or_create(
            code=slug, defaults={"name": facts["name"]}
        )
        partners[slug] = partner
    return partners


def _category(slug: str, name: str) -> "Category":
    category = Category.objects.filter(slug=slug).first()
    if category is None:
        category = Category.add_root(name=name, slug=slug, is_public=True)
    return category


def demo_products(*, partners: dict[str, "Partner"]) -> list["Product"]:
    """Create the catalogue: a product class, categories, products, stock, images."""
    product_class, _ = ProductClass.objects.get_or_create(
        slug="san-pham-ocop",
        defaults={
            "name": "Sản phẩm OCOP",
            "requires_shipping": True,
            "track_stock": True,
        },
    )
    categories = {slug: _category(slug, name) for slug, name in data.CATEGORIES.items()}
    products = []
    for row in data.PRODUCTS:
        upc, title, coop, category, price, unit, stars, stock = row
        product, created = Product.objects.get_or_create(
            upc=upc,
            defaults={
                "title": title,
                "product_class": product_class,
                "is_public": True,
                "description": _product_description(title, coop, unit, stars),
                "priority": 10 if stars else 0,
            },
        )
        if created:
            ProductCategory.objects.create(
                product=product, category=categories[category]
            )
        StockRecord.objects.get_or_create(
            product=product,
            partner=partners[coop],
            defaults={
                "partner_sku": upc,
                "price": Decimal(price),
                "num_in_stock": stock,
            },
        )
        if not product.images.exists():
            for variant in range(2):
                ProductImage.objects.create(
                    product=product,
                    display_order=variant,
                    original=ContentFile(
                        picture_jpeg(title, variant=variant), name=f"{upc.lower()}.jpg"
                    ),
                    caption=title,
                )
        products.append(product)
    return products


def _product_description(title: str, coop: str, unit: str, stars: int | None) -> str:
    facts = data.COOPERATIVES[coop]
    text = (
        f"<p>{title} do {facts['name']} ({facts['province']}) sản xuất, "
        f"bán theo {unit}.</p>"
    )
    if stars:
        text += f"<p>Sản phẩm đạt chứng nhận OCOP {stars} sao.</p>"
    return text


def demo_users(*, partners: dict[str, "Partner"]) -> list:
    """Create one login per role; cooperative staff join their partner."""
    users = []
    for login in DEMO_LOGINS:
        username = login.email.split("@")[0]
        user = User.objects.filter(email=login.email).first()
        if user is None:
            user = User(username=username, email=login.email)
            user.first_name = login.role.capitalize()
            user.set_password(login.password)
            user.is_staff = login.role in {"admin", "moderator", "agreements staff"}
            user.is_superuser = login.role == "admin"
            user.save()
        for group_name in _LOGIN_GROUPS.get(login.role, []):
            user.groups.add(Group.objects.get(name=group_name))
        if login.email in _COOP_STAFF:
            partners[_COOP_STAFF[login.email]].users.add(user)
        users.append(user)
    return users


def _child(parent: Page, page_class, slug: str, **fields) -> Page:
    """Return ``parent``'s child page ``slug``, publishing it when it is new."""
    existing = page_class.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing
    page = page_class(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _wagtail_image(title: str) -> "WagtailImage":
    image = WagtailImage.objects.filter(title=title).first()
    if image is None:
        from marketplace.text import slugify_vi

        image = WagtailImage(
            title=title,
            file=ImageFile(
                io.BytesIO(picture_jpeg(title)), name=f"{slugify_vi(title)[:60]}.jpg"
            ),
        )
        image.save()
    return image


def demo_pages() -> int:
    """Create the portal's page tree and publish the seed documents in it."""
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(
            title="Liên minh Hợp tác xã tỉnh",
            slug="trang-chu",
            intro=(
                "<p>Tin tức của Liên minh, sản phẩm OCOP của các hợp tác xã và kết nối "
                "tiêu thụ giữa hợp tác xã với doanh nghiệp.</p>"
            ),
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    sites_configure(root_page=home)
    # Wagtail's migrations leave a "Welcome" page under the root; drop it.
    Page.objects.child_of(root).exclude(pk=home.pk).filter(
        depth=2, content_type__model="page"
    ).delete()

    news = _child(
        home,
        NewsIndexPage,
        "tin-tuc",
        title="Tin tức",
        intro="<p>Hoạt động của Liên minh và các hợp tác xã.</p>",
    )
    documents = _child(
        home,
        AnnouncementIndexPage,
        "van-ban",
        title="Văn bản",
        intro="<p>Thông báo, công văn và báo cáo.</p>",
    )
    for seed in SEED_DOCUMENTS:
        paragraphs, recipients = seed_parts(seed)
        if seed.kind == "article":
            _child(
                news,
                ArticlePage,
                seed.slug,
                title=seed.title,
                date=seed.date,
                author=seed.author,
                intro=seed.summary,
                category="news",
                body=json.dumps(
                    [{"type": "paragraph", "value": p} for p in paragraphs]
                ),
            )
        else:
            _child(
                documents,
                AnnouncementPage,
                seed.slug,
                title=seed.title,
                kind=seed.kind,
                document_number=seed.number,
                issuing_body=seed.issuing_body,
                date=seed.date,
                signer=seed.signer,
                summary=seed.summary,
                body="".join(paragraphs),
                recipients="\n".join(recipients),
            )
    for index, (slug, title, category, intro) in enumerate(_EXTRA_ARTICLES):
        image = _wagtail_image(title)
        _child(
            news,
            ArticlePage,
            slug,
            title=title,
            date=datetime.date(2024, 6, 20) + datetime.timedelta(days=9 * index),
            author="Ban biên tập",
            intro=intro,
            category=category,
            image=image,
            body=json.dumps(
                [
                    {"type": "paragraph", "value": f"<p>{intro}</p>"},
                    {
                        "type": "image",
                        "value": {
                            "image": image.pk,
                            "caption": title,
                            "attribution": "",
                        },
                    },
                ]
            ),
        )
    return Page.objects.live().descendant_of(home, inclusive=True).count()


_EXTRA_ARTICLES = [
    (
        "hoi-nghi-ket-noi-tieu-thu-san-pham-htx-2024",
        "Hội nghị gặp mặt, kết nối tiêu thụ sản phẩm của các hợp tác xã năm 2024",
        "trade",
        "Hơn 40 biên bản thỏa thuận được ký giữa các hợp tác xã và doanh nghiệp "
        "phân phối, siêu thị tại hội nghị.",
    ),
    (
        "na-chi-lang-vao-mua-thu-hoach",
        "Na Chi Lăng vào mùa thu hoạch, hợp tác xã đẩy mạnh bán hàng trực tuyến",
        "models",
        "HTX DV&SX nông nghiệp Đồng Bành đưa sản phẩm na OCOP 4 sao lên sàn thương "
        "mại điện tử của Liên minh.",
    ),
    (
        "tap-huan-chuyen-doi-so-cho-hop-tac-xa",
        "Tập huấn chuyển đổi số cho cán bộ quản lý hợp tác xã",
        "events",
        "Liên minh HTX tỉnh tổ chức lớp tập huấn sử dụng nền tảng số để quảng bá và "
        "tiêu thụ sản phẩm.",
    ),
]
