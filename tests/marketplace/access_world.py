"""The data the access matrix walks over: two of everything a role can own.

Every role requests objects it does not own: cooperative A's products, order
lines and agreements (cooperative B's staff must not reach them), buyer 1's
order, addresses and wishlists (buyer 2 must not reach them).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from oscar.core.loading import get_model

from marketplace.core import roles
from tests.factories.agreements import (
    agreement_create,
    business_create,
    conference_create,
    report_create,
)
from tests.factories.cooperatives import (
    certificate_create,
    cooperative_create,
    listed_product_create,
)
from tests.factories.matchmaking import (
    business_user_create,
    event_create,
    meeting_create,
    meeting_place,
    offer_create,
    participant_create,
    slot_at,
    want_create,
)
from tests.factories.orders import order_create
from tests.factories.roles import role_user_create
from tests.factories.uploads import pdf_bytes

ANONYMOUS = "anonymous"
BUYER = "buyer"
OTHER_BUYER = "other buyer"
COOP_A = "cooperative A staff"
COOP_B = "cooperative B staff"
BUSINESS_A = "business A staff"
EDITOR = "editor"
MODERATOR = "moderator"
AGREEMENTS = "agreements staff"
FINANCE = "finance staff"
ADMIN = "admin"

#: Every role the matrix checks, in the order its table lists them.
ROLES = (
    ANONYMOUS,
    BUYER,
    OTHER_BUYER,
    COOP_A,
    COOP_B,
    BUSINESS_A,
    EDITOR,
    MODERATOR,
    AGREEMENTS,
    FINANCE,
    ADMIN,
)

#: A primary key no row has.
MISSING = 987654


@dataclass
class World:
    users: dict[str, object] = field(default_factory=dict)
    objects: dict[str, object] = field(default_factory=dict)

    def __getattr__(self, name):
        try:
            return self.__dict__["objects"][name]
        except KeyError as error:
            raise AttributeError(name) from error


def world_build() -> World:
    """Create the users of every role and the objects they may or may not own."""
    world = World()
    users = world.users
    users[BUYER] = role_user_create(username="buyer1")
    users[OTHER_BUYER] = role_user_create(username="buyer2")
    users[EDITOR] = role_user_create(username="editor", group=roles.EDITORS)
    users[MODERATOR] = role_user_create(username="moderator", group=roles.MODERATORS)
    users[AGREEMENTS] = role_user_create(
        username="agreements", group=roles.AGREEMENTS_STAFF
    )
    users[FINANCE] = role_user_create(username="finance", group=roles.FINANCE_STAFF)
    users[ADMIN] = role_user_create(username="admin", is_superuser=True, is_staff=True)

    objects = world.objects
    coop_staff = Group.objects.get(name=roles.COOPERATIVE_STAFF)
    for role, letter in ((COOP_A, "a"), (COOP_B, "b")):
        cooperative = cooperative_create(
            name=f"HTX {letter.upper()}", slug=f"htx-{letter}"
        )
        user = role_user_create(username=f"coop{letter}")
        user.groups.add(coop_staff)
        cooperative.partner.users.add(user)
        users[role] = user
        objects[f"coop_{letter}"] = cooperative
        objects[f"product_{letter}"] = listed_product_create(
            cooperative=cooperative, title=f"Sản phẩm {letter.upper()}"
        )

    product_a = objects["product_a"]
    objects["listing_a"] = product_a.listing
    order = order_create(user=users[BUYER], product=product_a)
    objects["order"] = order
    objects["line"] = order.lines.get()
    objects["guest_order"] = order_create(
        user=None, product=objects["product_b"], guest_email="khach@example.vn"
    )

    UserAddress = get_model("address", "UserAddress")
    Country = get_model("address", "Country")
    objects["address"] = UserAddress.objects.create(
        user=users[BUYER],
        first_name="Nguyễn Văn An",
        line1="12 Phố Huế",
        country=Country.objects.get(pk="VN"),
    )
    WishList = get_model("wishlists", "WishList")
    wishlist = WishList.objects.create(owner=users[BUYER], name="Quà Tết")
    objects["wishlist"] = wishlist
    objects["wishlist_line"] = wishlist.lines.create(
        product=product_a, title=product_a.title
    )
    objects["other_wishlist"] = WishList.objects.create(
        owner=users[OTHER_BUYER], name="Của người khác"
    )
    Email = get_model("communication", "Email")
    objects["email"] = Email.objects.create(
        user=users[BUYER], email=users[BUYER].email, subject="Đơn hàng", body_text="."
    )
    Notification = get_model("communication", "Notification")
    objects["notification"] = Notification.objects.create(
        recipient=users[BUYER], subject="Thông báo"
    )
    ProductAlert = get_model("customer", "ProductAlert")
    objects["alert"] = ProductAlert.objects.create(
        user=users[BUYER], product=objects["product_b"]
    )
    ProductReview = get_model("reviews", "ProductReview")
    objects["review"] = ProductReview.objects.create(
        product=product_a,
        user=users[BUYER],
        score=5,
        title="Ngon",
        body="Ngon.",
        status=ProductReview.APPROVED,
    )

    conference = conference_create()
    objects["conference"] = conference
    business = business_create(name="Công ty TNHH Nông sản A")
    objects["business"] = business
    users[BUSINESS_A] = business_user_create(business=business, username="businessa")
    agreement = agreement_create(
        partner=objects["coop_a"].partner,
        business=business,
        conference=conference,
    )
    objects["agreement"] = agreement
    objects["report"] = report_create(
        commitment=agreement.commitments.get(),
        delivered_on=datetime.date(2024, 6, 1),
        verified=False,
        user=users[COOP_A],
    )
    Difficulty = get_model("agreements", "Difficulty")
    objects["difficulty"] = Difficulty.objects.create(
        agreement=agreement,
        kind=Difficulty.Kind.choices[0][0],
        description="Khó.",
        raised_on=datetime.date(2024, 6, 2),
    )
    FollowUp = get_model("agreements", "FollowUp")
    objects["follow_up"] = FollowUp.objects.create(
        agreement=agreement,
        kind=FollowUp.Kind.choices[0][0],
        due_on=datetime.date(2024, 7, 1),
    )
    # Private files: coop A's signed document, its evidence, its OCOP scan.
    agreement.document.save("bien-ban.pdf", ContentFile(pdf_bytes()))
    objects["report"].evidence.save("phieu-giao.pdf", ContentFile(pdf_bytes()))
    certificate = certificate_create(product=product_a)
    certificate.scan.save("giay-chung-nhan.pdf", ContentFile(pdf_bytes()))
    objects["certificate"] = certificate
    ImportJob = get_model("agreements", "ImportJob")
    objects["import_job"] = ImportJob.objects.create(
        created_by=users[AGREEMENTS],
        conference=conference,
        file=ContentFile(b"PK", name="hop-dong.xlsx"),
        file_name="hop-dong.xlsx",
    )
    _matchmaking_build(world)
    return world


def _matchmaking_build(world: World) -> None:
    """The conference's matchmaking: cooperative A and business A take part
    (cooperative B does not); business A asked cooperative A for a meeting,
    accepted and placed at a table."""
    from matchmaking.models import MeetingStatus, ScheduleRun

    objects = world.objects
    event = event_create(conference=objects["conference"])
    objects["event"] = event
    coop = participant_create(event=event, partner=objects["coop_a"].partner)
    business = participant_create(event=event, business=objects["business"])
    objects["coop_participant"] = coop
    objects["business_participant"] = business
    objects["attendee"] = coop.attendees.get()
    objects["offer"] = offer_create(participant=coop, product=objects["product_a"])
    objects["want"] = want_create(participant=business, goods="Sản phẩm A")
    table = event.tables.first()
    objects["table"] = table
    meeting = meeting_create(
        requester=business,
        invitee=coop,
        status=MeetingStatus.ACCEPTED,
        offer=objects["offer"],
        want=objects["want"],
    )
    objects["meeting"] = meeting_place(
        meeting, table=table, starts_at=slot_at(event.days.first(), 0, 20)
    )
    objects["schedule_run"] = ScheduleRun.objects.create(
        event=event, created_by=world.users[AGREEMENTS]
    )
    draft = agreement_create(
        partner=objects["coop_a"].partner,
        business=objects["business"],
        conference=objects["conference"],
    )
    draft.is_draft = True
    draft.save(update_fields=["is_draft"])
    objects["draft"] = draft
    objects["pending_business"] = business_create(
        name="Công ty CP Chờ duyệt", status="pending"
    )
