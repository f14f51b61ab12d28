"""The database search backend: the same results behaviour without Elasticsearch.

Rows of ``ProductSearchEntry`` hold folded text (đ→d, then no marks). On
PostgreSQL, text matches through the htx_vi configuration (unaccent) on a
GIN-indexed tsvector, with pg_trgm forgiving typos when nothing matches
exactly; on SQLite every folded query word must start a word of the row.
Facets are disjunctive, as in the Elasticsearch backend: each counts with
every filter but its own.
"""

import datetime
import html
import re

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db import connection, transaction
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Length
from django.utils import timezone

from marketplace.text import fold_vi

from .models import ProductSearchCategory, ProductSearchEntry
from .query import (
    PRICE_RANGES,
    PRICE_RANGES_BY_KEY,
    ProductHit,
    ProductQuery,
)
from .records import ProductRecord

TS_CONFIG = "htx_vi"


def fold_for_index(*parts: str) -> str:
    """Return " word word …": folded, lowercased, one space before each word."""
    words = re.findall(r"\w+", fold_vi(" ".join(parts)).lower())
    return " " + " ".join(words) + " "


def _query_words(text: str) -> list[str]:
    return re.findall(r"\w+", fold_vi(text).lower())


# Writing -----------------------------------------------------------------


@transaction.atomic
def entries_write(records: list[ProductRecord]) -> None:
    """Insert or replace the index rows of ``records``."""
    ids = [r.product_id for r in records]
    ProductSearchEntry.objects.filter(pk__in=ids).delete()
    ProductSearchEntry.objects.bulk_create(
        [
            ProductSearchEntry(
                product_id=r.product_id,
                name=r.name,
                folded_name=fold_for_index(r.name),
                folded_text=fold_for_index(
                    r.name, r.cooperative_name, *r.category_names, r.description
                ),
                cooperative_slug=r.cooperative_slug,
                cooperative_name=r.cooperative_name,
                province_code=r.province_code,
                ocop_stars=r.ocop_stars,
                ocop_expires_on=r.ocop_expires_on,
                price=r.price,
                available=r.available,
                date=r.date or timezone.now(),
            )
            for r in records
        ]
    )
    ProductSearchCategory.objects.bulk_create(
        [
            ProductSearchCategory(entry_id=r.product_id, slug=slug)
            for r in records
            for slug in dict.fromkeys(r.category_slugs)
        ]
    )
    if connection.vendor == "postgresql":
        ProductSearchEntry.objects.filter(pk__in=ids).update(
            search_vector=SearchVector("name", weight="A", config=TS_CONFIG)
            + SearchVector("cooperative_name", weight="B", config=TS_CONFIG)
            + SearchVector("folded_text", weight="C", config=TS_CONFIG)
        )


def entries_delete(product_ids: list[int]) -> None:
    """Remove the index rows of these products."""
    ProductSearchEntry.objects.filter(pk__in=product_ids).delete()


# Reading -----------------------------------------------------------------


def _stars_now(today: datetime.date):
    return Case(
        When(ocop_expires_on__gte=today, then=F("ocop_stars")),
        default=Value(None),
        output_field=IntegerField(),
    )


def _text_filter(queryset: QuerySet, text: str) -> tuple[QuerySet, bool]:
    """Return the rows matching ``text`` with a ``rank`` annotation."""
    words = _query_words(text)
    folded_phrase = " " + " ".join(words)
    exact = text.strip().lower()
    # Bonuses shared by both engines: the name starts with the query, then
    # the name contains it with the buyer's own accents.
    bonus = Case(
        When(folded_name__startswith=folded_phrase, then=Value(4.0)),
        When(folded_name__contains=folded_phrase, then=Value(2.0)),
        default=Value(0.0),
    ) + Case(When(name__icontains=exact, then=Value(1.0)), default=Value(0.0))
    if connection.vendor == "postgresql":
        search_query = SearchQuery(text, config=TS_CONFIG, search_type="plain")
        matched = queryset.filter(search_vector=search_query)
        if matched.exists():
            return matched.annotate(
                rank=SearchRank(F("search_vector"), search_query) + bonus
            ), True
        # Nothing matched word for word: forgive typos on the product name.
        # The %> operator uses the trigram index; pg_trgm's default word
        # similarity threshold (0.6) lets "buoi da xnah" find "buoi da xanh"
        # (0.69) and keeps unrelated names out.
        phrase = " ".join(words)
        similar = queryset.filter(folded_name__trigram_word_similar=phrase).annotate(
            similarity=TrigramWordSimilarity(phrase, "folded_name")
        )
        return similar.annotate(rank=F("similarity") + bonus), True
    condition = Q()
    name_hits = Value(0.0)
    for word in words:
        condition &= Q(folded_text__contains=" " + word)
        name_hits = name_hits + Case(
            When(folded_name__contains=" " + word, then=Value(1.0)),
            default=Value(0.0),
        )
    return queryset.filter(condition).annotate(rank=name_hits + bonus), True


