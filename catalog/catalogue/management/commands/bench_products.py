"""Add generated products to the store, for the load benchmark (not for a live site).

``benchmarks/pages.py --products 10000`` runs it on the bench database. It
adds public, buyable products modelled on the demo's: each takes the title,
cooperative, category, unit, price, images and OCOP rating of one of the
store's listed products, with a grade and a pack size added to the title
("Mật ong hoa rừng Quảng Lạc nguyên chất chai 500 ml"), so search and
diacritics folding see real Vietnamese words. Some get an OCOP certificate
(a few already expired); images reuse the originals' files, whose
thumbnails already exist.

Rows are written with ``bulk_create`` in batches, which skips the signals,
so the command indexes the products for search itself, through the same
code the indexing task runs. It is idempotent: it counts the products it
made before (UPC ``BENCH-…``) and adds only the missing ones, and indexes
any of them the index lacks (an interrupted run resumes).
"""

import datetime
import random
import time
from dataclasses import dataclass
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from oscar.core.loading import get_model
from oscar.core.utils import slugify

from catalog.catalogue.page_cache import store_changed
from catalog.catalogue.selectors import product_list_browsable
from catalog.cooperatives.models import (
    ApprovalStatus,
    Cooperative,
    OcopCertificate,
    ProductListing,
)
from marketplace.search.indexing import products_reindex

Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

#: Prefix of the UPC (and stock SKU, certificate number) of generated products.
UPC_PREFIX = "BENCH-"
#: Grades added to a title; "" keeps the plain title.
GRADES = (
    "",
    "",
    "loại 1",
    "loại đặc biệt",
    "thượng hạng",
    "hữu cơ",
    "vụ mới",
    "truyền thống",
    "nguyên chất",
    "tuyển chọn",
    "gia truyền",
)
#: Pack sizes by the listing's unit, with the price factor of each.
PACKS: dict[str, tuple[tuple[str, float], ...]] = {
    "kg": (("túi 500 g", 0.5), ("túi 1 kg", 1), ("túi 2 kg", 2), ("thùng 5 kg", 5)),
    "hộp": (("hộp nhỏ", 0.6), ("hộp quà", 1.3), ("hộp quà Tết", 1.6), ("hộp 6 gói", 2)),
    "chai": (("chai 250 ml", 0.5), ("chai 500 ml", 1), ("chai 1 lít", 1.8)),
    "gói": (("gói 100 g", 0.5), ("gói 200 g", 1), ("gói 500 g", 2.2), ("túi zip", 1)),
}
OTHER_PACKS = (("gói nhỏ", 0.6), ("loại lớn", 1.5))
#: Share of the products whose model has an OCOP rating that get one too,
#: and of the others that get three stars.
RATED_SHARE, UNRATED_SHARE = 0.7, 0.15
#: Share of the rated products that are rated five stars (national level).
NATIONAL_SHARE = 0.05
#: Share of certificates that have already expired (no badge, no stars).
EXPIRED_SHARE = 0.05


@dataclass(frozen=True)
class Model:
    """One listed product the generated ones are modelled on."""

    title: str
    product_class_id: int
    cooperative: Cooperative
    category_id: int | None
    unit: str
    origin: str
    shelf_life: str
    price: int
    stars: int | None
    images: tuple[tuple[str, str], ...]


def bench_models() -> list[Model]:
    """Return the store's listed, public products to model products on."""
    queryset = (
        product_list_browsable()
        .exclude(upc__startswith=UPC_PREFIX)
        .filter(listing__isnull=False)
        .prefetch_related("categories")
        .order_by("pk")
    )
    models = []
    for product in queryset:
        stockrecords = list(product.stockrecords.all())
        if not stockrecords or stockrecords[0].price is None:
            continue
        categories = list(product.categories.all())
        certificate = getattr(product, "ocop_certificate", None)
        listing = product.listing
        models.append(
            Model(
                title=product.title,
                product_class_id=product.product_class_id,
                cooperative=listing.cooperative,
                category_id=categories[0].pk if categories else None,
                unit=listing.unit,
                origin=listing.origin,
                shelf_life=listing.shelf_life,
                price=int(stockrecords[0].price),
                stars=certificate.stars if certificate else None,
                images=tuple(
                    (image.original.name, image.caption)
                    for image in product.images.all()
                ),
            )
        )
    return models


def bench_products_create(
    *, count: int, seed: int = 42, batch_size: int = 1000, progress=None
) -> int:
    """Make the store hold ``count`` generated products; return how many were added.

    Raise ``ValueError`` when there is nothing to model them on (load the
    demo first) or when the store already holds more than ``count``.
    """
    have = Product.objects.filter(upc__startswith=UPC_PREFIX).count()
    if have > count:
        raise ValueError(
            f"The database already holds {have} generated products, more than "
            f"{count}: use another database."
        )
    models = bench_models()
    if have < count and not models:
        raise ValueError("No listed product to model products on: load the demo.")
    cooperatives = list(Cooperative.objects.approved().select_related("partner"))
    by_province: dict[int, list[Cooperative]] = {}
    for cooperative in cooperatives:
        by_province.setdefault(cooperative.province_code, []).append(cooperative)
    today = timezone.localdate()
    for start in range(have, count, batch_size):
        stop = min(start + batch_size, count)
        # One generator per batch: a resumed run makes the same products.
        rng = random.Random(f"{seed}-{start}")
        with transaction.atomic():
            _batch_create(
                range(start, stop),
                rng=rng,
                models=models,
                by_province=by_province,
                today=today,
            )
        if progress:
            progress(stop, count)
    if count > have:
        # bulk_create sends no signals: tell the page cache itself.
        store_changed()
    bench_products_index(batch_size=500)
    return count - have


