"""The news site's demo: the page tree, the five seed documents, more articles.

Every step is get-or-create by slug or title, so loading twice changes nothing.
"""

import datetime
import io
import json

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image, ImageDraw
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from agreements.models import Conference
from catalog.catalogue.selectors import product_list_browsable
from cms.models import (
    AnnouncementIndexPage,
    AnnouncementPage,
    ArticlePage,
    ConferenceIndexPage,
    ConferencePage,
    HomePage,
    NewsIndexPage,
    ReportIndexPage,
    ReportPage,
    StandardPage,
)
from marketplace.core.html import html_sanitise
from marketplace.core.text import fold_vi, slugify_vi
from marketplace.sites import sites_configure

from .images import picture_jpeg
from .seed_documents import SEED_DOCUMENTS, seed_parts

#: The agreements register's demo conference (marketplace/demo/agreements.py).
CONFERENCE_SLUG = "ket-noi-tieu-thu-san-pham-htx-lang-son-2024"
WagtailImage = get_image_model()
WagtailDocument = get_document_model()


def _child(parent: Page, page_class, slug: str, **fields) -> Page:
    """Return ``parent``'s child page ``slug``, publishing it when it is new."""
    existing = page_class.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing
    tags = fields.pop("tags", [])
    attachments = fields.pop("attachments", [])
    page = page_class(slug=slug, **fields)
    if tags:
        page.tags.add(*tags)
    for document in attachments:
        page.attachments.add(page.attachments.model(document=document))
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _wagtail_image(title: str) -> "WagtailImage":
    image = WagtailImage.objects.filter(title=title).first()
    if image is None:
        image = WagtailImage(
            title=title,
            file=ImageFile(
                io.BytesIO(picture_jpeg(title)), name=f"{slugify_vi(title)[:60]}.jpg"
            ),
        )
        image.save()
    return image


def pdf_bytes(lines: list[str]) -> bytes:
    """Return a one-page PDF (A4 at 72 dpi) showing ``lines``, made with Pillow."""
    page = Image.new("RGB", (595, 842), "white")
    draw = ImageDraw.Draw(page)
    y = 60
    for line in lines:
        # Pillow's built-in font has no Vietnamese marks: write folded text.
        draw.text((50, y), fold_vi(line)[:70], fill="black", font_size=14)
        y += 24
    buffer = io.BytesIO()
    page.save(buffer, format="PDF")
    return buffer.getvalue()


def _document(title: str, lines: list[str]) -> "WagtailDocument":
    document = WagtailDocument.objects.filter(title=title).first()
    if document is None:
        document = WagtailDocument(title=title)
        document.file.save(
            f"{slugify_vi(title)[:60]}.pdf", ContentFile(pdf_bytes(lines)), save=False
        )
        document.save()
    return document


