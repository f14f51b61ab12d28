"""The avatar Wagtail's admin shows resolves to a file the site serves."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.admin.templatetags.wagtailadmin_tags import avatar_url
from wagtail.users.models import UserProfile

from marketplace.core import roles


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_user(
        "editor", "editor@htx.local", "pw-12345678", first_name="Biên tập"
    )
    user.groups.add(Group.objects.get(name=roles.EDITORS))
    return user


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), "teal").save(buffer, "JPEG")
    return buffer.getvalue()


def test_the_default_avatar_is_served(client, editor):
    url = avatar_url(editor, size=50)

    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"


def test_an_uploaded_avatar_is_served_inline(client, editor):
    profile = UserProfile.get_for_user(editor)
    profile.avatar = SimpleUploadedFile("chan-dung.jpg", _jpeg(), "image/jpeg")
    profile.save()

    response = client.get(avatar_url(editor, size=50))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert not response.get("Content-Disposition", "").startswith("attachment")


def test_the_dashboard_shows_the_served_avatar(client, editor):
    client.force_login(editor)

    page = client.get("/cms/").content.decode()

    assert f'src="{avatar_url(editor, size=80)}"' in page
