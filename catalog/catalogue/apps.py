import oscar.apps.catalogue.apps as apps


class CatalogueConfig(apps.CatalogueConfig):
    name = "catalog.catalogue"

    def ready(self):
        super().ready()
        # Oscar writes an analytics row on every product view, a database
        # write on the hottest read path. It is switched off; basket and
        # order analytics stay on.
        from oscar.apps.analytics.receivers import receive_product_view
        from oscar.apps.catalogue.signals import product_viewed

        product_viewed.disconnect(receive_product_view)
        # Nor is the recently-viewed cookie written: no page shows the list,
        # and a cookie on the response keeps the page out of the page cache.
        from oscar.apps.customer.receivers import (
            receive_product_view as remember_recently_viewed,
        )

        product_viewed.disconnect(remember_recently_viewed)

        # Anonymous visitors get the store's pages from the shared cache.
        from . import page_cache

        page_cache.connect()
        page_cache.register()
        from . import page_parts

        page_parts.register()

        # Thumbnails are made on upload, not on the first page that shows them.
        from . import thumbnails

        thumbnails.connect()

        # Descriptions are HTML that cooperatives and staff write: cleaned
        # on every save (descriptions.py).
        from . import descriptions

        descriptions.connect()

        # Search knows no catalogue: the catalogue gives it its products,
        # reindexes them when they change, and adds the products tab to the
        # search page.
        from . import search_records, search_signals, search_views

        search_records.register()
        search_signals.connect()
        search_views.register()
