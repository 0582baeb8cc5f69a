from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfficesConfig(AppConfig):
    name = "offices"
    verbose_name = _("สำนักงานและผู้ใช้งาน")

    def ready(self) -> None:
        from offices import panels

        panels.register()
