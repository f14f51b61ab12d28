"""The filters' business and cooperative search boxes and their look-up URL."""

import pytest
from django.urls import reverse
from django.utils import translation

from agreements.selectors.parties import party_search
from tests.factories.agreements import (
    agreement_create,
    business_create,
    conference_create,
    cooperative_create,
    cooperative_user_create,
    staff_user_create,
    user_create,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def register():
    """Two cooperatives, each with one agreement with its own business."""
    coop_a, coop_b = (
        cooperative_create(name="HTX Đồng Bành"),
        cooperative_create(name="HTX Quới Sơn"),
    )
    sao_mai = business_create(name="Công ty Sao Mai", tax_code="0101111111")
    dong_xanh = business_create(name="Siêu thị Đồng Xanh", tax_code="0202222222")
    a = agreement_create(partner=coop_a, business=sao_mai, number="A-1")
    b = agreement_create(partner=coop_b, business=dong_xanh, number="B-1")
    return coop_a, coop_b, sao_mai, dong_xanh, a, b


def _names(response) -> list[str]:
    return [row["name"] for row in response.json()["results"]]


def test_search_ignores_diacritics_and_case_and_reads_tax_codes():
    # Given businesses with accented names
    rows = [
        (1, "Công ty Sao Mai", "0101111111"),
        (2, "Siêu thị Đồng Xanh", "0202222222"),
        (3, "Đồng Tâm", "0303333333"),
    ]

    # When each is looked up without accents, by a part, or by a tax code
    # Then names that start with the text come first.
    assert party_search(candidates=rows, query="dong") == [rows[2], rows[1]]
    assert party_search(candidates=rows, query="SAO  mai") == [rows[0]]
    assert party_search(candidates=rows, query="0202") == [rows[1]]
    assert party_search(candidates=rows, query="  ") == []


def test_search_answers_at_most_twenty():
    rows = [(n, f"Doanh nghiệp {n:03d}", f"99{n:08d}") for n in range(30)]

    assert len(party_search(candidates=rows, query="doanh nghiep")) == 20


def test_lookup_answers_staff_with_names_and_tax_codes(client, register):
    client.force_login(staff_user_create())

    response = client.get(reverse("agreements:business-lookup"), {"q": "dong xanh"})

    assert response.status_code == 200
    assert response.json() == {
        "results": [
            {
                "id": register[3].pk,
                "name": "Siêu thị Đồng Xanh",
                "tax_code": "0202222222",
            }
        ]
    }
    response = client.get(reverse("agreements:cooperative-lookup"), {"q": "htx"})
    assert _names(response) == ["HTX Đồng Bành", "HTX Quới Sơn"]


def test_lookup_shows_a_cooperative_only_the_parties_to_its_agreements(
    client, register
):
    coop_a, _b, _sao_mai, _dong_xanh, _a, _agreement_b = register
    client.force_login(cooperative_user_create(partner=coop_a))

    businesses = client.get(reverse("agreements:business-lookup"), {"q": "o"})
    coops = client.get(reverse("agreements:cooperative-lookup"), {"q": "htx"})

    assert _names(businesses) == ["Công ty Sao Mai"]
    assert _names(coops) == ["HTX Đồng Bành"]


@pytest.mark.parametrize("name", ["business-lookup", "cooperative-lookup"])
def test_lookup_is_closed_to_buyers_and_anonymous_visitors(client, register, name):
    url = reverse(f"agreements:{name}")

    anonymous = client.get(url, {"q": "htx"})
    client.force_login(user_create(username="buyer"))
    buyer = client.get(url, {"q": "htx"})

    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/shop/accounts/login/")
    assert buyer.status_code == 404


def _listed(response) -> list[str]:
    return [a.number for a in response.context["page_obj"].object_list]


@pytest.mark.parametrize(
    "typed", ["Siêu thị Đồng Xanh", "sieu thi dong xanh", "Đồng Xanh", "0202222222"]
)
def test_list_filters_on_a_typed_name_or_tax_code_without_javascript(
    client, register, typed
):
    client.force_login(staff_user_create())

    response = client.get(reverse("agreements:list"), {"business": typed})

    assert _listed(response) == ["B-1"]
    assert response.context["form"].errors == {}


def test_list_filters_on_the_chosen_id_and_shows_its_name(client, register):
    client.force_login(staff_user_create())
    coop_a = register[0]

    # The dashboard links to the list with the cooperative's id only.
    response = client.get(reverse("agreements:list"), {"partner_id": coop_a.pk})

    assert _listed(response) == ["A-1"]
    assert 'value="HTX Đồng Bành"' in response.content.decode()


def test_a_changed_name_wins_over_the_chosen_id(client, register):
    client.force_login(staff_user_create())
    sao_mai = register[2]

    response = client.get(
        reverse("agreements:list"),
        {"business": "Đồng Xanh", "business_id": sao_mai.pk},
    )

    assert _listed(response) == ["B-1"]


def test_a_name_that_matches_nothing_is_an_error_and_keeps_the_other_filters(
    client, register, english
):
    client.force_login(staff_user_create())
    conference = conference_create()
    agreement_create(conference=conference, number="C-1")

    response = client.get(
        reverse("agreements:list"),
        {"business": "Không có", "conference": conference.pk},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "business": [
            "No business matches “Không có”: the list is not filtered by business."
        ]
    }
    assert _listed(response) == ["C-1"]
    assert 'value="Không có"' in page
    assert f'<option value="{conference.pk}" selected>' in page


def test_an_ambiguous_name_asks_for_more(client, register, english):
    client.force_login(staff_user_create())

    response = client.get(reverse("agreements:list"), {"partner": "HTX"})

    assert response.context["form"].errors == {
        "partner": [
            "Several cooperatives match “HTX”: type more of the name, or the tax code."
        ]
    }


def test_a_cooperative_cannot_name_a_business_of_another_cooperative(client, register):
    coop_a = register[0]
    client.force_login(cooperative_user_create(partner=coop_a))

    response = client.get(reverse("agreements:list"), {"business": "0202222222"})

    assert "business" in response.context["form"].errors
    assert _listed(response) == ["A-1"]


def test_list_has_search_boxes_not_selects_of_every_party(client, register):
    client.force_login(staff_user_create())

    page = client.get(reverse("agreements:list")).content.decode()

    assert 'name="business"' in page and 'name="business_id"' in page
    assert '<select name="business"' not in page
    assert '<select name="partner"' not in page
    assert f'data-lookup-url="{reverse("agreements:business-lookup")}"' in page
    assert 'aria-describedby="id_business_helptext"' in page


def _agreement_data(user, **overrides):
    from agreements.forms import AgreementForm
    from tests.factories.submissions import submission_data

    data = {
        "number": "99/BBTT",
        "signed_on": "2024-05-01",
        "kind": "purchase",
        "valid_from": "2024-05-01",
        "valid_until": "2024-12-31",
        "cooperative_role": "supplier",
        "business_role": "buyer",
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "1",
        "lines-MAX_NUM_FORMS": "1000",
        "lines-0-goods": "Na Chi Lăng",
        "lines-0-unit": "kg",
        "lines-0-quantity": "1000",
        "lines-0-value": "50000000",
        "lines-0-period_start": "2024-08-01",
        "lines-0-period_end": "2024-09-30",
        "schedule-TOTAL_FORMS": "0",
        "schedule-INITIAL_FORMS": "0",
        "schedule-MIN_NUM_FORMS": "0",
        "schedule-MAX_NUM_FORMS": "1000",
        **submission_data(user=user, form_class=AgreementForm),
    }
    data.update(overrides)
    return data


def test_agreement_form_adds_parties_typed_by_name_or_tax_code(client, register):
    # Given staff on the new agreement's form, which lists no party in a select
    from agreements.models import Agreement

    coop_a, coop_b, sao_mai, dong_xanh, _a, _b = register
    staff = staff_user_create()
    client.force_login(staff)
    page = client.get(reverse("agreements:create")).content.decode()
    assert '<select name="businesses"' not in page
    assert '<select name="cooperatives"' not in page

    # When they tick one cooperative and type the other and a business's
    # tax code without JavaScript
    response = client.post(
        reverse("agreements:create"),
        _agreement_data(
            staff,
            cooperatives=[coop_a.pk],
            cooperatives_add="quoi son",
            businesses_add="0202222222",
            **{"lines-0-partner": str(coop_a.pk)},
        ),
    )

    # Then the agreement binds those parties.
    assert response.status_code == 302, response.context["form"].errors
    agreement = Agreement.objects.get(number="99/BBTT")
    assert sorted(p.partner_id for p in agreement.parties.filter(business=None)) == [
        coop_a.pk,
        coop_b.pk,
    ]
    assert [p.business_id for p in agreement.parties.filter(partner=None)] == [
        dong_xanh.pk
    ]


def test_agreement_form_refuses_an_unknown_business_and_keeps_the_choice(
    client, register, english
):
    coop_a = register[0]
    staff = staff_user_create()
    client.force_login(staff)

    response = client.post(
        reverse("agreements:create"),
        _agreement_data(staff, cooperatives=[coop_a.pk], businesses_add="Không có"),
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"].errors["businesses"] == [
        "No business matches “Không có”."
    ]
    assert f'name="cooperatives" value="{coop_a.pk}" checked' in page
    assert 'value="Không có"' in page
