"""A product search described independently of the engine that answers it."""

from dataclasses import dataclass, field
from typing import Literal

from django.db.models import Case, CharField, Q, Value, When
from django.utils.translation import gettext_lazy as _

SortKey = Literal["relevance", "price_asc", "price_desc", "newest", "stars"]

#: Sort orders a buyer can choose: key -> label.
SORTS: dict[str, str] = {
    "relevance": _("Relevance"),
    "price_asc": _("Price: low to high"),
    "price_desc": _("Price: high to low"),
    "newest": _("Newest"),
    "stars": _("OCOP stars"),
}


@dataclass(frozen=True)
class PriceRange:
    key: str
    #: Inclusive lower bound in dong, or None.
    low: int | None
    #: Exclusive upper bound in dong, or None.
    high: int | None
    label: str

    def condition(self, field: str = "price") -> Q:
        """Return the condition "``field`` is in this band" for a queryset."""
        condition = Q()
        if self.low is not None:
            condition &= Q(**{f"{field}__gte": self.low})
        if self.high is not None:
            condition &= Q(**{f"{field}__lt": self.high})
        return condition


#: Price bands that suit OCOP goods (a bag of sweets to a gift box of honey),
#: in whole dong.
PRICE_RANGES: list[PriceRange] = [
    PriceRange("under-50k", None, 50_000, _("Under 50,000 ₫")),
    PriceRange("50k-100k", 50_000, 100_000, _("50,000–100,000 ₫")),
    PriceRange("100k-200k", 100_000, 200_000, _("100,000–200,000 ₫")),
    PriceRange("200k-500k", 200_000, 500_000, _("200,000–500,000 ₫")),
    PriceRange("500k-plus", 500_000, None, _("500,000 ₫ and over")),
]
PRICE_RANGES_BY_KEY = {r.key: r for r in PRICE_RANGES}


def price_band(field: str = "price") -> Case:
    """Return the key of the band ``field`` falls in, as a database expression."""
    return Case(
        *(When(band.condition(field), then=Value(band.key)) for band in PRICE_RANGES),
        default=None,
        output_field=CharField(),
    )


@dataclass(frozen=True)
class ProductQuery:
    """What a buyer asked for: text, filters, sort and page."""

    text: str = ""
    stars: tuple[int, ...] = ()
    province_codes: tuple[int, ...] = ()
    category_slugs: tuple[str, ...] = ()
    cooperative_slugs: tuple[str, ...] = ()
    price_range: str = ""
    sort: SortKey = "relevance"
    page: int = 1
    per_page: int = 24


@dataclass
class FacetValue:
    key: str
    label: str
    count: int
    selected: bool = False


@dataclass
class ProductHit:
    product_id: int
    #: Title with matches wrapped in <mark>, HTML-escaped otherwise.
    highlighted_title: str = ""


@dataclass
class ProductResults:
    total: int
    hits: list[ProductHit]
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)


@dataclass
class NewsHit:
    page_id: int
    url: str
    date: object
    #: Title and intro with matches wrapped in <mark>, HTML-escaped otherwise.
    highlighted_title: str = ""
    highlighted_intro: str = ""


@dataclass
class NewsResults:
    total: int
    hits: list[NewsHit]
