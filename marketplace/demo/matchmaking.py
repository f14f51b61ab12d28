"""Demo of trade-connection matchmaking: the Lạng Sơn 2027 conference.

An upcoming conference (its dates computed from today, so that
registration is open whenever the demo is loaded): two meeting days of
20-minute slots at ten tables, every demo cooperative and the register's
businesses plus new ones taking part (two still waiting for approval),
offers of each cooperative's own catalogue products, businesses' requests
for those goods, meetings in every state, the accepted ones placed by the
scheduler, and a page on the news site. The demo's business login
(``doanhnghiep@htx.local``) acts for one of the register's businesses.
Idempotent: nothing is written once the conference's matchmaking exists.
The 2024 conference is left as it is.
"""

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone
from oscar.core.loading import get_model
from stdnum.vn import mst

from agreements.models import Business, Conference
from catalog.cooperatives.models import Cooperative
from marketplace.pagecache.versions import versions_bump
from marketplace.search.indexing import listings_index
from matchmaking.models import (
    Attendee,
    Event,
    Meeting,
    MeetingDay,
    MeetingStatus,
    Offer,
    Participant,
    ParticipantStatus,
    Table,
    Want,
)
from matchmaking.services.scheduling import meetings_schedule

from . import data
from .agreements import BUSINESSES

StockRecord = get_model("partner", "StockRecord")
User = get_user_model()

D = datetime.date
SLUG = "ket-noi-cung-cau-san-pham-htx-lang-son-2027"
NAME = "Hội nghị kết nối cung cầu sản phẩm hợp tác xã tỉnh Lạng Sơn năm 2027"
PLACE = "Trung tâm Hội nghị tỉnh, thành phố Lạng Sơn"
ORGANISER = "UBND tỉnh Lạng Sơn; Liên minh Hợp tác xã tỉnh"
#: The demo business login's business (a party of 2024 agreements).
LOGIN_EMAIL = "doanhnghiep@htx.local"
LOGIN_BUSINESS = "4900823451"
TABLES = 10

#: New businesses: (name, kind, province code, contact). Their tax codes are
#: made from a base and stdnum's check digit.
NEW_BUSINESSES = [
    ("Công ty TNHH Nông sản Hữu Lũng", "distributor", 20, "Lăng Văn Phúc"),
    ("Siêu thị Co.op Lạng Sơn", "supermarket", 20, "Hà Thị Thu"),
    ("Công ty CP Thực phẩm Sạch Kinh Bắc", "processor", 24, "Nguyễn Văn Dũng"),
    ("Công ty TNHH Xuất khẩu Nông sản Tân Thanh", "exporter", 20, "Hoàng Thị Lụa"),
    ("Chuỗi cửa hàng Đặc sản Ba Miền", "retailer", 1, "Đặng Quang Huy"),
    ("Công ty CP Dược liệu Mẫu Sơn", "processor", 20, "Lộc Văn Tú"),
    ("Công ty TNHH Trà Việt", "distributor", 1, "Bùi Thị Hằng"),
    ("Nhà hàng Xứ Lạng Quán", "restaurant", 20, "Chu Văn Thành"),
    ("Công ty CP Siêu thị Hà Nội Xanh", "supermarket", 1, "Lê Minh Châu"),
    ("Công ty TNHH Gia vị Hồi Quế Việt Bắc", "exporter", 20, "Mã Thị Hoa"),
    ("Công ty CP Thương mại Điện tử Nông Sản Việt", "retailer", 79, "Phan Văn Lợi"),
    ("Công ty TNHH Chế biến Thực phẩm Đồng Mỏ", "processor", 20, "Tô Văn Nghĩa"),
    ("Công ty CP Phân phối Hàng Việt Thái Nguyên", "distributor", 19, "Dương Thị Yến"),
    ("Khách sạn Mường Thanh Lạng Sơn", "restaurant", 20, "Vũ Đức Anh"),
    ("Công ty TNHH Xuất nhập khẩu Hữu Nghị", "exporter", 20, "Triệu Văn Khánh"),
    ("Công ty CP Nông nghiệp Xanh Bắc Giang", "distributor", 24, "Ngô Thị Lan"),
    ("Chuỗi cà phê Núi Rừng", "restaurant", 1, "Phạm Quốc Việt"),
    ("Công ty TNHH Quà tặng Đặc sản Việt", "retailer", 79, "Trịnh Thu Trang"),
    ("Công ty CP Logistics Cửa khẩu Đồng Đăng", "distributor", 20, "Hoàng Văn Tiến"),
    ("Công ty TNHH Thực phẩm Hữu cơ Sao Mai", "supermarket", 1, "Đinh Thị Mơ"),
]
#: Of the new businesses, those still waiting for approval.
PENDING = {18, 19}


def _tax_code(index: int) -> str:
    base = f"49{index + 7101:07d}"
    return base + mst.calc_check_digit(base)


