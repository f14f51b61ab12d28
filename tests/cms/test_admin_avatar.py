"""The avatar Wagtail's admin shows resolves to a file the site serves."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.staticfiles import finders
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


def test_the_default_avatar_is_a_static_file_the_site_serves(editor, settings):
    # WhiteNoise serves what collectstatic gathers, found by these finders
    # (the test settings read STATIC_ROOT, empty in a fresh clone).
    url = avatar_url(editor, size=50)

    assert url.startswith(settings.STATIC_URL)
    path = finders.find(url.removeprefix(settings.STATIC_URL).split("?")[0])
    assert path is not None
    with Image.open(path) as image:  # an image a browser can show
        assert image.width == image.height > 0


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
