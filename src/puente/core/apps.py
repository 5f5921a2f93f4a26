from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "puente.core"
    label = "core"
    verbose_name = _("Registry and access")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (audit of personal data)
