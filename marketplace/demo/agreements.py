"""Demo of the agreements register: the Lạng Sơn 2024 connection conference.

28 agreements between the demo cooperatives and plausible businesses, in
every state (completed, on track, behind, expired unfulfilled, not started,
cancelled), with deliveries (some awaiting verification), a schedule on some,
difficulties and follow-ups. Idempotent: an agreement that exists (by number)
is left as it is.
"""

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone
from oscar.core.loading import get_model

from agreements.models import (
    Agreement,
    AgreementParty,
    Business,
    Commitment,
    Conference,
    DeliveryReport,
    Difficulty,
    FollowUp,
    Milestone,
)
from agreements.services import delivery_reports_bulk_create, follow_ups_schedule

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
User = get_user_model()

D = datetime.date
CONFERENCE = {
    "slug": "ket-noi-tieu-thu-san-pham-htx-lang-son-2024",
    "name": "Hội nghị gặp mặt, kết nối tiêu thụ sản phẩm của các hợp tác xã năm 2024",
    "start_date": D(2024, 4, 25),
    "end_date": D(2024, 4, 25),
    "place": "Trung tâm Hội nghị tỉnh, thành phố Lạng Sơn",
    "organiser": "UBND tỉnh Lạng Sơn; Liên minh Hợp tác xã tỉnh",
    "description": (
        "Hội nghị gặp mặt, tôn vinh và kết nối tiêu thụ sản phẩm của các hợp tác xã "
        "tỉnh Lạng Sơn với doanh nghiệp phân phối, siêu thị, nhà hàng và doanh "
        "nghiệp chế biến, xuất khẩu."
    ),
}

#: tax code -> (name, kind, province code, contact, phone)
BUSINESSES = {
    "4900823451": (
        "Công ty CP Thương mại Kỳ Lừa",
        "distributor",
        20,
        "Hoàng Văn Hải",
        "0205 3871 234",
    ),
    "0108765432": (
        "Công ty TNHH Nông sản sạch Thủ Đô",
        "distributor",
        1,
        "Nguyễn Thị Mai",
        "024 3765 4321",
    ),
    "0109988776": (
        "Chuỗi siêu thị Xanh Việt",
        "supermarket",
        1,
        "Trần Quốc Tuấn",
        "024 3999 8877",
    ),
    "0312345678": (
        "Công ty CP Phân phối Đặc sản Vùng miền",
        "distributor",
        79,
        "Lê Thanh Bình",
        "028 3823 4567",
    ),
    "4900654321": (
        "Công ty TNHH Chế biến Nông lâm sản Xứ Lạng",
        "processor",
        20,
        "Vi Văn Thắng",
        "0205 3812 345",
    ),
    "4900112233": (
        "Công ty CP Xuất nhập khẩu Đồng Đăng",
        "exporter",
        20,
        "Lương Thị Hoa",
        "0205 3851 222",
    ),
    "0107766554": (
        "Hệ thống nhà hàng Ẩm thực Vùng cao",
        "restaurant",
        1,
        "Phạm Minh Đức",
        "024 3555 6677",
    ),
    "2400556677": (
        "Công ty TNHH Vật tư Nông nghiệp Kinh Bắc",
        "supplier",
        24,
        "Đỗ Văn Long",
        "0204 3766 888",
    ),
    "0315566778": (
        "Công ty TNHH Thương mại điện tử Chợ Quê",
        "retailer",
        79,
        "Võ Thị Ngọc",
        "028 3911 2233",
    ),
    "4900998877": (
        "Công ty CP Du lịch và Dịch vụ Mẫu Sơn",
        "restaurant",
        20,
        "Nông Văn Bảo",
        "0205 3866 999",
    ),
}

#: (cooperative code, product upc or None, goods, unit, unit price)
GOODS = [
    ("htx-dong-banh", "LS-NA-01", "", "kg", 45_000),
    ("htx-dong-banh", "LS-NA-04", "", "hộp", 70_000),
    ("htx-quang-lac", "LS-MO-01", "", "chai", 300_000),
    ("htx-che-duoi-tan-hoi", "LS-CH-01", "", "hộp", 200_000),
    ("htx-che-duoi-tan-hoi", "LS-CH-02", "", "gói", 130_000),
    ("htx-quyt-bac-son", "LS-QV-01", "", "kg", 35_000),
    ("htx-quyt-bac-son", "LS-QV-03", "", "kg", 32_000),
    ("htx-hoi-van-quan", "LS-TD-01", "", "chai", 260_000),
    ("htx-hoi-van-quan", "LS-TD-02", "", "kg", 150_000),
    ("htx-thach-den-trang-dinh", "LS-TH-01", "", "kg", 55_000),
    ("htx-thach-den-trang-dinh", "LS-TH-02", "", "gói", 90_000),
    ("htx-hoang-trung", "LS-HT-01", "", "kg", 60_000),
    ("htx-hoang-trung", "LS-HT-03", "", "kg", 180_000),
    ("htx-hoang-trung", None, "Lợn đen thương phẩm", "kg", 95_000),
    ("htx-quyt-bac-son", None, "Phân bón hữu cơ vi sinh (đầu vào)", "tấn", 6_500_000),
]

