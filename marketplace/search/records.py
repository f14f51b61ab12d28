"""What search indexes: the records both backends write, one per product or page.

These dataclasses are the indexes' schema. Search builds none of them: the
apps that own products and news pages register the builders (see
``sources.py``), so both backends index the same facts: for a product its
name, description, cooperative, province, categories, OCOP stars and
expiry, price, availability and date; for a news page its title, intro,
body text, category, tags, date and URL; for a listing (a short row of some
kind, such as a conference's offers, searched within one scope) its title,
its text, its scope, URL and date.
"""

import datetime
from dataclasses import dataclass, field

from marketplace.core import vn_units


@dataclass
class ProductRecord:
    product_id: int
    name: str
    description: str
    cooperative_name: str
    cooperative_slug: str
    province_code: int | None
    category_slugs: list[str] = field(default_factory=list)
    category_names: list[str] = field(default_factory=list)
    ocop_stars: int | None = None
    ocop_expires_on: datetime.date | None = None
    price: int | None = None
    available: bool = False
    date: datetime.datetime | None = None
    url: str = ""

    @property
    def province(self) -> str:
        return vn_units.province_name(self.province_code)


@dataclass
class NewsRecord:
    page_id: int
    title: str
    intro: str
    body: str
    category: str
    tags: list[str] = field(default_factory=list)
    date: datetime.date | None = None
    url: str = ""


@dataclass
class ListingRecord:
    """A short listing searched within one scope (e.g. one event's offers).

    ``kind`` names the source that registered it; ``scope`` is an opaque
    string the source chooses, and a search only ever sees one scope's rows.
    """

    kind: str
    object_id: int
    scope: str
    title: str
    text: str
    url: str = ""
    date: datetime.datetime | None = None
