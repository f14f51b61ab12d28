"""Checkout views: Oscar's, with three payment methods and card by Stripe."""

from django import http
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import generic
from oscar.apps.checkout import signals
from oscar.apps.checkout import views as oscar_views
from oscar.core.loading import get_class

from catalog.address.forms import province_code_for, ward_code_for
from marketplace.core import vn_units
from marketplace.payments import stripe_gateway as gateway
from marketplace.payments.models import CardCheckout

from . import services
from .forms import PaymentMethodForm
from .payment_methods import (
    DEFAULT_PAYMENT_METHOD,
    order_payment_methods,
    payment_method_get,
    payment_methods,
)
from .session import PAYMENT_NS

Repository = get_class("shipping.repository", "Repository")

ShippingMethodView = oscar_views.ShippingMethodView
PaymentMethodView = oscar_views.PaymentMethodView
UserAddressUpdateView = oscar_views.UserAddressUpdateView
UserAddressDeleteView = oscar_views.UserAddressDeleteView


class IndexView(oscar_views.IndexView):
    """Start the checkout at the delivery step, guest or signed in.

    Oscar's gateway asks a guest for an e-mail first; here a guest gives a
    phone number (and, if they like, an e-mail) on the delivery step, which
    links to the login page for buyers who have an account.
    """

    def get(self, request, *args, **kwargs):
        signals.start_checkout.send_robust(sender=self, request=request)
        return self.get_success_response()

    def post(self, request, *args, **kwargs):
        return self.get_success_response()


class ShippingAddressView(oscar_views.ShippingAddressView):
    """Address, delivery and payment on one screen, then the preview.

    There is one shipping method (each cooperative delivers its own lines),
    so it is set here rather than on a page of its own; the payment method
    is a field of the same form, cash on delivery chosen by default.
    """

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["guest"] = not self.request.user.is_authenticated
        return kwargs

    def get_initial(self):
        initial = dict(super().get_initial() or {})
        # Coming back from the preview: the province and commune are kept
        # by name on the address lines; the form chooses them by code.
        if initial.get("line4"):
            province = province_code_for(initial["line4"])
            initial.setdefault("province", province)
            initial.setdefault(
                "ward",
                ward_code_for(province_code=province, ward_name=initial.get("line2")),
            )
        email = self.checkout_session.get_guest_email()
        if email:
            initial["guest_email"] = email
        method = self.checkout_session._get(PAYMENT_NS, "method")
        if payment_method_get(method) is not None:
            initial["payment_method"] = method
        return initial

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        # The order summary beside the form shows each cooperative's fee and
        # the total before the method is stored in the session.
        method = ctx.get("shipping_method") or self._single_shipping_method()
        if method is not None and ctx.get("order_total") is None:
            basket = self.request.basket
            charge = method.calculate(basket)
            ctx.update(
                shipping_method=method,
                shipping_charge=charge,
                order_total=self.get_order_totals(basket, shipping_charge=charge),
            )
        ctx["payment_methods"] = payment_methods()
        return ctx

    def form_valid(self, form):
        if "guest_email" in form.cleaned_data:
            self.checkout_session.set_guest_email(form.cleaned_data["guest_email"])
        self.checkout_session._set(
            PAYMENT_NS, "method", form.cleaned_data["payment_method"]
        )
        return super().form_valid(form)

    def get_success_url(self):
        method = self._single_shipping_method(
            address=self.get_shipping_address(self.request.basket)
        )
        if method is None or payment_method_get(self._payment_code()) is None:
            # Oscar's steps: choose a shipping method, then pay.
            return str(self.success_url)
        self.checkout_session.use_shipping_method(method.code)
        return reverse("checkout:preview")

    def _payment_code(self):
        return self.checkout_session._get(PAYMENT_NS, "method")

    def _single_shipping_method(self, address=None):
        basket = self.request.basket
        if not basket.is_shipping_required():
            return None
        methods = Repository().get_shipping_methods(
            basket=basket,
            user=self.request.user,
            shipping_addr=address,
            request=self.request,
        )
        return methods[0] if len(methods) == 1 else None


class PaymentDetailsView(oscar_views.PaymentDetailsView):
    """Choose a payment method, preview, place the order.

    The chosen method places the order (``payment_handlers``): cash on
    delivery and bank transfer at once; card freezes the basket, creates a
    PaymentIntent for the server-computed total and sends the buyer to the
    card page, and the order is placed when Stripe says the payment
    succeeded.
    """

    def dispatch(self, request, *args, **kwargs):
        # Back from an abandoned card payment: cancel it and thaw the basket
        # (then reload, so the basket middleware finds it open again).
        data = request.session.get("checkout_data", {}).get(PAYMENT_NS, {})
        if request.method == "GET" and not self.preview and data.get("intent"):
            intent_id = data.pop("intent")
            request.session.modified = True
            if not services.card_checkout_abandon(intent_id=intent_id):
                order = CardCheckout.objects.get(payment_intent_id=intent_id).order
                if order is not None:
                    request.session["checkout_order_id"] = order.id
                    return redirect("checkout:thank-you")
            return redirect(request.get_full_path())
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.setdefault(
            "payment_method_form",
            PaymentMethodForm(
                initial={
                    "payment_method": self._method_code() or DEFAULT_PAYMENT_METHOD.code
                }
            ),
        )
        ctx["payment_methods"] = payment_methods()
        ctx["payment_method"] = payment_method_get(self._method_code())
        return ctx

    def _method_code(self):
        return self.checkout_session._get(PAYMENT_NS, "method")

    def handle_payment_details_submission(self, request):
        form = PaymentMethodForm(request.POST)
        if not form.is_valid():
            return self.render_payment_details(request, payment_method_form=form)
        self.checkout_session._set(
            PAYMENT_NS, "method", form.cleaned_data["payment_method"]
        )
        return self.render_preview(request)

    def handle_place_order_submission(self, request):
        method = payment_method_get(self._method_code())
        if method is None:
            messages.error(request, _("Choose how you will pay."))
            return redirect("checkout:payment-details")
        return self.submit(**self.build_submission(payment_kwargs={"method": method}))

    def handle_payment(self, order_number, total, **kwargs):
        kwargs["method"].place(checkout=self, order_number=order_number, total=total)


