"""Rebuild the search indexes (products, news and listings): the database
tables, and Elasticsearch if set."""

import sys
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from marketplace.core.sql import in_values
from marketplace.search.database import listings as listings_table
from marketplace.search.database import news as news_table
from marketplace.search.database import products as products_table
from marketplace.search.indexing import search_changed
from marketplace.search.models import (
    ListingSearchEntry,
    NewsSearchEntry,
    ProductSearchEntry,
)
from marketplace.search.sources import listing_sources, news_source, product_source


def _progress(stream, done: int, total: int) -> None:
    width = 30
    filled = width * done // total if total else width
    percent = 100 * done // total if total else 100
    stream.write(
        f"\r[{'#' * filled}{'.' * (width - filled)}] {percent:3d}% {done}/{total}"
    )
    stream.flush()


def _in_batches(stream, items: list, size: int, write: Callable[[list], Any]) -> int:
    """Pass ``items`` to ``write`` ``size`` at a time under a progress bar.

    Return the sum of what ``write`` returned (how many it indexed), if any.
    """
    written = 0
    for start in range(0, len(items), size):
        written += write(items[start : start + size]) or 0
        _progress(stream, min(start + size, len(items)), len(items))
    stream.write("\n")
    return written


class Command(BaseCommand):
    help = (
        "Rebuild the product, news and listing search indexes "
        "(database, and Elasticsearch when set)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--rebuild", action="store_true", help="Rebuild from scratch."
        )
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, rebuild: bool, batch_size: int, **options):
        if not rebuild:
            raise CommandError("Say what to do: --rebuild.")
        products = product_source()
        ids = list(products.indexable_ids())
        total = len(ids)
        stream = self.stdout if self.stdout.isatty() else sys.stderr

        self.stdout.write(f"Database index: {total} products")
        products_table.entries_delete(
            list(
                ProductSearchEntry.objects.exclude(
                    pk__in=in_values(ids, "integer")
                ).values_list("pk", flat=True)
            )
        )
        _in_batches(
            stream,
            ids,
            batch_size,
            lambda batch: products_table.entries_write(list(products.records(batch))),
        )

        news = list(news_source().records(None))
        self.stdout.write(f"Database index: {len(news)} news pages")
        news_table.news_entries_delete(
            list(
                NewsSearchEntry.objects.exclude(
                    pk__in=in_values([r.page_id for r in news], "integer")
                ).values_list("pk", flat=True)
            )
        )
        _in_batches(stream, news, batch_size, news_table.news_entries_write)

        listings = self._listings_rebuild(stream, batch_size)

        if settings.ELASTICSEARCH_URL:
            from marketplace.search.elastic.client import (
                SearchUnavailable,
                index_rebuild,
                listings_index,
                news_index,
                products_index,
            )

            fills = {
                "products": lambda index_name: _in_batches(
                    stream,
                    ids,
                    batch_size,
                    lambda batch: products_index(
                        list(products.records(batch)), index=index_name
                    ),
                ),
                "news": lambda index_name: _in_batches(
                    stream,
                    news,
                    batch_size,
                    lambda batch: news_index(batch, index=index_name),
                ),
                "listings": lambda index_name: _in_batches(
                    stream,
                    listings,
                    batch_size,
                    lambda batch: listings_index(batch, index=index_name),
                ),
            }
            for kind, fill in fills.items():
                self.stdout.write(f"Elasticsearch: building a new {kind} index")
                try:
                    name = index_rebuild(kind, fill)
                except SearchUnavailable as exc:
                    raise CommandError(f"Elasticsearch did not answer: {exc}") from exc
                self.stdout.write(f"Alias now points at {name}")
        search_changed()
        self.stdout.write(self.style.SUCCESS("Search index rebuilt."))

    def _listings_rebuild(self, stream, batch_size: int) -> list:
        """Rewrite every registered kind's listings; drop the rest. Return them."""
        sources = listing_sources()
        listings = [r for records in sources.values() for r in records(None)]
        self.stdout.write(f"Database index: {len(listings)} listings")
        stale = ListingSearchEntry.objects.exclude(kind__in=list(sources))
        stale.delete()
        for kind in sources:
            kept = [r.object_id for r in listings if r.kind == kind]
            listings_table.listing_entries_delete(
                kind=kind,
                object_ids=list(
                    ListingSearchEntry.objects.filter(kind=kind)
                    .exclude(object_id__in=in_values(kept, "bigint"))
                    .values_list("object_id", flat=True)
                ),
            )
        _in_batches(stream, listings, batch_size, listings_table.listing_entries_write)
        return listings
