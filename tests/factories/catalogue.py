"""Build catalogue rows for tests: products with price, stock and an image."""

import io
from decimal import Decimal

from django.core.files.base import ContentFile
from oscar.core.loading import get_model
from PIL import Image

Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductImage = get_model("catalogue", "ProductImage")
Category = get_model("catalogue", "Category")
ProductCategory = get_model("catalogue", "ProductCategory")


def tiny_jpeg(colour=(200, 120, 40)) -> bytes:
    """Return a small valid JPEG."""
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(buffer, format="JPEG")
    return buffer.getvalue()


def partner_create(*, name: str = "HTX Thử nghiệm", code: str | None = None):
    return Partner.objects.create(
        name=name, code=code or name.lower().replace(" ", "-")
    )


def product_class_get():
    product_class, _ = ProductClass.objects.get_or_create(
        slug="san-pham-ocop",
        defaults={"name": "Sản phẩm OCOP", "track_stock": True},
    )
    return product_class


def category_create(*, name: str = "Trái cây", slug: str = "trai-cay"):
    return Category.add_root(name=name, slug=slug, is_public=True)


def product_create(
    *,
    title: str = "Na Chi Lăng",
    price: int = 60000,
    stock: int = 10,
    partner=None,
    category=None,
    image: bool = True,
    upc: str | None = None,
):
    """Create a public product with a stock record (price in dong) and an image."""
    product = Product.objects.create(
        title=title,
        product_class=product_class_get(),
        is_public=True,
        upc=upc or "",
    )
    StockRecord.objects.create(
        product=product,
        partner=partner or partner_create(name=f"HTX {title}", code=f"p{product.pk}"),
        partner_sku=f"SKU-{product.pk}",
        price=Decimal(price),
        num_in_stock=stock,
    )
    if category is not None:
        ProductCategory.objects.create(product=product, category=category)
    if image:
        ProductImage.objects.create(
            product=product,
            original=ContentFile(tiny_jpeg(), name=f"p{product.pk}.jpg"),
            display_order=0,
        )
    return product
