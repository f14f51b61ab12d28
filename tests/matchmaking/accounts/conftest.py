"""People of the business-accounts tests."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from marketplace.core import roles
from tests.factories.agreements import staff_user_create, user_create


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def moderator(db):
    user = user_create(username="kiemduyet")
    user.groups.add(Group.objects.get(name=roles.MODERATORS))
    return user


@pytest.fixture
def staff(db):
    return staff_user_create()


#: What a visitor types to register a business (a valid tax code).
REGISTRATION = {
    "name": "Công ty TNHH Nông sản Đồng Đăng",
    "tax_code": "0100109106",
    "kind": "distributor",
    "province_code": "20",
    "address": "12 Trần Đăng Ninh, Lạng Sơn",
    "contact_name": "Nguyễn Văn An",
    "phone": "0912345678",
    "email": "lienhe@dongdang.example",
    "full_name": "Nguyễn Văn An",
    "login_email": "an@dongdang.example",
    "password1": "Mat-khau-dai-2026",
    "password2": "Mat-khau-dai-2026",
}
