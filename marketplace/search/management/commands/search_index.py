"""Rebuild the search indexes (products and news): the database tables, and
Elasticsearch if set."""

import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from marketplace.search import database
from marketplace.search.models import NewsSearchEntry
from marketplace.search.records import (
    indexable_products,
    news_records,
    product_records,
)


def _progress(stream, done: int, total: int) -> None:
    width = 30
    filled = width * done // total if total else width
    percent = 100 * done // total if total else 100
    stream.write(
        f"\r[{'#' * filled}{'.' * (width - filled)}] {percent:3d}% {done}/{total}"
    )
    stream.flush()


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
        ids = list(indexable_products().values_list("pk", flat=True))
        total = len(ids)
        stream = self.stdout if self.stdout.isatty() else sys.stderr

        self.stdout.write(f"Database index: {total} products")
        database.entries_delete(
            list(
                database.ProductSearchEntry.objects.exclude(pk__in=ids).values_list(
                    "pk", flat=True
                )
            )
        )
        for start in range(0, total, batch_size):
            database.entries_write(
                list(product_records(ids[start : start + batch_size]))
            )
            _progress(stream, min(start + batch_size, total), total)
        stream.write("\n")

        news = list(news_records())
        self.stdout.write(f"Database index: {len(news)} news pages")
        database.news_entries_delete(
            list(
                NewsSearchEntry.objects.exclude(
                    pk__in=[r.page_id for r in news]
                ).values_list("pk", flat=True)
            )
        )
        for start in range(0, len(news), batch_size):
            database.news_entries_write(news[start : start + batch_size])
            _progress(stream, min(start + batch_size, len(news)), len(news))
        stream.write("\n")

        if settings.ELASTICSEARCH_URL:
            from marketplace.search.elastic.client import (
                SearchUnavailable,
                index_rebuild,
                news_index,
                products_index,
            )

            def fill(index_name: str) -> int:
                indexed = 0
                for start in range(0, total, batch_size):
                    batch = list(product_records(ids[start : start + batch_size]))
                    indexed += products_index(batch, index=index_name)
                    _progress(stream, min(start + batch_size, total), total)
                stream.write("\n")
                return indexed

            self.stdout.write("Elasticsearch: building a new index behind the alias")
            try:
                name = index_rebuild("products", fill)
            except SearchUnavailable as exc:
                raise CommandError(f"Elasticsearch did not answer: {exc}") from exc
            self.stdout.write(f"Alias now points at {name}")

            def fill_news(index_name: str) -> int:
                indexed = 0
                for start in range(0, len(news), batch_size):
                    indexed += news_index(
                        news[start : start + batch_size], index=index_name
                    )
                    _progress(stream, min(start + batch_size, len(news)), len(news))
                stream.write("\n")
                return indexed

            self.stdout.write("Elasticsearch: building a new news index")
            try:
                name = index_rebuild("news", fill_news)
            except SearchUnavailable as exc:
                raise CommandError(f"Elasticsearch did not answer: {exc}") from exc
            self.stdout.write(f"Alias now points at {name}")
        self.stdout.write(self.style.SUCCESS("Search index rebuilt."))
