from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FactoriesConfig(AppConfig):
    name = "factories"
    verbose_name = _("ทะเบียนโรงงาน")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from factories.events import connect_facts
        from factories.models import (
            Complaint,
            FactoryType,
            FactoryYear,
            GreenIndustryCertificate,
            Loan,
        )
        from factories.reminders import register_reminders
        from factories.reports import register as register_reports
        from factories.selectors import district_choices_clear, filter_choices_clear
        from offices.models import District, Office

        for model in (Office, FactoryType):
            for signal in (post_save, post_delete):
                signal.connect(
                    filter_choices_clear,
                    sender=model,
                    dispatch_uid=f"filters-{model.__name__}-{signal}",
                )
        for signal in (post_save, post_delete):
            signal.connect(
                district_choices_clear, sender=District, dispatch_uid=f"filters-District-{signal}"
            )
        # What a factory's MIND scores and figures are read from (a loan's follow-ups change
        # the loan's status, which saves the loan).
        connect_facts(GreenIndustryCertificate, Complaint, Loan, FactoryYear)
        register_reminders()
        register_reports()
