"""Excel both ways: the export imports back as it is, the template lists the
codes and names to use, imported goods find their catalogue product, and a
backdated import records its past follow-ups as missed."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from agreements.excel import import_template
from agreements.imports.writing import import_agreements
from agreements.models import (
    Agreement,
    AgreementParty,
    Commitment,
    FollowUp,
    ImportJob,
)
from agreements.selectors.aggregates import dashboard_summary, fulfilment_by_product
from agreements.services import follow_ups_schedule
from tests.factories.agreements import (
    agreement_create,
    business_create,
    conference_create,
    cooperative_create,
    staff_user_create,
)
from tests.factories.agreements import import_row as row
from tests.factories.agreements import import_sheet_bytes as sheet_bytes
from tests.factories.catalogue import product_create

pytestmark = pytest.mark.django_db

D = datetime.date


def _coop(name: str, code: str):
    coop = cooperative_create(name=name)
    coop.code = code
    coop.save()
    return coop


# --- the round trip --------------------------------------------------------------


@pytest.fixture
def register():
    """Three agreements of one conference: several cooperatives and
    businesses on one, a catalogue product, free-text goods, decimals,
    Vietnamese text and a name that looks like a formula."""
    staff = staff_user_create()
    conference = conference_create(name="Hội nghị kết nối cung cầu Lạng Sơn")
    dong_banh = _coop("HTX Nông nghiệp Đồng Bành", "htx-dong-banh")
    bac_son = _coop("HTX Quýt vàng Bắc Sơn", "htx-quyt-bac-son")
    na = product_create(title="Na Chi Lăng", partner=dong_banh, image=False)
    xu_lang = business_create(
        name="Công ty CP Thực phẩm Xứ Lạng", tax_code="4900123456"
    )
    ha_noi = business_create(name="Siêu thị Hà Nội", tax_code="0101234567-001")
    first = agreement_create(
        number="01/2024/BBTT-HNKN",
        conference=conference,
        partner=dong_banh,
        business=xu_lang,
        signed_on=D(2024, 4, 20),
        valid_from=D(2024, 5, 1),
        valid_until=D(2025, 12, 31),
        staff_in_charge=staff,
        lines=[
            {
                "product": na,
                "goods": "",
                "quantity": "1250.50",
                "value": 56_272_500,
                "period_start": D(2024, 8, 1),
                "period_end": D(2024, 9, 30),
            },
            {
                "goods": "Na sấy dẻo",
                "unit": "hộp",
                "quantity": 300,
                "value": 21_000_000,
            },
            {
                "partner": bac_son,
                "goods": "Quýt vàng Bắc Sơn loại 1",
                "quantity": 2000,
                "value": 70_000_000,
            },
        ],
    )
    AgreementParty.objects.create(
        agreement=first, partner=bac_son, role=AgreementParty.Role.SUPPLIER
    )
    AgreementParty.objects.create(
        agreement=first, business=ha_noi, role=AgreementParty.Role.BUYER
    )
    agreement_create(
        number="02/2024/BBTT-HNKN",
        conference=conference,
        partner=bac_son,
        business=ha_noi,
        kind=Agreement.Kind.DISTRIBUTION,
        signed_on=D(2024, 4, 21),
        valid_until=D(2026, 6, 30),
        staff_in_charge=staff,
        lines=[{"goods": "-Mật ong ngũ gia bì", "unit": "chai", "value": 9_000_000}],
    )
    agreement_create(
        number="03/2024/BBTT-HNKN",
        conference=conference,
        partner=dong_banh,
        business=xu_lang,
        kind=Agreement.Kind.LINKAGE,
        signed_on=D(2024, 4, 22),
        staff_in_charge=staff,
        lines=[{"product": na, "goods": "", "unit": "tấn", "quantity": "12.75"}],
    )
    return conference, staff


def _fields(instance, skip=()) -> dict:
    """Every stored field of a row but its id (and ``skip``), by name;
    the agreement as its number."""
    values = {}
    for model_field in instance._meta.concrete_fields:
        if model_field.primary_key or model_field.name in skip:
            continue
        value = getattr(instance, model_field.attname)
        if model_field.name == "agreement":
            value = instance.agreement.number
        values[model_field.name] = value
    return values


def _register() -> dict:
    """The register as plain data: agreements by number, parties and lines
    as sorted lists of their fields."""
    return {
        "agreements": {
            a.number: _fields(a, skip={"created_at"}) for a in Agreement.objects.all()
        },
        "parties": sorted(
            (_fields(p) for p in AgreementParty.objects.select_related("agreement")),
            key=repr,
        ),
        "lines": sorted(
            (_fields(c) for c in Commitment.objects.select_related("agreement")),
            key=repr,
        ),
    }


def test_an_exported_register_imports_back_unchanged_into_an_empty_register(
    client, register
):
    # given a register and its export
    conference, staff = register
    before = _register()
    client.force_login(staff)
    exported = client.get(reverse("agreements:export")).content

    # when the register is emptied and the exported file imported as it is
    Agreement.objects.all().delete()
    result = import_agreements(
        conference=conference, file=io.BytesIO(exported), user=staff
    )

    # then every agreement, party and line is back, field by field
    assert result.errors == []
    assert (result.agreements, result.commitments) == (3, 5)
    after = _register()
    assert after["agreements"] == before["agreements"]
    assert after["parties"] == before["parties"]
    assert after["lines"] == before["lines"]
    assert before["lines"][0]  # the comparison compared something
    assert {line["goods"] for line in after["lines"]} >= {
        "Na sấy dẻo",
        "-Mật ong ngũ gia bì",
    }
    assert Commitment.objects.filter(product__title="Na Chi Lăng").count() == 2


def test_the_export_keeps_the_import_columns_first(client, register):
    _conference, staff = register
    client.force_login(staff)

    book = load_workbook(io.BytesIO(client.get(reverse("agreements:export")).content))

    first = next(book["Agreements"].iter_rows(min_row=2, values_only=True))
    assert first[:13] == (
        "01/2024/BBTT-HNKN",
        datetime.datetime(2024, 4, 20),
        "purchase",
        datetime.datetime(2024, 5, 1),
        datetime.datetime(2025, 12, 31),
        "htx-dong-banh",
        "4900123456; 0101234567-001",
        "Na Chi Lăng",
        "kg",
        1250.5,
        56_272_500,
        datetime.datetime(2024, 8, 1),
        datetime.datetime(2024, 9, 30),
    )


# --- the template's reference sheet -----------------------------------------------


def test_the_template_lists_cooperative_codes_products_and_business_tax_codes():
    dong_banh = _coop("HTX Nông nghiệp Đồng Bành", "htx-dong-banh")
    product_create(title="Na Chi Lăng", partner=dong_banh, image=False)
    business = business_create(
        name="Công ty CP Thực phẩm Xứ Lạng", tax_code="4900123456"
    )
    agreement_create(
        partner=dong_banh,
        business=business,
        lines=[{"goods": "Na sấy dẻo"}, {"goods": "na chi lang"}],
    )

    book = load_workbook(io.BytesIO(import_template()))

    rows = [r for r in book["Reference"].iter_rows(values_only=True)]
    assert (
        "htx-dong-banh",
        "HTX Nông nghiệp Đồng Bành",
        "Na Chi Lăng",
        "catalogue",
    ) in rows
    assert (
        "htx-dong-banh",
        "HTX Nông nghiệp Đồng Bành",
        "Na sấy dẻo",
        "register",
    ) in rows
    # "na chi lang" is the catalogue product: listed once.
    assert not any(r[2] == "na chi lang" for r in rows)
    assert ("4900123456", "Công ty CP Thực phẩm Xứ Lạng", None, None) in rows


# --- goods matched to catalogue products --------------------------------------------


def test_imported_goods_are_matched_to_the_cooperatives_product_once_in_the_figures(
    parties,
):
    # given a line entered with the product "Na Chi Lăng"
    coop, business = parties
    product = product_create(title="Na Chi Lăng", partner=coop, image=False)
    agreement_create(
        partner=coop, business=business, lines=[{"product": product, "goods": ""}]
    )

    # when a sheet names the same goods, typed without marks
    result = import_agreements(
        conference=conference_create(),
        file=io.BytesIO(sheet_bytes([row("01/BB", goods="na  chi lang")])),
    )

    # then the line is the product's, and the by-product table has one row
    assert result.errors == []
    line = Commitment.objects.get(agreement__number="01/BB")
    assert (line.product, line.goods) == (product, "")
    labels = [
        r["label"] for r in fulfilment_by_product(agreements=Agreement.objects.all())
    ]
    assert labels == ["Na Chi Lăng"]


def test_another_cooperatives_product_is_not_matched(parties):
    _coop_a, _business = parties
    product_create(title="Na Chi Lăng", partner=cooperative_create(), image=False)

    import_agreements(
        conference=conference_create(),
        file=io.BytesIO(sheet_bytes([row("01/BB")])),
    )

    line = Commitment.objects.get()
    assert (line.product, line.goods) == (None, "Na Chi Lăng")


# --- a backdated import -------------------------------------------------------------


def test_a_backdated_import_records_past_follow_ups_as_missed_not_overdue(parties):
    # given a register with one overdue follow-up
    coop, business = parties
    staff = staff_user_create()
    today = timezone.localdate()
    agreement = agreement_create(
        partner=coop,
        business=business,
        signed_on=today - datetime.timedelta(days=40),
        valid_until=today + datetime.timedelta(days=365),
    )
    follow_ups_schedule(agreement=agreement)
    assert dashboard_summary(today=today)["overdue_follow_ups"] == 1

    # when agreements signed a year ago are imported
    year_ago = today - datetime.timedelta(days=365)
    rows = [
        row(
            f"0{n}/BB",
            signed_on=year_ago,
            valid_from=year_ago,
            valid_until=today + datetime.timedelta(days=365),
            period_start=year_ago,
            period_end=today,
        )
        for n in (1, 2)
    ]
    result = import_agreements(
        conference=conference_create(), file=io.BytesIO(sheet_bytes(rows)), user=staff
    )

    # then their six check-ins are recorded as missed, in one summary
    assert result.errors == []
    assert result.follow_ups_missed == 6
    assert dashboard_summary(today=today)["overdue_follow_ups"] == 1
    missed = FollowUp.objects.filter(agreement__number__in=["01/BB", "02/BB"])
    assert {(f.closed_on, f.closed_by) for f in missed} == {(today, staff)}
    assert all(today.strftime("%d/%m/%Y") in f.outcome for f in missed)
    assert missed.count() == 6


def test_the_import_page_says_how_many_follow_ups_were_recorded_as_missed(
    client, parties
):
    client.force_login(staff_user_create())
    today = timezone.localdate()
    signed = today - datetime.timedelta(days=100)
    content = sheet_bytes(
        [
            row(
                "01/BB",
                signed_on=signed,
                valid_from=signed,
                valid_until=today + datetime.timedelta(days=300),
                period_start=signed,
                period_end=today,
            )
        ]
    )
    client.post(
        reverse("agreements:import"),
        {
            "conference": conference_create().pk,
            "file": SimpleUploadedFile("a.xlsx", content),
        },
    )
    job = ImportJob.objects.get()

    response = client.post(
        reverse("agreements:import-confirm", args=[job.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )

    job.refresh_from_db()
    assert job.preview["follow_ups_missed"] == 2
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "2 follow-ups before today were recorded as missed." in page
    assert FollowUp.objects.filter(closed_on__isnull=True).count() == 1
    assert Decimal(Commitment.objects.get().quantity) == Decimal("1000.00")
