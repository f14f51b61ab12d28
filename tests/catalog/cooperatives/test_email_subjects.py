"""E-mail subjects are plain text: "&" stays "&", never "&amp;"; one line."""

import pytest
from django.core import mail
from django.utils import translation

from catalog.cooperatives import notifications, services
from tests.factories.cooperatives import (
    cooperative_create,
    listed_product_create,
    staff_create,
)
from tests.factories.orders import order_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def dv_sx(english):
    cooperative = cooperative_create(name="HTX DV&SX Đồng Bành", slug="dv-sx")
    staff_create(cooperative=cooperative, email="htx@example.vn")
    product = listed_product_create(cooperative=cooperative, title="Trà <Shan> & mật")
    return cooperative, product


def test_the_shipment_mail_subject_keeps_the_ampersand_of_the_cooperative_name(
    dv_sx, django_capture_on_commit_callbacks
):
    _cooperative, product = dv_sx
    order = order_create(user=None, product=product, guest_email="khach@example.vn")
    line = order.lines.get()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.line_status_set(line=line, status="Confirmed")
        services.line_status_set(line=line, status="Shipped")

    (message,) = mail.outbox
    assert message.subject == (
        f"Order {order.number}: HTX DV&SX Đồng Bành has shipped your goods"
    )


def test_the_cooperative_order_mail_subject_is_plain_text(dv_sx):
    _cooperative, product = dv_sx
    order = order_create(user=None, product=product, guest_email="khach@example.vn")
    mail.outbox.clear()

    notifications.order_cooperatives_notify(order_id=order.pk)

    subjects = {m.subject for m in mail.outbox}
    assert subjects == {f"New order {order.number}: your lines to prepare"}
    assert "&amp;" not in mail.outbox[0].body


def test_moderation_mail_subjects_keep_special_characters_on_one_line(dv_sx):
    _cooperative, product = dv_sx
    product.title = "Trà <Shan> & mật\nong"
    product.save()
    mail.outbox.clear()

    services.listing_review(
        listing=product.listing, approve=True, reviewer=None, reason=""
    )

    assert {m.subject for m in mail.outbox} == {
        "Your product is approved: Trà <Shan> & mật ong"
    }
