"""RSS and Atom feeds of the news: all articles, and one per category."""

import datetime

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext_lazy as _

from .models import CATEGORY_BY_SLUG, ArticleCategory, ArticlePage

FEED_LENGTH = 20


class NewsFeed(Feed):
    """RSS 2.0: the latest live, public articles; with a category, only those."""

    feed_type = Rss201rev2Feed

    def get_object(self, request, category_slug: str | None = None):
        self.request = request
        if category_slug is None:
            return None
        category = CATEGORY_BY_SLUG.get(category_slug)
        if category is None:
            raise Http404
        return category

    def title(self, category):
        if category is None:
            return _("HTX Connect: news")
        return _("HTX Connect: %(category)s") % {
            "category": ArticleCategory(category).label
        }

    def link(self, category):
        from .models import NewsIndexPage

        news = NewsIndexPage.objects.live().first()
        if news is None:
            return "/"
        return news.url if category is None else news.category_url(category)

    def description(self, category):
        return _("News of the provincial Cooperative Alliance and its cooperatives.")

    def items(self, category):
        articles = ArticlePage.objects.live().public().latest_first()
        if category is not None:
            articles = articles.filter(category=category)
        return articles[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.search_description or item.intro

    def item_link(self, item):
        return item.get_full_url(request=self.request)

    def item_pubdate(self, item):
        # The editable date readers see, not Wagtail's first-publish time.
        return timezone.make_aware(
            datetime.datetime.combine(item.date, datetime.time())
        )

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.author or None

    def item_categories(self, item):
        return [item.get_category_display()]

    def feed_url(self, category):
        return self.request.build_absolute_uri(self.request.path)


class AtomNewsFeed(NewsFeed):
    """The same articles as an Atom 1.0 feed."""

    feed_type = Atom1Feed

    def subtitle(self, category):
        return self.description(category)
