"""The access matrix: what each role gets from each URL pattern.

Statuses: 200, 403, 404, 405, ``LOGIN`` (a redirect to a login page), or any
other status the page answers with. Each entry builds its URL from objects
the requesting roles do not own (see access_world.py); an entry without
``kwargs`` or ``path`` requests a sampled path (a missing id wherever one goes).
Adding a URL pattern means adding one line here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from tests.marketplace.access_world import (
    ADMIN,
    AGREEMENTS,
    ANONYMOUS,
    BUSINESS_A,
    BUYER,
    COOP_A,
    COOP_B,
    EDITOR,
    FINANCE,
    MODERATOR,
    OTHER_BUYER,
    ROLES,
)

LOGIN = "login"


@dataclass(frozen=True)
class Access:
    #: Role -> status of a GET.
    expect: dict[str, int | str]
    #: world -> the URL's kwargs (reversed by the pattern's name).
    kwargs: Callable | None = None
    #: world -> the whole path (for unnamed or regex patterns).
    path: Callable | None = None
    #: Role -> status of a POST (for POST-only views: the roles kept out).
    post: dict[str, int | str] = field(default_factory=dict)


@dataclass(frozen=True)
class Tree:
    """A third-party admin: every pattern under ``prefix`` keeps ``roles`` out."""

    prefix: str
    #: The roles that must stay out, checked with a GET on every pattern.
    roles: tuple[str, ...]
    #: The roles also checked with a POST on every pattern.
    post_roles: tuple[str, ...]
    #: The statuses an outsider may get (never 200).
    outsiders: frozenset


def everyone(status) -> dict[str, int | str]:
    return {role: status for role in ROLES}


def only(*allowed: str, ok=200, anonymous=LOGIN, others=403) -> dict[str, int | str]:
    """``ok`` for the allowed roles, ``anonymous`` and ``others`` for the rest."""
    return {
        role: ok if role in allowed else anonymous if role == ANONYMOUS else others
        for role in ROLES
    }


def users(status=200) -> dict[str, int | str]:
    """Any logged-in user gets ``status``; anonymous visitors log in first."""
    return {**everyone(status), ANONYMOUS: LOGIN}


def pk(name: str) -> Callable:
    return lambda world: {"pk": getattr(world, name).pk}


STAFF = (EDITOR, MODERATOR, AGREEMENTS, FINANCE, ADMIN)
COOPS = (COOP_A, COOP_B)


def coop_area(**overrides) -> dict[str, int | str]:
    """The cooperative's own area: its staff only; everyone else gets 404."""
    return {**only(*COOPS, others=404), **overrides}


def register(ok=200, **overrides) -> dict[str, int | str]:
    """The agreements register: its staff; other users 404 (as if absent)."""
    return {**only(AGREEMENTS, ADMIN, ok=ok, others=404), **overrides}


def owner(role: str, ok=200, others=404) -> dict[str, int | str]:
    """Only ``role`` reaches the object; other users 404, anonymous logs in."""
    return only(role, ok=ok, others=others)


def agreement(world) -> dict:
    return {"pk": world.agreement.pk}


def event(world) -> dict:
    return {"slug": world.conference.slug}


def event_pk(name: str) -> Callable:
    return lambda world: {"slug": world.conference.slug, "pk": getattr(world, name).pk}


def meeting(world) -> dict:
    return {"slug": world.conference.slug, "pk": world.meeting.pk}


def matchmaking_staff(ok=200) -> dict[str, int | str]:
    """The staff who run a conference's matchmaking; other users 404."""
    return only(AGREEMENTS, ADMIN, ok=ok, others=404)


def order_number(world) -> dict:
    return {"order_number": world.order.number}


#: Refused roles' statuses for a POST to a page of the Finance staff.
FINANCE_POST = {
    ANONYMOUS: LOGIN,
    BUYER: 403,
    COOP_A: 403,
    MODERATOR: 403,
    AGREEMENTS: 403,
}

