"""Load the demo: one call per part, each idempotent (get-or-create by a key).

Running ``demo_load`` twice changes nothing the second time.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from oscar.core.loading import get_model

from catalog.cooperatives.models import Cooperative, OcopCertificate, ProductListing
from marketplace.core import roles

from . import data
from .agreements import demo_agreements
from .images import picture_jpeg
from .matchmaking import demo_matchmaking
from .news import demo_pages

Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
Category = get_model("catalogue", "Category")
User = get_user_model()


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    password: str
    #: (first name, last name): Vietnamese order, so the full name reads
    #: family name first ("Lê Thu Hà"). Wagtail's account form needs both.
    name: tuple[str, str] = ("", "")


#: One login per role. These passwords are for the demo only.
DEMO_LOGINS = [
    DemoLogin("admin", "admin@htx.local", "admin-demo-2024", ("Trần Quốc", "Bảo")),
    DemoLogin("editor", "editor@htx.local", "editor-demo-2024", ("Lê Thu", "Hà")),
    DemoLogin(
        "moderator", "moderator@htx.local", "moderator-demo-2024", ("Phạm Minh", "Đức")
    ),
    DemoLogin(
        "agreements staff",
        "agreements@htx.local",
        "agreements-demo-2024",
        ("Nguyễn Thị", "Lan"),
    ),
    DemoLogin(
        "finance staff", "finance@htx.local", "finance-demo-2024", ("Hoàng Văn", "Nam")
    ),
    DemoLogin("buyer", "buyer@htx.local", "buyer-demo-2024", ("Vũ Ngọc", "Anh")),
    DemoLogin(
        "cooperative staff",
        "dongbanh@htx.local",
        "coop-demo-2024",
        ("Hoàng Thị", "Mai"),
    ),
    DemoLogin(
        "cooperative staff",
        "quoison@htx.local",
        "coop-demo-2024",
        ("Trương Văn", "Sơn"),
    ),
    DemoLogin(
        "business staff",
        "doanhnghiep@htx.local",
        "business-demo-2024",
        ("Hoàng Văn", "Hải"),
    ),
]
_LOGIN_GROUPS = {
    "editor": [roles.EDITORS],
    "moderator": [roles.MODERATORS],
    "agreements staff": [roles.AGREEMENTS_STAFF],
    "finance staff": [roles.FINANCE_STAFF],
    "cooperative staff": [roles.COOPERATIVE_STAFF],
    "business staff": [roles.BUSINESS_STAFF],
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
    agreements = demo_agreements(partners=partners)
    # After the agreements: the conference page links to the register's conference.
    pages = demo_pages()
    # After the pages: the 2027 conference gets its page beside 2024's.
    matchmaking = demo_matchmaking()
    return {
        "cooperatives": len(partners),
        "products": len(products),
        "users": len(users),
        "pages": pages,
        "agreements": agreements,
        "participants": matchmaking["participants"],
        "meetings": matchmaking["meetings"],
    }


def demo_cooperatives() -> dict[str, "Partner"]:
    """Create each demo cooperative, approved, with its Oscar partner and profile."""
    partners = {}
    for slug, facts in data.COOPERATIVES.items():
        partner, _ = Partner.objects.get_or_create(
            code=slug, defaults={"name": facts["name"]}
        )
        profile = dict(data.PROFILES[slug])
        Cooperative.objects.get_or_create(
            slug=slug,
            defaults={
                "partner": partner,
                "name": facts["name"],
                "short_name": profile.pop("short_name"),
                "kind": profile.pop("kind", Cooperative.Kind.HTX),
                "province_code": data.PROVINCE_CODES[facts["province"]],
                "ward_code": profile.pop("ward"),
                "former_address": facts["former"],
                "email": f"{slug}@htx.local",
                "is_alliance_member": profile.pop("is_alliance_member", True),
                "description": profile["story"].split(".")[0] + ".",
                "status": Cooperative.Status.APPROVED,
                **data.SHIPPING.get(slug, data.DEFAULT_SHIPPING),
                **profile,
            },
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
        _demo_listing(product, coop=coop, category=category, unit=unit, stars=stars)
        products.append(product)
    return products


def _demo_listing(product, *, coop: str, category: str, unit: str, stars) -> None:
    """Give a demo product its listing (approved) and, if rated, its certificate."""
    facts = data.COOPERATIVES[coop]
    ProductListing.objects.get_or_create(
        product=product,
        defaults={
            "cooperative": Cooperative.objects.get(slug=coop),
            "unit": unit,
            "origin": facts["former"],
            "shelf_life": data.SHELF_LIFE[category],
            "status": ProductListing.Status.APPROVED,
        },
    )
    if not stars or OcopCertificate.objects.filter(product=product).exists():
        return
    today = timezone.localdate()
    issued_on = today - datetime.timedelta(days=100 + 7 * (product.pk % 40))
    expires_on = None
    if product.upc == data.OCOP_EXPIRING_SOON:
        expires_on = today + datetime.timedelta(days=45)
        issued_on = expires_on - datetime.timedelta(days=3 * 365)
    elif product.upc == data.OCOP_EXPIRED:
        expires_on = today - datetime.timedelta(days=30)
        issued_on = expires_on - datetime.timedelta(days=3 * 365)
    OcopCertificate.objects.create(
        product=product,
        stars=stars,
        number=f"{1000 + product.pk}/QĐ-UBND",
        issuing_body=f"UBND tỉnh {facts['province']}",
        issued_on=issued_on,
        expires_on=expires_on,
    )


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
            user.first_name, user.last_name = login.name
            user.set_password(login.password)
        # Every page checks a named permission; only Django's admin and
        # Oscar's own screens still read is_staff, and those are the admin's.
        user.is_staff = user.is_superuser = login.role == "admin"
        user.save()
        for group_name in _LOGIN_GROUPS.get(login.role, []):
            user.groups.add(Group.objects.get(name=group_name))
        if login.email in _COOP_STAFF:
            partners[_COOP_STAFF[login.email]].users.add(user)
        users.append(user)
    return users
