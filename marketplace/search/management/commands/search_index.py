"""Rebuild the search indexes (products and news): the database tables, and
Elasticsearch if set."""

import sys
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from marketplace.core.sql import in_values
from marketplace.search.database import news as news_table
from marketplace.search.database import products as products_table
from marketplace.search.indexing import search_changed
from marketplace.search.models import NewsSearchEntry, ProductSearchEntry
from marketplace.search.sources import news_source, product_source


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
        "Rebuild the product and news search indexes "
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

        if settings.ELASTICSEARCH_URL:
            from marketplace.search.elastic.client import (
                SearchUnavailable,
                index_rebuild,
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
