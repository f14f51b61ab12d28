"""Index documents for products, news pages and listings, and the indexes
behind aliases.

Index names are read from settings when called, never at import; each index
is created under a timestamped name and served through an alias, so a rebuild
can fill a new index while search keeps answering from the old one.
"""

from django.conf import settings
from elasticsearch.dsl import (
    Boolean,
    Date,
    Document,
    Index,
    Integer,
    Keyword,
    Long,
    Text,
)

from .analysis import vi_autocomplete, vi_autocomplete_query, vi_exact, vi_text


def _vi(fields: dict | None = None, **kwargs) -> Text:
    return Text(analyzer=vi_text, fields=fields or {}, **kwargs)


def _vi_product(fields: dict | None = None, **kwargs) -> Text:
    """Return product text with an ``exact`` subfield: the words as spelt,
    which rank first when the buyer types diacritics."""
    return _vi(fields={**(fields or {}), "exact": Text(analyzer=vi_exact)}, **kwargs)


def _prefix() -> Text:
    """Return a subfield of each folded word's prefixes (2 characters up)."""
    return Text(analyzer=vi_autocomplete, search_analyzer=vi_autocomplete_query)


class ProductDocument(Document):
    """A public product as buyers search it."""

    name = _vi_product(
        fields={
            "suggest": Text(
                analyzer=vi_autocomplete, search_analyzer=vi_autocomplete_query
            ),
            "raw": Keyword(),
        }
    )
    description = _vi_product()
    cooperative = _vi_product(fields={"raw": Keyword()})
    cooperative_slug = Keyword()
    province_code = Integer()
    province = Keyword()
    category_slugs = Keyword(multi=True)
    categories = _vi_product(multi=True)
    #: OCOP stars while the certificate is valid; absent otherwise.
    ocop_stars = Integer()
    #: Price in whole dong.
    price = Long()
    available = Boolean()
    date = Date()
    url = Keyword(index=False)


class NewsDocument(Document):
    """A published news page (article, announcement, report)."""

    title = _vi(
        fields={
            "suggest": Text(
                analyzer=vi_autocomplete, search_analyzer=vi_autocomplete_query
            )
        }
    )
    intro = _vi()
    body = _vi()
    category = Keyword()
    tags = Keyword(multi=True)
    date = Date()
    url = Keyword(index=False)


class ListingDocument(Document):
    """A short listing of some kind (registered by an app), in its scope.

    Its id is "<kind>-<object id>"; ``prefix`` subfields hold each folded
    word's beginnings, so every query word matches the start of a word, as
    the database backend's listings do.
    """

    kind = Keyword()
    object_id = Long()
    scope = Keyword()
    title = _vi(fields={"prefix": _prefix()})
    text = _vi(fields={"prefix": _prefix()})
    date = Date()
    url = Keyword(index=False)


_DOCUMENTS = {
    "products": ProductDocument,
    "news": NewsDocument,
    "listings": ListingDocument,
}


def alias_name(kind: str) -> str:
    """Return the alias searches use for ``kind`` ("products", "news" or
    "listings")."""
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-{kind}"


def index_for(kind: str, *, name: str | None = None) -> Index:
    """Return the Index (settings, analyzers, mapping) for ``kind``.

    ``name`` is the concrete index name; by default the alias itself.
    """
    index = Index(name or alias_name(kind))
    index.settings(number_of_shards=1, number_of_replicas=0)
    index.document(_DOCUMENTS[kind])
    return index
