from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from puente.core.navigation import NavItem


class ProgrammesConfig(AppConfig):
    name = "puente.programmes"
    label = "programmes"
    verbose_name = _("Programmes")
    dashboard_panels = "puente.programmes.panels.PANELS"
    nav_items = [NavItem("programmes:programme_list", _("Programmes"), public=True, order=30)]
