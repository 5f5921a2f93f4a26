from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from puente.core.navigation import NavItem
from puente.core.roles import Capability


class LibConfig(AppConfig):
    name = "puente.lib"
    label = "lib"
    verbose_name = _("Shared tools")
    nav_items = [NavItem("lib:import_list", _("Imports"), capability=Capability.IMPORT_DATA, order=80)]

    def ready(self) -> None:
        from django.core import checks

        from .tabular.spec import autodiscover, check_specs

        autodiscover()  # every app's imports.py registers its ImportSpec classes
        checks.register(check_specs)
