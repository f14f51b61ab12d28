"""A script in a product description reaches neither the moderator nor buyers."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from oscar.core.loading import get_model

from catalog.cooperatives.models import ProductListing
from marketplace.core import roles
from tests.factories.catalogue import category_create
from tests.factories.cooperatives import (
    cooperative_create,
    listed_product_create,
    staff_create,
)

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")

pytestmark = pytest.mark.django_db

XSS = (
    '<p>Na <strong>dai</strong></p><script>alert("xss")</script>'
    '<img src="x" onerror="alert(1)"><a href="javascript:alert(2)">xem</a>'
)
CLEAN = '<p>Na <strong>dai</strong></p><a rel="noopener nofollow">xem</a>'


@pytest.fixture
def moderator():
    user = get_user_model().objects.create_user(
        username="mod", email="mod@htx.test", password="pw-test-123", is_staff=True
    )
    user.groups.add(Group.objects.get(name=roles.MODERATORS))
    return user


def _category_pk() -> str:
    """Return the pk of a public category for the product form (made once)."""
    existing = Category.objects.filter(slug="trai-cay").first()
    return str((existing or category_create()).pk)


def _product_post(**overrides):
    return {
        "title": "Na dai Chi Lăng",
        "description": XSS,
        "unit": "kg",
        "category": _category_pk(),
        "origin": "Chi Lăng",
        "shelf_life": "5 ngày",
        "price": "65000",
        "stock": "20",
        **overrides,
    }


def _assert_no_script(html: str) -> None:
    assert "<script>alert" not in html
    assert "onerror" not in html
    assert "javascript:alert" not in html


def test_description_script_is_removed_from_form_to_review_to_product_page(
    client, moderator
):
    # Given a cooperative that submits a product whose description has a script
    cooperative = cooperative_create()
    client.force_login(staff_create(cooperative=cooperative))
    response = client.post(reverse("cooperatives:manage-product-add"), _product_post())
    assert response.status_code == 302
    listing = ProductListing.objects.get(cooperative=cooperative)

    # Then the stored description is the cleaned HTML
    assert listing.product.description == CLEAN

    # When the moderator opens the review page
    client.force_login(moderator)
    review_url = reverse("cooperatives:moderation-listing", kwargs={"pk": listing.pk})
    review = client.get(review_url).content.decode()

    # Then the formatting is shown and the script is not there as a tag
    assert '<p>Na <strong>dai</strong></p><a rel="noopener nofollow">xem</a>' in review
    _assert_no_script(review)

    # When the moderator approves it and a buyer opens the product page
    client.post(review_url, {"decision": "approve"})
    client.logout()
    page = client.get(listing.product.get_absolute_url())

    assert page.status_code == 200
    html = page.content.decode()
    assert CLEAN in html
    _assert_no_script(html)


def test_change_waiting_for_moderation_is_kept_clean(client):
    # Given a public product
    cooperative = cooperative_create()
    product = listed_product_create(cooperative=cooperative, title="Na cũ")
    client.force_login(staff_create(cooperative=cooperative))

    # When its cooperative changes the description to one with a script
    client.post(
        reverse("cooperatives:manage-product", kwargs={"pk": product.pk}),
        _product_post(title="Na cũ", price="60000", stock="10"),
    )

    # Then the change waiting for the moderator is already clean
    product.refresh_from_db()
    assert product.listing.pending_changes == {"description": CLEAN}


def test_rows_written_before_the_rule_are_cleaned_when_shown(client, moderator):
    # Given a description written dirty, past save() (as rows from before)
    cooperative = cooperative_create()
    product = listed_product_create(cooperative=cooperative)
    Product.objects.filter(pk=product.pk).update(description=XSS)

    # Then the product page shows it clean
    html = client.get(product.get_absolute_url()).content.decode()
    assert CLEAN in html
    _assert_no_script(html)

    # And so does the moderation review page
    client.force_login(moderator)
    review = client.get(
        reverse("cooperatives:moderation-listing", kwargs={"pk": product.listing.pk})
    ).content.decode()
    assert CLEAN in review
    _assert_no_script(review)
