"""Search over products and news: one interface, two backends, no domain.

``query.py`` describes a search independently of any engine; ``database/``
answers it from index tables, and ``elastic/`` is the only code that imports
the Elasticsearch client (used when ELASTICSEARCH_URL is set). Search imports
no app: the apps register what it indexes (``sources.py``) and the tabs of
its results page (``tabs.py``), and enqueue its indexing tasks
(``indexing.py``). The app's label is "htx_search", not "search" (Oscar owns
that label).
"""
