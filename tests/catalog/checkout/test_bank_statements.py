"""Bank statements: amounts read in every way, a preview, then one confirm.

Issue 12, finding 10: ``310,000.00`` was recorded as 31.000.000 ₫ for an
order of 310.000 ₫, and a statement with Vietnamese column names was refused.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook
from oscar.core.loading import get_model

from catalog.checkout.bank_transfers import (
    AmountError,
    StatementError,
    bank_statement_match,
    bank_statement_read,
    bank_transfer_mark_received,
    bank_transfers_pending,
    statement_amount_parse,
)
from tests.factories.catalogue import partner_create, product_create
from tests.factories.roles import finance_user_create

from .conftest import basket_add, checkout_pay_with, checkout_to_payment

Order = get_model("order", "Order")
PaymentEvent = get_model("order", "PaymentEvent")

URL = "/shop/checkout/staff/bank-transfers/"


@pytest.fixture(autouse=True)
def _english(settings):
    """Read messages in English: pages and the functions the tests call."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


# --- amounts -------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "310.000",
        "310,000",
        "310.000 ₫",
        "310,000.00",
        "310.000,00",
        "310000",
        "310.000đ",
        "VND 310,000",
        "310 000",
        "310\u00a0000 VNĐ",
        "+310.000",
        "310000.00",
        "310.000 đồng",
        310000,
        310000.0,
    ],
)
def test_every_way_of_writing_an_amount_reads_as_whole_dong(written):
    assert statement_amount_parse(value=written) == 310000


@pytest.mark.parametrize(
    "written, reason",
    [
        ("310,5", "is ambiguous: “5” after the last separator"),
        ("1.234,5", "is ambiguous: “5” after the last separator"),
        ("310,000.50", "is ambiguous: “50” after the last separator"),
        ("310.000.00", "uses “.” both for thousands and for decimals"),
        ("1.234,567", "mixes separators for thousands"),
        ("31,00,000", "a separator must be followed by three digits"),
        ("3100,000", "a separator must be followed by three digits"),
        ("-310.000", "is not a credit"),
        ("(310.000)", "is not a credit"),
        ("0", "is zero"),
        ("abc", "is not an amount"),
        ("1.234.567.890.123.456.789", "is too large"),
        (310000.5, "has a fraction of a dong"),
    ],
)
def test_an_ambiguous_or_impossible_amount_is_refused_never_guessed(written, reason):
    with pytest.raises(AmountError, match=reason.replace("(", r"\(")):
        statement_amount_parse(value=written)


@pytest.mark.parametrize("blank", [None, "", "   "])
def test_an_empty_amount_cell_is_no_amount(blank):
    assert statement_amount_parse(value=blank) is None


# --- reading statements ----------------------------------------------------------


@pytest.mark.parametrize(
    "amount_header, note_header, date_header",
    [
        ("so_tien", "noi_dung", "ngay"),
        ("Số tiền", "Nội dung", "Ngày"),
        ("SO TIEN", "NOI DUNG", "NGAY GIAO DICH"),
        ("Số tiền (VND)", "Diễn giải", "Ngày GD"),
        ("Ghi có", "Mô tả", "Ngày hiệu lực"),
        ("amount", "description", "date"),
        ("Credit", "Reference", "Value date"),
        ("credit", "memo", "Transaction Date"),
    ],
)
def test_vietnamese_and_english_column_names_are_accepted(
    amount_header, note_header, date_header
):
    content = (
        f"{date_header},{amount_header},{note_header}\n"
        '01/12/2026,"310,000.00",DH 100123\n'
    ).encode()

    rows = bank_statement_read(content=content)

    assert [(r.row, r.amount, r.description, r.date) for r in rows] == [
        (2, 310000, "DH 100123", "01/12/2026")
    ]


