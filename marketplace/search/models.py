"""The database backend's index: one folded, denormalised row per product.

Indexing writes these rows (see ``indexing.py``); searches read only them,
so a search never joins across the catalogue. On PostgreSQL the row also
carries a tsvector built with the ``htx_vi`` text-search configuration
(unaccent, so đ→d), indexed with GIN, and the folded name has a trigram
index for typos.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F
from django.db.models.functions import Length


class ProductSearchEntry(models.Model):
    product = models.OneToOneField(
        "catalogue.Product",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_entry",
    )
    name = models.CharField(max_length=255)
    #: " word word …": the name folded (đ→d, no marks) and lowercased, with
    #: a leading space so " token" matches the start of a word.
    folded_name = models.CharField(max_length=300)
    #: The same for name, cooperative, categories and description.
    folded_text = models.TextField()
    #: The same words as spelt, diacritics kept (see ``spelling.exact_words``):
    #: a query typed with diacritics ranks the rows spelt that way first.
    exact_text = models.TextField(default="")
    cooperative_slug = models.CharField(max_length=100, blank=True, db_index=True)
    cooperative_name = models.CharField(max_length=255, blank=True)
    province_code = models.PositiveIntegerField(null=True, db_index=True)
    #: Stars of the OCOP certificate; they count only until ocop_expires_on.
    ocop_stars = models.PositiveSmallIntegerField(null=True, db_index=True)
    ocop_expires_on = models.DateField(null=True)
    #: Price in whole dong.
    price = models.PositiveBigIntegerField(null=True)
    available = models.BooleanField(default=False)
    date = models.DateTimeField(db_index=True)
    #: PostgreSQL only (a plain column elsewhere, never read there).
    search_vector = SearchVectorField(null=True)

    class Meta:
        verbose_name = "product search entry"
        indexes = [
            # Every facet key in one narrow index: browsing without text
            # counts facets over the whole catalogue with index-only scans
            # instead of reading the wide rows (folded text, tsvector).
            models.Index(
                fields=[
                    "ocop_stars",
                    "province_code",
                    "price",
                    "ocop_expires_on",
                    "cooperative_slug",
                    "product_id",
                ],
                name="htx_search_entry_facets",
            ),
            # Browsing without text pages in relevance order, which is then
            # shortest name first, newest first: walked with LIMIT instead
            # of sorting every matched row.
            models.Index(
                Length("name"),
                F("date").desc(),
                F("product_id"),
                name="htx_search_entry_browse",
            ),
            # Browsing by price, ties in a stable order.
            models.Index(fields=["price", "product_id"], name="htx_search_entry_price"),
        ]

    def __str__(self) -> str:
        return self.name


class ProductSearchCategory(models.Model):
    """One (product, category) pair, with copies of the entry's facet keys.

    A product may sit in several categories, so the category facet counts
    these rows, not entries. Browsing without text it counts them alone,
    from ``htx_search_category_facets`` (index-only, no join back to the
    entries): the other filters read the copied columns, which have the
    entry's names so the same conditions apply to both tables. The copies
    are written with the entry (``entries_write``) and never drift from it.
    """

    entry = models.ForeignKey(
        ProductSearchEntry, on_delete=models.CASCADE, related_name="categories"
    )
    slug = models.SlugField(max_length=255, allow_unicode=True)
    cooperative_slug = models.CharField(max_length=100, blank=True, default="")
    province_code = models.PositiveIntegerField(null=True)
    ocop_stars = models.PositiveSmallIntegerField(null=True)
    ocop_expires_on = models.DateField(null=True)
    price = models.PositiveBigIntegerField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "slug"], name="htx_search_entry_category_unique"
            )
        ]
        indexes = [
            models.Index(fields=["slug", "entry"]),
            # The category facet of one cooperative's products (no facet
            # cell holds both keys).
            models.Index(
                fields=["cooperative_slug", "slug"],
                name="htx_search_category_coop",
            ),
            models.Index(
                fields=[
                    "ocop_stars",
                    "province_code",
                    "price",
                    "ocop_expires_on",
                    "cooperative_slug",
                    "slug",
                ],
                name="htx_search_category_facets",
            ),
        ]

    def __str__(self) -> str:
        return self.slug


class NewsSearchEntry(models.Model):
    """One published, public news page (article, announcement, report), folded.

    Only pages a reader may see are written here; unpublishing or deleting a
    page removes its row (see ``indexing.news_reindex``).
    """

    page = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
    )
    title = models.CharField(max_length=255)
    #: " word word …" as for products: folded (đ→d, no marks), lowercased.
    folded_title = models.CharField(max_length=300)
    intro = models.TextField(blank=True)
    #: The same for title, intro, body text and tags.
    folded_text = models.TextField()
    #: The page's category ("news", "events"…) or document kind.
    category = models.CharField(max_length=30, blank=True)
    date = models.DateField(db_index=True)
    #: The page's URL when it was indexed (a move reindexes it).
    url = models.CharField(max_length=500)
    #: PostgreSQL only (a plain column elsewhere, never read there).
    search_vector = SearchVectorField(null=True)

    class Meta:
        verbose_name = "news search entry"

    def __str__(self) -> str:
        return self.title


class ListingSearchEntry(models.Model):
    """One short listing (a kind registered by an app), folded, in its scope.

    Only rows their source calls indexable are written here; a row that is
    gone or no longer indexable loses its entry (``indexing.listings_index``).
    A search reads one scope at a time, through the (scope, kind) index.
    """

    kind = models.CharField(max_length=30)
    object_id = models.PositiveBigIntegerField()
    #: Chosen by the source (an event's id, say); searches never cross it.
    scope = models.CharField(max_length=64)
    title = models.CharField(max_length=255)
    #: " word word …" as for products: folded (đ→d, no marks), lowercased.
    folded_title = models.CharField(max_length=300)
    #: The same for the title and the rest of the listing's text.
    folded_text = models.TextField()
    url = models.CharField(max_length=500, blank=True)
    date = models.DateTimeField(null=True)
    #: PostgreSQL only (a plain column elsewhere, never read there).
    search_vector = SearchVectorField(null=True)

    class Meta:
        verbose_name = "listing search entry"
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id"], name="htx_search_listing_unique"
            )
        ]
        indexes = [
            models.Index(fields=["scope", "kind"], name="htx_search_listing_scope")
        ]

    def __str__(self) -> str:
        return self.title


class SearchIndexVersion(models.Model):
    """One row: a token replaced whenever the product rows' facet keys change
    (a product added, removed, or moved to other stars, province, price,
    cooperative or categories).

    Browsing without text caches its facet counts under this token (see
    ``database/products.py``). It lives in the database, not in a process's
    memory, so every web process sees a change as soon as the indexing
    transaction commits; a random token, not a counter, because a rolled-back
    write would roll a counter back and let its number be reused.
    """

    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = "search index version"

    def __str__(self) -> str:
        return self.token


class ProductFacetCell(models.Model):
    """How many index rows share one combination of facet keys (PostgreSQL).

    Browsing without text counts facets over the whole catalogue; summing
    these cells instead of counting rows makes that a scan of a few hundred
    cells for most facets. Three grains, each a complete partition of its
    rows:

    - ``PRODUCTS``: the entries by stars, expiry, province and price;
    - ``COOPERATIVE``: the same per cooperative;
    - ``CATEGORY``: the category rows, per category.

    PostgreSQL triggers on ``ProductSearchEntry`` and
    ``ProductSearchCategory`` keep the cells (migration 0008), in the
    statement that changes the rows, whatever wrote them: ``entries_write``,
    a cascade from a deleted product, a bulk update. The table stays empty
    on other databases, which count rows. ``rows`` may fall to 0: such
    cells are skipped when summing and reused when the keys come back.
    """

    class Grain(models.TextChoices):
        PRODUCTS = "p", "products"
        COOPERATIVE = "c", "products per cooperative"
        CATEGORY = "k", "category rows per category"

    grain = models.CharField(max_length=1, choices=Grain.choices)
    #: The cooperative, in the COOPERATIVE grain only ("" in the others).
    cooperative_slug = models.CharField(max_length=100, default="")
    #: The category, in the CATEGORY grain only ("" in the others).
    category_slug = models.SlugField(max_length=255, allow_unicode=True, default="")
    ocop_stars = models.PositiveSmallIntegerField(null=True)
    ocop_expires_on = models.DateField(null=True)
    province_code = models.PositiveIntegerField(null=True)
    price = models.PositiveBigIntegerField(null=True)
    rows = models.IntegerField(default=0)

    class Meta:
        verbose_name = "product facet cell"
        # The unique key the triggers upsert on (NULLS NOT DISTINCT, so a
        # product without stars has one cell, not one per write) is created
        # by migration 0008 on PostgreSQL.

    def __str__(self) -> str:
        return f"{self.grain} {self.rows}"
