"""What search knows of a product, read from the catalogue in bulk.

One function builds the records both backends index, so they index the same
facts: name, description, cooperative, province, categories, OCOP stars and
expiry, price, availability and date. News pages likewise: title, intro,
body text, category, tags, date and URL.
"""

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Prefetch
from django.utils.html import strip_tags
from oscar.core.loading import get_model

from catalog.catalogue.selectors import product_list_browsable
from marketplace.core import vn_units

Category = get_model("catalogue", "Category")


@dataclass
class ProductRecord:
    product_id: int
    name: str
    description: str
    cooperative_name: str
    cooperative_slug: str
    province_code: int | None
    category_slugs: list[str] = field(default_factory=list)
    category_names: list[str] = field(default_factory=list)
    ocop_stars: int | None = None
    ocop_expires_on: datetime.date | None = None
    price: int | None = None
    available: bool = False
    date: datetime.datetime | None = None
    url: str = ""

    @property
    def province(self) -> str:
        return vn_units.province_name(self.province_code)

    def stars_on(self, day: datetime.date) -> int | None:
        """Return the OCOP stars in force on ``day``, None once expired."""
        if self.ocop_stars and self.ocop_expires_on and self.ocop_expires_on >= day:
            return self.ocop_stars
        return None


def indexable_products():
    """Return the products search may show: exactly those the catalogue lists."""
    return product_list_browsable().order_by()


def product_records(
    product_ids: Iterable[int] | None = None,
) -> Iterator[ProductRecord]:
    """Yield a record for each indexable product (of ``product_ids`` if given)."""
    queryset = (
        indexable_products()
        .select_related("listing__cooperative", "ocop_certificate")
        .prefetch_related(
            Prefetch(
                "categories", queryset=Category.objects.only("pk", "slug", "name")
            ),
            # The browsable queryset already prefetches stockrecords.
            "stockrecords__partner",
        )
    )
    if product_ids is not None:
        queryset = queryset.filter(pk__in=list(product_ids))
    for product in queryset.iterator(chunk_size=500):
        yield _record(product)


def _record(product) -> ProductRecord:
    listing = getattr(product, "listing", None)
    cooperative = getattr(listing, "cooperative", None) if listing else None
    certificate = getattr(product, "ocop_certificate", None)
    stockrecords = list(product.stockrecords.all())
    first = stockrecords[0] if stockrecords else None
    categories = list(product.categories.all())
    return ProductRecord(
        product_id=product.pk,
        name=product.title,
        description=strip_tags(product.description or ""),
        cooperative_name=(
            cooperative.name if cooperative else (first.partner.name if first else "")
        ),
        cooperative_slug=cooperative.slug if cooperative else "",
        province_code=cooperative.province_code if cooperative else None,
        category_slugs=[c.slug for c in categories],
        category_names=[c.name for c in categories],
        ocop_stars=certificate.stars if certificate else None,
        ocop_expires_on=certificate.expires_on if certificate else None,
        price=int(first.price) if first and first.price is not None else None,
        available=any(
            (s.num_in_stock or 0) - (s.num_allocated or 0) > 0 for s in stockrecords
        ),
        date=product.date_created,
        url=product.get_absolute_url(),
    )


# News ----------------------------------------------------------------------

#: The page types news search shows, by label: search reads pages through
#: the app registry and never imports the news site.
NEWS_PAGE_MODELS = ("cms.ArticlePage", "cms.AnnouncementPage", "cms.ReportPage")


@dataclass
class NewsRecord:
    page_id: int
    title: str
    intro: str
    body: str
    category: str
    tags: list[str] = field(default_factory=list)
    date: datetime.date | None = None
    url: str = ""


def news_page_models() -> list:
    """Return the installed news page models (none without the news site)."""
    models = []
    for label in NEWS_PAGE_MODELS:
        try:
            models.append(apps.get_model(label))
        except LookupError:
            continue
    return models


def is_news_page(page) -> bool:
    """Return whether ``page`` (specific or not) is of a kind news search shows."""
    names = {m._meta.label_lower for m in news_page_models()}
    # specific_class reads Django's content-type cache: no query.
    model = getattr(page, "specific_class", None) or type(page)
    return model._meta.label_lower in names


def news_records(page_ids: Iterable[int] | None = None) -> Iterator[NewsRecord]:
    """Yield a record for each live, public news page (of ``page_ids`` if given).

    Drafts, unpublished pages and pages behind a view restriction yield none.
    """
    ids = None if page_ids is None else list(page_ids)
    for model in news_page_models():
        queryset = model.objects.live().public().order_by("pk")
        if ids is not None:
            queryset = queryset.filter(pk__in=ids)
        if "tags" in {f.name for f in model._meta.get_fields()}:
            queryset = queryset.prefetch_related("tags")
        for page in queryset.iterator(chunk_size=200):
            yield _news_record(page)


def _searchable_text(page, name: str) -> str:
    try:
        model_field = page._meta.get_field(name)
    except FieldDoesNotExist:
        return ""
    value = getattr(page, name)
    if hasattr(model_field, "get_searchable_content"):
        # StreamField: the text of every block, as Wagtail's own index reads it.
        return " ".join(
            strip_tags(str(t)) for t in model_field.get_searchable_content(value)
        )
    return strip_tags(str(value or ""))


def _news_record(page) -> NewsRecord:
    category = getattr(page, "category", "") or getattr(page, "kind", "")
    if not category and page._meta.model_name == "reportpage":
        category = "report"
    tags = [t.name for t in page.tags.all()] if hasattr(page, "tags") else []
    return NewsRecord(
        page_id=page.pk,
        title=page.title,
        intro=(getattr(page, "intro", "") or getattr(page, "summary", "") or ""),
        body=_searchable_text(page, "body"),
        category=category,
        tags=tags,
        date=getattr(page, "date", None)
        or (page.first_published_at.date() if page.first_published_at else None),
        url=page.get_url() or "",
    )