def demo_pages() -> int:
    """Create the portal's page tree and publish the seed documents in it."""
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(
            title="Liên minh Hợp tác xã tỉnh",
            slug="trang-chu",
            intro=(
                "<p>Tin tức của Liên minh, sản phẩm OCOP của các hợp tác xã và kết nối "
                "tiêu thụ giữa hợp tác xã với doanh nghiệp.</p>"
            ),
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    sites_configure(root_page=home)
    # Wagtail's migrations leave a "Welcome" page under the root; drop it.
    Page.objects.child_of(root).exclude(pk=home.pk).filter(
        depth=2, content_type__model="page"
    ).delete()

    news = _child(
        home,
        NewsIndexPage,
        "tin-tuc",
        title="Tin tức",
        intro="<p>Hoạt động của Liên minh và các hợp tác xã.</p>",
    )
    documents = _child(
        home,
        AnnouncementIndexPage,
        "van-ban",
        title="Văn bản",
        intro="<p>Thông báo, công văn và quyết định.</p>",
    )
    reports = _child(
        home,
        ReportIndexPage,
        "bao-cao",
        title="Báo cáo",
        intro="<p>Báo cáo định kỳ của Liên minh Hợp tác xã tỉnh.</p>",
    )
    _seed_pages(news=news, documents=documents, reports=reports)
    _extra_articles(news=news)
    _conferences(home=home)
    _standard_pages(home=home)
    return Page.objects.live().descendant_of(home, inclusive=True).count()


def _seed_pages(*, news: Page, documents: Page, reports: Page) -> None:
    for seed in SEED_DOCUMENTS:
        paragraphs, recipients = seed_parts(seed)
        if seed.kind == "article":
            _child(
                news,
                ArticlePage,
                seed.slug,
                title=seed.title,
                date=seed.date,
                author=seed.author,
                intro=seed.summary,
                search_description=seed.summary,
                category="news",
                tags=["OCOP", "Ban Chấp hành"],
                body=json.dumps(
                    [{"type": "paragraph", "value": p} for p in paragraphs]
                ),
            )
            continue
        attachment = _document(
            f"{seed.number or seed.title[:60]} (bản PDF)",
            [seed.issuing_body, f"So: {seed.number}", seed.title, str(seed.date)],
        )
        common = dict(
            title=seed.title,
            document_number=seed.number,
            issuing_body=seed.issuing_body,
            date=seed.date,
            signer=seed.signer,
            summary=seed.summary,
            search_description=seed.summary,
            # The seeds nest <b><i> wrongly; Wagtail's editor refuses such HTML.
            body=html_sanitise("".join(paragraphs)),
            recipients="\n".join(recipients),
            attachments=[attachment],
        )
        if seed.kind == "report":
            # Earlier demos published the report as an announcement; its number
            # would now clash with the report page.
            AnnouncementPage.objects.child_of(documents).filter(slug=seed.slug).delete()
            _child(
                reports,
                ReportPage,
                seed.slug,
                period="half_year",
                period_label="6 tháng đầu năm 2023",
                **common,
            )
        else:
            _child(documents, AnnouncementPage, seed.slug, kind=seed.kind, **common)


def _extra_articles(*, news: Page) -> None:
    products = {
        title: pk for pk, title in product_list_browsable().values_list("pk", "title")
    }
    for index, (slug, title, category, intro, tags, product) in enumerate(
        _EXTRA_ARTICLES
    ):
        image = _wagtail_image(title)
        body = [
            {"type": "paragraph", "value": f"<p>{intro}</p>"},
            {
                "type": "image",
                "value": {"image": image.pk, "caption": title, "attribution": ""},
            },
        ]
        if product in products:
            body.append(
                {
                    "type": "product",
                    "value": {"product": str(products[product]), "note": ""},
                }
            )
        _child(
            news,
            ArticlePage,
            slug,
            title=title,
            date=datetime.date(2024, 6, 20) + datetime.timedelta(days=9 * index),
            author="Ban biên tập",
            intro=intro,
            search_description=intro,
            category=category,
            image=image,
            tags=tags,
            body=json.dumps(body),
        )


def _conferences(*, home: Page) -> None:
    index = _child(
        home,
        ConferenceIndexPage,
        "hoi-nghi",
        title="Hội nghị kết nối",
        intro=(
            "<p>Hội nghị gặp mặt, kết nối tiêu thụ sản phẩm giữa hợp tác xã và "
            "doanh nghiệp.</p>"
        ),
    )
    title = "Hội nghị gặp mặt, kết nối tiêu thụ sản phẩm hợp tác xã tỉnh Lạng Sơn 2024"
    # The register's demo conference, when loaded first (see loader.demo_load).
    conference = Conference.objects.filter(slug=CONFERENCE_SLUG).first()
    page = _child(
        index,
        ConferencePage,
        "ket-noi-tieu-thu-san-pham-htx-2024",
        title=title,
        # Demo date: the seeds only say the conference was held before the
        # notice of its conclusions (222/TB-UBND, 30/4/2024).
        start_date=datetime.date(2024, 4, 25),
        place="Thành phố Lạng Sơn",
        organiser="UBND tỉnh Lạng Sơn, Liên minh Hợp tác xã tỉnh",
        intro=(
            "Các hợp tác xã gặp gỡ doanh nghiệp, siêu thị và nhà phân phối, ký các "
            "biên bản thỏa thuận tiêu thụ sản phẩm. Kết luận của hội nghị được "
            "thông báo tại Thông báo số 222/TB-UBND ngày 30/4/2024."
        ),
        image=_wagtail_image(title),
        conference=conference,
    )
    if page.conference is None and conference is not None:
        page.conference = conference
        page.save_revision().publish()


def _standard_pages(*, home: Page) -> None:
    _child(
        home,
        StandardPage,
        "gioi-thieu",
        title="Giới thiệu",
        intro="Liên minh Hợp tác xã tỉnh: đại diện, hỗ trợ và kết nối các hợp tác xã.",
        body=json.dumps(
            [
                {
                    "type": "paragraph",
                    "value": (
                        "<p>Liên minh Hợp tác xã tỉnh tư vấn, hỗ trợ thành lập và "
                        "phát triển hợp tác xã, xúc tiến thương mại, quảng bá sản "
                        "phẩm OCOP và theo dõi việc thực hiện các biên bản thỏa "
                        "thuận ký tại hội nghị kết nối tiêu thụ sản phẩm.</p>"
                    ),
                }
            ]
        ),
    )
    _child(
        home,
        StandardPage,
        "lien-he",
        title="Liên hệ",
        intro="Văn phòng Liên minh Hợp tác xã tỉnh.",
        body=json.dumps(
            [
                {
                    "type": "paragraph",
                    "value": (
                        "<p>Gửi thư cho Văn phòng Liên minh qua địa chỉ "
                        '<a href="mailto:lienminh@htx.local">lienminh@htx.local</a>.'
                        "</p>"
                    ),
                }
            ]
        ),
    )


#: slug, title, category, summary, tags, product shown as a card.
_EXTRA_ARTICLES = [
    (
        "hoi-nghi-ket-noi-tieu-thu-san-pham-htx-2024",
        "Hội nghị gặp mặt, kết nối tiêu thụ sản phẩm của các hợp tác xã năm 2024",
        "trade",
        "Hơn 40 biên bản thỏa thuận được ký giữa các hợp tác xã và doanh nghiệp "
        "phân phối, siêu thị tại hội nghị.",
        ["Kết nối tiêu thụ", "OCOP"],
        "Mật ong ngũ gia bì",
    ),
    (
        "na-chi-lang-vao-mua-thu-hoach",
        "Na Chi Lăng vào mùa thu hoạch, hợp tác xã đẩy mạnh bán hàng trực tuyến",
        "models",
        "HTX DV&SX nông nghiệp Đồng Bành đưa sản phẩm na OCOP 4 sao lên sàn thương "
        "mại điện tử của Liên minh.",
        ["OCOP", "Chuyển đổi số"],
        "Na Chi Lăng",
    ),
    (
        "tap-huan-chuyen-doi-so-cho-hop-tac-xa",
        "Tập huấn chuyển đổi số cho cán bộ quản lý hợp tác xã",
        "events",
        "Liên minh HTX tỉnh tổ chức lớp tập huấn sử dụng nền tảng số để quảng bá và "
        "tiêu thụ sản phẩm.",
        ["Chuyển đổi số"],
        None,
    ),
    (
        "chinh-sach-ho-tro-hop-tac-xa-2024",
        "Chính sách hỗ trợ hợp tác xã tiếp cận vốn tín dụng ưu đãi",
        "policy",
        "Quỹ hỗ trợ phát triển hợp tác xã được sắp xếp lại; các hợp tác xã được "
        "hướng dẫn hồ sơ vay vốn theo hình thức ủy thác.",
        ["Chính sách"],
        None,
    ),
]
