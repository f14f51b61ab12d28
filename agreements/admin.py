from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Agreement,
    Business,
    Commitment,
    Conference,
    DeliveryReport,
    Difficulty,
)


@admin.register(Conference)
class ConferenceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "start_date", "place"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Business)
class BusinessAdmin(SimpleHistoryAdmin):
    list_display = ["name", "tax_code", "kind", "province_code"]
    search_fields = ["name", "tax_code"]


class CommitmentInline(admin.TabularInline):
    model = Commitment
    extra = 0
    raw_id_fields = ["product"]


@admin.register(Agreement)
class AgreementAdmin(SimpleHistoryAdmin):
    list_display = ["number", "conference", "signed_on", "kind", "cancelled"]
    list_filter = ["conference", "kind", "cancelled"]
    search_fields = ["number"]
    inlines = [CommitmentInline]


@admin.register(DeliveryReport)
class DeliveryReportAdmin(SimpleHistoryAdmin):
    list_display = ["commitment", "delivered_on", "quantity", "value", "verified_at"]


@admin.register(Difficulty)
class DifficultyAdmin(SimpleHistoryAdmin):
    list_display = ["agreement", "kind", "status", "deadline"]
    list_filter = ["status", "kind"]
