"""NAPAS VietQR bank-transfer codes (EMVCo merchant-presented QR).

The payload is a string of TLV fields: a two-digit tag, a two-digit length,
the value. Banking apps in Vietnam read it to prefill a transfer to the
alliance's account with the amount and the order number as the note.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import segno
from django.conf import settings

#: NAPAS's globally unique identifier for VietQR.
NAPAS_GUID = "A000000727"
#: Service code: fast transfer (IBFT) to an account number.
SERVICE_TO_ACCOUNT = "QRIBFTTA"
CURRENCY_VND = "704"
COUNTRY = "VN"
#: Banking apps show at most this many characters of a transfer note.
NOTE_MAX_LENGTH = 25


@dataclass(frozen=True)
class BankAccount:
    bank_bin: str
    account_number: str
    account_name: str


def alliance_account() -> BankAccount:
    """Return the alliance's receiving account, read from settings now."""
    return BankAccount(
        bank_bin=settings.VIETQR_BANK_BIN,
        account_number=settings.VIETQR_ACCOUNT_NUMBER,
        account_name=settings.VIETQR_ACCOUNT_NAME,
    )


def crc16_ccitt_false(data: bytes) -> int:
    """Return CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection)."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else (crc << 1)
            crc &= 0xFFFF
    return crc


def _tlv(tag: str, value: str) -> str:
    if len(value) > 99:
        raise ValueError(f"Field {tag} is longer than 99 characters.")
    return f"{tag}{len(value):02d}{value}"


def transfer_note(text: str) -> str:
    """Return ``text`` as a note every bank accepts: ASCII letters and digits."""
    folded = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_text = folded.encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9 ]", "", ascii_text).strip()[:NOTE_MAX_LENGTH]


def vietqr_payload(*, account: BankAccount, amount: int, note: str) -> str:
    """Return the VietQR payload for a transfer of ``amount`` dong with ``note``."""
    if int(amount) <= 0:
        raise ValueError("The amount must be positive.")
    beneficiary = _tlv("00", account.bank_bin) + _tlv("01", account.account_number)
    merchant_account = (
        _tlv("00", NAPAS_GUID)
        + _tlv("01", beneficiary)
        + _tlv("02", SERVICE_TO_ACCOUNT)
    )
    body = (
        _tlv("00", "01")  # payload format indicator
        + _tlv("01", "12")  # dynamic: this code carries an amount
        + _tlv("38", merchant_account)
        + _tlv("53", CURRENCY_VND)
        + _tlv("54", str(int(amount)))
        + _tlv("58", COUNTRY)
        + _tlv("62", _tlv("08", transfer_note(note)))
        + "6304"
    )
    return body + f"{crc16_ccitt_false(body.encode('ascii')):04X}"


def vietqr_svg(payload: str) -> str:
    """Return the payload as an inline SVG QR code."""
    return segno.make(payload, error="m", micro=False).svg_inline(
        scale=5, border=2, dark="#000", light="#fff"
    )
