"""The shared tables, for every search backend, on the demo catalogue.

``CASES``: query -> expected first results. ``first`` is the set of titles
one of which must come first; ``top`` are titles that must all be in the
first five; an empty ``first`` means the query must find nothing. ``typo``
cases need a backend that forgives typos (Elasticsearch, PostgreSQL).
``leading`` (diacritics typed): exactly these titles, spelt as typed, come
before any other; ``found`` must be among the results (folded matches).

``FILTER_CASES``: a query string as the search page gets it -> exactly the
products shown. Each case also checks every facet value offered: the count
beside it equals the total the page gives with that value chosen.
"""

from dataclasses import dataclass, field

from django.http import QueryDict


@dataclass(frozen=True)
class Case:
    query: str
    first: frozenset[str]
    top: tuple[str, ...] = ()
    typo: bool = False
    leading: frozenset[str] = frozenset()
    found: tuple[str, ...] = ()
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
    Case(
        "chè",
        frozenset({"Chè dưới tán hồi", "Chè xanh Văn Quan"}),
        leading=frozenset(
            {
                "Chè dưới tán hồi",
                "Chè xanh Văn Quan",
                "Trà hoa hồi",
                "Bột thạch đen hòa tan",
                "Nước dừa xiêm đóng chai",
            }
        ),
        found=("Rượu na Chi Lăng", "Cơm dừa sấy giòn"),
        why="tea (chè) before processed goods (chế biến): spelt as typed leads",
    ),
    Case(
        "hoà tan",
        frozenset({"Bột thạch đen hòa tan"}),
        leading=frozenset({"Bột thạch đen hòa tan"}),
        found=("Trà hoa hồi",),
        why="the new tone placement (hoà) finds the old one (hòa) as exact",
    ),
    Case(
        "che",
        frozenset({"Chè dưới tán hồi", "Chè xanh Văn Quan"}),
        found=("Trà hoa hồi", "Rượu na Chi Lăng", "Cơm dừa sấy giòn"),
        why="no diacritics typed: every folded match, as before",
    ),
]


@dataclass(frozen=True)
class FilterCase:
    params: str
    titles: frozenset[str]
    #: Titles in the order shown, when the case checks a sort.
    ordered: tuple[str, ...] = ()
    why: str = field(default="", compare=False)