MATRIX: dict[str, Access] = {
    # --- the site --------------------------------------------------------
    "healthz": Access(everyone(200)),
    "bare": Access(everyone(200)),
    "favicon": Access(everyone(302)),
    "set_language": Access(everyone(302)),
    "sitemap": Access(everyone(200)),
    "robots-txt": Access(everyone(200)),
    "cms-feed-rss": Access(everyone(200)),
    "cms-feed-atom": Access(everyone(200)),
    "cms-category-feed-rss": Access(everyone(404)),
    "cms-category-feed-atom": Access(everyone(404)),
    "media": Access(everyone(404)),
    "wagtail_serve": Access(everyone(200), path=lambda world: "/"),
    "wagtailcore_login": Access(everyone(200)),
    "wagtailcore_authenticate_with_password": Access(everyone(404)),
    "wagtaildocs_serve": Access(everyone(404)),
    "wagtaildocs_authenticate_with_password": Access(everyone(404)),
    # --- payments -----------------------------------------------------------
    # Public by design: Stripe POSTs here; the signature is checked.
    "payments:stripe-webhook": Access(everyone(405)),
    # --- cooperatives ---------------------------------------------------------
    "cooperatives:directory": Access(everyone(200)),
    "cooperatives:register": Access(everyone(200)),
    "cooperatives:label": Access(everyone(200), kwargs=pk("product_a")),
    "cooperatives:detail": Access(
        everyone(200), kwargs=lambda world: {"slug": world.coop_a.slug}
    ),
    "cooperatives:manage": Access(coop_area()),
    "cooperatives:manage-profile": Access(coop_area()),
    "cooperatives:manage-products": Access(coop_area()),
    "cooperatives:manage-product-add": Access(coop_area()),
    "cooperatives:manage-product-lookup": Access(coop_area()),
    "cooperatives:manage-product": Access(
        coop_area(**{COOP_B: 404}), kwargs=pk("product_a")
    ),
    "cooperatives:manage-lines": Access(coop_area()),
    "cooperatives:manage-line": Access(coop_area(**{COOP_B: 404}), kwargs=pk("line")),
    "cooperatives:manage-export": Access(coop_area()),
    "cooperatives:moderation": Access(only(MODERATOR, ADMIN, anonymous=403)),
    "cooperatives:moderation-cooperative": Access(
        only(MODERATOR, ADMIN, anonymous=403), kwargs=pk("coop_b")
    ),
    "cooperatives:moderation-listing": Access(
        only(MODERATOR, ADMIN, anonymous=403), kwargs=pk("listing_a")
    ),
    # --- the store ------------------------------------------------------------
    "home": Access(everyone(200)),
    "shop-home": Access(everyone(200)),
    "product-search": Access(everyone(200)),
    "product-suggestions": Access(everyone(200)),
    "search:search": Access(everyone(200)),
    "catalogue:index": Access(everyone(200)),
    "catalogue:detail": Access(
        everyone(200),
        kwargs=lambda world: {
            "product_slug": world.product_a.slug,
            "pk": world.product_a.pk,
        },
    ),
    "catalogue:category": Access(everyone(404)),
    "catalogue:range": Access(everyone(404)),
    "catalogue:reviews-list": Access(
        everyone(200),
        kwargs=lambda world: {
            "product_slug": world.product_a.slug,
            "product_pk": world.product_a.pk,
        },
    ),
    # The buyer has reviewed the product already.
    "catalogue:reviews-add": Access(
        {**everyone(200), BUYER: 302},
        kwargs=lambda world: {
            "product_slug": world.product_a.slug,
            "product_pk": world.product_a.pk,
        },
    ),
    "catalogue:reviews-detail": Access(
        everyone(200),
        kwargs=lambda world: {
            "product_slug": world.product_a.slug,
            "product_pk": world.product_a.pk,
            "pk": world.review.pk,
        },
    ),
    "catalogue:reviews-vote": Access(
        users(405),
        kwargs=lambda world: {
            "product_slug": world.product_a.slug,
            "product_pk": world.product_a.pk,
            "pk": world.review.pk,
        },
    ),
    "offer:list": Access(everyone(200)),
    "offer:detail": Access(everyone(404)),
    "basket:summary": Access(everyone(200)),
    "basket:add": Access(everyone(405), kwargs=pk("product_a")),
    "basket:vouchers-add": Access(everyone(302)),
    "basket:vouchers-remove": Access(everyone(405)),
    "basket:saved": Access(users(302)),
    # --- checkout (an empty basket is sent back to the basket) ---------------
    "checkout:index": Access(everyone(302)),
    "checkout:shipping-address": Access(everyone(302)),
    "checkout:shipping-method": Access(everyone(302)),
    "checkout:payment-method": Access(everyone(302)),
    "checkout:payment-details": Access(everyone(302)),
    "checkout:preview": Access(everyone(302)),
    "checkout:thank-you": Access(everyone(302)),
    "checkout:card-pay": Access(everyone(302)),
    "checkout:card-return": Access(everyone(302)),
    "checkout:card-cancel": Access(everyone(405)),
    "checkout:ward-options": Access(everyone(400)),
    "checkout:user-address-update": Access(owner(BUYER), kwargs=pk("address")),
    "checkout:user-address-delete": Access(owner(BUYER), kwargs=pk("address")),
    # --- Finance staff --------------------------------------------------------
    "checkout:staff-bank-transfers": Access(only(FINANCE, ADMIN), post=FINANCE_POST),
    "checkout:staff-settlement": Access(only(FINANCE, ADMIN)),
    "checkout:staff-card-refund": Access(
        only(FINANCE, ADMIN, ok=405),
        kwargs=lambda world: {"number": world.order.number},
        post=FINANCE_POST,
    ),
    # --- the buyer's account --------------------------------------------------
    "customer:login": Access({**everyone(302), ANONYMOUS: 200}),
    "customer:register": Access({**everyone(302), ANONYMOUS: 200}),
    "customer:logout": Access(everyone(405)),
    "password-reset": Access({**everyone(403), ANONYMOUS: 200}),
    "password-reset-done": Access({**everyone(403), ANONYMOUS: 200}),
    "password-reset-confirm": Access({**everyone(403), ANONYMOUS: 200}),
    "password-reset-complete": Access({**everyone(403), ANONYMOUS: 200}),
    "customer:summary": Access(users(302)),
    "customer:change-password": Access(users(200)),
    "customer:profile-view": Access(users(200)),
    "customer:profile-update": Access(users(200)),
    "customer:profile-delete": Access(users(200)),
    "customer:order-list": Access(users(200)),
    "customer:order": Access(owner(BUYER), kwargs=order_number),
    # Oscar has no line page for buyers: nobody gets one.
    "customer:order-line": Access(
        everyone(404),
        kwargs=lambda world: {
            "order_number": world.order.number,
            "line_id": world.line.pk,
        },
    ),
    # Oscar asks for the guest's e-mail first (anon-order-form).
    "customer:anon-order": Access(
        everyone(302),
        kwargs=lambda world: {
            "order_number": world.guest_order.number,
            "hash": world.guest_order.verification_hash(),
        },
    ),
    "customer:anon-order-form": Access(everyone(200)),
    "customer:address-list": Access(users(200)),
    "customer:address-create": Access(users(200)),
    "customer:address-detail": Access(owner(BUYER), kwargs=pk("address")),
    "customer:address-delete": Access(owner(BUYER), kwargs=pk("address")),
    "customer:address-change-status": Access(
        owner(BUYER, ok=302),
        kwargs=lambda world: {
            "pk": world.address.pk,
            "action": "default_for_shipping",
        },
    ),
    "customer:email-list": Access(users(200)),
    "customer:email-detail": Access(
        owner(BUYER), kwargs=lambda world: {"email_id": world.email.pk}
    ),
    "shop/accounts/notifications/": Access(everyone(302)),
    "customer:notifications-inbox": Access(users(200)),
    "customer:notifications-archive": Access(users(200)),
    "customer:notifications-update": Access(users(405)),
    "customer:notifications-detail": Access(owner(BUYER), kwargs=pk("notification")),
    "customer:alerts-list": Access(users(200)),
    "customer:alert-create": Access(everyone(302), kwargs=pk("product_b")),
    "customer:alerts-confirm": Access(everyone(404)),
    "customer:alerts-cancel-by-key": Access(everyone(404)),
    "customer:alerts-cancel-by-pk": Access(owner(BUYER, ok=302), kwargs=pk("alert")),
    "customer:wishlists-list": Access(users(200)),
    "customer:wishlists-create": Access(users(200)),
    "customer:wishlists-create-with-product": Access(
        users(200), kwargs=lambda world: {"product_pk": world.product_a.pk}
    ),
    "shop/accounts/wishlists/add/<int:product_pk>/": Access(
        everyone(405),
        post={ANONYMOUS: LOGIN},
        path=lambda world: f"/shop/accounts/wishlists/add/{world.product_a.pk}/",
    ),
    "shop/accounts/wishlists/<str:key>/add/<int:product_pk>/": Access(
        everyone(405),
        post={ANONYMOUS: LOGIN, OTHER_BUYER: 404, COOP_A: 404},
        path=lambda world: (
            f"/shop/accounts/wishlists/{world.wishlist.key}/add/{world.product_b.pk}/"
        ),
    ),
    "customer:wishlists-detail": Access(
        {**owner(BUYER), ANONYMOUS: 404},
        kwargs=lambda world: {"key": world.wishlist.key},
    ),
    "customer:wishlists-update": Access(
        owner(BUYER), kwargs=lambda world: {"key": world.wishlist.key}
    ),
    "customer:wishlists-delete": Access(
        owner(BUYER), kwargs=lambda world: {"key": world.wishlist.key}
    ),
    "shop/accounts/wishlists/<str:key>/lines/<int:line_pk>/delete/": Access(
        owner(BUYER),
        path=lambda world: (
            f"/shop/accounts/wishlists/{world.wishlist.key}"
            f"/lines/{world.wishlist_line.pk}/delete/"
        ),
    ),
    "shop/accounts/wishlists/<str:key>/products/<int:product_pk>/delete/": Access(
        owner(BUYER),
        path=lambda world: (
            f"/shop/accounts/wishlists/{world.wishlist.key}"
            f"/products/{world.product_a.pk}/delete/"
        ),
    ),
    "customer:wishlists-move-product-to-another": Access(
        everyone(405),
        post={ANONYMOUS: LOGIN, OTHER_BUYER: 404, COOP_A: 404},
        kwargs=lambda world: {
            "key": world.wishlist.key,
            "line_pk": world.wishlist_line.pk,
            "to_key": world.other_wishlist.key,
        },
    ),
    # A private wishlist's shared page is its owner's only.
    "wishlists:detail": Access(
        {**everyone(403), BUYER: 200}, kwargs=lambda world: {"key": world.wishlist.key}
    ),
    # --- the agreements register ----------------------------------------------
    "agreements:home": Access(register(**{COOP_A: 302, COOP_B: 302, BUSINESS_A: 302})),
    "agreements:dashboard": Access(register()),
    "agreements:list": Access(register(**{COOP_A: 200, COOP_B: 200, BUSINESS_A: 200})),
    # The list's search boxes: parties to the agreements the user may see.
    "agreements:business-lookup": Access(
        register(**{COOP_A: 200, COOP_B: 200, BUSINESS_A: 200})
    ),
    "agreements:cooperative-lookup": Access(
        register(**{COOP_A: 200, COOP_B: 200, BUSINESS_A: 200})
    ),
    "agreements:export": Access(register()),
    "agreements:create": Access(register()),
    # Business A is a party of the agreement: its staff see it too.
    "agreements:detail": Access(
        register(**{COOP_A: 200, BUSINESS_A: 200}), kwargs=agreement
    ),
    "agreements:edit": Access(register(), kwargs=agreement),
    "agreements:cancel": Access(register(), kwargs=agreement),
    "agreements:reinstate": Access(
        register(ok=405),
        kwargs=agreement,
        post={ANONYMOUS: LOGIN, BUYER: 404, COOP_A: 404, FINANCE: 404},
    ),
    "agreements:delivery-create": Access(register(**{COOP_A: 200}), kwargs=agreement),
    "agreements:difficulty-create": Access(register(), kwargs=agreement),
    "agreements:difficulty-raise": Access(
        register(**{AGREEMENTS: 302, ADMIN: 302, COOP_A: 200, BUSINESS_A: 200}),
        kwargs=agreement,
    ),
    "agreements:pending-reports": Access(register()),
    "agreements:report-verify": Access(
        register(ok=405),
        kwargs=pk("report"),
        post={ANONYMOUS: LOGIN, BUYER: 404, COOP_A: 404, COOP_B: 404, FINANCE: 404},
    ),
    "agreements:report-reject": Access(
        register(ok=405),
        kwargs=pk("report"),
        post={ANONYMOUS: LOGIN, BUYER: 404, COOP_A: 404, COOP_B: 404, FINANCE: 404},
    ),
    "agreements:difficulties": Access(register()),
    "agreements:difficulty-update": Access(register(), kwargs=pk("difficulty")),
    "agreements:follow-ups": Access(register()),
    "agreements:follow-up-close": Access(register(), kwargs=pk("follow_up")),
    "agreements:import": Access(register()),
    "agreements:import-template": Access(register()),
    "agreements:import-job": Access(register(), kwargs=pk("import_job")),
    "agreements:import-status": Access(register(), kwargs=pk("import_job")),
    "agreements:import-confirm": Access(
        register(ok=405),
        kwargs=pk("import_job"),
        post={ANONYMOUS: LOGIN, BUYER: 404, COOP_A: 404, MODERATOR: 404, FINANCE: 404},
    ),
    # --- private files: the owner's cooperative and the staff who need them -------
    # Coop A is the only cooperative party; B, buyers and other staff get 404,
    # anonymous visitors too (no login page that would confirm the file exists).
    "files:agreement-document": Access(
        {**everyone(404), COOP_A: 200, BUSINESS_A: 200, AGREEMENTS: 200, ADMIN: 200},
        kwargs=agreement,
    ),
    "files:delivery-evidence": Access(
        {**everyone(404), COOP_A: 200, BUSINESS_A: 200, AGREEMENTS: 200, ADMIN: 200},
        kwargs=pk("report"),
    ),
    "files:ocop-scan": Access(
        {**everyone(404), COOP_A: 200, MODERATOR: 200, ADMIN: 200},
        kwargs=pk("certificate"),
    ),
    "agreements:conferences": Access(register()),
    "agreements:conference-create": Access(register()),
    "agreements:business-create": Access(register()),
    "agreements:dashboard-conference": Access(
        register(), kwargs=lambda world: {"slug": world.conference.slug}
    ),
    "agreements:conference-print": Access(
        register(), kwargs=lambda world: {"slug": world.conference.slug}
    ),
    "agreements:conference-export": Access(
        register(), kwargs=lambda world: {"slug": world.conference.slug}
    ),
    # --- business accounts (matchmaking/urls/accounts.py) ----------------------
    # A signed-in user without a business is sent to register one.
    "matchmaking:business-home": Access(
        {**everyone(302), ANONYMOUS: LOGIN, BUSINESS_A: 200}
    ),
    "matchmaking:business-register": Access(everyone(200)),
    "matchmaking:business-moderation": Access(only(MODERATOR, ADMIN, others=404)),
    "matchmaking:business-moderation-detail": Access(
        only(MODERATOR, ADMIN, others=404), kwargs=pk("pending_business")
    ),
    "matchmaking:business-logins": Access(
        only(AGREEMENTS, ADMIN, others=404), kwargs=pk("business")
    ),
    # --- matchmaking: participation (matchmaking/urls/participation.py) -------
    # The world's registration window is open today. Cooperative B may still
    # register; A and business A are in already (302 to their profile).
    "matchmaking:conferences": Access(users()),
    "matchmaking:event-home": Access(
        only(COOP_A, COOP_B, BUSINESS_A, AGREEMENTS, ADMIN, others=404), kwargs=event
    ),
    "matchmaking:event-settings": Access(matchmaking_staff(), kwargs=event),
    "matchmaking:participant-register": Access(
        {**only(COOP_B, others=404), COOP_A: 302, BUSINESS_A: 302}, kwargs=event
    ),
    "matchmaking:participant-profile": Access(
        only(COOP_A, BUSINESS_A, others=404), kwargs=event
    ),
    "matchmaking:participants": Access(matchmaking_staff(), kwargs=event),
    "matchmaking:participant-review": Access(
        matchmaking_staff(), kwargs=event_pk("coop_participant")
    ),
    "matchmaking:participant-detail": Access(
        only(COOP_A, BUSINESS_A, AGREEMENTS, ADMIN, others=404),
        kwargs=event_pk("business_participant"),
    ),
    "matchmaking:badges": Access(
        only(COOP_A, AGREEMENTS, ADMIN, others=404), kwargs=event_pk("coop_participant")
    ),
    "matchmaking:market": Access(
        only(COOP_A, BUSINESS_A, AGREEMENTS, ADMIN, others=404), kwargs=event
    ),
    "matchmaking:offer-create": Access(only(COOP_A, others=404), kwargs=event),
    "matchmaking:offer-edit": Access(
        only(COOP_A, others=404), kwargs=event_pk("offer")
    ),
    "matchmaking:offer-delete": Access(
        only(COOP_A, others=404), kwargs=event_pk("offer")
    ),
    "matchmaking:want-create": Access(only(BUSINESS_A, others=404), kwargs=event),
    "matchmaking:want-edit": Access(
        only(BUSINESS_A, others=404), kwargs=event_pk("want")
    ),
    "matchmaking:want-delete": Access(
        only(BUSINESS_A, others=404), kwargs=event_pk("want")
    ),
    "matchmaking:suggestions": Access(
        only(COOP_A, BUSINESS_A, others=404), kwargs=event
    ),
    # --- matchmaking: meetings (matchmaking/urls/meetings.py) -----------------
    # Business A asked cooperative A (world.meeting, accepted and placed);
    # cooperative B takes no part. A participant's own pages: staff who take
    # no part get 404 there; the meeting itself: its two sides and staff.
    "matchmaking:meetings": Access(only(COOP_A, BUSINESS_A, others=404), kwargs=event),
    "matchmaking:agenda": Access(only(COOP_A, BUSINESS_A, others=404), kwargs=event),
    "matchmaking:agenda-ics": Access(
        only(COOP_A, BUSINESS_A, others=404), kwargs=event
    ),
    # Business A sees the form for its own participant; sending it is refused.
    "matchmaking:meeting-request": Access(
        only(COOP_A, BUSINESS_A, others=404),
        kwargs=lambda world: {
            "slug": world.conference.slug,
            "pk": world.business_participant.pk,
        },
    ),
    "matchmaking:meeting-detail": Access(
        only(COOP_A, BUSINESS_A, AGREEMENTS, ADMIN, others=404), kwargs=meeting
    ),
    "matchmaking:meeting-move": Access(
        only(COOP_A, BUSINESS_A, AGREEMENTS, ADMIN, others=404), kwargs=meeting
    ),
    "matchmaking:meeting-respond": Access(
        only(COOP_A, BUSINESS_A, AGREEMENTS, ADMIN, ok=405, others=404),
        kwargs=meeting,
        post={BUYER: 404, COOP_B: 404, EDITOR: 404, ANONYMOUS: LOGIN},
    ),
    "matchmaking:meeting-cancel": Access(
        only(COOP_A, BUSINESS_A, AGREEMENTS, ADMIN, ok=405, others=404),
        kwargs=meeting,
        post={BUYER: 404, COOP_B: 404, ANONYMOUS: LOGIN},
    ),
    "matchmaking:meetings-all": Access(matchmaking_staff(), kwargs=event),
    "matchmaking:setup": Access(matchmaking_staff(), kwargs=event),
    "matchmaking:schedule": Access(matchmaking_staff(), kwargs=event),
    "matchmaking:schedule-status": Access(
        matchmaking_staff(),
        kwargs=lambda world: {
            "slug": world.conference.slug,
            "pk": world.schedule_run.pk,
        },
    ),
    "matchmaking:table-print": Access(
        matchmaking_staff(),
        kwargs=lambda world: {"slug": world.conference.slug, "pk": world.table.pk},
    ),
    # --- matchmaking: the day, outcomes, results (matchmaking/urls/day.py) ----
    "matchmaking:check-in": Access(matchmaking_staff(), kwargs=event),
    "matchmaking:check-in-badge": Access(
        matchmaking_staff(),
        kwargs=lambda world: {
            "slug": world.conference.slug,
            "code": world.attendee.badge_code,
        },
    ),
    "matchmaking:funnel": Access(matchmaking_staff(), kwargs=event),
    "matchmaking:meeting-outcome": Access(
        only(COOP_A, BUSINESS_A, AGREEMENTS, ADMIN, others=404), kwargs=meeting
    ),
    # A draft agreement opened from a meeting: staff mark it signed.
    "agreements:sign": Access(register(), kwargs=pk("draft")),
    # --- the public doors of the admin trees ------------------------------------
    "admin:index": Access(only(ADMIN, others=LOGIN)),
    "admin:login": Access({**everyone(200), ADMIN: 302}),
    # Django's admin sends anyone it refuses to its index (then to log in).
    "admin:logout": Access({**everyone(302), ADMIN: 405}),
    "admin:javascript-catalog": Access(everyone(200)),
    "wagtailadmin_home": Access(only(EDITOR, MODERATOR, ADMIN, others=LOGIN)),
    "wagtailadmin_login": Access(
        {**everyone(200), EDITOR: 302, MODERATOR: 302, ADMIN: 302}
    ),
    "wagtailadmin_logout": Access(only(EDITOR, MODERATOR, ADMIN, ok=405, others=LOGIN)),
    "wagtailadmin_sprite": Access(everyone(200)),
    "wagtailadmin_javascript_catalog": Access(everyone(200)),
    "wagtailadmin_password_reset": Access(everyone(200)),
    "wagtailadmin_password_reset_done": Access(everyone(200)),
    "wagtailadmin_password_reset_confirm": Access(everyone(200)),
    "wagtailadmin_password_reset_complete": Access(everyone(200)),
    # Oscar's dashboard: the admin, and Finance staff for orders (refunds).
    "dashboard:index": Access(only(FINANCE, ADMIN)),
    "dashboard:order-list": Access(only(FINANCE, ADMIN)),
    "dashboard:order-detail": Access(
        only(FINANCE, ADMIN), kwargs=lambda world: {"number": world.order.number}
    ),
    "dashboard:order-line-detail": Access(
        only(FINANCE, ADMIN),
        kwargs=lambda world: {"number": world.order.number, "line_id": world.line.pk},
    ),
    "dashboard:order-stats": Access(only(ADMIN)),
    "dashboard:catalogue-product-list": Access(only(ADMIN)),
    "dashboard:users-index": Access(only(ADMIN)),
    "dashboard:login": Access(everyone(200)),
    "dashboard:logout": Access(everyone(405)),
}

TREES: list[Tree] = [
    # Wagtail's admin: editors, moderators and the admin (wagtailadmin.access_admin).
    Tree(
        prefix="cms/",
        roles=(ANONYMOUS, BUYER, COOP_A, AGREEMENTS, FINANCE),
        post_roles=(ANONYMOUS, AGREEMENTS),
        outsiders=frozenset({LOGIN}),
    ),
    # Django's admin: superusers only.
    Tree(
        prefix="django-admin/",
        roles=(ANONYMOUS, BUYER, COOP_A, EDITOR, MODERATOR, AGREEMENTS, FINANCE),
        post_roles=(ANONYMOUS, MODERATOR),
        outsiders=frozenset({LOGIN}),
    ),
    # Oscar's dashboard: roles.WHOLE_DASHBOARD (superusers), order pages for
    # Finance staff; cooperative staff and everyone else stay out.
    Tree(
        prefix="shop/dashboard/",
        roles=(ANONYMOUS, BUYER, COOP_A, EDITOR, MODERATOR, AGREEMENTS),
        post_roles=(ANONYMOUS, MODERATOR, COOP_A),
        outsiders=frozenset({LOGIN, 403}),
    ),
]