def _dates(today: datetime.date) -> tuple[datetime.date, datetime.date, datetime.date]:
    """Registration opens, closes, first meeting day: in 2027, at least two
    months ahead, so the demo stays usable."""
    first_day = max(D(2027, 3, 18), today + datetime.timedelta(days=60))
    return (
        today - datetime.timedelta(days=20),
        first_day - datetime.timedelta(days=7),
        first_day,
    )


def demo_matchmaking() -> dict[str, int]:
    """Create the 2027 conference's matchmaking; return its counts."""
    conference, _ = Conference.objects.get_or_create(
        slug=SLUG,
        defaults={
            "name": NAME,
            "start_date": D(2027, 3, 18),
            "place": PLACE,
            "organiser": ORGANISER,
            "description": (
                "Hợp tác xã giới thiệu sản phẩm, doanh nghiệp nêu nhu cầu; hai bên "
                "hẹn gặp trực tiếp tại bàn kết nối và ký biên bản ghi nhớ."
            ),
        },
    )
    event = Event.objects.filter(conference=conference).first()
    if event is None:
        event = _event(conference=conference)
    _login_business()
    return {
        "participants": event.participants.count(),
        "meetings": event.meetings.count(),
    }


def _event(*, conference: Conference) -> Event:
    opens, closes, first_day = _dates(timezone.localdate())
    conference.start_date = first_day
    conference.end_date = first_day + datetime.timedelta(days=1)
    conference.save(update_fields=["start_date", "end_date"])
    event = Event.objects.create(
        conference=conference,
        registration_opens=opens,
        registration_closes=closes,
        slot_minutes=20,
    )
    for n in range(2):
        MeetingDay.objects.create(
            event=event,
            date=first_day + datetime.timedelta(days=n),
            starts_at=datetime.time(8, 0),
            ends_at=datetime.time(11, 40) if n else datetime.time(16, 40),
        )
    Table.objects.bulk_create(
        Table(event=event, name=f"Bàn {n}", position=n) for n in range(1, TABLES + 1)
    )
    rng = random.Random(2027)
    cooperatives = _cooperatives(event=event)
    businesses = _businesses(event=event)
    offers = _offers(cooperatives=cooperatives, rng=rng)
    wants = _wants(businesses=businesses, offers=offers, rng=rng, start=first_day)
    # Written in bulk (no signals): the market's search indexes them here.
    listings_index(kind="offer", ids=[offer.pk for offer in offers])
    listings_index(kind="want", ids=[want.pk for want in wants])
    _meetings(event=event, offers=offers, wants=wants, rng=rng)
    meetings_schedule(event=event)
    _page(conference=conference)
    # The demo writes in bulk (no signals): the public pages are redone.
    versions_bump("matchmaking")
    return event


def _attendees(participant: Participant, names: list[str]) -> None:
    Attendee.objects.bulk_create(
        Attendee(
            participant=participant, full_name=name, phone=participant.contact_phone
        )
        for name in names
    )


def _cooperatives(*, event: Event) -> list[Participant]:
    participants = []
    for cooperative in (
        Cooperative.objects.filter(partner__code__in=list(data.COOPERATIVES))
        .select_related("partner")
        .order_by("pk")
    ):
        contact = cooperative.partner.users.first()
        contact_name = (
            contact.get_full_name()
            if contact and contact.get_full_name()
            else "Ban giám đốc"
        )
        participant = Participant.objects.create(
            event=event,
            partner=cooperative.partner,
            name=cooperative.name,
            summary=f"{cooperative.name} giới thiệu sản phẩm của hợp tác xã.",
            province_code=cooperative.province_code,
            contact_name=contact_name,
            contact_phone="0205 3870 000",
            contact_email=cooperative.email,
            status=ParticipantStatus.APPROVED,
        )
        _attendees(
            participant,
            [
                contact_name,
                f"Cán bộ kinh doanh {cooperative.short_name or cooperative.name}"[:120],
            ],
        )
        participants.append(participant)
    return participants


def _businesses(*, event: Event) -> list[Participant]:
    rows = [
        (tax, name, kind, province, contact)
        for tax, (name, kind, province, contact, _phone) in BUSINESSES.items()
    ] + [
        (_tax_code(n), name, kind, province, contact)
        for n, (name, kind, province, contact) in enumerate(NEW_BUSINESSES)
    ]
    participants = []
    for n, (tax, name, kind, province, contact) in enumerate(rows):
        business, _ = Business.objects.get_or_create(
            tax_code=tax,
            defaults={
                "name": name,
                "kind": kind,
                "province_code": province,
                "contact_name": contact,
            },
        )
        pending = n - len(BUSINESSES) in PENDING
        participant = Participant.objects.create(
            event=event,
            business=business,
            name=business.name,
            summary=f"{business.name} tìm nguồn hàng nông sản, đặc sản vùng cao.",
            province_code=business.province_code,
            contact_name=business.contact_name or contact,
            contact_phone=business.phone or f"0912 {n:03d} {n * 7 % 1000:03d}",
            contact_email=business.email or f"lienhe{n + 1}@doanhnghiep.example",
            status=ParticipantStatus.PENDING if pending else ParticipantStatus.APPROVED,
        )
        _attendees(participant, [participant.contact_name])
        participants.append(participant)
    return participants


