from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from .navigation import NavItem
from .roles import Capability


class CoreConfig(AppConfig):
    name = "puente.core"
    label = "core"
    verbose_name = _("Registry and access")
    nav_items = [
        NavItem("core:organisation_list", _("Organisations"), public=True, order=10),
        NavItem("core:project_list", _("Projects"), public=True, order=20),
        NavItem("core:country_list", _("Countries"), public=True, order=25),
        NavItem("core:dashboard", _("My dashboard"), order=5),
        NavItem("core:audit_list", _("Audit log"), capability=Capability.VIEW_AUDIT, order=90),
    ]
    dashboard_panels = "puente.core.panels.PANELS"

    def ready(self) -> None:
        from . import checks, signals  # noqa: F401  (deployment checks; audit of personal data)
