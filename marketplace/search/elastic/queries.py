"""Build Elasticsearch searches from a ProductQuery, and read their responses.

Facets are disjunctive: each facet's counts apply every filter except its
own, and the hits are narrowed by a post_filter. So the count beside a value
is the number of results the buyer gets by choosing that value.
"""

import html

from elasticsearch.dsl import A, Q, Search

from ..query import (
    PRICE_RANGES,
    PRICE_RANGES_BY_KEY,
    NewsHit,
    ProductHit,
    ProductQuery,
)
from ..spelling import has_diacritics
from .documents import alias_name

FACETS = ("stars", "province", "category", "cooperative", "price")
_TERM_FIELDS = {
    "stars": "ocop_stars",
    "province": "province_code",
    "category": "category_slugs",
    "cooperative": "cooperative_slug",
}
_SORTS = {
    "relevance": ["_score", {"date": {"order": "desc"}}],
    "price_asc": [{"price": {"order": "asc"}}, "_score"],
    "price_desc": [{"price": {"order": "desc"}}, "_score"],
    "newest": [{"date": {"order": "desc"}}, "_score"],
    "stars": [{"ocop_stars": {"order": "desc", "missing": "_last"}}, "_score"],
}
HIGHLIGHT_TAG = ("<mark>", "</mark>")


#: What a document spelt as the buyer typed adds to its score: more than any
#: folded match scores, so exact spellings always lead (as EXACT_SPELLING in
#: the database backend).
EXACT_SPELLING_BOOST = 1000.0


def _text_query(text: str) -> Q:
    # The analyzer keeps accented and folded tokens, so "mat ong" and
    # "Mật ong" both match; fuzziness forgives typos such as "buoi da xnah".
    matched = Q(
        "bool",
        should=[
            Q(
                "multi_match",
                query=text,
                fields=["name^4", "cooperative^2", "categories^2", "description"],
                type="most_fields",
                operator="and",
                fuzziness="AUTO",
                prefix_length=1,
            ),
            Q("match_phrase", name={"query": text, "boost": 8}),
        ],
        minimum_should_match=1,
    )
    if not has_diacritics(text):
        return matched
    # Typed with diacritics: documents holding every word as spelt (in any
    # of the fields) come first, folded-only matches ("chế" for "chè") after.
    exact = Q(
        "multi_match",
        query=text,
        fields=[
            "name.exact",
            "cooperative.exact",
            "categories.exact",
            "description.exact",
        ],
        type="cross_fields",
        operator="and",
    )
    return Q(
        "bool",
        must=[matched],
        should=[Q("constant_score", filter=exact, boost=EXACT_SPELLING_BOOST)],
    )


def _facet_filters(query: ProductQuery) -> dict[str, Q]:
    filters: dict[str, Q] = {}
    values = {
        "stars": list(query.stars),
        "province": list(query.province_codes),
        "category": list(query.category_slugs),
        "cooperative": list(query.cooperative_slugs),
    }
    for facet, selected in values.items():
        if selected:
            filters[facet] = Q("terms", **{_TERM_FIELDS[facet]: selected})
    band = PRICE_RANGES_BY_KEY.get(query.price_range)
    if band is not None:
        bounds = {}
        if band.low is not None:
            bounds["gte"] = band.low
        if band.high is not None:
            bounds["lt"] = band.high
        filters["price"] = Q("range", price=bounds)
    return filters


def _all_but(filters: dict[str, Q], facet: str) -> Q:
    others = [f for name, f in filters.items() if name != facet]
    return Q("bool", filter=others) if others else Q("match_all")


def product_search_build(query: ProductQuery, *, using: str = "default") -> Search:
    """Return the Search for ``query``: text, filters, facets, sort, page."""
    search = Search(using=using, index=alias_name("products"))
    if query.text.strip():
        search = search.query(_text_query(query.text.strip()))
    filters = _facet_filters(query)
    if filters:
        search = search.post_filter(Q("bool", filter=list(filters.values())))
    for facet in FACETS:
        if facet == "price":
            inner = A(
                "range",
                field="price",
                keyed=True,
                ranges=[
                    {"key": r.key}
                    | ({"from": r.low} if r.low is not None else {})
                    | ({"to": r.high} if r.high is not None else {})
                    for r in PRICE_RANGES
                ],
            )
        else:
            inner = A("terms", field=_TERM_FIELDS[facet], size=100)
        search.aggs.bucket(facet, "filter", filter=_all_but(filters, facet)).bucket(
            "values", inner
        )
    search = search.sort(*_SORTS.get(query.sort, _SORTS["relevance"]))
    # encoder="html" escapes the product name around the <mark> tags.
    search = search.highlight_options(encoder="html")
    search = search.highlight(
        "name",
        number_of_fragments=0,
        pre_tags=[HIGHLIGHT_TAG[0]],
        post_tags=[HIGHLIGHT_TAG[1]],
    )
    search = search.source(["name"])
    start = (max(query.page, 1) - 1) * query.per_page
    return search[start : start + query.per_page]