def test_the_credit_column_is_read_when_debit_and_balance_columns_are_there_too():
    content = (
        "SAO KÊ TÀI KHOẢN\nSố TK: 0011001234567\n\n"
        "Ngày giao dịch;Ghi nợ;Ghi có;Số dư;Nội dung giao dịch\n"
        "01/12/2026;;310.000;1.310.000;CK DH 100123\n"
        "02/12/2026;50.000;;1.260.000;Phi dich vu\n"
    ).encode("utf-8-sig")

    rows = bank_statement_read(content=content)

    assert [(r.row, r.amount, r.description) for r in rows] == [
        (5, 310000, "CK DH 100123"),
        (6, None, "Phi dich vu"),
    ]


def test_a_utf16_tab_separated_statement_is_read():
    content = "Số tiền\tNội dung\n310.000 ₫\tDH 100123\n".encode("utf-16")

    rows = bank_statement_read(content=content)

    assert [(r.amount, r.description) for r in rows] == [(310000, "DH 100123")]


def test_an_xlsx_statement_is_read_with_numbers_and_dates():
    import datetime

    book = Workbook()
    sheet = book.active
    sheet.append(["Ngày", "Số tiền", "Nội dung"])
    sheet.append([datetime.date(2026, 12, 1), 310000, "DH 100123"])
    sheet.append([datetime.date(2026, 12, 2), "310,5", "DH 100124"])
    buffer = io.BytesIO()
    book.save(buffer)

    rows = bank_statement_read(content=buffer.getvalue())

    assert [(r.row, r.amount, r.date) for r in rows] == [
        (2, 310000, "01/12/2026"),
        (3, None, "02/12/2026"),
    ]
    assert rows[1].error == (
        "Row 3: the amount “310,5” is ambiguous: “5” after the last separator "
        "would be a fraction of a dong, and VND has none."
    )


@pytest.mark.parametrize(
    "content, message",
    [
        (b"S\xf4 ti\xe8n,N\xf4i dung\n1,x\n", "CSV UTF-8"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "CSV UTF-8"),
        (b"PK\x03\x04 not really a workbook", "cannot be read"),
        (b"ngay,so_tien\n01/12/2026,310000\n", "No header row"),
    ],
)
def test_a_statement_that_cannot_be_read_is_refused_with_a_reason(content, message):
    with pytest.raises(StatementError, match=message):
        bank_statement_read(content=content)


# --- matching, preview, confirm ------------------------------------------------


def _place_transfer_order(client, address, product):
    basket_add(client, product, 1)
    checkout_to_payment(client, address)
    assert checkout_pay_with(client, "bank-transfer").status_code == 302
    return Order.objects.order_by("-pk").first()


@pytest.fixture
def orders(db, address_data):
    """Two orders waiting for a transfer: 310.000 ₫ and 105.000 ₫."""
    from django.test import Client

    partner = partner_create(name="HTX Đồng Bành", code="dong-banh")
    first = product_create(title="Na", price=310000, stock=5, partner=partner)
    second = product_create(title="Hồi", price=105000, stock=5, partner=partner)
    big = _place_transfer_order(Client(), address_data, first)
    small = _place_transfer_order(Client(), address_data, second)
    assert (big.total_incl_tax, small.total_incl_tax) == (310000, 105000)
    return big, small


def _statement(*lines: str) -> SimpleUploadedFile:
    text = "Ngày,Số tiền,Nội dung\n" + "".join(f"{line}\n" for line in lines)
    return SimpleUploadedFile("sao-ke.csv", text.encode(), "text/csv")


@pytest.fixture
def finance_client(db, client):
    client.force_login(finance_user_create())
    return client