def _offers(*, cooperatives: list[Participant], rng: random.Random) -> list[Offer]:
    """Up to three of each cooperative's own catalogue products."""
    records = (
        StockRecord.objects.filter(partner__in=[p.partner_id for p in cooperatives])
        .select_related("product")
        .order_by("partner_id", "pk")
    )
    by_partner: dict[int, list] = {}
    for record in records:
        by_partner.setdefault(record.partner_id, []).append(record)
    offers = []
    for participant in cooperatives:
        for record in by_partner.get(participant.partner_id, [])[:3]:
            price = int(record.price or 50_000)
            season = rng.choice([(None, None), (6, 9), (8, 11), (11, 2)])
            offers.append(
                Offer(
                    participant=participant,
                    product=record.product,
                    monthly_volume=Decimal(rng.choice([200, 500, 1000, 2000])),
                    unit="kg",
                    season_from=season[0],
                    season_until=season[1],
                    price_min=price * 85 // 100,
                    price_max=price,
                )
            )
    return Offer.objects.bulk_create(offers)


def _wants(
    *, businesses: list[Participant], offers: list[Offer], rng, start: datetime.date
) -> list[Want]:
    """One or two requests per business, for goods some cooperative offers."""
    wants = []
    for n, participant in enumerate(businesses):
        for k in range(1 + n % 2):
            offer = offers[(n * 3 + k * 5) % len(offers)]
            deliver_from = start + datetime.timedelta(days=30 * (1 + k))
            wants.append(
                Want(
                    participant=participant,
                    product=offer.product,
                    goods=offer.product.title,
                    monthly_volume=Decimal(rng.choice([100, 300, 500, 800])),
                    unit="kg",
                    deliver_from=deliver_from,
                    deliver_until=deliver_from + datetime.timedelta(days=179),
                    destination_province_code=participant.province_code,
                )
            )
    return Want.objects.bulk_create(wants)


#: The meetings' states, in turn: mostly accepted.
STATES = (
    [MeetingStatus.ACCEPTED] * 6
    + [MeetingStatus.REQUESTED] * 2
    + [MeetingStatus.DECLINED, MeetingStatus.CANCELLED]
)


def _meetings(*, event, offers: list[Offer], wants: list[Want], rng) -> None:
    """Each business with requests asks the cooperatives whose offers match
    (and a cooperative asks a business now and then), in every state."""
    now = timezone.now()
    approved = [w for w in wants if w.participant.status == ParticipantStatus.APPROVED]
    offers_by_product: dict[int, list[Offer]] = {}
    for offer in offers:
        offers_by_product.setdefault(offer.product_id, []).append(offer)
    meetings, pairs = [], set()
    for want in approved:
        candidates = offers_by_product.get(want.product_id, []) + rng.sample(offers, 2)
        for offer in candidates[:3]:
            business, coop = want.participant, offer.participant
            pair = tuple(sorted((business.pk, coop.pk)))
            if pair in pairs:
                continue
            pairs.add(pair)
            state = STATES[len(meetings) % len(STATES)]
            by_coop = len(meetings) % 7 == 3
            meetings.append(
                Meeting(
                    event=event,
                    requester=coop if by_coop else business,
                    invitee=business if by_coop else coop,
                    pair=f"{pair[0]}-{pair[1]}",
                    offer=offer,
                    want=want,
                    message=(
                        f"Chúng tôi quan tâm tới {offer.product.title}; "
                        "xin hẹn gặp để trao đổi về sản lượng và giá."
                    ),
                    status=state,
                    decline_reason="Chưa phù hợp về sản lượng."
                    if state == MeetingStatus.DECLINED
                    else "",
                    responded_at=None if state == MeetingStatus.REQUESTED else now,
                )
            )
    Meeting.objects.bulk_create(meetings)


def _login_business() -> None:
    """The demo business login acts for a business that takes part."""
    user = User.objects.filter(email=LOGIN_EMAIL).first()
    business = Business.objects.filter(tax_code=LOGIN_BUSINESS).first()
    if user is not None and business is not None:
        business.users.add(user)


def _page(*, conference: Conference) -> None:
    """The conference's page on the news site, beside the 2024 one."""
    from cms.models import ConferenceIndexPage, ConferencePage

    index = ConferenceIndexPage.objects.first()
    if index is None or ConferencePage.objects.filter(conference=conference).exists():
        return
    page = ConferencePage(
        slug="ket-noi-cung-cau-san-pham-htx-2027",
        title=conference.name,
        start_date=conference.start_date,
        end_date=conference.end_date,
        place=PLACE,
        organiser=ORGANISER,
        intro=(
            "Hợp tác xã và doanh nghiệp đăng ký tham gia, giới thiệu sản phẩm và nhu "
            "cầu, hẹn gặp trực tiếp tại các bàn kết nối."
        ),
        conference=conference,
    )
    index.add_child(instance=page)
    page.save_revision().publish()
