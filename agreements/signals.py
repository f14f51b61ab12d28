"""Keep each commitment's cache of verified deliveries in step with its
reports, whoever writes them (services, the admin, data loads).

The receivers only say which lines changed; the figures are recomputed by
``services.commitment_deliveries_refresh``, in the same transaction.
"""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from .models import Agreement, Commitment, DeliveryReport


@receiver(pre_save, sender=DeliveryReport)
def _report_remember_commitment(sender, instance, raw=False, **kwargs) -> None:
    # A report moved to another line leaves its former line stale too.
    instance._previous_commitment_id = None
    if not raw and not instance._state.adding and instance.pk:
        instance._previous_commitment_id = (
            DeliveryReport.objects.filter(pk=instance.pk)
            .values_list("commitment_id", flat=True)
            .first()
        )


@receiver(post_save, sender=DeliveryReport)
@receiver(post_delete, sender=DeliveryReport)
def _report_changed(sender, instance, **kwargs) -> None:
    from .services import commitment_deliveries_refresh

    commitment_deliveries_refresh(
        commitment_ids={
            instance.commitment_id,
            getattr(instance, "_previous_commitment_id", None),
        }
    )


@receiver(post_save, sender=Commitment)
def _commitment_saved(sender, instance, created=False, raw=False, **kwargs) -> None:
    # A line saved from a form (or the admin) writes back the cache it was
    # loaded with; recompute it in case reports changed meanwhile.
    if not created and not raw:
        from .services import commitment_deliveries_refresh

        commitment_deliveries_refresh(commitment_ids=[instance.pk])


@receiver(pre_save, sender=Agreement)
def _agreement_remember_scope(sender, instance, raw=False, **kwargs) -> None:
    # Cancelling, reinstating or moving an agreement to another conference
    # changes the month chart of its conference (and of the former one).
    instance._previous_scope = None
    if not raw and not instance._state.adding and instance.pk:
        instance._previous_scope = (
            Agreement.objects.filter(pk=instance.pk)
            .values_list("conference_id", "cancelled")
            .first()
        )


@receiver(post_save, sender=Agreement)
def _agreement_saved(sender, instance, created=False, raw=False, **kwargs) -> None:
    previous = getattr(instance, "_previous_scope", None)
    if created or raw or previous is None:
        return
    if previous != (instance.conference_id, instance.cancelled):
        from .services import delivery_months_refresh

        delivery_months_refresh(conference_ids={previous[0], instance.conference_id})


@receiver(post_delete, sender=Agreement)
def _agreement_deleted(sender, instance, **kwargs) -> None:
    from .services import delivery_months_refresh

    delivery_months_refresh(conference_ids={instance.conference_id})
