from django.contrib import admin

from .models import CardCheckout, StripeEvent


@admin.register(StripeEvent)
class StripeEventAdmin(admin.ModelAdmin):
    list_display = ["event_id", "type", "received_at", "processed_at"]
    list_filter = ["type"]
    search_fields = ["event_id"]
    readonly_fields = ["event_id", "type", "payload", "received_at", "processed_at"]


@admin.register(CardCheckout)
class CardCheckoutAdmin(admin.ModelAdmin):
    list_display = ["order_number", "payment_intent_id", "amount", "status"]
    list_filter = ["status"]
    search_fields = ["order_number", "payment_intent_id"]
    raw_id_fields = ["basket", "user", "order"]
