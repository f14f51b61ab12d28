"""The shared table: query -> expected first results, for every search backend.

Run against the demo catalogue. ``first`` is the set of titles one of which
must come first; ``top`` are titles that must all be in the first five;
an empty ``first`` means the query must find nothing. ``typo`` cases need a
backend that forgives typos (Elasticsearch, PostgreSQL).
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Case:
    query: str
    first: frozenset[str]
    top: tuple[str, ...] = ()
    typo: bool = False
    why: str = field(default="", compare=False)


CASES = [
    Case(
        "thach den trang dinh",
        frozenset({"Thạch đen Tràng Định"}),
        why="no diacritics, đ typed as d",
    ),
    Case(
        "Thạch đen",
        frozenset({"Thạch đen Tràng Định"}),
        top=("Thạch đen khô Tràng Định",),
        why="accented query",
    ),
    Case("mat ong", frozenset({"Mật ong ngũ gia bì", "Mật ong hoa rừng Quảng Lạc"})),
    Case(
        "buoi da xanh",
        frozenset({"Bưởi da xanh Quới Sơn", "Bưởi da xanh hộp quà 2 trái"}),
    ),
    Case("na chi lang", frozenset({"Na Chi Lăng"}), top=("Na Chi Lăng hộp quà 3 kg",)),
    Case("tinh dau hoi", frozenset({"Tinh dầu hồi Văn Quan"})),
    Case(
        "keo dua",
        frozenset({"Kẹo dừa Bến Tre", "Kẹo dừa sầu riêng", "Kẹo dừa lá dứa"}),
        top=("Kẹo dừa Bến Tre",),
    ),
    Case(
        "buoi da xnah",
        frozenset({"Bưởi da xanh Quới Sơn", "Bưởi da xanh hộp quà 2 trái"}),
        typo=True,
        why="typo",
    ),
    Case(
        "Quảng Lạc",
        frozenset(
            {"Mật ong hoa rừng Quảng Lạc", "Mật ong ngũ gia bì", "Phấn hoa Quảng Lạc"}
        ),
        why="a cooperative's name finds its products",
    ),
    Case("qwxz sản phẩm không có", frozenset(), why="nothing matches"),
]


def check(search, *, typo_tolerant: bool) -> list[str]:
    """Run every case through ``search(text) -> [titles]``; return the failures."""
    failures = []
    for case in CASES:
        if case.typo and not typo_tolerant:
            continue
        titles = search(case.query)
        if not case.first:
            if titles:
                failures.append(f"{case.query!r}: expected nothing, got {titles[:3]}")
            continue
        if not titles or titles[0] not in case.first:
            failures.append(
                f"{case.query!r}: first {titles[:3]}, "
                f"expected one of {sorted(case.first)}"
            )
        missing = [t for t in case.top if t not in titles[:5]]
        if missing:
            failures.append(f"{case.query!r}: {missing} not in top five {titles[:5]}")
    return failures


def database_titles(text: str) -> list[str]:
    """Search the database backend and return the titles in order."""
    from marketplace.search import database
    from marketplace.search.models import ProductSearchEntry
    from marketplace.search.query import ProductQuery

    _, hits, _ = database.product_search_database(ProductQuery(text=text, per_page=10))
    names = dict(
        ProductSearchEntry.objects.filter(
            pk__in=[h.product_id for h in hits]
        ).values_list("pk", "name")
    )
    return [names[h.product_id] for h in hits]


def run_database_table() -> list[str]:
    """Index the catalogue and check the table on this database's engine."""
    from django.db import connection

    from marketplace.search.indexing import products_reindex
    from marketplace.search.records import indexable_products

    products_reindex(indexable_products().values_list("pk", flat=True))
    return check(database_titles, typo_tolerant=connection.vendor == "postgresql")
