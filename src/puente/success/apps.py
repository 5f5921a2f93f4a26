from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from puente.core.navigation import NavItem
from puente.core.roles import Capability


class SuccessConfig(AppConfig):
    name = "puente.success"
    label = "success"
    verbose_name = _("Student success")
    nav_items = [NavItem("success:student_list", _("Students"), capability=Capability.VIEW_STUDENTS, order=40)]
