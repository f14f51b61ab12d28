"""The product index of the database backend: writing, searching, facets, type-ahead.

Rows of ``ProductSearchEntry`` (and their ``ProductSearchCategory`` rows)
hold the folded text and the facet keys of each indexable product. A search
matches the text (see the package's docstring), forgives typos on the name
on PostgreSQL, and counts disjunctive facets, as the Elasticsearch backend
does: each counts with every filter but its own. OCOP stars count only while
the certificate is in force (``marketplace.core.ocop``).
"""

import datetime
import hashlib
import uuid

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import (
    BooleanField,
    Case,
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Length
from django.utils import timezone

from marketplace.core.ocop import ocop_in_force, ocop_in_force_sql, ocop_today
from marketplace.core.sql import in_values

from ..facet_cells import CellSource, cell_source
from ..models import ProductSearchCategory, ProductSearchEntry, SearchIndexVersion
from ..query import (
    PRICE_RANGES,
    PRICE_RANGES_BY_KEY,
    ProductHit,
    ProductQuery,
    price_band,
)
from ..records import ProductRecord
from ..spelling import exact_for_index, exact_words, has_diacritics
from .text import TS_CONFIG, fold_for_index, highlight, query_words

# Writing -----------------------------------------------------------------


@transaction.atomic
def entries_write(records: list[ProductRecord]) -> None:
    """Insert or replace the index rows of ``records``."""
    ids = [r.product_id for r in records]
    facets_change = _facet_keys(ids) != {r.product_id: _record_keys(r) for r in records}
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
                exact_text=exact_for_index(
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
            ProductSearchCategory(
                entry_id=r.product_id,
                slug=slug,
                # The entry's facet keys, so browsing counts categories
                # without joining back to the entries.
                cooperative_slug=r.cooperative_slug,
                province_code=r.province_code,
                ocop_stars=r.ocop_stars,
                ocop_expires_on=r.ocop_expires_on,
                price=r.price,
            )
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
    if facets_change:
        _index_changed()


def _facet_keys(product_ids: list[int]) -> dict[int, tuple]:
    """Return the facet keys the index holds for these products (two queries)."""
    if not product_ids:
        return {}
    categories: dict[int, set[str]] = {}
    for entry_id, slug in ProductSearchCategory.objects.filter(
        entry__in=product_ids
    ).values_list("entry_id", "slug"):
        categories.setdefault(entry_id, set()).add(slug)
    return {
        pk: (*keys, frozenset(categories.get(pk, ())))
        for pk, *keys in ProductSearchEntry.objects.filter(
            pk__in=product_ids
        ).values_list(
            "pk",
            "cooperative_slug",
            "province_code",
            "ocop_stars",
            "ocop_expires_on",
            "price",
        )
    }


def _record_keys(record: ProductRecord) -> tuple:
    """Return what ``record`` counts under in the facets, as ``_facet_keys`` does.

    Name, text, availability and date are not facets: a change to them (a
    sale changing the stock) keeps the browse facet counts cached.
    """
    return (
        record.cooperative_slug,
        record.province_code,
        record.ocop_stars,
        record.ocop_expires_on,
        record.price,
        frozenset(record.category_slugs),
    )


@transaction.atomic
def entries_delete(product_ids: list[int]) -> None:
    """Remove the index rows of these products."""
    if ProductSearchEntry.objects.filter(pk__in=product_ids).delete()[0]:
        _index_changed()


def _index_changed() -> None:
    """Give the product rows' facets a new version token (in the writing
    transaction).

    Facet counts cached under the old token are never read again: they
    expire after ``FACET_CACHE_SECONDS``. The token commits with the rows,
    so a search that reads the new token reads the new rows too.
    """
    token = uuid.uuid4().hex
    versions = SearchIndexVersion.objects.filter(pk=1)
    if versions.update(token=token):
        return
    _, created = SearchIndexVersion.objects.get_or_create(
        pk=1, defaults={"token": token}
    )
    if not created:
        # Another writer created the row meanwhile: change it after theirs.
        versions.update(token=token)


def index_version() -> str:
    """Return the product rows' version token ("" before any indexing)."""
    return (
        SearchIndexVersion.objects.filter(pk=1).values_list("token", flat=True).first()
        or ""
    )


# Reading -----------------------------------------------------------------


def _stars_in_force(today: datetime.date) -> Q:
    """Return the OCOP rule over the index's copy of the certificate."""
    return ocop_in_force(on=today, stars="ocop_stars", expires_on="ocop_expires_on")


def _stars_now(today: datetime.date):
    return Case(
        When(_stars_in_force(today), then=F("ocop_stars")),
        default=Value(None),
        output_field=IntegerField(),
    )


def _text_match(queryset: QuerySet, text: str) -> QuerySet:
    """Return the rows matching every word of ``text``, whatever the accents."""
    if connection.vendor == "postgresql":
        return queryset.filter(
            search_vector=SearchQuery(text, config=TS_CONFIG, search_type="plain")
        )
    condition = Q()
    for word in query_words(text):
        condition &= Q(folded_text__contains=" " + word)
    return queryset.filter(condition)


#: pg_trgm's default word similarity threshold: "buoi da xnah" is 0.69 like
#: "buoi da xanh", and unrelated names stay out.
WORD_SIMILARITY = 0.6


def _typo_match(text: str) -> QuerySet:
    """Return the rows whose folded name is like ``text`` (PostgreSQL only).

    A typo is usually in one word while the others are spelled right: the
    words found word for word in the index narrow the rows first (the
    full-text index), and the similarity is computed over those. With no
    such word, or with every word found (they never occur together), the
    %> operator scans every name through the trigram index.
    """
    words = query_words(text)
    phrase = " ".join(words)
    known = _indexed_words(words)
    if not known or len(known) == len(words):
        return ProductSearchEntry.objects.filter(
            folded_name__trigram_word_similar=phrase
        )
    return (
        ProductSearchEntry.objects.filter(
            search_vector=SearchQuery(
                " ".join(known), config=TS_CONFIG, search_type="plain"
            )
        )
        .annotate(similarity=TrigramWordSimilarity(phrase, "folded_name"))
        .filter(similarity__gte=WORD_SIMILARITY)
    )


def _indexed_words(words: list[str]) -> list[str]:
    """Return those of ``words`` that some product's text contains (one query)."""
    sql = (
        "SELECT w FROM unnest(%s::text[]) AS w WHERE EXISTS ("
        f"SELECT 1 FROM {ProductSearchEntry._meta.db_table} "
        f"WHERE search_vector @@ plainto_tsquery('{TS_CONFIG}', w))"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [words])
        return [row[0] for row in cursor.fetchall()]


#: What a row spelt as the buyer typed (diacritics and all) adds to its rank:
#: more than any folded match scores, so it always comes first.
EXACT_SPELLING = 100.0


def _exact_spelling(text: str):
    """Return EXACT_SPELLING for rows holding every word as typed, else 0.

    Only when the buyer typed diacritics: "che" matches "chè" and "chế"
    alike, "chè" puts tea before "chế biến" (processed goods).
    """
    if not has_diacritics(text):
        return Value(0.0)
    condition = Q()
    for word in exact_words(text):
        condition &= Q(exact_text__contains=" " + word)
    return Case(When(condition, then=Value(EXACT_SPELLING)), default=Value(0.0))


def _rank(text: str, *, typo: bool):
    """Return the relevance of a matching row: the engine's score plus bonuses."""
    words = query_words(text)
    folded_phrase = " " + " ".join(words)
    exact = text.strip().lower()
    # Bonuses shared by both engines: the name starts with the query, then
    # the name contains it with the buyer's own accents.
    bonus = Case(
        When(folded_name__startswith=folded_phrase, then=Value(4.0)),
        When(folded_name__contains=folded_phrase, then=Value(2.0)),
        default=Value(0.0),
    ) + Case(When(name__icontains=exact, then=Value(1.0)), default=Value(0.0))
    bonus = bonus + _exact_spelling(text)
    if connection.vendor == "postgresql":
        if typo:
            return TrigramWordSimilarity(" ".join(words), "folded_name") + bonus
        search_query = SearchQuery(text, config=TS_CONFIG, search_type="plain")
        return SearchRank(F("search_vector"), search_query) + bonus
    name_hits = Value(0.0)
    for word in words:
        name_hits = name_hits + Case(
            When(folded_name__contains=" " + word, then=Value(1.0)),
            default=Value(0.0),
        )
    return name_hits + bonus


def _facet_filters(query: ProductQuery, today: datetime.date) -> dict[str, Q]:
    filters: dict[str, Q] = {}
    if query.stars:
        # Plain column conditions (not the stars_now expression), so an
        # index can serve them.
        filters["stars"] = Q(ocop_stars__in=list(query.stars)) & _stars_in_force(today)
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
        filters["price"] = band.condition()
    return filters


def _all_but(filters: dict[str, Q], facet: str) -> Q:
    combined = Q()
    for name, condition in filters.items():
        if name != facet:
            combined &= condition
    return combined


#: Each sort, ending in the primary key so pages never overlap. Without text
#: the rank is a constant, which PostgreSQL drops: browsing then walks an
#: index in this order (htx_search_entry_browse, htx_search_entry_price).
_ORDERS = {
    "relevance": ("-rank", "name_length", "-date", "pk"),
    "price_asc": ("price", "-rank", "pk"),
    "price_desc": ("-price", "-rank", "-pk"),
    "newest": ("-date", "-rank", "pk"),
    "stars": (F("stars_now").desc(nulls_last=True), "-rank", "pk"),
}


def product_search_database(
    query: ProductQuery, *, today: datetime.date | None = None
) -> tuple[int, list[ProductHit], dict[str, dict[str, int]]]:
    """Answer ``query`` from the index table: (total, hits, facet counts).

    Two queries: one for every facet count and the total, one for the page.
    """
    today = today or ocop_today()
    base = ProductSearchEntry.objects.all()
    text = query.text.strip()
    filters = _facet_filters(query, today)
    if text:
        base = _text_match(base, text)
        matched, total, counts = _facet_counts(base, filters, today, searched=True)
    else:
        matched, total, counts = _browse_facet_counts(base, query, filters, today)
    typo = False
    if text and not matched and connection.vendor == "postgresql":
        # Nothing matched word for word: forgive typos on the product name.
        # The trigram scan is the costly part: run it once, then count and
        # page the few rows it found by primary key.
        typo = True
        similar = _typo_match(text)
        ids = list(similar.values_list("pk", flat=True))
        if not ids:
            return 0, [], counts
        base = ProductSearchEntry.objects.filter(pk__in=in_values(ids, "integer"))
        matched, total, counts = _facet_counts(base, filters, today, searched=True)
    if not total:
        return 0, [], counts
    results = base.filter(_all_but(filters, ""))
    page = results.annotate(
        rank=_rank(text, typo=typo) if text else Value(0.0),
        stars_now=_stars_now(today),
        name_length=Length("name"),
    )
    start = (max(query.page, 1) - 1) * query.per_page
    rows = list(
        page.order_by(*_ORDERS.get(query.sort, _ORDERS["relevance"])).values(
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


#: Seconds facet counts of a browse (no text) are kept. A change to the
#: index makes new keys at once; this only bounds how long dead keys use
#: memory, and how stale a count can be if the rows were changed without
#: ``entries_write``/``entries_delete`` (by hand, in SQL).
FACET_CACHE_SECONDS = 600


def _browse_facet_counts(
    base: QuerySet,
    query: ProductQuery,
    filters: dict[str, Q],
    today: datetime.date,
) -> tuple[int, int, dict[str, dict[str, int]]]:
    """Return ``_facet_counts`` of a search without text, from the cache.

    Browsing counts over the whole catalogue: from the facet cells where
    they answer (see ``facet_cells.py``), from the rows otherwise. Every
    buyer browsing the same filters gets the same counts until the index
    changes, so they are cached too. The key holds the index's version
    token (read from the database, one indexed row: correct across
    processes and with a per-process cache), the day (certificates expire)
    and the filters, in a canonical order. Before any indexing there is no
    token and nothing is cached.
    """

    def count():
        rows, applied = _browse_rows(base, query, filters)
        return _facet_counts(
            rows,
            filters,
            today,
            searched=False,
            applied=applied,
            cells=cell_source(query, filters, today),
        )

    version = index_version()
    if not version:
        return count()
    described = repr(
        (
            version,
            today.isoformat(),
            sorted(query.stars),
            sorted(query.province_codes),
            sorted(query.category_slugs),
            sorted(query.cooperative_slugs),
            query.price_range if query.price_range in PRICE_RANGES_BY_KEY else "",
        )
    )
    key = "htx:search:facets:" + hashlib.sha256(described.encode()).hexdigest()
    answer = cache.get(key)
    if answer is None:
        answer = count()
        cache.set(key, answer, FACET_CACHE_SECONDS)
    return answer


#: Each facet's key, and the rows it counts, over a row source aliased t:
#: the matched entries (m) or the facet cells (c). Stars count only while
#: the certificate is in force (the condition is ``marketplace.core.ocop``'s,
#: see ``_count_branch``); the category's key is the cells' (the entries'
#: category counts join their category rows, see ``_category_rows_branch``).
_COUNTED = {
    "stars": ("CAST(t.ocop_stars AS TEXT)", None),
    "province": ("CAST(t.province_code AS TEXT)", "t.province_code IS NOT NULL"),
    "cooperative": ("t.cooperative_slug", "t.cooperative_slug <> ''"),
    "category": ("t.category_slug", "1 = 1"),
    "price": ("t.band", "t.price IS NOT NULL"),
    "total": ("", "1 = 1"),
}


def _browse_rows(
    base: QuerySet, query: ProductQuery, filters: dict[str, Q]
) -> tuple[QuerySet, tuple[str, ...]]:
    """Return the rows a browse's facets count, and the filters they pass.

    Only the category facet counts products outside the chosen categories,
    and it counts category rows, not these: so with categories chosen, the
    rows are only those categories' products. On PostgreSQL they are read
    from the category rows, which carry every facet key (one row per
    product: DISTINCT ON when several categories are chosen), without
    scanning the catalogue for them.
    """
    if "category" not in filters:
        return base, ()
    if connection.vendor != "postgresql":
        return base.filter(filters["category"]), ("category",)
    rows = ProductSearchCategory.objects.filter(
        slug__in=list(query.category_slugs)
    ).annotate(product_id=F("entry_id"))
    if len(query.category_slugs) > 1:
        rows = rows.order_by("entry_id").distinct("entry_id")
    return rows, ("category",)


def _facet_counts(
    base: QuerySet,
    filters: dict[str, Q],
    today: datetime.date,
    *,
    searched: bool,
    applied: tuple[str, ...] = (),
    cells: CellSource | None = None,
) -> tuple[int, int, dict[str, dict[str, int]]]:
    """Return (rows matching the text, total, facet counts) in ONE query.

    The first is only counted when ``searched`` (it decides the typo
    fallback); 0 otherwise. ``base`` already passes the ``applied`` filters
    (a small set, read once). ``cells`` answer the facets they have a grain
    for by summing cells instead of counting rows.

    The rows matching the text are selected once (a CTE, materialised by
    PostgreSQL because it is read several times), with one boolean column
    per active filter; each facet then groups those rows under every filter
    but its own, and the branches are glued with UNION ALL. Portable SQL:
    PostgreSQL and SQLite answer it alike.
    """
    flags = {
        f"f_{name}": Value(True)
        if name in applied
        else ExpressionWrapper(condition, output_field=BooleanField())
        for name, condition in filters.items()
    }
    matched = base.annotate(**flags, band=price_band()).values(
        "product_id",
        "ocop_stars",
        "ocop_expires_on",
        "province_code",
        "cooperative_slug",
        "price",
        "band",
        *flags,
    )
    inner_sql, inner_params = matched.query.sql_with_params()
    grains = cells.grains if cells else {}
    branches = [
        _count_branch(facet, filters, today, grain=grains.get(facet))
        if facet != "category" or facet in grains
        else _category_rows_branch(filters, searched=searched)
        for facet in _COUNTED
    ]
    if searched:
        branches.append(("SELECT 'matched', '', COUNT(*) FROM m", []))
    # A text match, or chosen categories, select few rows: PostgreSQL
    # materialises them once. Otherwise m is the whole catalogue: inline it
    # into each branch instead, so each reads only its own filter's rows
    # from the covering facet index.
    hint = (
        "NOT MATERIALIZED "
        if not (searched or applied) and connection.vendor == "postgresql"
        else ""
    )
    sql = f"WITH m AS {hint}({inner_sql})"
    params = list(inner_params)
    if cells:
        sql += f", c AS NOT MATERIALIZED ({cells.sql})"
        params += cells.params
    sql += " " + " UNION ALL ".join(b for b, _ in branches)
    params += [p for _, ps in branches for p in ps]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    counts: dict[str, dict[str, int]] = {
        "stars": {},
        "province": {},
        "cooperative": {},
        "category": {},
        "price": {r.key: 0 for r in PRICE_RANGES},
    }
    matched_count = total = 0
    for facet, key, n in rows:
        if facet == "total":
            total = n
        elif facet == "matched":
            matched_count = n
        elif key is not None:
            counts[facet][key] = n
    return matched_count, total, counts


def _active(filters: dict[str, Q], *, but: str) -> list[str]:
    """Return the conditions "t passes every filter but ``but``"."""
    return [f"t.f_{name}" for name in filters if name != but]


def _count_branch(
    facet: str, filters: dict[str, Q], today: datetime.date, *, grain: str | None
) -> tuple[str, list]:
    """Return one facet's branch (SQL, params): (facet, key, count) rows.

    Counted from the matched entries (m), or summed from the cells (c) of
    ``grain``; a cell whose rows sum to 0 is no facet value.
    """
    key, condition = _COUNTED[facet]
    params = []
    if condition is None:
        condition, days = ocop_in_force_sql(
            "t.ocop_stars", "t.ocop_expires_on", on=today
        )
        params = [connection.ops.adapt_datefield_value(day) for day in days]
    conditions = [condition, *_active(filters, but=facet)]
    if grain:
        conditions.append("t.grain = %s")
        params.append(grain)
        source, count, having = (
            "c",
            "COALESCE(SUM(t.rows), 0)",
            " HAVING SUM(t.rows) > 0",
        )
    else:
        source, count, having = "m", "COUNT(*)", ""
    selected = key or "''"
    sql = f"SELECT '{facet}', {selected}, {count} FROM {source} t "
    sql += f"WHERE {' AND '.join(conditions)}"
    if key:
        sql += f" GROUP BY {key}{having}"
    return sql, params


def _category_rows_branch(filters: dict[str, Q], *, searched: bool) -> tuple[str, list]:
    """Return the category facet's branch counted from category rows.

    With text, the few matched rows join their category rows. Without text
    the category rows are counted alone: they carry the entry's facet keys
    under the same names, so every other filter applies to them directly
    and the count is an index-only scan of ``htx_search_category_facets``
    grouped by slug, instead of joining the whole catalogue.
    """
    if searched:
        where = " AND ".join(["1 = 1", *_active(filters, but="category")])
        return (
            "SELECT 'category', c.slug, COUNT(*) FROM m t "
            f"JOIN {ProductSearchCategory._meta.db_table} c "
            f"ON c.entry_id = t.product_id WHERE {where} GROUP BY c.slug",
            [],
        )
    counted = (
        ProductSearchCategory.objects.filter(_all_but(filters, "category"))
        .values("slug")
        .annotate(n=Count("*"))
        .values_list(Value("category"), "slug", "n")
        .order_by()
    )
    sql, params = counted.query.sql_with_params()
    return f"SELECT * FROM ({sql}) category_counts", list(params)


def product_suggest_database(text: str, *, limit: int = 8) -> list[tuple[int, str]]:
    """Return (product id, name) of products whose name words start as typed.

    Every typed word must start a word of the name (folded), so "mat o"
    suggests "Mật ong …" while the buyer is still typing.
    """
    words = query_words(text)
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