def _facet_filters(query: ProductQuery, today: datetime.date) -> dict[str, Q]:
    filters: dict[str, Q] = {}
    if query.stars:
        # Plain column conditions (not the stars_now expression), so an
        # index can serve them.
        filters["stars"] = Q(
            ocop_stars__in=list(query.stars), ocop_expires_on__gte=today
        )
    if query.province_codes:
        filters["province"] = Q(province_code__in=list(query.province_codes))
    if query.category_slugs:
        filters["category"] = Q(
            pk__in=ProductSearchCategory.objects.filter(
                slug__in=list(query.category_slugs)
            ).values("entry_id")
        )
    if query.cooperative_slugs:
        filters["cooperative"] = Q(cooperative_slug__in=list(query.cooperative_slugs))
    band = PRICE_RANGES_BY_KEY.get(query.price_range)
    if band is not None:
        price = Q()
        if band.low is not None:
            price &= Q(price__gte=band.low)
        if band.high is not None:
            price &= Q(price__lt=band.high)
        filters["price"] = price
    return filters


def _all_but(filters: dict[str, Q], facet: str) -> Q:
    combined = Q()
    for name, condition in filters.items():
        if name != facet:
            combined &= condition
    return combined


_ORDERS = {
    "relevance": ("-rank", "name_length", "-date"),
    "price_asc": ("price", "-rank"),
    "price_desc": ("-price", "-rank"),
    "newest": ("-date", "-rank"),
    "stars": (F("stars_now").desc(nulls_last=True), "-rank"),
}


def product_search_database(
    query: ProductQuery, *, today: datetime.date | None = None
) -> tuple[int, list[ProductHit], dict[str, dict[str, int]]]:
    """Answer ``query`` from the index table: (total, hits, facet counts)."""
    today = today or timezone.localdate()
    base = ProductSearchEntry.objects.all()
    if query.text.strip():
        base, _ = _text_filter(base, query.text)
    filters = _facet_filters(query, today)

    counts = _facet_counts(base, filters, today)
    results = base.filter(_all_but(filters, ""))
    total = results.count()
    start = (max(query.page, 1) - 1) * query.per_page
    page = results.annotate(stars_now=_stars_now(today), name_length=Length("name"))
    if not query.text.strip():
        page = page.annotate(rank=Value(0.0))
    rows = list(
        page.order_by(*_ORDERS.get(query.sort, _ORDERS["relevance"]), "pk").values(
            "product_id", "name"
        )[start : start + query.per_page]
    )
    hits = [
        ProductHit(
            product_id=row["product_id"],
            highlighted_title=highlight(row["name"], query.text),
        )
        for row in rows
    ]
    return total, hits, counts


def _facet_counts(
    base: QuerySet, filters: dict[str, Q], today: datetime.date
) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    for facet, column in (
        ("stars", "ocop_stars"),
        ("province", "province_code"),
        ("cooperative", "cooperative_slug"),
    ):
        scope = base.filter(_all_but(filters, facet))
        if facet == "stars":
            # Stars count only while the certificate is valid.
            scope = scope.filter(ocop_expires_on__gte=today)
        rows = (
            scope.exclude(**{f"{column}__isnull": True})
            .exclude(**({f"{column}": ""} if facet == "cooperative" else {}))
            .values(column)
            .annotate(n=Count("pk"))
            .order_by()
        )
        counts[facet] = {str(r[column]): r["n"] for r in rows}
    category_rows = (
        ProductSearchCategory.objects.filter(
            entry__in=base.filter(_all_but(filters, "category")).values("pk")
        )
        .values("slug")
        .annotate(n=Count("entry_id"))
        .order_by()
    )
    counts["category"] = {r["slug"]: r["n"] for r in category_rows}
    priced = base.filter(_all_but(filters, "price"))
    aggregates = {}
    for band in PRICE_RANGES:
        condition = Q()
        if band.low is not None:
            condition &= Q(price__gte=band.low)
        if band.high is not None:
            condition &= Q(price__lt=band.high)
        aggregates[band.key] = Count("pk", filter=condition)
    counts["price"] = priced.aggregate(**aggregates)
    return counts


def highlight(title: str, text: str) -> str:
    """Return ``title`` escaped, with the words matching ``text`` in <mark>.

    Words match when their folded forms are equal or the title's word starts
    with the query's (type-ahead), whatever the accents.
    """
    words = set(_query_words(text))
    if not words:
        return html.escape(title)
    out = []
    for token in re.split(r"(\w+)", title):
        folded = fold_vi(token).lower()
        if (
            token
            and re.fullmatch(r"\w+", token)
            and any(
                folded == w or (len(w) >= 2 and folded.startswith(w)) for w in words
            )
        ):
            out.append(f"<mark>{html.escape(token)}</mark>")
        else:
            out.append(html.escape(token))
    return "".join(out)


def product_suggest_database(text: str, *, limit: int = 8) -> list[tuple[int, str]]:
    """Return (product id, name) of products whose name words start as typed.

    Every typed word must start a word of the name (folded), so "mat o"
    suggests "Mật ong …" while the buyer is still typing.
    """
    words = _query_words(text)
    if not words:
        return []
    condition = Q()
    for word in words:
        condition &= Q(folded_name__contains=" " + word)
    rows = (
        ProductSearchEntry.objects.filter(condition)
        .annotate(name_length=Length("name"))
        .order_by("name_length", "name")
        .values_list("product_id", "name")[:limit]
    )
    return list(rows)
