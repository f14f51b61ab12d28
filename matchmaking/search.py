"""Finding offers and requests by their words, whatever the accents.

The search layer (``marketplace.search``) indexes two kinds of records,
products and news pages, each in tables and Elasticsearch documents of its
own; it has no source for a conference's offers and requests, which are a
few hundred rows scoped to one event. So the market matches them with the
layer's own text rule (``marketplace.search.database.text``): a row's words
folded without diacritics and lowercased, every word of the query matching
the start of one of them ("mat ong" finds "Mật ong rừng"), on SQLite and
PostgreSQL alike, over the event's rows already loaded for the page.
"""

from marketplace.search.database.text import fold_for_index, highlight, query_words

__all__ = ["highlight", "offer_text", "text_matches", "want_text", "query_words"]


def offer_text(offer) -> str:
    """Return an offer's folded words: its product, note and participant."""
    return fold_for_index(
        offer.product.title, offer.note, offer.unit, offer.participant.name
    )


def want_text(want) -> str:
    """Return a request's folded words: its goods, product, category, note."""
    return fold_for_index(
        want.goods,
        want.product.title if want.product_id else "",
        want.category.name if want.category_id else "",
        want.note,
        want.participant.name,
    )


def text_matches(folded: str, words: list[str]) -> bool:
    """Return True when every query word starts a word of ``folded``."""
    return all(" " + word in folded for word in words)