def bench_products_index(*, batch_size: int = 500) -> int:
    """Index the generated products that search does not know yet; return how many."""
    missing = list(
        Product.objects.filter(
            upc__startswith=UPC_PREFIX, search_entry__isnull=True
        ).values_list("pk", flat=True)
    )
    for start in range(0, len(missing), batch_size):
        products_reindex(missing[start : start + batch_size])
    return len(missing)


def _batch_create(numbers, *, rng, models, by_province, today) -> None:
    plans = []
    for number in numbers:
        model = rng.choice(models)
        cooperative = model.cooperative
        # Most products stay with their model's cooperative; the rest go to
        # another one of the same province, where the place name holds.
        if rng.random() > 0.7:
            cooperative = rng.choice(
                by_province.get(cooperative.province_code) or [cooperative]
            )
        pack, factor = rng.choice(PACKS.get(model.unit, OTHER_PACKS))
        title = " ".join(
            part for part in (model.title, rng.choice(GRADES), pack) if part
        )
        price = max(10_000, round(model.price * factor * rng.uniform(0.85, 1.2), -3))
        upc = f"{UPC_PREFIX}{number:06d}"
        plans.append((number, upc, model, cooperative, title, price))

    products = Product.objects.bulk_create(
        [
            Product(
                upc=upc,
                title=title,
                slug=slugify(title),
                product_class_id=model.product_class_id,
                structure=Product.STANDALONE,
                is_public=True,
                description=(
                    f"<p>{title} do {cooperative.name} sản xuất, "
                    f"bán theo {model.unit}.</p>"
                ),
                priority=10 if model.stars else 0,
            )
            for number, upc, model, cooperative, title, price in plans
        ]
    )
    stockrecords, categories, listings, certificates, images = [], [], [], [], []
    now = timezone.now()
    for product, (number, upc, model, cooperative, _title, price) in zip(
        products, plans, strict=True
    ):
        stockrecords.append(
            StockRecord(
                product=product,
                partner_id=cooperative.partner_id,
                partner_sku=upc,
                price=Decimal(int(price)),
                num_in_stock=rng.randint(20, 500),
                num_allocated=0,
            )
        )
        if model.category_id:
            categories.append(
                ProductCategory(product=product, category_id=model.category_id)
            )
        listings.append(
            ProductListing(
                product=product,
                cooperative=cooperative,
                unit=model.unit,
                origin=model.origin,
                shelf_life=model.shelf_life,
                status=ApprovalStatus.APPROVED,
                submitted_at=now,
                reviewed_at=now,
            )
        )
        stars = None
        if rng.random() < (RATED_SHARE if model.stars else UNRATED_SHARE):
            stars = model.stars or 3
            # National five-star ratings are rare, and the demo has none.
            if rng.random() < NATIONAL_SHARE:
                stars = 5
        if stars:
            certificates.append(
                _certificate(
                    product,
                    number=number,
                    stars=stars,
                    province=cooperative.province_name,
                    rng=rng,
                    today=today,
                )
            )
        for order, (name, caption) in enumerate(model.images):
            images.append(
                ProductImage(
                    product=product, original=name, caption=caption, display_order=order
                )
            )
    StockRecord.objects.bulk_create(stockrecords)
    ProductCategory.objects.bulk_create(categories)
    ProductListing.objects.bulk_create(listings)
    OcopCertificate.objects.bulk_create(certificates)
    ProductImage.objects.bulk_create(images)


def _certificate(
    product, *, number: int, stars: int, province: str, rng, today
) -> OcopCertificate:
    # bulk_create skips save(), which fills the expiry and the level.
    if rng.random() < EXPIRED_SHARE:
        expires_on = today - datetime.timedelta(days=rng.randint(1, 300))
    else:
        expires_on = today + datetime.timedelta(days=rng.randint(30, 1000))
    return OcopCertificate(
        product=product,
        stars=stars,
        number=f"{UPC_PREFIX}{number:06d}/QĐ-UBND",
        level=OcopCertificate.level_for_stars(stars),
        issuing_body=f"UBND tỉnh {province}",
        issued_on=expires_on
        - datetime.timedelta(days=OcopCertificate.DEFAULT_VALIDITY_MONTHS * 30),
        expires_on=expires_on,
    )


class Command(BaseCommand):
    help = (
        "Add generated public products (modelled on the demo's) until the store "
        "holds COUNT of them, and index them for search. For the load benchmark."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True)
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument("--batch-size", type=int, default=1000)

    def handle(self, *args, count: int, seed: int, batch_size: int, **options):
        started = time.perf_counter()

        def progress(done: int, total: int) -> None:
            self.stdout.write(f"  {done}/{total} products")

        try:
            added = bench_products_create(
                count=count, seed=seed, batch_size=batch_size, progress=progress
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"{added} products added ({count} generated in all), "
                f"in {time.perf_counter() - started:.1f}s."
            )
        )