def test_every_row_says_what_would_happen_and_why(orders):
    big, small = orders
    content = (
        "Ngày,Số tiền,Nội dung\n"
        f"01/12,100.000,DH {big.number}\n"
        f'01/12,"999,000",DH {big.number}\n'
        f'01/12,"310,000.00",CK DH {big.number}\n'
        f"01/12,105.000,DH {small.number} lan 1\n"
        f"02/12,105.000,DH {small.number} lan 2\n"
        "02/12,50.000,chuyen tien nha\n"
        f'03/12,"310,5",DH {big.number}\n'
        f"03/12,500.000,DH {big.number} va {small.number}\n"
    ).encode()

    matches = bank_statement_match(rows=bank_statement_read(content=content))

    assert [(m.row, m.order_number, m.amount, m.outcome) for m in matches] == [
        (2, big.number, 100000, "short"),
        (3, big.number, 999000, "over"),
        (4, big.number, 310000, "record"),
        (5, small.number, 105000, "record"),
        (6, small.number, 105000, "duplicate"),
        (7, None, 50000, "unmatched"),
        (8, big.number, None, "invalid"),
        (9, None, 500000, "several"),
    ]
    assert [m.matches_total for m in matches[:4]] == [False, False, True, True]
    assert matches[0].message == (
        "Less than the 310.000 ₫ the order owes; check with the buyer."
    )
    assert matches[4].message == "Row 5 of this statement already pays this order."
    assert matches[6].message.startswith("Row 8: the amount “310,5” is ambiguous")
    assert len(bank_transfers_pending()) == 2


def test_the_preview_shows_each_row_and_records_nothing(finance_client, orders):
    big, small = orders

    response = finance_client.post(
        URL,
        {
            "statement": _statement(
                f'01/12/2026,"310,000.00",CK DH {big.number}',
                "01/12/2026,50.000,chuyen tien nha",
            )
        },
    )

    assert response.status_code == 200
    assert [
        (m.order_number, m.amount, m.outcome) for m in response.context["preview"]
    ] == [
        (big.number, 310000, "record"),
        (None, 50000, "unmatched"),
    ]
    html = response.content.decode()
    assert 'id="statement-preview"' in html
    assert "Will be recorded as received" in html
    assert "No order waiting for a transfer is named." in html
    assert "Record 1 transfer as received" in html
    assert len(bank_transfers_pending()) == 2
    assert not PaymentEvent.objects.exists()


def test_confirm_records_310_000_for_310_000_00_and_a_second_confirm_nothing(
    finance_client, orders
):
    big, small = orders
    preview = finance_client.post(
        URL, {"statement": _statement(f'01/12/2026,"310,000.00",CK DH {big.number}')}
    )
    token = preview.context["token"]

    confirmed = finance_client.post(URL, {"confirm": token})
    again = finance_client.post(URL, {"confirm": token}, follow=True)

    assert [
        (r.order_number, r.amount, r.outcome) for r in confirmed.context["recorded"]
    ] == [(big.number, 310000, "received")]
    source = big.sources.get()
    assert (source.amount_debited, source.amount_allocated) == (310000, 310000)
    event = PaymentEvent.objects.get()
    assert (event.order, event.amount) == (big, 310000)
    assert "nothing was recorded" in again.content.decode()
    assert [s.order for s in bank_transfers_pending()] == [small]


def test_a_transfer_marked_by_hand_after_the_preview_is_not_recorded_again(
    finance_client, orders
):
    big, _small = orders
    preview = finance_client.post(
        URL, {"statement": _statement(f"01/12/2026,310.000,DH {big.number}")}
    )
    assert bank_transfer_mark_received(order=big, amount=310000, reference="hand")

    confirmed = finance_client.post(URL, {"confirm": preview.context["token"]})

    assert [r.outcome for r in confirmed.context["recorded"]] == ["already"]
    assert PaymentEvent.objects.count() == 1
    assert big.sources.get().amount_debited == 310000


def test_an_unreadable_statement_is_refused_on_the_page(finance_client, orders):
    response = finance_client.post(
        URL,
        {"statement": SimpleUploadedFile("sao-ke.csv", b"a,b\n1,2\n", "text/csv")},
    )

    assert response.status_code == 200
    assert "No header row with an amount column" in response.content.decode()
    assert "preview" not in response.context
    assert len(bank_transfers_pending()) == 2


def test_marking_an_order_twice_by_hand_says_it_was_already_received(
    finance_client, orders
):
    big, _small = orders

    finance_client.post(URL, {"order": big.number})
    response = finance_client.post(URL, {"order": big.number}, follow=True)

    assert "was already received" in response.content.decode()
    assert PaymentEvent.objects.count() == 1


def test_the_page_stays_on_the_bank_transfers_url():
    assert reverse("checkout:staff-bank-transfers") == URL
