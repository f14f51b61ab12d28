"""Alliance staff: bank transfers received, card refunds."""

from django import forms
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views import generic
from oscar.core.loading import get_model

from marketplace.payments import stripe_gateway as gateway

from .bank_transfers import (
    bank_statement_match,
    bank_transfer_mark_received,
    bank_transfers_pending,
)
from .refunds import RefundError, order_card_refund

Order = get_model("order", "Order")
Partner = get_model("partner", "Partner")


class StatementForm(forms.Form):
    statement = forms.FileField(
        label=_("Bank statement (CSV)"),
        help_text=_("Columns: amount and description (the order number)."),
    )


@method_decorator(staff_member_required, name="dispatch")
class BankTransfersView(generic.TemplateView):
    template_name = "oscar/checkout/staff_bank_transfers.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["pending"] = bank_transfers_pending()
        ctx.setdefault("form", StatementForm())
        return ctx

    def post(self, request, *args, **kwargs):
        if "order" in request.POST:
            order = get_object_or_404(Order, number=request.POST["order"])
            if bank_transfer_mark_received(
                order=order, amount=order.total_incl_tax, reference=request.user.email
            ):
                messages.success(
                    request,
                    _("Transfer for order %(number)s marked received.")
                    % {"number": order.number},
                )
            return redirect("checkout:staff-bank-transfers")
        form = StatementForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            text = form.cleaned_data["statement"].read().decode("utf-8-sig")
            results = bank_statement_match(csv_text=text)
        except (UnicodeDecodeError, ValueError):
            form.add_error(
                "statement",
                _("Upload a UTF-8 CSV with an amount and a description column."),
            )
            return self.render_to_response(self.get_context_data(form=form))
        return self.render_to_response(self.get_context_data(results=results))


@method_decorator(staff_member_required, name="dispatch")
class CardRefundView(generic.View):
    """Refund a card order in full, or one cooperative's lines (POST partner)."""

    def post(self, request, number):
        order = get_object_or_404(Order, number=number)
        partner = None
        if request.POST.get("partner"):
            partner = get_object_or_404(Partner, pk=request.POST["partner"])
        try:
            amount = order_card_refund(order=order, partner=partner)
        except (RefundError, gateway.GatewayError) as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Refunded %(amount)s ₫ of order %(number)s.")
                % {"amount": f"{amount:,}".replace(",", "."), "number": number},
            )
        return redirect("dashboard:order-detail", number=number)
