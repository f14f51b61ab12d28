"""Alliance staff: bank transfers received, card refunds."""

import secrets

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views import generic
from oscar.core.loading import get_model

from marketplace.core import roles
from marketplace.payments import stripe_gateway as gateway

from .bank_transfers import (
    RECEIVED,
    STATEMENT_MAX_BYTES,
    StatementError,
    bank_statement_match,
    bank_statement_read,
    bank_statement_record,
    bank_transfer_mark_received,
    bank_transfers_pending,
)
from .refunds import RefundError, order_card_refund

Order = get_model("order", "Order")
Partner = get_model("partner", "Partner")

#: Where statement previews wait for their confirm, by token; the last few
#: are kept so that two open tabs both work.
PREVIEWS_SESSION_KEY = "bank_statement_previews"
PREVIEWS_KEPT = 5


class StatementForm(forms.Form):
    statement = forms.FileField(
        label=_("Bank statement (CSV or Excel .xlsx)"),
        help_text=_(
            "As the bank exports it: a column for the amount (Số tiền, Ghi có, "
            "amount, credit) and one for the description holding the order "
            "number (Nội dung, description, reference, memo)."
        ),
    )

    def clean_statement(self):
        """Read the statement; its rows are kept in ``cleaned_data["rows"]``."""
        upload = self.cleaned_data["statement"]
        if upload.size > STATEMENT_MAX_BYTES:
            raise forms.ValidationError(
                _("The statement is larger than %(size)d MB; split it by month.")
                % {"size": STATEMENT_MAX_BYTES // (1024 * 1024)}
            )
        try:
            self.cleaned_data["rows"] = bank_statement_read(content=upload.read())
        except StatementError as error:
            raise forms.ValidationError(str(error)) from None
        return upload


@method_decorator(
    [
        login_required,
        permission_required(roles.RECORD_BANK_TRANSFER, raise_exception=True),
    ],
    name="dispatch",
)
class BankTransfersView(generic.TemplateView):
    template_name = "oscar/checkout/staff_bank_transfers.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["pending"] = bank_transfers_pending()
        ctx.setdefault("form", StatementForm())
        return ctx

    def post(self, request, *args, **kwargs):
        if "order" in request.POST:
            return self._mark_one(request)
        if "confirm" in request.POST:
            return self._confirm(request)
        return self._preview(request)

    def _mark_one(self, request):
        order = get_object_or_404(Order, number=request.POST["order"])
        if bank_transfer_mark_received(
            order=order, amount=order.total_incl_tax, reference=request.user.email
        ):
            messages.success(
                request,
                _("Transfer for order %(number)s marked received.")
                % {"number": order.number},
            )
        else:
            messages.info(
                request,
                _("The transfer for order %(number)s was already received.")
                % {"number": order.number},
            )
        return redirect("checkout:staff-bank-transfers")

    def _preview(self, request):
        """Show what the statement would record; record nothing yet."""
        form = StatementForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        matches = bank_statement_match(rows=form.cleaned_data["rows"])
        planned = [[m.row, m.order_number, m.amount] for m in matches if m.recordable]
        token = ""
        if planned:
            # The plan stays on the server: the confirm sends only its token,
            # so what is recorded is exactly what staff saw.
            token = secrets.token_urlsafe(16)
            previews = request.session.get(PREVIEWS_SESSION_KEY, {})
            previews[token] = {
                "planned": planned,
                "name": form.cleaned_data["statement"].name[:100],
            }
            request.session[PREVIEWS_SESSION_KEY] = dict(
                list(previews.items())[-PREVIEWS_KEPT:]
            )
        return self.render_to_response(
            self.get_context_data(
                preview=matches,
                to_record=len(planned),
                token=token,
                statement_name=form.cleaned_data["statement"].name,
            )
        )

    def _confirm(self, request):
        """Record what a preview planned, once."""
        previews = request.session.get(PREVIEWS_SESSION_KEY, {})
        preview = previews.pop(request.POST["confirm"], None)
        if preview is None:
            messages.warning(
                request,
                _(
                    "This statement was already recorded, or its preview has "
                    "expired: nothing was recorded. Upload it again to see what "
                    "is still waiting."
                ),
            )
            return redirect("checkout:staff-bank-transfers")
        request.session[PREVIEWS_SESSION_KEY] = previews
        results = bank_statement_record(
            planned=[tuple(item) for item in preview["planned"]],
            reference=f"{request.user.email} statement",
        )
        recorded = sum(1 for result in results if result.outcome == RECEIVED)
        messages.success(
            request,
            ngettext(
                "%(count)d transfer recorded as received.",
                "%(count)d transfers recorded as received.",
                recorded,
            )
            % {"count": recorded},
        )
        return self.render_to_response(self.get_context_data(recorded=results))


@method_decorator(
    [login_required, permission_required(roles.REFUND_PAYMENT, raise_exception=True)],
    name="dispatch",
)
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
