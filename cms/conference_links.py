"""The news site's conference pages, as the agreements register sees them.

A conference page is linked to a conference of the register
(``ConferencePage.conference``); the register cannot import the news site,
so the news site tells it which live page is about which conference
(``agreements.selectors.conferences``). A linked page and its conference
have one name, the register's: the page takes the conference's name as its
title when it is saved, and again whenever the conference is renamed, so the
two never drift apart (the register's name is the one agreements, exports
and the dashboard already print).
"""

from django.db.models.signals import post_save, pre_save


def conference_pages(*, conference_ids) -> dict:
    """Return {conference id: its live page's URL and title}."""
    from agreements.selectors.conferences import ConferencePageLink

    from .models import ConferencePage

    pages = (
        ConferencePage.objects.live()
        .filter(conference_id__in=list(conference_ids))
        .order_by("-first_published_at", "-pk")
    )
    links: dict = {}
    for page in pages:
        url = page.get_url()
        if url and page.conference_id not in links:
            links[page.conference_id] = ConferencePageLink(url=url, title=page.title)
    return links


def _page_takes_conference_name(sender, instance, **kwargs) -> None:
    if instance.conference_id is None:
        return
    name = instance.conference.name
    instance.title = name
    instance.draft_title = name


def _pages_follow_conference_rename(sender, instance, **kwargs) -> None:
    from .models import ConferencePage

    ConferencePage.objects.filter(conference=instance).exclude(
        title=instance.name, draft_title=instance.name
    ).update(title=instance.name, draft_title=instance.name)


def register() -> None:
    """Register the page provider with the register, and keep names in step."""
    from agreements.models import Conference
    from agreements.selectors.conferences import conference_page_provider_register

    from .models import ConferencePage

    conference_page_provider_register(conference_pages)
    pre_save.connect(
        _page_takes_conference_name,
        sender=ConferencePage,
        dispatch_uid="cms.conference_page_name",
    )
    post_save.connect(
        _pages_follow_conference_rename,
        sender=Conference,
        dispatch_uid="cms.conference_rename",
    )
