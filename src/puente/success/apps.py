from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from puente.core.navigation import NavItem
from puente.core.roles import Capability


class SuccessConfig(AppConfig):
    name = "puente.success"
    label = "success"
    verbose_name = _("Student success")
    dashboard_panels = "puente.success.panels.PANELS"
    nav_items = [
        NavItem("success:student_list", _("Students"), capability=Capability.VIEW_STUDENTS, order=40),
        NavItem("success:tutor_list", _("My students this week"), capability=Capability.VIEW_STUDENTS, order=41),
        NavItem("success:case_list", _("Cases"), capability=Capability.VIEW_STUDENTS, order=42),
        NavItem("success:catalogue", _("Services catalogue"), capability=Capability.VIEW_STUDENTS, order=43),
        NavItem("success:outcomes", _("Student outcomes"), capability=Capability.VIEW_AGGREGATES, order=44),
        NavItem("mapa:index", _("Student services"), public=True, order=45),
        NavItem("mapa:my_support", _("My support"), capability=Capability.VIEW_OWN_RECORD, order=46),
    ]
