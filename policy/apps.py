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
