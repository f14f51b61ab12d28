"""Page types of the alliance's news site.

Each index page is paired with its detail page, and the page tree is locked
with ``parent_page_types`` / ``subpage_types`` (after Wagtail's bakerydemo).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from .blocks import BodyBlock


class HomePage(Page):
    """The portal: latest news and announcements, and a way into the store."""

    intro = RichTextField(blank=True, verbose_name=_("Introduction"))

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.NewsIndexPage", "cms.AnnouncementIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("Home")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_news"] = ArticlePage.objects.live().latest_first()[:6]
        context["latest_announcements"] = (
            AnnouncementPage.objects.live().latest_first()[:5]
        )
        return context


class NewsIndexPage(Page):
    """The news section: lists its articles, newest first."""

    intro = RichTextField(blank=True, verbose_name=_("Introduction"))

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ArticlePage"]

    class Meta:
        verbose_name = _("News section")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = (
            ArticlePage.objects.live().child_of(self).latest_first()[:30]
        )
        return context


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "cms.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class DatedPageQuerySet(PageQuerySet):
    def latest_first(self):
        """Order by the date shown to readers, newest first."""
        return self.order_by("-date", "-pk")


DatedPageManager = PageManager.from_queryset(DatedPageQuerySet)


class ArticleCategory(models.TextChoices):
    NEWS = "news", _("News")
    POLICY = "policy", _("Policy")
    MODELS = "models", _("Models and examples")
    EVENTS = "events", _("Events")
    TRADE = "trade", _("Trade promotion")


class ArticlePage(Page):
    """A news article."""

    #: The date shown to readers; editable, unlike Wagtail's first-published time.
    date = models.DateField(verbose_name=_("Date"))
    intro = models.TextField(blank=True, verbose_name=_("Summary"))
    author = models.CharField(max_length=255, blank=True, verbose_name=_("Author"))
    category = models.CharField(
        max_length=20,
        choices=ArticleCategory.choices,
        default=ArticleCategory.NEWS,
        verbose_name=_("Category"),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Feature image"),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("Body"))
    tags = ClusterTaggableManager(
        through=ArticleTag, blank=True, verbose_name=_("Tags")
    )

    objects = DatedPageManager()

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("date"), FieldPanel("author"), FieldPanel("category")],
            heading=_("Article details"),
        ),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("Article")
        verbose_name_plural = _("Article")


class AnnouncementIndexPage(Page):
    """The official documents section: announcements, letters and reports."""

    intro = RichTextField(blank=True, verbose_name=_("Introduction"))

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.AnnouncementPage"]

    class Meta:
        verbose_name = _("Documents section")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["announcements"] = (
            AnnouncementPage.objects.live().child_of(self).latest_first()[:30]
        )
        return context


class DocumentKind(models.TextChoices):
    NOTICE = "notice", _("Notice")
    LETTER = "letter", _("Official letter")
    REPORT = "report", _("Report")
    DECISION = "decision", _("Decision")


class AnnouncementPage(Page):
    """An official document: numbered, dated, signed, with its recipients."""

    kind = models.CharField(
        max_length=20,
        choices=DocumentKind.choices,
        default=DocumentKind.NOTICE,
        verbose_name=_("Document type"),
    )
    #: As printed on the document, e.g. "222/TB-UBND".
    document_number = models.CharField(
        max_length=64, blank=True, verbose_name=_("Document number")
    )
    issuing_body = models.CharField(max_length=255, verbose_name=_("Issuing body"))
    date = models.DateField(verbose_name=_("Date issued"))
    signer = models.CharField(max_length=255, blank=True, verbose_name=_("Signed by"))
    #: The "Nơi nhận" block, one recipient per line.
    recipients = models.TextField(blank=True, verbose_name=_("Recipients"))
    summary = models.TextField(blank=True, verbose_name=_("Abstract"))
    body = RichTextField(blank=True, verbose_name=_("Body"))

    objects = DatedPageManager()

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("document_number"),
                FieldPanel("issuing_body"),
                FieldPanel("date"),
                FieldPanel("signer"),
            ],
            heading=_("Document details"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("recipients"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("document_number"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    parent_page_types = ["cms.AnnouncementIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("Documents")
        verbose_name_plural = _("Documents")

    @property
    def recipient_lines(self) -> list[str]:
        """Return the recipients one per line, without list dashes."""
        return [
            line.strip(" -;") for line in self.recipients.splitlines() if line.strip()
        ]
