from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfficesConfig(AppConfig):
    name = "offices"
    verbose_name = _("สำนักงานและผู้ใช้งาน")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from offices import panels
        from offices.backends import forget_office_people, forget_person
        from offices.models import Office, User

        panels.register()
        for signal in (post_save, post_delete):
            signal.connect(forget_person, sender=User, dispatch_uid="offices.forget_person")
            signal.connect(
                forget_office_people, sender=Office, dispatch_uid="offices.forget_office_people"
            )