class _CardMixin:
    def card_checkout(self, request):
        intent_id = request.session.get("checkout_data", {}).get(PAYMENT_NS, {})
        intent_id = intent_id.get("intent")
        if not intent_id:
            return None
        return CardCheckout.objects.filter(payment_intent_id=intent_id).first()

    def forget_intent(self, request):
        request.session.get("checkout_data", {}).get(PAYMENT_NS, {}).pop("intent", None)
        request.session.modified = True

    def order_done(self, request, order):
        request.session.pop("checkout_data", None)
        request.session["checkout_order_id"] = order.id
        return redirect("checkout:thank-you")


class CardPaymentView(_CardMixin, generic.TemplateView):
    """Stripe's Payment Element, loaded from js.stripe.com: no card data here."""

    template_name = "oscar/checkout/card_payment.html"

    def get(self, request, *args, **kwargs):
        checkout = self.card_checkout(request)
        if checkout is None:
            return redirect("checkout:payment-details")
        if checkout.order_id:
            return self.order_done(request, checkout.order)
        if checkout.status != CardCheckout.Status.PENDING:
            return redirect("checkout:payment-details")
        try:
            client_secret = services.card_checkout_client_secret(checkout=checkout)
        except gateway.GatewayError:
            messages.error(request, _("Card payment is not available right now."))
            return redirect("checkout:payment-details")
        return self.render_to_response(
            self.get_context_data(
                checkout=checkout,
                client_secret=client_secret,
                publishable_key=gateway.publishable_key(),
                stripe_js_url=gateway.stripe_js_url(),
                return_url=request.build_absolute_uri(reverse("checkout:card-return")),
            )
        )


class CardReturnView(_CardMixin, generic.View):
    """Where Stripe sends the buyer back: place the order, or give the basket back."""

    def get(self, request, *args, **kwargs):
        checkout = self.card_checkout(request)
        if checkout is None or request.GET.get("payment_intent") not in (
            None,
            checkout.payment_intent_id,
        ):
            return redirect("basket:summary")
        try:
            order = services.card_checkout_complete(
                intent_id=checkout.payment_intent_id
            )
        except gateway.GatewayError:
            messages.error(
                request,
                _("We could not reach the card processor. Please try again."),
            )
            return redirect("checkout:card-pay")
        if order is not None:
            return self.order_done(request, order)
        checkout.refresh_from_db()
        if checkout.status == CardCheckout.Status.FAILED:
            messages.error(
                request,
                _(
                    "Your payment was refunded because the order could not be "
                    "placed: %(error)s"
                )
                % {"error": checkout.error},
            )
            return redirect("basket:summary")
        if not services.card_checkout_abandon(intent_id=checkout.payment_intent_id):
            # Paid after all (the payment went through meanwhile).
            checkout.refresh_from_db()
            if checkout.order_id:
                return self.order_done(request, checkout.order)
        self.forget_intent(request)
        messages.error(
            request,
            _("The card payment did not go through. Nothing was charged."),
        )
        return redirect("checkout:payment-details")


class CardCancelView(_CardMixin, generic.View):
    def post(self, request, *args, **kwargs):
        checkout = self.card_checkout(request)
        if checkout is not None:
            if not services.card_checkout_abandon(intent_id=checkout.payment_intent_id):
                checkout.refresh_from_db()
                if checkout.order_id:
                    return self.order_done(request, checkout.order)
            self.forget_intent(request)
        messages.info(request, _("Card payment cancelled. Your basket is as it was."))
        return redirect("checkout:payment-details")


class ThankYouView(oscar_views.ThankYouView):
    """Oscar's thank-you page, with what the payment method adds to it.

    A bank transfer adds its VietQR code: each method names its partial and
    the context it needs in the payment-method registry.
    """

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        order = ctx["order"]
        if order.user_id is None:
            # Oscar's order-status page asks a guest for the order's e-mail;
            # whoever just placed the order (perhaps with a phone number
            # only, so no e-mail) is let through from this session.
            self.request.session["anon_order_email"] = order.guest_email
        methods = order_payment_methods(order=order)
        for method in methods:
            ctx.update(method.thank_you_context(order=order))
        ctx["payment_thank_you_templates"] = [
            method.thank_you_template for method in methods if method.thank_you_template
        ]
        return ctx


class WardOptionsView(generic.View):
    """The communes and wards of a province, as <option>s for the address form."""

    def get(self, request, *args, **kwargs):
        try:
            province = int(request.GET.get("province", ""))
        except ValueError:
            return http.HttpResponseBadRequest()
        options = [{"value": "", "label": "---------"}] + [
            {"value": code, "label": name}
            for code, name in vn_units.ward_choices(province_code=province)
        ]
        return http.JsonResponse({"options": options})
