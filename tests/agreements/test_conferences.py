"""Conferences: the list for agreements staff, slugs made from Vietnamese
names, and the link to the news site's page under one name."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from agreements import services
from agreements.forms import ConferenceForm
from agreements.models import Conference
from agreements.selectors.conferences import conference_pages, conference_slug_free
from tests.factories.agreements import (
    agreement_create,
    conference_create,
    staff_user_create,
)
from tests.factories.submissions import submission_data

pytestmark = pytest.mark.django_db

EVERY_MARK = "Hội nghị Đà Lạt: ắằẳẵặ ấầẩẫậ ếềểễệ ốồổỗộ ớờởỡợ ứừửữự ỳýỷỹỵ"


def _staff_client():
    staff = staff_user_create()
    client = Client()
    client.force_login(staff)
    return client, staff


def test_a_slug_drops_every_mark_and_reads_d_for_dj():
    assert conference_slug_free(name=EVERY_MARK) == (
        "hoi-nghi-da-lat-aaaaa-aaaaa-eeeee-ooooo-ooooo-uuuuu-yyyyy"
    )


def test_a_taken_slug_gets_2_then_3():
    conference_create(name="x", slug="hoi-nghi-lang-son")
    conference_create(name="y", slug="hoi-nghi-lang-son-2")

    assert conference_slug_free(name="Hội nghị Lạng Sơn") == "hoi-nghi-lang-son-3"


def test_a_conference_keeps_its_own_slug_when_edited():
    conference = conference_create(name="Hội nghị Lạng Sơn", slug="hoi-nghi-lang-son")

    assert (
        conference_slug_free(name="Hội nghị Lạng Sơn", pk=conference.pk)
        == "hoi-nghi-lang-son"
    )


def test_the_server_makes_the_slug_of_a_conference_saved_without_one():
    conference = services.conference_save(
        conference=Conference(
            name="Hội nghị Kết nối Đồng Đăng", start_date=datetime.date(2025, 3, 1)
        )
    )

    assert conference.slug == "hoi-nghi-ket-noi-dong-dang"


def test_the_form_makes_the_slug_when_left_empty():
    client, staff = _staff_client()
    conference_create(name="x", slug="hoi-nghi-dong-dang")

    response = client.post(
        reverse("agreements:conference-create"),
        {
            "name": "Hội nghị Đồng Đăng",
            "slug": "",
            "start_date": "2025-03-01",
            **submission_data(user=staff, form_class=ConferenceForm),
        },
    )

    assert response.status_code == 302
    assert Conference.objects.filter(slug="hoi-nghi-dong-dang-2").exists()


def test_the_form_tells_the_browser_how_to_fold_vietnamese():
    form = ConferenceForm(user=staff_user_create())

    html = str(form["slug"])
    assert 'data-slug-from="name"' in html
    assert "data-slug-patterns" in html
    assert "agreements/conference-slug.js" in str(form.media)


def test_the_list_shows_dates_place_and_agreements_count(count_queries):
    client, _staff = _staff_client()
    conference = conference_create(
        name="Hội nghị 2024",
        start_date=datetime.date(2024, 4, 20),
        end_date=datetime.date(2024, 4, 21),
        place="Lạng Sơn",
    )
    agreement_create(conference=conference)
    agreement_create(conference=conference)

    body = client.get(reverse("agreements:conferences")).content.decode()

    assert "Hội nghị 2024" in body
    assert "20/04/2024 – 21/04/2024" in body
    assert "Lạng Sơn" in body
    assert f'?conference={conference.pk}">2</a>' in body


def test_the_list_costs_the_same_queries_for_few_and_many(count_queries):
    client, _staff = _staff_client()
    conference_create()
    url = reverse("agreements:conferences")
    client.get(url)
    _r, few = count_queries(client.get, url)
    for _n in range(5):
        agreement_create(conference=conference_create())

    _r, many = count_queries(client.get, url)

    assert many == few


@pytest.fixture
def conference_index():
    """A published home page and its conference section."""
    from wagtail.models import Page

    from cms.models import ConferenceIndexPage, HomePage
    from marketplace.sites import sites_configure

    root = Page.get_first_root_node()
    home = _publish(root, HomePage(title="Trang chủ", slug="trang-chu-hn"))
    sites_configure(root_page=home)
    return _publish(home, ConferenceIndexPage(title="Hội nghị", slug="hoi-nghi"))


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _conference_page(index, conference, title="Tên khác"):
    from cms.models import ConferencePage

    return _publish(
        index,
        ConferencePage(
            title=title,
            slug="hn-2024",
            start_date=datetime.date(2024, 4, 20),
            conference=conference,
        ),
    )


def test_the_register_links_a_conference_to_its_news_page(conference_index):
    conference = conference_create(name="Hội nghị kết nối 2024")
    page = _conference_page(conference_index, conference)
    client, _staff = _staff_client()

    links = conference_pages(conference_ids=[conference.pk])
    listing = client.get(reverse("agreements:conferences")).content.decode()
    dashboard = client.get(conference.get_absolute_url()).content.decode()

    assert links[conference.pk].url == page.get_url()
    assert page.get_url() in listing
    assert page.get_url() in dashboard


def test_a_linked_page_and_its_conference_have_one_name(conference_index):
    conference = conference_create(name="Hội nghị kết nối 2024")
    page = _conference_page(conference_index, conference)
    assert page.title == "Hội nghị kết nối 2024"

    conference.name = "Hội nghị kết nối Lạng Sơn 2024"
    services.conference_save(conference=conference)

    page.refresh_from_db()
    assert page.title == page.draft_title == "Hội nghị kết nối Lạng Sơn 2024"


def test_the_dashboard_leads_to_the_conference_list():
    client, _staff = _staff_client()

    body = client.get(reverse("agreements:dashboard")).content.decode()

    assert f'href="{reverse("agreements:conferences")}"' in body
