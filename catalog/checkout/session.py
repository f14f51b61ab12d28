"""Oscar's checkout session mixin: a guest is reached by phone, not e-mail.

A guest goes from the basket straight to the delivery step, where the phone
number is required and the e-mail optional, as on the big Vietnamese
marketplaces. Oscar asks a guest for an e-mail before anything else; here
that pre-condition is dropped and an order without one keeps a blank
``guest_email``.
"""

from oscar.apps.checkout import session as oscar_session

#: The checkout session's namespace for the payment: the chosen method's code
#: (key "method") and the PaymentIntent of a card payment under way ("intent").
PAYMENT_NS = "payment"


class CheckoutSessionMixin(oscar_session.CheckoutSessionMixin):
    def check_user_email_is_captured(self, request):
        # The delivery address (with its required phone number) identifies a
        # guest; the e-mail is optional and asked on the same step.
        return None

    def build_submission(self, **kwargs):
        submission = super().build_submission(**kwargs)
        order_kwargs = submission["order_kwargs"]
        if order_kwargs.get("guest_email", "") is None:
            # Oscar copies the session's guest e-mail, None when not given;
            # the order's column is a non-null string.
            order_kwargs["guest_email"] = ""
        return submission
