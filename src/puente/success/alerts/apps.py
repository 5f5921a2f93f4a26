from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from puente.core.navigation import NavItem
from puente.core.roles import Capability


class AlertsConfig(AppConfig):
    """Early alerts live inside ``success`` but are their own Django app (label ``alerts``) so the
    model-training code and its tables evolve without touching the case-management migrations."""

    name = "puente.success.alerts"
    label = "alerts"
    verbose_name = _("Early alerts")
    nav_items = [NavItem("alerts:release_list", _("Early-alert models"), capability=Capability.VIEW_STUDENTS, order=46)]
    scheduled_jobs = "puente.success.alerts.schedule.JOBS"
