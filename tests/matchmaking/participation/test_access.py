"""Who opens which participation page: owners and staff get in, another
participant gets 404 on what is not theirs, an outsider 404, an anonymous
visitor the login page."""

import pytest
from django.urls import reverse

from matchmaking.models import ParticipantStatus
from tests.factories.agreements import user_create
from tests.factories.matchmaking import offer_create, want_create

pytestmark = pytest.mark.django_db


def _get(client, user, name, **kwargs):
    if user is not None:
        client.force_login(user)
    return client.get(reverse(f"matchmaking:{name}", kwargs=kwargs))


@pytest.fixture
def items(world):
    return (
        offer_create(participant=world.coop_participant, product=world.product),
        want_create(participant=world.business_participant, goods="Na"),
    )


def test_anonymous_visitors_are_sent_to_log_in(client, world, items):
    offer, want = items
    for name, kwargs in [
        ("conferences", {}),
        ("event-home", {"slug": world.slug}),
        ("market", {"slug": world.slug}),
        ("offer-edit", {"slug": world.slug, "pk": offer.pk}),
        ("badges", {"slug": world.slug, "pk": world.coop_participant.pk}),
    ]:
        response = _get(client, None, name, **kwargs)
        assert response.status_code == 302
        assert "/login" in response["Location"] or "dang-nhap" in response["Location"]


def test_owners_and_staff_open_their_pages(client, world, items):
    offer, want = items
    slug = world.slug
    coop_pages = [
        ("event-home", {}),
        ("participant-profile", {}),
        ("market", {}),
        ("suggestions", {}),
        ("offer-create", {}),
        ("offer-edit", {"pk": offer.pk}),
        ("offer-delete", {"pk": offer.pk}),
        ("badges", {"pk": world.coop_participant.pk}),
        ("participant-detail", {"pk": world.business_participant.pk}),
    ]
    for name, kwargs in coop_pages:
        assert (
            _get(client, world.coop_user, name, slug=slug, **kwargs).status_code == 200
        ), name
    business_pages = [
        ("want-create", {}),
        ("want-edit", {"pk": want.pk}),
        ("want-delete", {"pk": want.pk}),
        ("participant-detail", {"pk": world.coop_participant.pk}),
    ]
    for name, kwargs in business_pages:
        assert (
            _get(client, world.business_user, name, slug=slug, **kwargs).status_code
            == 200
        ), name
    staff_pages = [
        ("event-home", {}),
        ("event-settings", {}),
        ("participants", {}),
        ("participant-review", {"pk": world.coop_participant.pk}),
        ("participant-detail", {"pk": world.coop_participant.pk}),
        ("badges", {"pk": world.coop_participant.pk}),
        ("market", {}),
    ]
    for name, kwargs in staff_pages:
        assert (
            _get(client, world.staff, name, slug=slug, **kwargs).status_code == 200
        ), name
    assert _get(client, world.staff, "conferences").status_code == 200


def test_another_participant_gets_404_on_what_is_not_theirs(client, world, items):
    offer, want = items
    slug = world.slug
    for name, kwargs in [
        ("offer-edit", {"pk": offer.pk}),
        ("offer-delete", {"pk": offer.pk}),
        ("offer-create", {}),
        ("badges", {"pk": world.coop_participant.pk}),
        ("participants", {}),
        ("participant-review", {"pk": world.coop_participant.pk}),
        ("event-settings", {}),
    ]:
        assert (
            _get(client, world.business_user, name, slug=slug, **kwargs).status_code
            == 404
        ), name
    for name, kwargs in [
        ("want-edit", {"pk": want.pk}),
        ("want-delete", {"pk": want.pk}),
        ("want-create", {}),
        ("badges", {"pk": world.business_participant.pk}),
    ]:
        assert (
            _get(client, world.coop_user, name, slug=slug, **kwargs).status_code == 404
        ), name


def test_outsiders_get_404(client, world, items):
    offer, _want = items
    buyer = user_create(username="buyer")
    slug = world.slug
    for user in (buyer, world.other_user):
        for name, kwargs in [
            ("market", {}),
            ("participant-profile", {}),
            ("suggestions", {}),
            ("offer-edit", {"pk": offer.pk}),
            ("participant-detail", {"pk": world.coop_participant.pk}),
            ("badges", {"pk": world.coop_participant.pk}),
        ]:
            assert _get(client, user, name, slug=slug, **kwargs).status_code == 404, (
                name
            )
    # A buyer has nothing to register; a cooperative not in yet may register.
    assert _get(client, buyer, "event-home", slug=slug).status_code == 404
    assert _get(client, world.other_user, "event-home", slug=slug).status_code == 200
    assert _get(client, buyer, "conferences").status_code == 200


def test_a_pending_participant_sees_its_status_but_not_the_market(client, world):
    world.coop_participant.status = ParticipantStatus.PENDING
    world.coop_participant.save()
    assert (
        _get(client, world.coop_user, "event-home", slug=world.slug).status_code == 200
    )
    assert (
        _get(
            client, world.coop_user, "participant-profile", slug=world.slug
        ).status_code
        == 200
    )
    assert _get(client, world.coop_user, "market", slug=world.slug).status_code == 404
    assert (
        _get(client, world.coop_user, "offer-create", slug=world.slug).status_code
        == 404
    )
    # nor is it shown to others
    response = _get(
        client,
        world.business_user,
        "participant-detail",
        slug=world.slug,
        pk=world.coop_participant.pk,
    )
    assert response.status_code == 404
