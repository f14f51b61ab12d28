"""The database search backend: the same results behaviour without Elasticsearch.

Index rows hold folded text (đ→d, then no marks). On PostgreSQL, text
matches through the htx_vi configuration (unaccent) on a GIN-indexed
tsvector, with pg_trgm forgiving typos on product names when nothing
matches exactly; on SQLite every folded query word must start a word of the
row. ``products.py`` writes and searches the product rows (with their
disjunctive facets and the type-ahead), ``news.py`` the news rows,
``listings.py`` the short scoped listings apps register, and ``text.py``
holds what they share: folding for the index, the query's words, and
highlighting.
"""