#: The state each agreement is built to show, in order; 28 agreements.
PLAN = (
    ["completed"] * 5
    + ["on_track"] * 6
    + ["behind"] * 7
    + ["expired"] * 4
    + ["not_started"] * 3
    + ["cancelled"] * 2
    + ["scheduled"] * 1
)

DIFFICULTIES = [
    (
        "logistics",
        "Thiếu xe bảo ôn để vận chuyển hàng tươi đi Hà Nội.",
        "Sở Công Thương",
        "in_progress",
    ),
    (
        "price",
        "Giá thu mua thấp hơn giá thị trường lúc thu hoạch; HTX đề nghị điều chỉnh.",
        "Liên minh HTX tỉnh",
        "open",
    ),
    (
        "quality",
        "Doanh nghiệp yêu cầu chứng nhận VietGAP cho lô hàng tiếp theo.",
        "Sở Nông nghiệp và Môi trường",
        "open",
    ),
    (
        "capital",
        "HTX thiếu vốn lưu động để thu mua của thành viên.",
        "Quỹ hỗ trợ phát triển HTX tỉnh",
        "resolved",
    ),
    ("output", "Sản lượng giảm do mưa đá cuối mùa.", "UBND xã", "in_progress"),
    (
        "paperwork",
        "Chưa có mã số vùng trồng để xuất khẩu.",
        "Sở Nông nghiệp và Môi trường",
        "open",
    ),
    (
        "logistics",
        "Thủ tục thông quan tại cửa khẩu kéo dài.",
        "Ban Quản lý Khu kinh tế cửa khẩu",
        "resolved",
    ),
    ("price", "Doanh nghiệp chậm thanh toán đợt 2.", "Liên minh HTX tỉnh", "open"),
]


def demo_agreements(*, partners: dict) -> int:
    """Create the conference and its agreements; return the agreements' count."""
    conference, _ = Conference.objects.get_or_create(
        slug=CONFERENCE["slug"],
        defaults={k: v for k, v in CONFERENCE.items() if k != "slug"},
    )
    businesses = {}
    for tax_code, (name, kind, province, contact, phone) in BUSINESSES.items():
        businesses[tax_code], _ = Business.objects.get_or_create(
            tax_code=tax_code,
            defaults={
                "name": name,
                "kind": kind,
                "province_code": province,
                "contact_name": contact,
                "phone": phone,
            },
        )
    staff = User.objects.filter(email="agreements@htx.local").first()
    coop_users = {code: partner.users.first() for code, partner in partners.items()}
    products = {p.upc: p for p in Product.objects.filter(upc__startswith="LS-")}
    rng = random.Random(2024)
    tax_codes = list(BUSINESSES)
    for index, state in enumerate(PLAN, start=1):
        number = f"{index:02d}/2024/BBTT-HNKN"
        if Agreement.objects.filter(number=number).exists():
            continue
        goods = GOODS[index % len(GOODS)]
        extra = GOODS[(index * 7) % len(GOODS)] if index % 4 == 0 else None
        _agreement_create(
            number=number,
            state=state,
            index=index,
            conference=conference,
            partners=partners,
            business=businesses[tax_codes[index % len(tax_codes)]],
            lines=[goods]
            + ([extra] if extra and extra[0] == goods[0] and extra != goods else []),
            products=products,
            staff=staff,
            coop_users=coop_users,
            rng=rng,
        )
    return Agreement.objects.filter(conference=conference).count()


