import oscar.apps.checkout.apps as apps
from django.urls import path
from oscar.core.loading import get_class


class CheckoutConfig(apps.CheckoutConfig):
    name = "catalog.checkout"

    def ready(self):
        super().ready()
        self.card_pay_view = get_class("checkout.views", "CardPaymentView")
        self.card_return_view = get_class("checkout.views", "CardReturnView")
        self.card_cancel_view = get_class("checkout.views", "CardCancelView")
        self.wards_view = get_class("checkout.views", "WardOptionsView")
        self.bank_transfers_view = get_class(
            "checkout.staff_views", "BankTransfersView"
        )
        self.card_refund_view = get_class("checkout.staff_views", "CardRefundView")
        self.settlement_view = get_class("checkout.settlement_views", "SettlementView")
        # Register what each payment method does with the payment-method
        # registry, and the webhook handler that places paid card orders.
        from . import payment_handlers, services  # noqa: F401

    def get_urls(self):
        urls = super().get_urls()
        urls += self.post_process_urls(
            [
                path("card/", self.card_pay_view.as_view(), name="card-pay"),
                path(
                    "card/return/", self.card_return_view.as_view(), name="card-return"
                ),
                path(
                    "card/cancel/", self.card_cancel_view.as_view(), name="card-cancel"
                ),
                path("wards/", self.wards_view.as_view(), name="ward-options"),
                path(
                    "staff/bank-transfers/",
                    self.bank_transfers_view.as_view(),
                    name="staff-bank-transfers",
                ),
                path(
                    "staff/refund/<str:number>/",
                    self.card_refund_view.as_view(),
                    name="staff-card-refund",
                ),
                path(
                    "staff/settlement/",
                    self.settlement_view.as_view(),
                    name="staff-settlement",
                ),
            ]
        )
        return urls
