from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "inspections"
    verbose_name = _("การตรวจ")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from core.navigation import register_badges
        from inspections.reminders import register_reminders

        register_reminders()
        from factories.events import connect_facts
        from inspections import panels
        from inspections.badges import badges_changed, head_badges
        from inspections.models import FactoryInspection, Order

        panels.register()
        from inspections import reports

        reports.register()
        register_badges("inspections", head_badges)
        for model in (FactoryInspection, Order):
            for signal in (post_save, post_delete):
                signal.connect(
                    badges_changed, sender=model, dispatch_uid=f"badges-{model.__name__}-{signal}"
                )
        post_save.connect(
            inspection_saved, sender=FactoryInspection, dispatch_uid="inspection-saved"
        )
        post_delete.connect(
            inspection_deleted, sender=FactoryInspection, dispatch_uid="inspection-deleted"
        )
        # An order's status and deadline are scored; approvals announce themselves (review).
        connect_facts(Order)


def inspection_saved(sender, instance, **kwargs) -> None:
    """An inspection saved as approved makes its fiscal year the factory's last inspected one
    (leaving "approved" goes through ``inspection_amend``, which works the year out again)."""
    from inspections.models import InspectionStatus
    from inspections.services.facts import factories_last_inspected_refresh

    if instance.status == InspectionStatus.APPROVED:
        factories_last_inspected_refresh([instance.factory_id])


def inspection_deleted(sender, instance, **kwargs) -> None:
    """An inspection deleted (in admin) no longer counts as the factory's last inspection."""
    from factories.events import announce_factory_facts_changed
    from inspections.services.facts import factories_last_inspected_refresh

    factories_last_inspected_refresh([instance.factory_id])
    announce_factory_facts_changed([instance.factory_id], fiscal_years=[instance.fiscal_year])
