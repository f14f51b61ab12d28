"""VietQR payloads checked against a payload worked out by hand from the spec."""

import pytest

from marketplace.payments.vietqr import (
    BankAccount,
    crc16_ccitt_false,
    transfer_note,
    vietqr_payload,
    vietqr_svg,
)

ACCOUNT = BankAccount(
    bank_bin="970436", account_number="0011001234567", account_name="LMHTX"
)

# Worked out by hand, field by field (tag, two-digit length, value):
#   00 02 01                       payload format indicator
#   01 02 12                       point of initiation: dynamic
#   38 57 00 10 A000000727         NAPAS GUID
#         01 27 00 06 970436       beneficiary: bank BIN
#               01 13 0011001234567            account number
#         02 08 QRIBFTTA           service: transfer to an account
#   53 03 704                      currency: VND
#   54 05 45000                    amount in dong
#   58 02 VN                       country
#   62 13 08 09 HTX100042          additional data: purpose (order number)
#   63 04 ....                     CRC-16/CCITT-FALSE over all of the above + "6304"
HAND_BODY = (
    "000201"
    "010212"
    "3857"
    "0010A000000727"
    "0127" + "0006970436" + "01130011001234567"
    "0208QRIBFTTA"
    "5303704"
    "540545000"
    "5802VN"
    "6213" + "0809HTX100042"
    "6304"
)


def _crc_reference(data: bytes) -> int:
    """A second, independent CRC: bit by bit over the message, MSB first."""
    register = 0xFFFF
    for byte in data:
        for bit in range(7, -1, -1):
            top = (register >> 15) & 1
            register = (register << 1) & 0xFFFF
            if top ^ ((byte >> bit) & 1):
                register ^= 0x1021
    return register


def test_crc_matches_the_published_check_value():
    # CRC-16/CCITT-FALSE of "123456789" is 0x29B1 (the catalogue's check value).
    assert crc16_ccitt_false(b"123456789") == 0x29B1
    assert _crc_reference(b"123456789") == 0x29B1


def test_payload_matches_the_hand_built_one():
    payload = vietqr_payload(account=ACCOUNT, amount=45000, note="HTX100042")

    assert payload[:-4] == HAND_BODY
    assert payload[-4:] == f"{_crc_reference(HAND_BODY.encode()):04X}"
    # 1E06 also from the standard library's binascii.crc_hqx(body, 0xFFFF),
    # a third implementation of the same CRC.
    assert payload == HAND_BODY + "1E06"


def test_lengths_follow_the_values():
    payload = vietqr_payload(account=ACCOUNT, amount=1250000, note="100001")
    assert "54071250000" in payload
    assert "62100806100001" in payload


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("Đơn hàng 100042", "Don hang 100042"),
        ("#100042/HTX!", "100042HTX"),
        ("x" * 40, "x" * 25),
    ],
)
def test_transfer_note_is_plain_ascii(text, note):
    assert transfer_note(text) == note


def test_zero_amount_is_refused():
    with pytest.raises(ValueError, match="positive"):
        vietqr_payload(account=ACCOUNT, amount=0, note="1")


def test_svg_is_inline():
    svg = vietqr_svg(vietqr_payload(account=ACCOUNT, amount=45000, note="1"))
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
