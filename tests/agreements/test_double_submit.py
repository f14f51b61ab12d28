"""The same form sent twice records one row (issue 12, finding 13).

A delivery report (cooperative and staff side) and a difficulty carry a
one-time token (``marketplace.submissions``): a second submission of the
same rendered form, whether after the first or at the same moment, records
nothing and is sent where the first one led, with a message.
"""

import datetime
import threading

import pytest
from django.contrib.messages import get_messages
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from agreements.forms import DeliveryForm
from agreements.models import (
    Agreement,
    Business,
    Conference,
    DeliveryReport,
    Difficulty,
)
from marketplace.models import SubmissionToken
from marketplace.submissions import FIELD_NAME
from tests.factories.agreements import (
    agreement_create,
    business_create,
    cooperative_create,
    cooperative_user_create,
    staff_user_create,
)
from tests.factories.submissions import submission_data

TODAY = timezone.localdate()


def _agreement(partner=None):
    return agreement_create(
        partner=partner or cooperative_create(name="HTX A"),
        signed_on=TODAY - datetime.timedelta(days=30),
        valid_until=TODAY + datetime.timedelta(days=300),
    )


def _rendered_token(client, url) -> str:
    """The token of the form as the page renders it."""
    response = client.get(url)
    assert response.status_code == 200
    token = response.context["form"][FIELD_NAME].value()
    assert f'name="{FIELD_NAME}" value="{token}"' in response.content.decode()
    return token


def _delivery(agreement, token, **fields):
    return {
        "commitment": agreement.commitments.get().pk,
        "delivered_on": TODAY.isoformat(),
        "quantity": "5",
        "value": "500000",
        "note": "giao lần 1",
        FIELD_NAME: token,
        **fields,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["cooperative", "staff"])
def test_a_delivery_form_sent_twice_records_one_report(client, role, settings):
    settings.LANGUAGE_CODE = "en"
    agreement = _agreement()
    if role == "cooperative":
        user = cooperative_user_create(partner=agreement.commitments.get().partner)
    else:
        user = staff_user_create()
    client.force_login(user)
    url = reverse("agreements:delivery-create", args=[agreement.pk])
    data = _delivery(agreement, _rendered_token(client, url))

    first = client.post(url, data)
    second = client.post(url, data)

    assert DeliveryReport.objects.count() == 1
    assert first.status_code == second.status_code == 302
    assert second["Location"] == agreement.get_absolute_url()
    # The first's message was never shown (no page in between); the last
    # one is the repeat's.
    assert [str(m) for m in get_messages(second.wsgi_request)][-1] == (
        "This form was already sent; it was recorded once, not twice."
    )
    assert SubmissionToken.objects.get().result_url == agreement.get_absolute_url()


@pytest.mark.django_db
def test_a_difficulty_form_sent_twice_records_one_difficulty(client):
    agreement = _agreement()
    client.force_login(staff_user_create())
    url = reverse("agreements:difficulty-create", args=[agreement.pk])
    data = {
        "kind": "logistics",
        "description": "Thiếu xe lạnh",
        FIELD_NAME: _rendered_token(client, url),
    }

    client.post(url, data)
    second = client.post(url, data)

    assert Difficulty.objects.count() == 1
    assert second["Location"] == agreement.get_absolute_url()


