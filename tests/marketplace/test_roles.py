"""Roles are groups of named permissions; ``is_staff`` opens nothing by itself."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from agreements.forms import AgreementForm
from marketplace.core import roles
from tests.factories.cooperatives import cooperative_create, listed_product_create
from tests.factories.roles import finance_user_create, role_user_create

pytestmark = pytest.mark.django_db


def test_the_finance_staff_group_holds_the_finance_permissions():
    group = Group.objects.get(name=roles.FINANCE_STAFF)

    held = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}

    assert held == {
        "checkout.record_bank_transfer",
        "checkout.view_settlement",
        "checkout.refund_payment",
        "order.view_order",
    }


def test_no_group_holds_the_whole_dashboard():
    assert not Group.objects.filter(
        permissions__codename="use_whole_dashboard"
    ).exists()


def test_a_moderator_can_no_longer_change_products_in_djangos_admin(client):
    product = listed_product_create(
        cooperative=cooperative_create(name="HTX A"), title="Na Chi Lăng"
    )
    moderator = role_user_create(
        username="moderator", group=roles.MODERATORS, is_staff=True
    )
    assert moderator.has_perm("catalogue.change_product")
    client.force_login(moderator)
    url = reverse("admin:catalogue_product_change", args=[product.pk])

    page = client.get(url)
    client.post(url, {"title": "Changed", "structure": "standalone"})

    assert page.status_code == 302
    assert page.url.startswith(reverse("admin:login"))
    product.refresh_from_db()
    assert product.title == "Na Chi Lăng"


@pytest.mark.parametrize(
    "group", [roles.MODERATORS, roles.AGREEMENTS_STAFF, roles.FINANCE_STAFF]
)
def test_djangos_admin_refuses_every_role_but_superusers(client, group):
    client.force_login(role_user_create(username="u", group=group, is_staff=True))

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_djangos_admin_opens_for_superusers(client):
    client.force_login(
        role_user_create(username="admin", is_superuser=True, is_staff=True)
    )

    assert client.get(reverse("admin:index")).status_code == 200


def test_a_hidden_product_is_shown_to_moderators_not_to_other_staff(client):
    product = listed_product_create(
        cooperative=cooperative_create(name="HTX A"), status="pending"
    )
    url = product.get_absolute_url()

    client.force_login(role_user_create(username="staff", is_staff=True))
    refused = client.get(url)
    client.force_login(role_user_create(username="mod", group=roles.MODERATORS))
    shown = client.get(url)

    assert refused.status_code == 404
    assert shown.status_code == 200


def test_agreements_are_put_in_charge_of_agreements_staff_not_any_is_staff_user():
    staff = role_user_create(username="agreements", group=roles.AGREEMENTS_STAFF)
    role_user_create(username="moderator", group=roles.MODERATORS, is_staff=True)
    finance_user_create()

    form = AgreementForm(user=staff)

    choices = list(form.fields["staff_in_charge"].queryset)

    assert choices == [staff]