def product_results_read(response) -> tuple[int, list[ProductHit], dict[str, dict]]:
    """Return (total, hits, raw facet counts {facet: {key: count}})."""
    hits = []
    for hit in response:
        highlight = getattr(hit.meta, "highlight", None)
        title = (
            highlight.name[0]
            if highlight is not None and "name" in highlight
            else html.escape(hit.name)
        )
        hits.append(ProductHit(product_id=int(hit.meta.id), highlighted_title=title))
    counts: dict[str, dict] = {}
    aggregations = (
        response.aggregations.to_dict() if hasattr(response, "aggregations") else {}
    )
    for facet in FACETS:
        buckets = aggregations.get(facet, {}).get("values", {}).get("buckets", {})
        if isinstance(buckets, dict):  # keyed range aggregation
            counts[facet] = {key: b["doc_count"] for key, b in buckets.items()}
        else:
            counts[facet] = {str(b["key"]): b["doc_count"] for b in buckets}
    return response.hits.total.value, hits, counts


def product_suggest_build(
    text: str, *, limit: int = 8, using: str = "default"
) -> Search:
    """Return the type-ahead Search: every typed word starts a word of the name."""
    search = Search(using=using, index=alias_name("products"))
    search = search.query(
        Q("match", **{"name.suggest": {"query": text, "operator": "and"}})
    )
    return search.source(["name"])[:limit]


def news_search_build(
    text: str, *, page: int = 1, per_page: int = 10, using: str = "default"
) -> Search:
    """Return the news Search: every word in title, intro, body or tags."""
    search = Search(using=using, index=alias_name("news"))
    search = search.query(
        Q(
            "bool",
            should=[
                Q(
                    "multi_match",
                    query=text,
                    fields=["title^4", "intro^2", "body", "tags"],
                    type="most_fields",
                    operator="and",
                    fuzziness="AUTO",
                    prefix_length=1,
                ),
                Q("match_phrase", title={"query": text, "boost": 8}),
            ],
            minimum_should_match=1,
        )
    )
    search = search.sort("_score", {"date": {"order": "desc"}})
    search = search.highlight_options(
        encoder="html", pre_tags=[HIGHLIGHT_TAG[0]], post_tags=[HIGHLIGHT_TAG[1]]
    )
    search = search.highlight("title", number_of_fragments=0)
    search = search.highlight("intro", number_of_fragments=0)
    search = search.source(["title", "intro", "url", "date"])
    start = (max(page, 1) - 1) * per_page
    return search[start : start + per_page]


def news_results_read(response) -> tuple[int, list[NewsHit]]:
    """Return (total, hits) with highlighted title and intro, escaped otherwise."""
    hits = []
    for hit in response:
        highlight = getattr(hit.meta, "highlight", None)

        def shown(name, highlight=highlight, hit=hit):
            if highlight is not None and name in highlight:
                return highlight[name][0]
            return html.escape(getattr(hit, name, "") or "")

        date = getattr(hit, "date", None)
        hits.append(
            NewsHit(
                page_id=int(hit.meta.id),
                url=getattr(hit, "url", ""),
                date=date.date() if hasattr(date, "date") else date,
                highlighted_title=shown("title"),
                highlighted_intro=shown("intro"),
            )
        )
    return response.hits.total.value, hits


# Listings ------------------------------------------------------------------


def listing_search_build(
    *,
    kind: str | None,
    scope: str,
    text: str,
    limit: int = 1000,
    using: str = "default",
) -> Search:
    """Return the listings Search: one scope (and kind), every word of
    ``text`` starting a word of the title or of the text, best first."""
    filters = [Q("terms", scope=[scope])]
    if kind:
        filters.append(Q("terms", kind=[kind]))
    search = Search(using=using, index=alias_name("listings"))
    search = search.query(
        Q(
            "bool",
            filter=filters,
            must=[
                Q(
                    "multi_match",
                    query=text,
                    fields=["title^4", "title.prefix^2", "text", "text.prefix"],
                    type="most_fields",
                    operator="and",
                )
            ],
            should=[Q("match_phrase", title={"query": text, "boost": 8})],
        )
    )
    search = search.sort("_score", {"date": {"order": "desc"}})
    return search.source(["kind", "object_id"])[:limit]


def listing_results_read(response) -> list[tuple[str, int]]:
    """Return (kind, object id) of the hits, in the response's order."""
    return [(hit.kind, int(hit.object_id)) for hit in response]
