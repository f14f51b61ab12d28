"""Editors draft, moderators approve; scheduled pages go live on time."""

import datetime
import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Workflow, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.models import ArticlePage
from marketplace.core import roles

from .conftest import article

User = get_user_model()


def _user(username: str, group: str):
    user = User.objects.create_user(username, f"{username}@htx.local", "pw-12345678")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(db):
    return _user("editor", roles.EDITORS)


@pytest.fixture
def moderator(db):
    return _user("moderator", roles.MODERATORS)


def _article_form(title: str, **extra) -> dict:
    return nested_form_data(
        {
            "title": title,
            "slug": "bai-moi",
            "date": "2024-07-01",
            "author": "Phóng viên",
            "category": "news",
            "intro": "Tóm tắt",
            "body": streamfield([("paragraph", rich_text("<p>Nội dung</p>"))]),
            "tags": "",
            **extra,
        }
    )


def test_moderators_approval_workflow_covers_the_news_site(news_site):
    workflow = news_site.article.get_workflow()

    # Wagtail's "Moderators approval", renamed by cms.0005.
    assert workflow == Workflow.objects.get(name="Quy trình kiểm duyệt")
    assert workflow.active


def test_editor_cannot_publish_an_article_without_approval(client, news_site, editor):
    client.force_login(editor)
    url = reverse(
        "wagtailadmin_pages:add", args=["cms", "articlepage", news_site.news.pk]
    )

    response = client.post(url, {**_article_form("Tin mới"), "action-publish": "1"})

    assert response.status_code == 302
    page = ArticlePage.objects.get(title="Tin mới")
    assert not page.live
    assert page.has_unpublished_changes
    assert client.get(news_site.news.url).content.decode().count("Tin mới") == 0


def test_editor_submits_and_moderator_approves(client, news_site, editor, moderator):
    client.force_login(editor)
    url = reverse(
        "wagtailadmin_pages:add", args=["cms", "articlepage", news_site.news.pk]
    )
    client.post(url, {**_article_form("Tin chờ duyệt"), "action-submit": "1"})
    page = ArticlePage.objects.get(title="Tin chờ duyệt")
    state = page.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not page.live

    client.force_login(moderator)
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[page.pk, "approve", state.current_task_state.pk],
        ),
        {"comment": ""},
    )

    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    client.logout()
    assert "Tin chờ duyệt" in client.get("/").content.decode()


def test_every_edit_is_kept_as_a_revision(news_site):
    page = news_site.article
    page.title = "Tiêu đề sửa lần hai"
    page.save_revision().publish()

    titles = [r.as_object().title for r in page.revisions.order_by("created_at")]

    assert titles == ["Bài viết số 1", "Tiêu đề sửa lần hai"]


def test_scheduled_article_goes_live_at_its_time_and_not_before(
    client, news_site, monkeypatch
):
    now = timezone.now()
    go_live = now + datetime.timedelta(hours=2)
    page = article(news_site.news, 7, publish=False, title="Tin hẹn giờ")
    page.go_live_at = go_live
    page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live

    monkeypatch.setattr(
        timezone, "now", lambda: go_live - datetime.timedelta(minutes=1)
    )
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live
    assert "Tin hẹn giờ" not in client.get(news_site.news.url).content.decode()

    monkeypatch.setattr(
        timezone, "now", lambda: go_live + datetime.timedelta(minutes=1)
    )
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live
    assert "Tin hẹn giờ" in client.get(news_site.news.url).content.decode()


def test_editor_rich_text_keeps_no_script(client, news_site, editor):
    client.force_login(editor)
    hostile = {
        "blocks": [
            {
                "key": "a1",
                "type": "unstyled",
                "depth": 0,
                "text": "<script>alert(1)</script> bấm vào đây",
                "inlineStyleRanges": [],
                "entityRanges": [{"offset": 26, "length": 11, "key": 0}],
            }
        ],
        "entityMap": {
            "0": {
                "type": "LINK",
                "mutability": "MUTABLE",
                "data": {"url": "javascript:alert(2)"},
            }
        },
    }
    url = reverse(
        "wagtailadmin_pages:add", args=["cms", "articlepage", news_site.news.pk]
    )
    form = _article_form("Tin có mã độc")
    form["body-0-value"] = json.dumps(hostile)
    response = client.post(url, {**form, "action-draft": "1"})
    assert response.status_code == 302
    page = ArticlePage.objects.get(title="Tin có mã độc")
    page.save_revision().publish()
    client.logout()

    html = client.get(page.url).content.decode()

    assert "bấm vào đây" in html, page.body.raw_data
    assert "<script>alert" not in html
    assert "javascript:" not in html
