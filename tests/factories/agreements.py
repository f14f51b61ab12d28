"""Build agreements-register rows for tests: conferences, businesses,
agreements with parties and lines, reports, and the users who see them."""

import datetime
from decimal import Decimal
from itertools import count

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from oscar.core.loading import get_model

from agreements.models import (
    Agreement,
    AgreementParty,
    Business,
    Commitment,
    Conference,
    DeliveryReport,
    Milestone,
)
from marketplace.core import roles

Partner = get_model("partner", "Partner")
User = get_user_model()
_seq = count(1)

LANG_SON = 20  # vn_units province code of Lạng Sơn


def conference_create(**fields) -> Conference:
    n = next(_seq)
    defaults = {
        "name": f"Hội nghị kết nối {n}",
        "slug": f"hoi-nghi-{n}",
        "start_date": datetime.date(2024, 4, 20),
        "place": "Lạng Sơn",
        "organiser": "Liên minh HTX tỉnh",
    }
    return Conference.objects.create(**{**defaults, **fields})


def business_create(**fields) -> Business:
    n = next(_seq)
    defaults = {
        "name": f"Công ty TNHH Thương mại {n}",
        "tax_code": f"0100{n:06d}",
        "kind": Business.Kind.DISTRIBUTOR,
        "province_code": LANG_SON,
    }
    return Business.objects.create(**{**defaults, **fields})


def cooperative_create(*, name: str | None = None) -> "Partner":
    n = next(_seq)
    return Partner.objects.create(name=name or f"HTX Thử nghiệm {n}", code=f"htx-{n}")


def agreement_create(
    *,
    partner=None,
    business=None,
    conference=None,
    signed_on: datetime.date = datetime.date(2024, 5, 1),
    valid_from: datetime.date | None = None,
    valid_until: datetime.date = datetime.date(2024, 12, 31),
    lines: list[dict] | None = None,
    milestones: list[tuple[datetime.date, int]] | None = None,
    **fields,
) -> Agreement:
    """Create an agreement with one cooperative, one business and its lines.

    Each line dict may give unit, quantity, value, period_start, period_end,
    goods; defaults: 100 kg worth 10,000,000 dong over the validity period.
    """
    n = next(_seq)
    partner = partner or cooperative_create()
    business = business or business_create()
    agreement = Agreement.objects.create(
        number=fields.pop("number", f"{n:03d}/BBTT"),
        conference=conference,
        signed_on=signed_on,
        kind=fields.pop("kind", Agreement.Kind.PURCHASE),
        valid_from=valid_from or signed_on,
        valid_until=valid_until,
        **fields,
    )
    AgreementParty.objects.create(
        agreement=agreement, partner=partner, role=AgreementParty.Role.SUPPLIER
    )
    AgreementParty.objects.create(
        agreement=agreement, business=business, role=AgreementParty.Role.BUYER
    )
    for line in lines if lines is not None else [{}]:
        Commitment.objects.create(
            agreement=agreement,
            partner=line.get("partner", partner),
            goods=line.get("goods", "Na Chi Lăng"),
            product=line.get("product"),
            unit=line.get("unit", "kg"),
            quantity=Decimal(line.get("quantity", 100)),
            value=line.get("value", 10_000_000),
            period_start=line.get("period_start", valid_from or signed_on),
            period_end=line.get("period_end", valid_until),
        )
    for due_on, share in milestones or []:
        Milestone.objects.create(agreement=agreement, due_on=due_on, share=share)
    return agreement


def report_create(
    *,
    commitment: Commitment,
    delivered_on: datetime.date,
    quantity=10,
    value: int = 1_000_000,
    verified: bool = True,
    user=None,
) -> DeliveryReport:
    return DeliveryReport.objects.create(
        commitment=commitment,
        delivered_on=delivered_on,
        quantity=Decimal(quantity),
        unit=commitment.unit,
        value=value,
        reported_by=user,
        verified_at=timezone.now() if verified else None,
        verified_by=user if verified else None,
    )


def user_create(*, username: str, **fields):
    return User.objects.create_user(
        username=username, email=f"{username}@example.test", password="pw", **fields
    )


def staff_user_create(*, username: str = "staff"):
    """An alliance employee in the Agreements staff group."""
    user = user_create(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=roles.AGREEMENTS_STAFF))
    return user


def cooperative_user_create(*, partner, username: str = "coop"):
    """A cooperative's employee: a user of its Oscar partner."""
    user = user_create(username=username)
    user.groups.add(Group.objects.get(name=roles.COOPERATIVE_STAFF))
    partner.users.add(user)
    return user


def import_sheet_bytes(rows) -> bytes:
    """Return an agreements import sheet (.xlsx): the header, then ``rows``."""
    import io

    from openpyxl import Workbook

    from agreements.imports.columns import IMPORT_COLUMNS

    book = Workbook()
    sheet = book.active
    sheet.append([header for _key, header in IMPORT_COLUMNS])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def import_row(number="01/BB", coop="htx-a", tax="0101234567", **overrides) -> list:
    """Return one valid import row, in the template's column order."""
    from agreements.imports.columns import IMPORT_COLUMNS

    D = datetime.date
    values = {
        "number": number,
        "signed_on": D(2024, 4, 25),
        "kind": "purchase",
        "valid_from": D(2024, 5, 1),
        "valid_until": D(2024, 12, 31),
        "cooperative_code": coop,
        "business_tax_code": tax,
        "goods": "Na Chi Lăng",
        "unit": "kg",
        "quantity": 1000,
        "value": 45_000_000,
        "period_start": D(2024, 8, 1),
        "period_end": D(2024, 9, 30),
    }
    values.update(overrides)
    return [values[key] for key, _h in IMPORT_COLUMNS]
