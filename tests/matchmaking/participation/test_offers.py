"""Offers and requests: only one's own products, OCOP stars read from the
certificate in force, ordered price and delivery ranges, whole months,
volumes above zero, and another's item answers 404."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from matchmaking.models import Offer, Want
from matchmaking.services.offers import offer_save, want_save
from tests.factories.cooperatives import certificate_create, listed_product_create

pytestmark = pytest.mark.django_db


def _offer(world, **overrides):
    data = {
        "product": world.product,
        "monthly_volume": Decimal("800"),
        "unit": "kg",
        "season_from": 7,
        "season_until": 9,
        "price_min": 40000,
        "price_max": 60000,
        "note": "",
    }
    data.update(overrides)
    return offer_save(participant=world.coop_participant, offer=None, data=data)


def test_an_offer_is_of_the_cooperatives_own_products(world):
    foreign = listed_product_create(cooperative=world.other_coop, title="Mật ong rừng")
    with pytest.raises(ValidationError) as error:
        _offer(world, product=foreign)
    assert "product" in error.value.error_dict
    assert _offer(world).product == world.product


def test_ocop_stars_come_from_the_certificate_in_force(world):
    assert _offer(world).ocop_stars is None
    certificate_create(
        product=world.product,
        stars=4,
        expires_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    world.product.refresh_from_db()
    assert _offer(world).ocop_stars == 4


def test_an_expired_certificate_gives_no_stars(world):
    certificate_create(
        product=world.product,
        stars=5,
        expires_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    world.product.refresh_from_db()
    assert _offer(world).ocop_stars is None


def test_stars_cannot_be_typed(client, world):
    client.force_login(world.coop_user)
    url = reverse("matchmaking:offer-create", kwargs={"slug": world.slug})
    response = client.post(
        url,
        {
            "product": world.product.pk,
            "monthly_volume": "100",
            "unit": "kg",
            "ocop_stars": "5",
        },
    )
    assert response.status_code == 302
    assert Offer.objects.get().ocop_stars is None


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"price_min": 60000, "price_max": 40000}, "price_max"),
        ({"price_min": 0}, "price_min"),
        ({"monthly_volume": Decimal("0")}, "monthly_volume"),
        ({"season_from": 7, "season_until": None}, "season_until"),
        ({"season_from": 13, "season_until": 2}, "season_from"),
    ],
)
def test_offer_ranges_are_checked(world, overrides, field):
    with pytest.raises(ValidationError) as error:
        _offer(world, **overrides)
    assert field in error.value.error_dict


def test_a_season_may_wrap_over_the_new_year_or_be_all_year(world):
    assert _offer(world, season_from=11, season_until=2).season_from == 11
    offer = _offer(world, season_from=None, season_until=None)
    assert offer.season_from is None and offer.season_until is None


def test_a_bad_offer_form_shows_the_error_and_keeps_the_input(client, world):
    client.force_login(world.coop_user)
    url = reverse("matchmaking:offer-create", kwargs={"slug": world.slug})
    response = client.post(
        url,
        {
            "product": world.product.pk,
            "monthly_volume": "750",
            "unit": "kg",
            "price_min": "90000",
            "price_max": "50000",
            "note": "Na dai loại 1",
        },
    )
    assert response.status_code == 200
    assert "price_max" in response.context["form"].errors
    page = response.content.decode()
    assert "Na dai loại 1" in page and 'value="750"' in page
    assert not Offer.objects.exists()


def test_a_request_needs_its_goods_and_an_ordered_window(world):
    today = timezone.localdate()
    data = {
        "goods": " ",
        "monthly_volume": Decimal("100"),
        "unit": "kg",
        "deliver_from": today,
        "deliver_until": today - datetime.timedelta(days=1),
    }
    with pytest.raises(ValidationError) as error:
        want_save(participant=world.business_participant, want=None, data=data)
    assert {"goods", "deliver_until"} <= set(error.value.error_dict)
    data.update(goods="Mật ong", deliver_until=today + datetime.timedelta(days=30))
    want = want_save(participant=world.business_participant, want=None, data=data)
    assert want.goods == "Mật ong"


def test_a_business_adds_a_request_through_the_form(client, world):
    client.force_login(world.business_user)
    url = reverse("matchmaking:want-create", kwargs={"slug": world.slug})
    response = client.post(
        url,
        {
            "goods": "Na dai",
            "monthly_volume": "300",
            "unit": "kg",
            "deliver_from": "",
            "deliver_until": "",
            "destination_province_code": "1",
            "category": "",
            "product": "",
        },
    )
    assert response.status_code == 302
    want = Want.objects.get()
    assert want.participant == world.business_participant
    assert want.destination_province_code == 1


def test_owners_edit_and_delete_only_their_own(client, world):
    offer = _offer(world)
    client.force_login(world.coop_user)
    url = reverse("matchmaking:offer-edit", kwargs={"slug": world.slug, "pk": offer.pk})
    response = client.post(
        url, {"product": world.product.pk, "monthly_volume": "900", "unit": "kg"}
    )
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.monthly_volume == 900
    client.force_login(world.business_user)
    delete_url = reverse(
        "matchmaking:offer-delete", kwargs={"slug": world.slug, "pk": offer.pk}
    )
    assert client.post(delete_url).status_code == 404
    client.force_login(world.coop_user)
    assert client.get(delete_url).status_code == 200  # asks first
    assert client.post(delete_url).status_code == 302
    assert not Offer.objects.exists()
