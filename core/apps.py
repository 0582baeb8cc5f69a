from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("ส่วนกลาง")

    def ready(self) -> None:
        from core.thaisort import register_sqlite_collation

        connection_created.connect(register_sqlite_collation, dispatch_uid="thai-collation")
