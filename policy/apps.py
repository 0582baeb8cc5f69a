from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PolicyConfig(AppConfig):
    name = "policy"
    verbose_name = _("นโยบายและตัวชี้วัด")

    def ready(self) -> None:
        from factories.events import factory_facts_changed
        from policy import panels
        from policy.reminders import register_reminders
        from policy.services import scorecards_refresh_on_facts

        panels.register()
        from policy import reports

        reports.register()
        register_reminders()

        # Scorecards are read from the factories' facts: refresh them whenever those change.
        factory_facts_changed.connect(scorecards_refresh_on_facts, dispatch_uid="policy-scorecards")
        connect_dashboards()


def connect_dashboards() -> None:
    """The dashboards' figures count again after the writes that move them
    (``policy.dashboards``, "Freshness")."""
    from django.db.models.signals import post_delete, post_save

    from factories.events import factory_facts_changed
    from factories.models import Factory
    from policy.dashboards import (
        directive_changed,
        facts_changed,
        figures_changed,
        office_figures_changed,
    )
    from policy.models import Directive, KpiTarget, Scorecard

    factory_facts_changed.connect(facts_changed, dispatch_uid="policy-dashboards-facts")
    for signal in (post_save, post_delete):
        for model in (Factory, Scorecard):
            signal.connect(
                office_figures_changed,
                sender=model,
                dispatch_uid=f"policy-dashboards-{model.__name__}-{id(signal)}",
            )
        signal.connect(
            directive_changed,
            sender=Directive,
            dispatch_uid=f"policy-dashboards-directive-{id(signal)}",
        )
        signal.connect(
            figures_changed, sender=KpiTarget, dispatch_uid=f"policy-dashboards-target-{id(signal)}"
        )
