"""Search over products and news: one interface, two backends.

``query.py`` describes a search independently of any engine; ``elastic/`` is
the only code that imports the Elasticsearch client (used when
ELASTICSEARCH_URL is set). This is a plain package, not an app labelled
"search" (Oscar owns that label).
"""
