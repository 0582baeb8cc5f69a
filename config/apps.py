from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectConfig(AppConfig):
    """The project itself, above every app: the commands that span them all (the demo data,
    the page benchmarks) live here, so that no app has to reach above its layer for them."""

    name = "config"
    label = "project"
    verbose_name = _("ระบบตรวจราชการ")
