"""The Content-Security-Policy header, strict by default, widened where needed.

``CONTENT_SECURITY_POLICY`` (settings) is the site's policy: scripts only from
this site or an inline ``<script nonce="{{ request.csp_nonce }}">``, no
plug-ins, no framing by others, forms posting only here. Two kinds of page
need more, and get it here rather than weakening every page:

- the card payment page loads Stripe.js, which frames Stripe's own pages and
  calls Stripe's API (``STRIPE_JS_URL`` / ``STRIPE_API_BASE`` point at a local
  double in tests);
- two staff areas are libraries' own pages with inline scripts and styles
  that a nonce cannot reach: Wagtail's admin (its page editor and history
  views) and Oscar's dashboard (onclick attributes, TinyMCE, its onbodyload
  block). Django's admin needs nothing more and keeps the strict policy.
"""

from urllib.parse import urlsplit

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

from marketplace.payments import stripe_gateway

#: The card payment page (catalog/checkout): the only one that loads Stripe.js.
CARD_PAYMENT_VIEW = "checkout:card-pay"
#: Stripe's origins, as Stripe documents them for its Payment Element.
STRIPE_SCRIPT_SOURCES = ("https://js.stripe.com", "https://*.js.stripe.com")
STRIPE_FRAME_SOURCES = (
    "https://js.stripe.com",
    "https://*.js.stripe.com",
    "https://hooks.stripe.com",
)
STRIPE_CONNECT_SOURCES = ("https://api.stripe.com",)

#: Path prefixes of the libraries' staff pages, and what they add to the policy.
STAFF_PATH_PREFIXES = ("/cms/", "/shop/dashboard/")
STAFF_POLICY_REPLACE = {
    # Both run inline script; a nonce would switch 'unsafe-inline' off, so
    # these pages carry none. Scripts from elsewhere stay refused.
    "script-src": [SELF, UNSAFE_INLINE],
    # Wagtail's editor, Oscar's dashboard and TinyMCE set style attributes.
    "style-src": [SELF, UNSAFE_INLINE],
}


def origin(url: str) -> str:
    """Return the scheme and host of ``url`` ("" for a relative URL)."""
    parts = urlsplit(url or "")
    if not (parts.scheme and parts.netloc):
        return ""
    return f"{parts.scheme}://{parts.netloc}"


def stripe_policy_update() -> dict[str, list[str]]:
    """Return the sources the card payment page adds for Stripe.js."""
    local = [
        o
        for o in (
            origin(getattr(settings, "STRIPE_JS_URL", "")),
            origin(getattr(settings, "STRIPE_API_BASE", "")),
        )
        if o
    ]
    js_origin = origin(stripe_gateway.stripe_js_url())
    return {
        "script-src": list(dict.fromkeys([*STRIPE_SCRIPT_SOURCES, js_origin])),
        "frame-src": list(dict.fromkeys([*STRIPE_FRAME_SOURCES, *local])),
        "connect-src": list(dict.fromkeys([*STRIPE_CONNECT_SOURCES, *local])),
    }


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the card page's and staff areas' additions.

    A view's own ``csp_update`` / ``csp_replace`` decorator still wins over
    these (they are merged only where the view set nothing).
    """

    def get_policy_parts(
        self, request, response, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        if request.path_info.startswith(STAFF_PATH_PREFIXES):
            if parts.replace is None:
                parts.replace = dict(STAFF_POLICY_REPLACE)
            return parts
        match = getattr(request, "resolver_match", None)
        if match is not None and match.view_name == CARD_PAYMENT_VIEW:
            if parts.update is None:
                parts.update = stripe_policy_update()
        return parts
