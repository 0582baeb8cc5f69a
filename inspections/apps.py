from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "inspections"
    verbose_name = _("การตรวจ")

    def ready(self) -> None:
        from factories.events import connect_facts
        from inspections.models import Order

        # An order's status and deadline are scored; approvals announce themselves (review).
        connect_facts(Order)
