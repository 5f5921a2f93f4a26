from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from puente.core.navigation import NavItem
from puente.core.roles import Capability


class FrameworksConfig(AppConfig):
    name = "puente.frameworks"
    label = "frameworks"
    verbose_name = _("Qualifications")
    nav_items = [
        NavItem("frameworks:search", _("Qualifications"), public=True, order=20),
        NavItem("frameworks:correlation_workbench", _("Correlation"), capability=Capability.VIEW_AGGREGATES, order=21),
    ]