FILTER_CASES = [
    FilterCase(
        "q=mat+ong&province=86",
        frozenset({"Dầu dừa tinh khiết Thạnh Phú", "Mật hoa dừa Chợ Lách"}),
        why="text and province (the page ignored the province)",
    ),
    FilterCase(
        "category=trai-cay",
        frozenset(
            {
                "Bưởi da xanh Quới Sơn",
                "Bưởi da xanh hộp quà 2 trái",
                "Chôm chôm Chợ Lách",
                "Hồng không hạt Bắc Sơn",
                "Măng cụt Chợ Lách",
                "Na Chi Lăng",
                "Na Chi Lăng hộp quà 3 kg",
                "Quýt vàng Bắc Sơn",
                "Sầu riêng Ri6 Tân Phú",
                "Sầu riêng Tân Phú",
            }
        ),
        why="category alone (the page returned all 42)",
    ),
    FilterCase(
        "category=trai-cay&stars=4&price=50k-100k",
        frozenset({"Bưởi da xanh Quới Sơn", "Na Chi Lăng"}),
        why="category, OCOP stars and price band together",
    ),
    FilterCase(
        "cooperative=htx-keo-dua-ben-tre&price=under-50k",
        frozenset({"Bánh tráng sữa dừa", "Kẹo dừa Bến Tre", "Kẹo dừa lá dứa"}),
        why="cooperative and price band",
    ),
    FilterCase(
        "cooperative=htx-tan-phu&cooperative=htx-dong-banh&stars=3",
        frozenset({"Bánh pía sầu riêng", "Rượu na Chi Lăng"}),
        why="two cooperatives (either) with stars; Ri6's certificate has expired",
    ),
    FilterCase("q=keo&province=20", frozenset(), why="text and a province: none"),
    FilterCase(
        "category=banh-keo&sort=price_asc",
        frozenset(
            {
                "Bánh tráng sữa dừa",
                "Kẹo dừa Bến Tre",
                "Kẹo dừa lá dứa",
                "Kẹo dừa sầu riêng",
                "Mứt vỏ bưởi Quới Sơn",
                "Bánh pía sầu riêng",
                "Kem sầu riêng Tân Phú",
            }
        ),
        ordered=(
            "Bánh tráng sữa dừa",
            "Kẹo dừa Bến Tre",
            "Kẹo dừa lá dứa",
            "Kẹo dừa sầu riêng",
            "Mứt vỏ bưởi Quới Sơn",
            "Bánh pía sầu riêng",
            "Kem sầu riêng Tân Phú",
        ),
        why="category sorted by price",
    ),
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
        if case.leading and set(titles[: len(case.leading)]) != case.leading:
            failures.append(
                f"{case.query!r}: led by {titles[: len(case.leading)]}, "
                f"expected {sorted(case.leading)}"
            )
        absent = [t for t in case.found if t not in titles]
        if absent:
            failures.append(f"{case.query!r}: {absent} not found in {titles}")
    return failures


#: ProductQuery field of each facet, and how its key is typed there.
_NARROW = {
    "stars": ("stars", lambda k: (int(k),)),
    "province": ("province_codes", lambda k: (int(k),)),
    "category": ("category_slugs", lambda k: (k,)),
    "cooperative": ("cooperative_slugs", lambda k: (k,)),
    "price": ("price_range", lambda k: k),
}


def page_query(params: str):
    """Return the ProductQuery the search page makes of this query string."""
    from catalog.catalogue.search_views import ProductSearchForm

    form = ProductSearchForm(QueryDict(params))
    form.is_valid()
    for name in list(form.errors):
        form.cleaned_data.pop(name, None)
    return form.to_query(per_page=50)


def check_filters(search) -> list[str]:
    """Run every filter case through ``search(ProductQuery) -> (total, titles,
    counts)``; return the failures.

    Per case: exactly the expected titles (in order when given); then each
    facet value with a count: choosing it alone in its facet, the other
    filters kept, gives that many results.
    """
    from dataclasses import replace

    failures = []
    for case in FILTER_CASES:
        query = page_query(case.params)
        total, titles, counts = search(query)
        if set(titles) != case.titles or total != len(case.titles):
            failures.append(
                f"{case.params}: {total} {sorted(titles)}, "
                f"expected {sorted(case.titles)}"
            )
        if case.ordered and tuple(titles) != case.ordered:
            failures.append(f"{case.params}: order {titles}, expected {case.ordered}")
        for facet, values in counts.items():
            name, typed = _NARROW[facet]
            for key, count in values.items():
                if not count:
                    continue
                narrowed = replace(query, **{name: typed(key)})
                got, _, _ = search(narrowed)
                if got != count:
                    failures.append(
                        f"{case.params}: {facet}={key} counts {count}, gives {got}"
                    )
    return failures


def titles_of(hits) -> list[str]:
    """Return the product titles of ``hits``, in order."""
    from oscar.core.loading import get_model

    names = dict(
        get_model("catalogue", "Product")
        .objects.filter(pk__in=[h.product_id for h in hits])
        .values_list("pk", "title")
    )
    return [names[h.product_id] for h in hits]


def database_titles(text: str) -> list[str]:
    """Search the database backend and return the titles in order."""
    from marketplace.search.database import products as database
    from marketplace.search.query import ProductQuery

    _, hits, _ = database.product_search_database(ProductQuery(text=text, per_page=20))
    return titles_of(hits)


def database_search(query) -> tuple[int, list[str], dict]:
    """Answer ``query`` from the database backend: (total, titles, counts)."""
    from marketplace.search.database import products as database

    total, hits, counts = database.product_search_database(query)
    return total, titles_of(hits), counts


def run_database_table() -> list[str]:
    """Index the catalogue and check the table on this database's engine."""
    from django.db import connection

    from catalog.catalogue.search_records import indexable_products
    from marketplace.search.indexing import products_reindex

    products_reindex(indexable_products().values_list("pk", flat=True))
    return check(
        database_titles, typo_tolerant=connection.vendor == "postgresql"
    ) + check_filters(database_search)
