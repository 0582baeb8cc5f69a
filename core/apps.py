from axes.apps import AppConfig as BaseAxesConfig
from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    default = True  # "core" in INSTALLED_APPS; AxesConfig below is named there by its path
    name = "core"
    verbose_name = _("ส่วนกลาง")

    def ready(self) -> None:
        from core import checks  # noqa: F401 (registers the deployment checks)
        from core.thaidates import install_buddhist_era_date_formats
        from core.thaisort import register_sqlite_collation

        connection_created.connect(register_sqlite_collation, dispatch_uid="thai-collation")
        install_buddhist_era_date_formats()


class AxesConfig(BaseAxesConfig):
    """django-axes under a Thai name: its section of the admin lists login attempts and locks."""

    verbose_name = _("การเข้าสู่ระบบ")

    def ready(self) -> None:
        super().ready()
        from core.login_records import name_login_records_in_thai

        name_login_records_in_thai()
