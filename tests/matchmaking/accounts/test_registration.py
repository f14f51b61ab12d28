"""A business registers itself at /ket-noi/doanh-nghiep/dang-ky/: pending,
with its first login in the Business staff role; a tax code already in the
register becomes a claim that a moderator confirms."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from agreements.models import Business, BusinessStatus
from agreements.validators import TAX_CODE_MESSAGES
from marketplace.core import roles
from tests.factories.agreements import business_create, user_create
from tests.factories.matchmaking import business_user_create

from .conftest import REGISTRATION, client_for

pytestmark = pytest.mark.django_db
User = get_user_model()
URL = reverse("matchmaking:business-register")


def _post(client, django_capture_on_commit_callbacks, **changes):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(URL, {**REGISTRATION, **changes})


def test_the_form_is_open_to_visitors(client):
    response = client.get(URL)

    assert response.status_code == 200
    assert 'name="login_email"' in response.content.decode()


def test_a_new_business_is_pending_with_its_first_login(
    client, moderator, django_capture_on_commit_callbacks
):
    response = _post(client, django_capture_on_commit_callbacks)

    assert response.status_code == 200
    assert 'id="registered-new"' in response.content.decode()
    business = Business.objects.get(tax_code="0100109106")
    assert business.status == BusinessStatus.PENDING
    user = business.users.get()
    assert user.email == "an@dongdang.example"
    assert user.first_name == "Nguyễn Văn An"
    assert user.check_password("Mat-khau-dai-2026")
    assert user.groups.filter(name=roles.BUSINESS_STAFF).exists()
    assert [m.to for m in mail.outbox] == [[moderator.email]]
    assert (
        reverse("matchmaking:business-moderation-detail", args=[business.pk])
        in mail.outbox[0].body
    )


def test_a_tax_code_is_stored_in_its_canonical_form(
    client, django_capture_on_commit_callbacks
):
    _post(client, django_capture_on_commit_callbacks, tax_code="0100109106001")

    assert Business.objects.filter(tax_code="0100109106-001").exists()


@pytest.mark.parametrize(
    ("tax_code", "problem"),
    [("0100109107", "checksum"), ("123", "length"), ("01001O9106", "digits")],
)
def test_a_bad_tax_code_is_refused_and_nothing_typed_is_lost(
    client, django_capture_on_commit_callbacks, tax_code, problem
):
    response = _post(client, django_capture_on_commit_callbacks, tax_code=tax_code)

    assert response.status_code == 200
    assert response.context["form"].errors["tax_code"] == [TAX_CODE_MESSAGES[problem]]
    body = response.content.decode()
    assert 'value="Công ty TNHH Nông sản Đồng Đăng"' in body
    assert f'value="{tax_code}"' in body
    assert 'value="an@dongdang.example"' in body
    assert not Business.objects.exists()
    assert not User.objects.filter(email="an@dongdang.example").exists()


def test_an_existing_login_email_is_refused_with_everything_kept(
    client, django_capture_on_commit_callbacks
):
    user_create(username="an")

    response = _post(
        client, django_capture_on_commit_callbacks, login_email="AN@example.test"
    )

    errors = response.context["form"].errors["login_email"]
    assert "already exists" in errors[0]
    assert 'value="0100109106"' in response.content.decode()
    assert not Business.objects.exists()


def test_a_known_tax_code_becomes_a_claim_not_a_duplicate(
    client, moderator, django_capture_on_commit_callbacks
):
    known = business_create(name="Công ty Đã Có", tax_code="0100109106")

    response = _post(
        client, django_capture_on_commit_callbacks, tax_code="01.00.109.106"
    )

    assert 'id="registered-claim"' in response.content.decode()
    assert Business.objects.count() == 1
    known.refresh_from_db()
    assert known.name == "Công ty Đã Có"
    assert known.status == BusinessStatus.APPROVED
    claimant = known.users.get()
    assert not claimant.groups.filter(name=roles.BUSINESS_STAFF).exists()
    assert len(mail.outbox) == 1
    assert "Công ty Đã Có" in mail.outbox[0].subject


def test_a_signed_in_user_registers_without_the_account_fields(
    django_capture_on_commit_callbacks,
):
    buyer = user_create(username="nguoimua")
    client = client_for(buyer)

    assert 'name="login_email"' not in client.get(URL).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            URL,
            {
                k: v
                for k, v in REGISTRATION.items()
                if not k.startswith(("log", "pass"))
            },
        )

    business = Business.objects.get()
    assert list(business.users.all()) == [buyer]


def test_business_staff_may_not_register_a_second_business(
    django_capture_on_commit_callbacks,
):
    user = business_user_create(business=business_create())
    client = client_for(user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, REGISTRATION)

    assert response.status_code == 200
    assert "already work for a business" in str(response.context["form"].errors)
    assert Business.objects.count() == 1
