"""Analyzers for Vietnamese as buyers type it: with or without diacritics.

``asciifolding`` (Lucene's ASCIIFoldingFilter) folds đ→d and stacked marks
such as "ộ"; with ``preserve_original`` the accented token is kept beside the
folded one, so a query typed with accents ranks exact-accent matches first.
No plugin (icu_folding) is needed.
"""

from elasticsearch.dsl import analyzer, char_filter, token_filter

from ..spelling import TONE_PLACEMENT

vi_folding = token_filter("vi_folding", "asciifolding", preserve_original=True)

#: Index and query analyzer for Vietnamese text.
vi_text = analyzer("vi_text", tokenizer="standard", filter=["lowercase", vi_folding])

vi_edge_ngram = token_filter("vi_edge_ngram", "edge_ngram", min_gram=2, max_gram=15)

#: Index-time analyzer of the type-ahead field: prefixes of each folded word.
vi_autocomplete = analyzer(
    "vi_autocomplete",
    tokenizer="standard",
    filter=["lowercase", token_filter("vi_fold", "asciifolding"), vi_edge_ngram],
)

#: Query-time analyzer of the type-ahead field: whole folded words.
vi_autocomplete_query = analyzer(
    "vi_autocomplete_query",
    tokenizer="standard",
    filter=["lowercase", token_filter("vi_fold", "asciifolding")],
)

#: The words as spelt (the ``.exact`` subfields): lowercased, diacritics kept,
#: one tone placement ("hòa" = "hoà"), as ``spelling.exact_words`` spells
#: them for the database backend. An accented query must match here to rank
#: first.
vi_exact = analyzer(
    "vi_exact",
    tokenizer="standard",
    char_filter=[
        char_filter(
            "vi_tone_placement",
            "mapping",
            mappings=[f"{old} => {new}" for old, new in TONE_PLACEMENT.items()],
        )
    ],
    filter=["lowercase"],
)