@pytest.mark.django_db
def test_an_agreement_form_sent_twice_creates_one_agreement(client):
    client.force_login(staff_user_create())
    url = reverse("agreements:create")
    data = {
        "number": "99/BBTT",
        "signed_on": "2024-05-01",
        "kind": "purchase",
        "valid_from": "2024-05-01",
        "valid_until": "2024-12-31",
        "cooperatives": [cooperative_create().pk],
        "cooperative_role": "supplier",
        "businesses": [business_create().pk],
        "business_role": "buyer",
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "0",
        "lines-0-goods": "Na Chi Lăng",
        "lines-0-unit": "kg",
        "lines-0-quantity": "1000",
        "lines-0-value": "50000000",
        "lines-0-period_start": "2024-08-01",
        "lines-0-period_end": "2024-09-30",
        "schedule-TOTAL_FORMS": "0",
        "schedule-INITIAL_FORMS": "0",
        FIELD_NAME: _rendered_token(client, url),
    }

    client.post(url, data)
    second = client.post(url, data)

    agreement = Agreement.objects.get()
    assert second.status_code == 302
    assert second["Location"] == agreement.get_absolute_url()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, data, model",
    [
        (
            "agreements:conference-create",
            {"name": "Hội nghị 2025", "slug": "hn-2025", "start_date": "2025-04-20"},
            Conference,
        ),
        (
            "agreements:business-create",
            {"name": "Công ty A", "tax_code": "0100109106", "kind": "retailer"},
            Business,
        ),
    ],
)
def test_a_conference_or_business_form_sent_twice_creates_one(
    client, name, data, model
):
    client.force_login(staff_user_create())
    url = reverse(name)
    data = {**data, FIELD_NAME: _rendered_token(client, url)}

    first = client.post(url, data)
    second = client.post(url, data)

    assert model.objects.count() == 1
    assert second.status_code == 302
    assert second["Location"] == first["Location"]


@pytest.mark.django_db
def test_two_renderings_of_the_form_record_two_reports(client):
    agreement = _agreement()
    client.force_login(staff_user_create())
    url = reverse("agreements:delivery-create", args=[agreement.pk])

    client.post(url, _delivery(agreement, _rendered_token(client, url)))
    client.post(url, _delivery(agreement, _rendered_token(client, url)))

    assert DeliveryReport.objects.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize("token", ["", "forged", "other user's"])
def test_a_missing_or_foreign_token_is_refused_and_keeps_the_input(
    client, settings, token
):
    settings.LANGUAGE_CODE = "en"
    agreement = _agreement()
    staff = staff_user_create()
    if token == "other user's":
        token = submission_data(
            user=staff_user_create(username="other"), form_class=DeliveryForm
        )[FIELD_NAME]
    client.force_login(staff)
    url = reverse("agreements:delivery-create", args=[agreement.pk])

    response = client.post(url, _delivery(agreement, token))

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "This form has expired. Check what you typed and send it again."
    ]
    assert "giao lần 1" in response.content.decode()
    assert not DeliveryReport.objects.exists()
    # The form comes back with a fresh token: sending it again works.
    fresh = response.context["form"][FIELD_NAME].value()
    assert client.post(url, _delivery(agreement, fresh)).status_code == 302
    assert DeliveryReport.objects.count() == 1


@pytest.mark.django_db
def test_a_refused_delivery_leaves_its_token_for_the_corrected_form(client):
    agreement = _agreement()
    client.force_login(staff_user_create())
    url = reverse("agreements:delivery-create", args=[agreement.pk])
    token = _rendered_token(client, url)

    refused = client.post(url, _delivery(agreement, token, quantity="0"))
    corrected = client.post(url, _delivery(agreement, token))

    assert "quantity" in refused.context["form"].errors
    assert corrected.status_code == 302
    assert DeliveryReport.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_submissions_of_one_form_record_one_report(migrated_db):
    if connection.vendor != "postgresql":
        pytest.skip("two requests in flight at once need PostgreSQL")
    agreement = _agreement()
    user = cooperative_user_create(partner=agreement.commitments.get().partner)
    url = reverse("agreements:delivery-create", args=[agreement.pk])
    clients = [Client(), Client()]
    for client in clients:
        client.force_login(user)
    data = _delivery(agreement, _rendered_token(clients[0], url))
    # Both press "Save" at the same moment, each in its own thread with its
    # own database connection.
    barrier = threading.Barrier(len(clients))
    statuses: list[int] = []
    errors: list[BaseException] = []

    def send(client):
        try:
            barrier.wait()
            statuses.append(client.post(url, data).status_code)
        except BaseException as error:  # noqa: B036 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert statuses == [302, 302]
    assert DeliveryReport.objects.count() == 1
    assert SubmissionToken.objects.count() == 1
