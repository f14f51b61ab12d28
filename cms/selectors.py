"""Reads for the news site's pages.

Products and conference outcomes come from the catalogue's and the agreements
register's own selectors: the news site never reads their tables itself.
"""

from django.db.models import QuerySet


def article_list_latest(*, limit: int) -> list:
    """Return the newest live articles, with their feature images."""
    from .models import ArticlePage

    return list(
        ArticlePage.objects.live().select_related("image").latest_first()[:limit]
    )


def document_list_latest(*, limit: int) -> list:
    """Return the newest live official documents: announcements and reports."""
    from .models import AnnouncementPage, ReportPage

    documents = [
        *AnnouncementPage.objects.live().latest_first()[:limit],
        *ReportPage.objects.live().latest_first()[:limit],
    ]
    documents.sort(key=lambda page: (page.date, page.pk), reverse=True)
    return documents[:limit]


def product_list_featured(*, limit: int) -> list:
    """Return the OCOP products to feature, from the catalogue's selectors."""
    from catalog.catalogue import selectors

    featured = getattr(selectors, "product_list_featured_ocop", None)
    if featured is not None:
        return list(featured(limit=limit))
    return list(selectors.product_list_browsable()[:limit])


def product_map(*, ids) -> dict[int, object]:
    """Return the browsable products among ``ids``, by id, in one query set."""
    from catalog.catalogue.selectors import product_list_browsable

    wanted = {int(pk) for pk in ids if str(pk).isdigit()}
    if not wanted:
        return {}
    products: QuerySet = product_list_browsable().filter(pk__in=wanted)
    return {product.pk: product for product in products}


def cooperative_choices() -> list[tuple[str, str]]:
    """Return (slug, name) of the approved cooperatives an editor can show."""
    from catalog.cooperatives.selectors import cooperative_list_public

    return list(cooperative_list_public().values_list("slug", "name"))


def cooperative_map(*, slugs) -> dict[str, object]:
    """Return the approved cooperatives among ``slugs``, by slug, in one query."""
    from catalog.cooperatives.selectors import cooperative_list_public

    wanted = {str(slug) for slug in slugs if slug}
    if not wanted:
        return {}
    return {c.slug: c for c in cooperative_list_public().filter(slug__in=wanted)}


def conference_list_recent(*, limit: int) -> list:
    """Return the latest conference pages, each with its outcome (or None)."""
    from .models import ConferencePage

    pages = list(
        ConferencePage.objects.live()
        .select_related("image", "conference")
        .order_by("-start_date", "-pk")[:limit]
    )
    for page in pages:
        page.outcome = conference_page_outcome(page=page)
    return pages


def conference_page_outcome(*, page) -> dict | None:
    """Return the agreements register's figures for the page's conference.

    None while the page is not linked to a conference of the register.
    """
    conference = page.conference
    if conference is None:
        return None
    from agreements.selectors.aggregates import conference_outcome

    return conference_outcome(conference=conference)


def conference_page_funnel(*, page):
    """Return the matchmaking funnel (counts only) of the page's conference,
    or None when it has no matchmaking."""
    if page.conference_id is None:
        return None
    from matchmaking.models import Event
    from matchmaking.selectors.funnel import conference_funnel

    event = Event.objects.filter(conference_id=page.conference_id).first()
    if event is None:
        return None
    funnel = conference_funnel(event=event)
    return None if funnel.is_empty else funnel
