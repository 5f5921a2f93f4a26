from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from puente.core.navigation import NavItem
from puente.core.roles import Capability


class LibConfig(AppConfig):
    name = "puente.lib"
    label = "lib"
    verbose_name = _("Shared tools")
    nav_items = [NavItem("lib:import_list", _("Imports"), capability=Capability.IMPORT_DATA, order=80)]
