"""The project's Vietnamese for Wagtail's admin: no glued words, JS included."""

import json
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.test import Client
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = ROOT / "locale/vi/LC_MESSAGES"
#: A placeholder written against a letter ("%(label)svà").
GLUED = re.compile(r"(?<=\w)%\([a-z_]+\)[sd]|%\([a-z_]+\)[sd](?=\w)")


def _messages(domain: str):
    with (CATALOGUES / f"{domain}.po").open("rb") as handle:
        return [m for m in read_po(handle, locale="vi") if m.id]


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_no_msgstr_glues_a_placeholder_to_a_word(domain):
    glued = []
    for message in _messages(domain):
        msgid = message.id[-1] if isinstance(message.id, tuple) else message.id
        strings = (
            message.string if isinstance(message.string, tuple) else [message.string]
        )
        for string in strings:
            if set(GLUED.findall(string)) - set(GLUED.findall(msgid)):
                glued.append(string)

    assert glued == []


@pytest.mark.parametrize(
    ("english", "params", "vietnamese"),
    [
        (
            "Enter your %(username_field_name)s",
            {"username_field_name": "tên đăng nhập"},
            "tên đăng nhập của bạn",
        ),
        ("%(label)s and Publish", {"label": "Duyệt"}, "Duyệt và xuất bản"),
        (
            "%(label)s and Publish",
            {"label": "Duyệt kèm nhận xét"},
            "Duyệt kèm nhận xét và xuất bản",
        ),
        (
            "Resubmit to %(task_name)s",
            {"task_name": "Kiểm duyệt"},
            "Gửi lại cho Kiểm duyệt",
        ),
    ],
)
def test_wagtails_glued_translations_are_corrected(english, params, vietnamese):
    with translation.override("vi"):
        assert translation.gettext(english) % params == vietnamese


def test_the_login_page_reads_in_vietnamese(db):
    page = Client().get("/cms/login/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()

    assert "của bạn" in page
    assert "nhậpcủa" not in page
    assert re.search(r">\s*Mật khẩu\s*<", page)
    assert not re.search(r">\s*Password\s*<", page)


def test_the_admin_javascript_catalogue_is_vietnamese(db):
    response = Client().get("/cms/jsi18n/", HTTP_ACCEPT_LANGUAGE="vi")

    assert response.status_code == 200
    script = response.content.decode()
    shown = {
        english: json.loads(
            re.search(rf'"{re.escape(english)}": (".*?"),?\n', script)[1]
        )
        for english in ("Collapse all", "(New)", "More actions")
    }

    assert shown == {
        "Collapse all": "Thu gọn tất cả",
        "(New)": "(Mới)",
        "More actions": "Thao tác khác",
    }