def _agreement_create(
    *,
    number,
    state,
    index,
    conference,
    partners,
    business,
    lines,
    products,
    staff,
    coop_users,
    rng,
) -> None:
    signed = conference.start_date
    long_term = state in {"on_track", "behind", "not_started", "scheduled", "cancelled"}
    valid_until = D(2027, 12, 31) if long_term else D(2025, 12, 31)
    if state == "completed":
        valid_until = D(2025, 6, 30)
    partner = partners[lines[0][0]]
    kind = (
        Agreement.Kind.INPUTS
        if "đầu vào" in lines[0][2]
        else [
            Agreement.Kind.PURCHASE,
            Agreement.Kind.DISTRIBUTION,
            Agreement.Kind.LINKAGE,
        ][index % 3]
    )
    agreement = Agreement.objects.create(
        number=number,
        conference=conference,
        signed_on=signed,
        kind=kind,
        valid_from=D(2024, 5, 1),
        valid_until=valid_until,
        staff_in_charge=staff,
        cancelled=state == "cancelled",
        cancel_reason=(
            "Doanh nghiệp thay đổi chiến lược kinh doanh, hai bên thống nhất chấm dứt."
            if state == "cancelled"
            else ""
        ),
    )
    AgreementParty.objects.create(
        agreement=agreement,
        partner=partner,
        role=AgreementParty.Role.BUYER
        if kind == Agreement.Kind.INPUTS
        else AgreementParty.Role.SUPPLIER,
    )
    AgreementParty.objects.create(
        agreement=agreement,
        business=business,
        role=AgreementParty.Role.SUPPLIER
        if kind == Agreement.Kind.INPUTS
        else AgreementParty.Role.BUYER,
    )
    today = timezone.localdate()
    for code, upc, goods, unit, price in lines:
        quantity = Decimal(rng.choice([200, 500, 800, 1000, 2000, 3000]))
        if unit == "tấn":
            quantity = Decimal(rng.choice([20, 40, 60]))
        start, end = {
            "completed": (D(2024, 5, 1), D(2024, 12, 31)),
            "expired": (D(2024, 6, 1), D(2025, 12, 31)),
            "not_started": (D(2027, 1, 1), D(2027, 12, 31)),
        }.get(state, (D(2024, 6, 1), D(2027, 6, 30)))
        line = Commitment.objects.create(
            agreement=agreement,
            partner=partners[code],
            product=products.get(upc) if upc else None,
            goods=goods,
            unit=unit,
            quantity=quantity,
            value=int(quantity * price),
            period_start=start,
            period_end=end,
        )
        share = {
            "completed": 1.0,
            "on_track": 0.85,
            "behind": rng.choice([0.15, 0.25, 0.35]),
            "expired": rng.choice([0.4, 0.6, 0.75]),
            "cancelled": 0.1,
            "scheduled": 0.5,
        }.get(state, 0.0)
        _deliveries(
            line=line,
            share=share,
            until=min(end, today),
            rng=rng,
            staff=staff,
            coop_user=coop_users.get(code),
            pending=state in {"on_track", "behind"} and index % 2 == 0,
        )
    if state == "scheduled":
        for due_on, pct in [
            (D(2024, 12, 31), 25),
            (D(2025, 12, 31), 50),
            (D(2026, 12, 31), 80),
            (D(2027, 6, 30), 100),
        ]:
            Milestone.objects.create(
                agreement=agreement,
                due_on=due_on,
                share=pct,
                note="Theo phụ lục tiến độ",
            )
    follow_ups_schedule(agreement=agreement)
    for follow_up in agreement.follow_ups.filter(due_on__lt=D(2025, 1, 1)):
        FollowUp.objects.filter(pk=follow_up.pk).update(
            closed_on=follow_up.due_on + datetime.timedelta(days=3),
            closed_by=staff,
            outcome="Đã làm việc với hai bên; hợp tác xã giao hàng theo kế hoạch.",
        )
    if index % 3 == 0 or state == "expired":
        kind, text, agency, status = DIFFICULTIES[index % len(DIFFICULTIES)]
        Difficulty.objects.create(
            agreement=agreement,
            kind=kind,
            description=text,
            agency=agency,
            deadline=D(2025, 3, 31) if index % 2 else D(2027, 3, 31),
            status=status,
            assignee=staff,
            raised_by=staff,
            raised_on=D(2024, 9, 15),
            resolution="Đã tháo gỡ; hai bên tiếp tục thực hiện."
            if status == "resolved"
            else "",
            resolved_on=D(2024, 11, 20) if status == "resolved" else None,
        )


def _deliveries(*, line, share, until, rng, staff, coop_user, pending) -> None:
    """Spread ``share`` of the line over monthly deliveries up to ``until``."""
    if share <= 0 or until < line.period_start:
        return
    months = []
    day = line.period_start.replace(day=15)
    while day <= until:
        months.append(day)
        day = (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=15)
    if not months:
        return
    count = min(len(months), rng.choice([3, 4, 6, 8]))
    picked = months[:: max(1, len(months) // count)][:count]
    total_qty = (line.quantity * Decimal(str(share))).quantize(Decimal("1"))
    total_value = int(line.value * share)
    now = timezone.now()
    reports = []
    for n, day in enumerate(picked):
        last = n == len(picked) - 1
        qty = (
            (total_qty - sum(r.quantity for r in reports))
            if last
            else (total_qty / len(picked)).quantize(Decimal("1"))
        )
        value = (
            (total_value - sum(r.value for r in reports))
            if last
            else total_value // len(picked)
        )
        if qty <= 0 or value <= 0:
            continue
        reports.append(
            DeliveryReport(
                commitment=line,
                delivered_on=day,
                quantity=qty,
                unit=line.unit,
                value=value,
                reported_by=staff,
                verified_by=staff,
                verified_at=now,
                note="Phiếu xuất kho kèm hóa đơn",
            )
        )
    delivery_reports_bulk_create(reports=reports)
    if pending and coop_user is not None and until >= line.period_start:
        DeliveryReport.objects.create(
            commitment=line,
            delivered_on=until - datetime.timedelta(days=5),
            unit=line.unit,
            quantity=max(Decimal(1), (line.quantity / 20).quantize(Decimal("1"))),
            value=max(1, line.value // 20),
            reported_by=coop_user,
            note="HTX báo cáo, chờ Liên minh xác nhận",
        )
