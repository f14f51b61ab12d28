"""Page types of the alliance's news site.

Each index page is paired with its detail page, and the page tree is locked
with ``parent_page_types`` / ``subpage_types`` (after Wagtail's bakerydemo):

    HomePage
    ├── NewsIndexPage ── ArticlePage          (+ category and tag archives)
    ├── AnnouncementIndexPage ── AnnouncementPage
    ├── ReportIndexPage ── ReportPage
    ├── ConferenceIndexPage ── ConferencePage
    └── StandardPage ── StandardPage
"""

import re

from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from .blocks import BodyBlock
from .mixins import BodyCardsMixin, SeoMixin

#: Articles per page on the news index and its archives.
ARTICLES_PER_PAGE = 12
DOCUMENTS_PER_PAGE = 20


def paginate(request, queryset, per_page: int):
    """Return the page of ``queryset`` asked for by ``?page=``; 404 past the end."""
    paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(request.GET.get("page") or 1)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage as exc:
        raise Http404 from exc


class DatedPageQuerySet(PageQuerySet):
    def latest_first(self):
        """Order by the date shown to readers, newest first."""
        return self.order_by("-date", "-pk")


DatedPageManager = PageManager.from_queryset(DatedPageQuerySet)


# --- Home -------------------------------------------------------------------


class HomePage(SeoMixin, Page):
    """The portal: latest news, documents, OCOP products and conferences."""

    intro = RichTextField(blank=True, verbose_name=_("Introduction"))

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms.NewsIndexPage",
        "cms.AnnouncementIndexPage",
        "cms.ReportIndexPage",
        "cms.ConferenceIndexPage",
        "cms.StandardPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("Home")

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context["latest_news"] = selectors.article_list_latest(limit=6)
        context["latest_documents"] = selectors.document_list_latest(limit=6)
        context["featured_products"] = selectors.product_list_featured(limit=8)
        context["conferences"] = selectors.conference_list_recent(limit=3)
        return context


# --- News -------------------------------------------------------------------


class ArticleCategory(models.TextChoices):
    NEWS = "news", _("News")
    POLICY = "policy", _("Policy")
    MODELS = "models", _("Models and examples")
    EVENTS = "events", _("Events")
    TRADE = "trade", _("Trade promotion")


#: URL segment of each category's archive and feed.
CATEGORY_SLUGS = {
    ArticleCategory.NEWS: "tin-hoat-dong",
    ArticleCategory.POLICY: "chinh-sach",
    ArticleCategory.MODELS: "mo-hinh-dien-hinh",
    ArticleCategory.EVENTS: "su-kien",
    ArticleCategory.TRADE: "xuc-tien-thuong-mai",
}
CATEGORY_BY_SLUG = {slug: category for category, slug in CATEGORY_SLUGS.items()}


class NewsIndexPage(RoutablePageMixin, SeoMixin, Page):
    """The news section: its articles, newest first, with category and tag archives."""

    intro = RichTextField(blank=True, verbose_name=_("Introduction"))

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ArticlePage"]

    class Meta:
        verbose_name = _("News section")

    def articles(self):
        """Return this section's live articles, newest first, ready for cards."""
        return (
            ArticlePage.objects.live()
            .child_of(self)
            .select_related("image")
            .latest_first()
        )

    def _listing(self, request, articles, **context):
        context["articles"] = paginate(request, articles, ARTICLES_PER_PAGE)
        context["categories"] = [
            (CATEGORY_SLUGS[value], label) for value, label in ArticleCategory.choices
        ]
        return self.render(request, context_overrides=context)

    @path("")
    def index_route(self, request):
        return self._listing(request, self.articles())

    @path("chuyen-muc/<slug:category_slug>/")
    def category_archive(self, request, category_slug):
        category = CATEGORY_BY_SLUG.get(category_slug)
        if category is None:
            raise Http404
        return self._listing(
            request,
            self.articles().filter(category=category),
            archive_title=ArticleCategory(category).label,
            category_slug=category_slug,
        )

    @path("the/<str:tag_slug>/")
    def tag_archive(self, request, tag_slug):
        tag = get_object_or_404(Tag, slug=tag_slug)
        return self._listing(
            request,
            self.articles().filter(tagged_items__tag=tag),
            archive_title=_("Tag: %(tag)s") % {"tag": tag.name},
        )

    def category_url(self, category: str) -> str:
        return self.url + self.reverse_subpage(
            "category_archive", args=[CATEGORY_SLUGS[category]]
        )


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "cms.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ArticlePage(BodyCardsMixin, SeoMixin, Page):
    """A news article."""

    #: The date shown to readers; editable, unlike Wagtail's first-published time.
    date = models.DateField(
        verbose_name=_("Date"),
        help_text=_("The publication date shown to readers; it can be back-dated."),
    )
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
        index.SearchField("author"),
        index.FilterField("date"),
        index.FilterField("category"),
    ]

    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("Article")
        verbose_name_plural = _("Articles")

    def category_url(self) -> str:
        parent = self.get_parent().specific
        return parent.category_url(self.category)


# --- Official documents -----------------------------------------------------

_SERIAL = re.compile(r"^\s*\d")


class OfficialDocumentPage(SeoMixin, Page):
    """What announcements and reports share: number, issuer, date, signer…

    A document number is unique per issuing body across every kind of
    official document (the number carries the kind, e.g. "45/BC-LMHTX").
    """

    #: As printed on the document, e.g. "222/TB-UBND".
    document_number = models.CharField(
        max_length=64,
        blank=True,
        verbose_name=_("Document number"),
        help_text=_('As printed, e.g. "222/TB-UBND".'),
    )
    issuing_body = models.CharField(max_length=255, verbose_name=_("Issuing body"))
    date = models.DateField(verbose_name=_("Date issued"))
    signer = models.CharField(max_length=255, blank=True, verbose_name=_("Signed by"))
    #: The "Nơi nhận" block, one recipient per line.
    recipients = models.TextField(
        blank=True,
        verbose_name=_("Recipients"),
        help_text=_('The "Nơi nhận" block, one recipient per line.'),
    )
    summary = models.TextField(blank=True, verbose_name=_("Abstract"))
    body = RichTextField(blank=True, verbose_name=_("Body"))

    objects = DatedPageManager()

    search_fields = Page.search_fields + [
        index.SearchField("document_number"),
        index.SearchField("issuing_body"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    subpage_types: list[str] = []

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        self.document_number = self.document_number.strip()
        # A number printed without its serial ("Số: /TB-UBND") identifies
        # nothing, so only complete numbers must be unique.
        if not _SERIAL.match(self.document_number):
            return
        for model in (AnnouncementPage, ReportPage):
            clash = (
                model.objects.filter(
                    document_number__iexact=self.document_number,
                    issuing_body__iexact=self.issuing_body.strip(),
                )
                .exclude(pk=self.pk)
                .first()
            )
            if clash is not None:
                raise ValidationError(
                    {
                        "document_number": _(
                            "%(issuer)s already has a document numbered "
                            "%(number)s: “%(title)s”."
                        )
                        % {
                            "issuer": self.issuing_body,
                            "number": self.document_number,
                            "title": clash.title,
                        }
                    }
                )

    @property
    def recipient_lines(self) -> list[str]:
        """Return the recipients one per line, without list dashes."""
        return [
            line.strip(" -;") for line in self.recipients.splitlines() if line.strip()
        ]


class AttachmentBase(Orderable):
    """A file attached to an official document (PDF, Word…)."""

    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("File"),
    )
    title = models.CharField(
        max_length=255,
        blank=True,
        verbose_name=_("Link text"),
        help_text=_("Leave empty to use the file's title."),
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        abstract = True

    def __str__(self):
        return self.title or self.document.title


_DOCUMENT_DETAILS = [
    FieldPanel("document_number"),
    FieldPanel("issuing_body"),
    FieldPanel("date"),
    FieldPanel("signer"),
]


class SectionIndexPage(SeoMixin, Page):
    """A section of the site under the home page that lists one kind of child page.

    Subclasses name the child type (``subpage_types``), the template variable
    the children are listed under and how they are ordered.
    """

    intro = RichTextField(blank=True, verbose_name=_("Introduction"))

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["cms.HomePage"]

    #: The template variable holding the listed children.
    children_context_name = "children"
    #: Children per page, or None to list them all (short sections).
    children_per_page: int | None = DOCUMENTS_PER_PAGE

    class Meta:
        abstract = True

    def children_queryset(self):
        raise NotImplementedError

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        children = self.children_queryset()
        if self.children_per_page:
            children = paginate(request, children, self.children_per_page)
        context[self.children_context_name] = children
        return context


class AnnouncementIndexPage(SectionIndexPage):
    """The official documents section: notices, letters and decisions."""

    subpage_types = ["cms.AnnouncementPage"]
    children_context_name = "announcements"

    class Meta:
        verbose_name = _("Documents section")

    def children_queryset(self):
        return AnnouncementPage.objects.live().child_of(self).latest_first()


class DocumentKind(models.TextChoices):
    NOTICE = "notice", _("Notice")
    LETTER = "letter", _("Official letter")
    DECISION = "decision", _("Decision")
    PLAN = "plan", _("Plan")


class AnnouncementPage(OfficialDocumentPage):
    """An official document: numbered, dated, signed, with its recipients."""

    kind = models.CharField(
        max_length=20,
        choices=DocumentKind.choices,
        default=DocumentKind.NOTICE,
        verbose_name=_("Document type"),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("kind"), *_DOCUMENT_DETAILS], heading=_("Document details")
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("recipients"),
        InlinePanel("attachments", heading=_("Attached files"), label=_("File")),
    ]

    parent_page_types = ["cms.AnnouncementIndexPage"]

    class Meta:
        verbose_name = _("Announcement")
        verbose_name_plural = _("Announcements")

    def get_kind_label(self) -> str:
        return self.get_kind_display()


class AnnouncementAttachment(AttachmentBase):
    page = ParentalKey(
        AnnouncementPage, on_delete=models.CASCADE, related_name="attachments"
    )


class ReportIndexPage(SectionIndexPage):
    """The reports section: the alliance's periodic reports."""

    subpage_types = ["cms.ReportPage"]
    children_context_name = "reports"

    class Meta:
        verbose_name = _("Reports section")

    def children_queryset(self):
        return ReportPage.objects.live().child_of(self).latest_first()


class ReportPeriod(models.TextChoices):
    MONTH = "month", _("Monthly")
    QUARTER = "quarter", _("Quarterly")
    HALF_YEAR = "half_year", _("Six-monthly")
    YEAR = "year", _("Annual")
    OTHER = "other", _("Other")


class ReportPage(OfficialDocumentPage):
    """A periodic report, such as the six-month report, with its annexes."""

    period = models.CharField(
        max_length=20,
        choices=ReportPeriod.choices,
        default=ReportPeriod.HALF_YEAR,
        verbose_name=_("Period"),
    )
    #: Free text as the report names it, e.g. "6 tháng đầu năm 2023".
    period_label = models.CharField(
        max_length=120, blank=True, verbose_name=_("Period covered")
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("period"), FieldPanel("period_label"), *_DOCUMENT_DETAILS],
            heading=_("Report details"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("recipients"),
        InlinePanel(
            "attachments", heading=_("Attached files and annexes"), label=_("File")
        ),
    ]

    parent_page_types = ["cms.ReportIndexPage"]

    class Meta:
        verbose_name = _("Report")
        verbose_name_plural = _("Reports")

    def get_kind_label(self) -> str:
        return str(_("Report"))


class ReportAttachment(AttachmentBase):
    page = ParentalKey(ReportPage, on_delete=models.CASCADE, related_name="attachments")


# --- Conferences ------------------------------------------------------------


class ConferenceIndexPage(SectionIndexPage):
    """The trade-connection conferences the alliance organises."""

    subpage_types = ["cms.ConferencePage"]
    children_context_name = "conferences"
    children_per_page = None

    class Meta:
        verbose_name = _("Conferences section")

    def children_queryset(self):
        return (
            ConferencePage.objects.live()
            .child_of(self)
            .select_related("image")
            .order_by("-start_date", "-pk")
        )


class ConferencePage(BodyCardsMixin, SeoMixin, Page):
    """A trade-connection conference: when, where, and what was signed there.

    The outcome figures (agreements signed, committed and delivered value,
    fulfilment) come from the agreements register once the page is linked to
    its conference there.
    """

    #: The conference in the agreements register; its outcome figures come
    #: from the register's selectors.
    conference = models.ForeignKey(
        "agreements.Conference",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Conference in the agreements register"),
    )
    start_date = models.DateField(verbose_name=_("Start date"))
    end_date = models.DateField(null=True, blank=True, verbose_name=_("End date"))
    place = models.CharField(max_length=255, blank=True, verbose_name=_("Place"))
    organiser = models.CharField(
        max_length=255, blank=True, verbose_name=_("Organiser")
    )
    intro = models.TextField(blank=True, verbose_name=_("Summary"))
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Feature image"),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("Body"))

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("conference"),
                FieldPanel("start_date"),
                FieldPanel("end_date"),
                FieldPanel("place"),
                FieldPanel("organiser"),
            ],
            heading=_("Conference details"),
        ),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("place"),
        index.SearchField("body"),
    ]

    parent_page_types = ["cms.ConferenceIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("Conference")
        verbose_name_plural = _("Conferences")

    def clean(self):
        super().clean()
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("The conference cannot end before it starts.")}
            )

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context["outcome"] = selectors.conference_page_outcome(page=self)
        context["funnel"] = selectors.conference_page_funnel(page=self)
        return context


# --- Standard pages ---------------------------------------------------------


class StandardPage(BodyCardsMixin, SeoMixin, Page):
    """A plain page: about the alliance, contact, and the like."""

    intro = models.TextField(blank=True, verbose_name=_("Summary"))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("Body"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("Standard page")
        verbose_name_plural = _("Standard pages")
